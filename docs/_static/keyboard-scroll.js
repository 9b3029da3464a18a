// Code blocks and wide tables scroll sideways on small screens: make each one focusable,
// so keyboard users can scroll it too (WCAG 2.1.1; axe rule scrollable-region-focusable).
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("pre, .table-wrapper")) {
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
  }
});
