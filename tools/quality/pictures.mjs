// Check the pictures drawn from the data, and the hover previews, in headless Chromium.
// Usage: node pictures.mjs BASE_URL [SCREENSHOT_DIR]
// Prints JSON: {overflow: [...], pictures: [...], card: {...}, quiz: N}.
//   overflow  every page and width where the page or a picture is wider than the window
//   pictures  each picture on the pages with its kind and its alt text (empty if none)
//   card      what the preview card did on hover, on keyboard focus and on Escape
//   quiz      how many links on the quiz page carry a preview (should be none)
// With SCREENSHOT_DIR, also saves a PNG of every picture at both widths, light and dark.
import { launch } from './browser.mjs';

const [base, shots] = process.argv.slice(2);
const PAGES = ['index.html', 'plot/index.html', 'themes/index.html', 'characters/index.html',
  'places.html'];
const WIDTHS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
const SCHEMES = shots ? ['light', 'dark'] : ['light'];

const browser = await launch();
const out = { overflow: [], pictures: [], card: {}, quiz: null };
try {
  const page = await browser.newPage();
  for (const viewport of WIDTHS) {
    await page.setViewport(viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const path of PAGES) {
        await page.goto(new URL(path, base).href, { waitUntil: 'load' });
        const found = await page.evaluate(() => {
          const root = document.documentElement;
          const wide = [];
          if (root.scrollWidth > root.clientWidth) {
            wide.push({ element: 'page', scrollWidth: root.scrollWidth, clientWidth: root.clientWidth });
          }
          for (const el of document.querySelectorAll('.film-picture, .film-grid')) {
            if (el.scrollWidth > el.clientWidth + 1) {
              wide.push({ element: el.className, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
            }
            const box = el.getBoundingClientRect();
            if (box.right > root.clientWidth + 1) {
              wide.push({ element: el.className, right: box.right, clientWidth: root.clientWidth });
            }
          }
          const pictures = [];
          for (const figure of document.querySelectorAll('figure.film-picture')) {
            const caption = figure.querySelector('figcaption');
            const graph = figure.querySelector('object, img');
            const grid = figure.querySelector('.film-grid');
            pictures.push({
              kind: grid ? grid.className : 'graph',
              caption: caption ? caption.textContent.trim() : '',
              alt: graph ? (graph.getAttribute('aria-label') || graph.getAttribute('alt') || '')
                : (grid ? grid.getAttribute('aria-label') || '' : ''),
              links: figure.querySelectorAll('a[href]').length,
            });
          }
          return { wide, pictures };
        });
        for (const w of found.wide) out.overflow.push({ page: path, width: viewport.width, scheme, ...w });
        if (scheme === 'light') {
          for (const p of found.pictures) out.pictures.push({ page: path, width: viewport.width, ...p });
        }
        if (shots) {
          const figures = await page.$$('figure.film-picture');
          for (const [i, figure] of figures.entries()) {
            const name = `${path.replace(/[/.]/g, '_')}-${i}-${viewport.width}-${scheme}.png`;
            await figure.screenshot({ path: `${shots}/${name}` });
          }
        }
      }
    }
  }

  // The preview card: on hover, on keyboard focus, and gone on Escape.
  await page.setViewport(WIDTHS[0]);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(new URL('plot/part-one.html', base).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.filmPreviews !== undefined, { timeout: 10000 });
  const cardState = () => page.evaluate(() => {
    const card = document.getElementById('film-preview-card');
    const active = document.activeElement;
    return {
      visible: Boolean(card && !card.hidden && card.offsetHeight > 0),
      text: card ? card.textContent : '',
      role: card ? card.getAttribute('role') : null,
      describedby: active ? active.getAttribute('aria-describedby') : null,
    };
  });
  const link = await page.$('article a.film-preview');
  await link.hover();
  await new Promise((resolve) => setTimeout(resolve, 500));
  out.card.hover = await cardState();
  if (shots) await page.screenshot({ path: `${shots}/card-hover.png` });
  await page.mouse.move(1, 1);
  await new Promise((resolve) => setTimeout(resolve, 500));
  out.card.afterLeave = await cardState();
  // Keyboard: Tab until a link with a preview has the focus.
  let tabs = 0;
  for (; tabs < 300; tabs += 1) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate(() => document.activeElement?.matches('a.film-preview') ?? false);
    if (ok) break;
  }
  out.card.tabs = tabs;
  out.card.focus = await cardState();
  if (shots) await page.screenshot({ path: `${shots}/card-focus.png` });
  await page.keyboard.press('Escape');
  out.card.escape = await cardState();

  await page.goto(new URL('study/quiz.html', base).href, { waitUntil: 'load' });
  out.quiz = await page.evaluate(() => document.querySelectorAll('a.film-preview').length);
  await page.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
