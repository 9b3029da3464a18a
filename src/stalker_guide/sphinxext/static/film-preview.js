// Previews on hover and focus for links to the film's entities (stalker_guide.sphinxext.preview).
// The cards come from one map written at build time (film-previews.js, beside this file);
// nothing is fetched from the network. The card is a tooltip: it describes the link it
// belongs to (aria-describedby), stays while the pointer is over it, and Escape closes it.
(() => {
  "use strict";
  const here = document.currentScript ? document.currentScript.src : "";
  const base = here.replace(/[^/]*$/, "");
  const anchor = /#film-[a-z]+-(.+)$/;
  let cards = null;
  let card = null;
  let current = null;
  let hideTimer = 0;
  let showTimer = 0;

  function loadCards() {
    if (cards !== null || !base) return;
    cards = {};
    const script = document.createElement("script");
    script.src = base + "film-previews.js";
    script.onload = () => { cards = window.filmPreviews || {}; };
    document.head.appendChild(script);
  }

  function idOf(link) {
    const match = anchor.exec(link.getAttribute("href") || "");
    return match ? decodeURIComponent(match[1]) : null;
  }

  function line(cls, text) {
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function makeCard() {
    card = document.createElement("div");
    card.id = "film-preview-card";
    card.className = "film-preview-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    card.addEventListener("pointerleave", () => hideSoon());
    document.body.appendChild(card);
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = Math.min(352, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    let left = box.left + window.scrollX;
    left = Math.max(window.scrollX + 8,
      Math.min(left, window.scrollX + document.documentElement.clientWidth - width - 8));
    card.style.left = left + "px";
    card.style.top = "0px";
    const below = box.bottom + window.scrollY + 6;
    const above = box.top + window.scrollY - card.offsetHeight - 6;
    const fits = box.bottom + 6 + card.offsetHeight <= window.innerHeight;
    card.style.top = (fits || above < window.scrollY ? below : above) + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    const id = idOf(link);
    const data = cards && id ? cards[id] : null;
    if (!data) return;
    if (!card) makeCard();
    card.replaceChildren(line("film-preview-kind", data.k), line("film-preview-name", data.n));
    if (data.i) card.append(line("film-preview-identity", data.i));
    if (data.l) card.append(line("film-preview-lead", data.l));
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    link.setAttribute("aria-describedby", card.id);
    card.hidden = false;
    place(link);
  }

  function hide() {
    clearTimeout(showTimer);
    if (card) card.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function linkOf(event) {
    const target = event.target instanceof Element ? event.target : null;
    return target ? target.closest("a.film-preview") : null;
  }

  document.addEventListener("pointerover", (event) => {
    const link = linkOf(event);
    if (!link || event.pointerType === "touch") return;
    loadCards();
    clearTimeout(showTimer);
    showTimer = setTimeout(() => show(link), 120);
  });
  document.addEventListener("pointerout", (event) => {
    const link = linkOf(event);
    if (link && !link.contains(event.relatedTarget)) {
      clearTimeout(showTimer);
      hideSoon();
    }
  });
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event);
    if (link) show(link);
  });
  document.addEventListener("focusout", (event) => {
    if (linkOf(event)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && card && !card.hidden) hide();
  });
  // Load the cards early (after the page), so a focused link is described at once.
  if (document.readyState === "complete") loadCards();
  else window.addEventListener("load", loadCards);
})();
