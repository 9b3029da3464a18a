// Run many queries through the built site's search page and report what each lists.
// Usage: node search-site.mjs BASE_URL QUERIES_JSON
//   BASE_URL: the site's root (http://... or file:///.../html/); QUERIES_JSON: a JSON list of
//   queries. Prints a JSON object: query -> list of {text, href, descr, snippet, marked}, in the
//   order the page shows them (descr: the text after the link; marked: the highlighted words).
import { readFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const [base, file] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(file, 'utf8'));
const browser = await launch();
const out = {};
try {
  const page = await browser.newPage();
  for (const query of queries) {
    const url = new URL('search.html', base);
    url.searchParams.set('q', query);
    await page.goto(url.href, { waitUntil: 'load' });
    // searchtools writes the summary line once every result is listed.
    await page.waitForFunction(
      () => {
        const status = document.querySelector('#search-results p.search-summary');
        return status && status.textContent.trim();
      },
      { timeout: 30000 },
    );
    // Snippets are fetched after the list is shown (over http only); give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 150));
    out[query] = await page.$$eval('#search-results ul.search > li', (items) =>
      items.map((li) => {
        const a = li.querySelector('a');
        const span = li.querySelector(':scope > span');
        const p = li.querySelector('p.context');
        return {
          text: a ? a.textContent.trim() : '',
          href: a ? a.href : '',
          descr: span ? span.textContent.trim() : '',
          snippet: p ? p.textContent.trim() : '',
          marked: [...li.querySelectorAll('.highlighted')].map((m) => m.textContent),
        };
      }));
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await browser.close();
}
