/*
 * Film search: the film domain's part of Sphinx's search page (stalker_guide.sphinxext).
 *
 * Sphinx includes this file in language_data.js (it is the html_search_scorer), after
 * searchtools.js, so it can extend Search. FILM_SEARCH comes from _static/film-search-data.js,
 * which the build writes (see stalker_guide/sphinxext/sitesearch.py). A query is read the way
 * the library's Guide.search reads it: folded as stalker_guide.names.fold folds names, common
 * words left out, question words as hints of the kind wanted, credit words ("directed") also
 * looking for the credit ("director"). The entities whose names match come first, their own
 * entries titled with their names and identities; then the pages that discuss the best of
 * them most; then Sphinx's own results. Each entity and page appears once, reader pages
 * above the library's, and each snippet is cut around the words that matched.
 */
"use strict";

const FilmSearch = (() => {
  // Letters Unicode does not decompose, and marks that vanish (as names.py folds them).
  const LETTERS = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ı": "i", "ŀ": "l",
    "ƚ": "l", "ɨ": "i", "æ": "ae", "œ": "oe", "þ": "th", "ß": "ss",
  };
  const VANISH = "'\u2019\u02bc\u02b9\u02ba\u02bb\u02bd\u00b4\u0060\u2018\u2032\u2033\"";
  const WORD = /^[\p{L}\p{N}]+$/u;
  const WEIGHT = { name: 10, other: 7, credit: 6 };
  const PREFIX = 0.6;
  const MISSPELT = 0.8;
  const HINT = 2;

  const foldChar = (c) => {
    if (VANISH.includes(c)) return "";
    const letter = LETTERS[c.toLowerCase()];
    if (letter !== undefined) return letter;
    if (c === "й" || c === "Й") return "й";
    const kept = c.normalize("NFKD").replace(/[\p{M}\p{Lm}]/gu, "").toLowerCase();
    return WORD.test(kept) ? kept : kept || /\s/.test(c) ? " " : "";
  };

  /** The matching form of a text, as stalker_guide.names.fold makes it. */
  const fold = (text) =>
    Array.from(text, foldChar).join("").split(/\s+/).filter((w) => w).join(" ")
      .replace(/[iyj]+(?= |$)/g, "i");

  const near = (a, b, most = 2) => {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++)
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1,
          previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      if (Math.min(...current) > most) return false;
      previous = current;
    }
    return previous[b.length] <= most;
  };

  let entities = null;
  let stemmer = null;
  const stem = (word) => {
    if (!stemmer) stemmer = typeof Stemmer === "undefined" ? { stemWord: (w) => w } : new Stemmer();
    return stemmer.stemWord(word);
  };

  const prepare = () => {
    if (entities) return entities;
    const data = typeof FILM_SEARCH === "undefined" ? { entities: [] } : FILM_SEARCH;
    const stop = new Set(data.stopwords);
    const content = (form) => form.split(" ").filter((w) => !stop.has(w)).join(" ") || form;
    entities = data.entities.map(([kind, name, identity, docname, anchor, forms, credits, pages]) => {
      const words = new Map(); // word -> weight
      forms.forEach((form, i) => form.split(" ").forEach((w) => {
        const weight = i === 0 ? WEIGHT.name : WEIGHT.other;
        if (!stop.has(w) && (words.get(w) || 0) < weight) words.set(w, weight);
      }));
      credits.forEach((w) => { if (!words.has(w)) words.set(w, WEIGHT.credit); });
      const stems = new Map();
      for (const [w, weight] of words) {
        const s = stem(w);
        if ((stems.get(s) || 0) < weight) stems.set(s, weight);
      }
      return {
        kind, name, identity, docname, anchor, pages, words, stems,
        whole: new Map(forms.map((f, i) => [content(f), i === 0 ? WEIGHT.name : WEIGHT.other])),
        rank: data.order.indexOf(kind) < 0 ? 99 : data.order.indexOf(kind),
      };
    });
    FilmSearch.data = data;
    FilmSearch.stop = stop;
    return entities;
  };

  /** How well one entity's names hold one word, and the name word that held it. */
  const best = (entity, term) => {
    let found = [0, null];
    const keep = (value, word) => { if (value > found[0]) found = [value, word]; };
    if (entity.words.has(term)) keep(entity.words.get(term), term);
    const s = stem(term);
    if (entity.stems.has(s)) keep(entity.stems.get(s), term);
    if (term.length >= 3)
      for (const [w, weight] of entity.words)
        if (w.startsWith(term)) keep(weight * PREFIX, w);
    return found;
  };

  /** The entities the query names, best first: [{entity, score, words}]. */
  const match = (query) => {
    const all = prepare();
    const data = FilmSearch.data;
    const words = fold(query).split(" ").filter((w) => w);
    const hinted = new Set(words.flatMap((w) => data.hints[w] || []));
    let terms = words.filter((w) => !FilmSearch.stop.has(w));
    if (!terms.length) terms = words;
    terms = [...new Set(terms)];
    if (!terms.length) return [];
    const phrase = terms.join(" ");
    // A word no name holds may be a misspelt name: within two letters of a name's word.
    const known = (t) => all.some((e) => best(e, t)[0] > 0);
    const alternatives = terms.map((t) => {
      const alts = [[t, 1], ...(data.also[t] || []).map((a) => [a, 1])];
      if (t.length >= 5 && !alts.some(([a]) => known(a))) {
        const close = new Set();
        for (const e of all)
          for (const w of e.words.keys())
            if (w[0] === t[0] && Math.abs(w.length - t.length) <= 2 && near(w, t)) close.add(w);
        close.forEach((w) => alts.push([w, MISSPELT]));
      }
      return alts;
    });
    const needed = Math.ceil(terms.length / 2);
    const found = [];
    for (const entity of all) {
      let total = 0;
      let matched = 0;
      const held = [];
      alternatives.forEach((alts) => {
        let top = [0, null];
        for (const [alt, factor] of alts) {
          const [value, word] = best(entity, alt);
          if (value * factor > top[0]) top = [value * factor, word];
        }
        if (top[0] > 0) { total += top[0]; matched += 1; held.push(top[1]); }
      });
      if (matched < needed) continue;
      total *= (matched / terms.length) ** 2;
      const whole = entity.whole.get(phrase);
      if (whole) total += whole * 5;
      if (hinted.has(entity.kind)) total *= HINT;
      found.push({ entity, score: total, words: held });
    }
    // Ties as in the library: by kind, then in the data's order (the sort is stable).
    found.sort((a, b) => b.score - a.score || a.entity.rank - b.entity.rank);
    if (!found.length) return [];
    // The entities that answer: those scoring at least half the best (three at most).
    return found.filter((f) => f.score >= found[0].score / 2).slice(0, 3);
  };

  return { fold, near, match, prepare, data: null, stop: null, highlight: [] };
})();

