// Where the reading starts: how far down a page the first sentence of analysis is.
// Usage: node layout.mjs BASE_URL WIDTH HEIGHT PAGE[#ANCHOR]=SELECTOR ...
// For each page, loads it at WIDTH x HEIGHT (scrolled to ANCHOR if given), finds the
// first element matching SELECTOR and prints JSON [{page, selector, top, text}], where
// top is the element's top in CSS pixels from the top of the page, or from the anchor's
// heading when an anchor is given (as a reader landing on it from a link sees it).
// SELECTOR may be after:TEXT, the paragraph after the rubric or heading reading TEXT.
// Optional env SCREENSHOTS=DIR saves a full-page PNG of each.
import { launch } from './browser.mjs';

const [base, width, height, ...targets] = process.argv.slice(2);
const browser = await launch();
const out = [];
try {
  const page = await browser.newPage();
  await page.setViewport({ width: Number(width), height: Number(height) });
  for (const target of targets) {
    const [where, selector] = target.split('=');
    const [path, anchor] = where.split('#');
    await page.goto(new URL(path, base).href, { waitUntil: 'load' });
    const found = await page.evaluate((selector, anchor) => {
      const origin = anchor ? document.getElementById(anchor) : null;
      if (anchor && !origin) return { error: `no element #${anchor}` };
      const scope = origin || document;
      // "after:TEXT": the element after the rubric (or heading) reading TEXT.
      let el;
      if (selector.startsWith('after:')) {
        const label = selector.slice(6);
        const marks = [...scope.querySelectorAll('p.rubric, h2, h3, h4')];
        const mark = marks.find((m) => m.textContent.replace(/\u00b6/g, '').trim() === label);
        el = mark && (mark.tagName === 'P' ? mark.nextElementSibling : mark.parentElement.querySelector('p'));
      } else {
        el = scope.querySelector(selector);
      }
      if (!el) return { error: `no ${selector}` };
      const top = el.getBoundingClientRect().top + window.scrollY;
      const start = origin ? origin.getBoundingClientRect().top + window.scrollY : 0;
      // The page's sticky header covers the top of the window when landing on an anchor.
      const header = document.querySelector('.mobile-header');
      const covered = origin && header && getComputedStyle(header).display !== 'none'
        ? header.getBoundingClientRect().height : 0;
      return { top: Math.round(top - start + covered), text: el.textContent.trim().slice(0, 60) };
    }, selector, anchor || null);
    if (process.env.SCREENSHOTS) {
      const name = `${where.replace(/[^a-z0-9]+/gi, '-')}-${width}.png`;
      await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}`, fullPage: false });
    }
    out.push({ page: where, selector, ...found });
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await browser.close();
}
