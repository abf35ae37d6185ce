/* Small DOM helpers shared by every page script (live.js, analysis.js, console.js, screen.js).
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

  // "%(name)s" placeholders, as in the server's gettext strings; the result is only ever used as text.
  function fmt(template, params) {
    return String(template || "").replace(/%\((\w+)\)s/g, (m, key) => (key in (params || {}) ? String(params[key]) : ""));
  }

  window.deliberateDom = { el, svg, fmt, SVG_NS };
})();