// -- Sphinx's search, extended ----------------------------------------------------------

// Reader pages rank above the library's (docs/library/) when both match.
Scorer.score = (result) => (result[0].startsWith("library/") ? result[4] - 1000 : result[4]);

if (typeof Search !== "undefined") {
  const sphinxSearch = Search._performSearch;

  Search._performSearch = (query, searchTerms, excludedTerms, highlightTerms, objectTerms) => {
    const docNames = Search._index.docnames;
    const filenames = Search._index.filenames;
    const titles = Search._index.titles;
    const fileOf = (docname) => filenames[docNames.indexOf(docname)];
    const found = FilmSearch.match(query);
    // The words to show highlighted: the query's, and for the best match the words of its
    // names that matched and the name it goes by (a surname: "Kaidanowski" shows "Kaidanovsky").
    const highlight = new Set(highlightTerms);
    if (found.length) {
      const { entity, words } = found[0];
      words.forEach((w) => w && highlight.add(w));
      const name = entity.name.toLowerCase().split(/\s+/).filter((w) => !FilmSearch.stop.has(w));
      (entity.kind === "person" ? name.slice(-1) : name).forEach((w) => highlight.add(w));
    }
    highlight.forEach((w) => highlightTerms.add(w));
    FilmSearch.highlight = [...highlight];

    // Sphinx's results, best first; its own results for film entities are replaced by ours.
    const theirs = sphinxSearch(query, searchTerms, excludedTerms, highlightTerms, objectTerms)
      .reverse()
      .filter((r) => !(r[6] === "object" && String(r[2]).startsWith("#film-")));
    const results = [];
    const seenPages = new Set();
    const seenEntities = new Set();
    let score = 100000;
    found.forEach(({ entity }) => {
      if (seenEntities.has(entity.anchor)) return;
      seenEntities.add(entity.anchor);
      seenPages.add(entity.docname);
      results.push([entity.docname, entity.name, "#" + entity.anchor, entity.identity,
        score--, fileOf(entity.docname), "object"]);
    });
    if (found.length) {
      // The pages that discuss the best match most, reader pages first.
      const pages = found[0].entity.pages.filter(([d]) => docNames.includes(d));
      pages.sort((a, b) => (a[0].startsWith("library/") - b[0].startsWith("library/")) || b[1] - a[1]);
      pages.forEach(([docname]) => {
        if (seenPages.has(docname)) return;
        seenPages.add(docname);
        const file = docNames.indexOf(docname);
        results.push([docname, titles[file], "", null, score--, filenames[file], "text"]);
      });
    }
    const rest = [];
    theirs.forEach((r) => {
      // Each page once: a section of a page already listed is that page.
      if (r[6] !== "object" && seenPages.has(r[0])) return;
      if (r[6] !== "object") seenPages.add(r[0]);
      rest.push(r);
    });
    rest.forEach((r) => results.push(r));
    // Reader pages above the library's, the order kept otherwise (a stable sort).
    results.sort((a, b) => a[0].startsWith("library/") - b[0].startsWith("library/"));
    // searchtools shows the results from the end of the list.
    return results.reverse();
  };

  // The snippet: the passage around the first word that matched, not the page's opening.
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const lower = text.toLowerCase();
    const words = [...FilmSearch.highlight, ...keywords].filter((w) => w && w.length > 1);
    const positions = words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i > -1);
    const at = positions.length ? Math.min(...positions) : 0;
    const start = Math.max(at - 80, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start ? "…" : "") + text.substr(start, 240).trim()
      + (start + 240 < text.length ? "…" : "");
    return summary;
  };
}
