// Use the built site's own search box as a reader would, and report the results.
// Usage: node search.mjs BASE_URL QUERY   Prints a JSON list of {text, href} results.
import { launch } from './browser.mjs';

const [base, query] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(new URL('index.html', base).href, { waitUntil: 'load' });
  const box = await page.$('input[name="q"]');
  if (!box) throw new Error('no search box on the front page');
  await page.evaluate(() => { const b = document.querySelector('input[name="q"]'); b.focus(); });
  await page.type('input[name="q"]', query);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  // Sphinx's searchtools fills ul.search and then writes a summary paragraph.
  await page.waitForFunction(
    () => document.querySelector('#search-results p.search-summary, #search-results .search-summary'),
    { timeout: 30000 },
  );
  const results = await page.$$eval('#search-results ul.search li a', (links) =>
    links.map((a) => ({ text: a.textContent.trim(), href: a.href })));
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
