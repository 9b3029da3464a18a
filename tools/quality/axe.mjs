// Run axe-core on pages of a served site at a desktop and a mobile width.
// Usage: node axe.mjs BASE_URL PAGE [PAGE...]   Prints a JSON list of violations.
import { readFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const [base, ...pages] = process.argv.slice(2);
const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const WIDTHS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];

const browser = await launch();
const found = [];
try {
  for (const viewport of WIDTHS) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    for (const path of pages) {
      await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations) {
        found.push({
          page: path, width: viewport.width, id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        });
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(found));
