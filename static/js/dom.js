/* Small DOM helpers shared by every page script (live.js, document*.js, analysis.js, console.js, screen.js).
   Text from people only ever goes through textContent: nothing here parses HTML. */
(function () {
  "use strict";
  const SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Counts in the page's language ("1 234" in French, "1,234" in English), as the server's pages write them.
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  function num(n) { return numbers.format(Number(n) || 0); }

  // "%(name)s" placeholders, as in the server's gettext strings; the result is only ever used as text.
  // Numbers are counts and written as such, except identifiers: an argument's number is "#1234" on every card.
  const IDENTIFIERS = new Set(["id", "dup", "into"]);
  function fmt(template, params) {
    return String(template || "").replace(/%\((\w+)\)s/g, (m, key) => {
      if (!(key in (params || {}))) return "";
      const value = params[key];
      return typeof value === "number" && !IDENTIFIERS.has(key) ? num(value) : String(value);
    });
  }

  // Keep the focus (and the caret) on a control that is rebuilt under the user's fingers.
  function focusState(root) {
    const active = document.activeElement;
    if (!active || !root.contains(active) || !active.dataset.focusKey) return null;
    let start = null, end = null;
    try { start = active.selectionStart; end = active.selectionEnd; } catch (e) { /* not a text field */ }
    return { key: active.dataset.focusKey, start, end };
  }
  function restoreFocus(root, saved) {
    if (!saved) return;
    const node = [...root.querySelectorAll("[data-focus-key]")].find((n) => n.dataset.focusKey === saved.key);
    if (!node || node.disabled) return;
    node.focus({ preventScroll: true });
    if (typeof saved.start === "number" && node.setSelectionRange) {
      try { node.setSelectionRange(saved.start, saved.end); } catch (e) { /* not a text field */ }
    }
  }

  window.deliberateDom = { el, svg, fmt, num, focusState, restoreFocus, SVG_NS };
})();
