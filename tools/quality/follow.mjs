// Open a page, follow each link whose URL matches a pattern, and report where each one lands:
// the link text and the text of the element its fragment points at.
// Usage: node follow.mjs BASE_URL PAGE PATTERN   Prints a JSON list.
import { launch } from './browser.mjs';

const [base, start, pattern] = process.argv.slice(2);
const wanted = new RegExp(pattern);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(new URL(start, base).href, { waitUntil: 'load' });
  const links = await page.$$eval('article a[href]', (as) =>
    as.map((a) => ({ text: a.textContent.trim(), href: a.href })));
  const out = [];
  const seen = new Set();
  for (const link of links.filter((l) => wanted.test(l.href))) {
    if (seen.has(link.href)) continue;
    seen.add(link.href);
    await page.goto(link.href, { waitUntil: 'load' });
    const landed = await page.evaluate(() => {
      const id = decodeURIComponent(location.hash.slice(1));
      const el = id ? document.getElementById(id) : null;
      if (!el) return null;
      const block = el.closest('section, dl, div') || el;
      return block.textContent.replace(/\s+/g, ' ').trim().slice(0, 400);
    });
    out.push({ ...link, landed });
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await browser.close();
}
