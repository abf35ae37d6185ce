/* Glossary terms found in people's texts become buttons that show the definition on tap.
   deliberateGlossary.compile(terms, hint) after each snapshot or `glossary_changed`;
   deliberateGlossary.withTerms(tag, cls, text) builds a node of plain text and term buttons, never HTML. */
(function () {
  "use strict";
  const { el } = window.deliberateDom;
  let pattern = null;
  let definitions = new Map();
  let hint = "";
  let seq = 0;
  const normal = (s) => s.toLowerCase().replace(/\s+/g, " ").trim();

  function compile(glossary, hintText) {
    hint = hintText || "";
    definitions = new Map();
    const terms = (glossary || []).filter((t) => t && t.term && t.term.trim());
    terms.forEach((t) => definitions.set(normal(t.term), t.definition));
    if (!terms.length) { pattern = null; return; }
    // Longest first, so that "viande rouge" wins over "viande"; whole words only (letters, marks, digits).
    const sources = terms.map((t) => t.term.trim()).sort((a, b) => b.length - a.length)
      .map((term) => term.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"));
    try {
      pattern = new RegExp("(^|[^\\p{L}\\p{M}\\p{N}_])(" + sources.join("|") + ")(?![\\p{L}\\p{M}\\p{N}_])", "giu");
    } catch (e) {
      pattern = null;
    }
  }

  function termButton(word, definition) {
    const wrap = el("span", "term-wrap");
    const b = el("button", "term", word);
    b.type = "button";
    const def = el("span", "term-def", definition);
    def.id = "term-def-" + (++seq);
    def.hidden = true;
    def.setAttribute("role", "tooltip");
    b.setAttribute("aria-expanded", "false");
    b.setAttribute("aria-controls", def.id);
    b.title = hint;
    const toggle = (open) => { b.setAttribute("aria-expanded", open ? "true" : "false"); def.hidden = !open; };
    b.addEventListener("click", () => toggle(b.getAttribute("aria-expanded") !== "true"));
    b.addEventListener("keydown", (e) => { if (e.key === "Escape") toggle(false); });
    wrap.append(b, def);
    return wrap;
  }

  function withTerms(tag, cls, text) {
    const node = el(tag, cls);
    const value = text || "";
    if (!pattern) { node.textContent = value; return node; }
    pattern.lastIndex = 0;
    let last = 0, m;
    while ((m = pattern.exec(value)) !== null) {
      const start = m.index + m[1].length;
      const word = m[2];
      const definition = definitions.get(normal(word));
      if (definition === undefined) continue;
      if (start > last) node.append(document.createTextNode(value.slice(last, start)));
      node.append(termButton(word, definition));
      last = start + word.length;
    }
    if (last < value.length) node.append(document.createTextNode(value.slice(last)));
    return node;
  }

  window.deliberateGlossary = { compile, withTerms };
})();
