/* The consensus document: its state and the rendering the room (document_room.js) and the console
   (document_console.js) share. The join snapshot carries the whole document; `document_changed` then replaces
   the whole document, one paragraph, the minority statements, or adds a publication (docs/events.md).
   Text from people only ever goes through textContent: nothing here parses HTML. */
(function () {
  "use strict";
  const D = window.deliberate;
  if (!D) return;
  const { el, fmt, num, focusState, restoreFocus } = window.deliberateDom;
  const T = D.config.strings;
  const S = D.config.document || {};
  const DOC_PHASES = ["drafting", "review", "published"];
  const doc = { paragraphs: [], statements: [], panelists: 0, myConsents: {}, publications: [], ready: false };
  const listeners = [];

  function setDocument(d) {
    doc.paragraphs = ((d && d.paragraphs) || []).slice();
    doc.statements = (d && d.statements) || [];
    doc.panelists = (d && d.panelists) || 0;
  }
  function changed(info) { listeners.forEach((fn) => fn(info || {})); }

  D.on("snapshot", (snap) => {
    setDocument(snap.document);
    doc.myConsents = snap.my_consents || {};
    doc.publications = snap.publications || [];
    doc.ready = true;
    changed({ snapshot: true });
  });
  D.on("phase_changed", () => changed({ phase: true }));
  D.on("document_changed", (p) => {
    if (p.document) {
      setDocument(p.document);
    } else if (p.paragraph) {
      const i = doc.paragraphs.findIndex((x) => x.id === p.paragraph.id);
      if (i >= 0) doc.paragraphs[i] = p.paragraph;
      else {
        doc.paragraphs.push(p.paragraph);
        doc.paragraphs.sort((a, b) => a.position - b.position || a.id - b.id);
      }
    } else if (p.change === "statements") {
      doc.statements = p.statements || [];
    } else if (p.change === "published" && p.publication) {
      addPublication(p.publication);
    }
    changed({ event: p });
  });

  function addPublication(publication) {
    if (!doc.publications.some((x) => x.number === publication.number)) {
      doc.publications.push(publication);
      doc.publications.sort((a, b) => a.number - b.number);
    }
  }

  // ---- small helpers ----------------------------------------------------------------------------------
  const me = () => D.state.me || { can: {} };
  const can = (action) => !!(me().can && me().can[action]);
  const isDocPhase = () => DOC_PHASES.includes(D.state.phase);
  const P = (p) => fmt(S.paragraph_n, { n: p.number });
  const byId = (id) => doc.paragraphs.find((p) => p.id === id) || null;
  function roleName(role) { return (D.config.roles || {})[role] || role; }
  function personName(m) { return !m ? "" : (m.erased ? S.erased : (m.name || m.display_name || "")); }
  function personLine(m) { return m ? personName(m) + " · " + roleName(m.role) : ""; }
  function when(iso) {
    if (!iso) return "";
    try {
      return new Date(iso).toLocaleString(document.documentElement.lang || undefined,
        { dateStyle: "short", timeStyle: "short" });
    } catch (e) { return iso; }
  }

  function button(cls, text, focusKey) {
    const b = el("button", cls, text);
    b.type = "button";
    if (focusKey) b.dataset.focusKey = focusKey;
    return b;
  }
  function errorBox(error) {
    const p = el("p", "error");
    p.setAttribute("role", "alert");
    showError(p, error || null);
    return p;
  }
  function showError(box, error) {
    if (!box) return;
    box.hidden = !error;
    box.textContent = error ? (error.message || T.error) : "";
  }
  // Runs a command with the button busy meanwhile (a second click is ignored; the button is not disabled, so a
  // keyboard user keeps the focus on it); the error, if any, goes to `box`.
  async function run(btn, box, name, payload) {
    if (btn) {
      if (btn.getAttribute("aria-busy") === "true") return { ok: false, busy: true };
      btn.setAttribute("aria-busy", "true");
    }
    const ack = (await D.emit(name, payload)) || { ok: false };
    if (btn) btn.removeAttribute("aria-busy");
    showError(box, ack.ok ? null : (ack.error || { message: T.error }));
    return ack;
  }
  // A field with its label (the label's `for` points at the field).
  function labelled(field, id, text, cls) {
    field.id = id;
    field.dataset.focusKey = id;
    const label = el("label", cls || "field-label", text);
    label.htmlFor = id;
    return [label, field];
  }

  // Rebuild a part of the page only when what it shows changed (`sig`), keeping the focus.
  function part(node, sig, build) {
    if (node._sig === sig) return false;
    const saved = focusState(node);
    node.replaceChildren(...build().filter(Boolean));
    node._sig = sig;
    restoreFocus(node, saved);
    return true;
  }
  // Put `nodes` in `parent` in this order, moving only what moved (a focused field keeps its focus).
  function place(parent, nodes) {
    const active = document.activeElement;
    nodes.forEach((node, i) => { if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null); });
    while (parent.children.length > nodes.length) parent.lastElementChild.remove();
    if (active && active !== document.activeElement && parent.contains(active)) active.focus({ preventScroll: true });
  }

  // ---- a paragraph ------------------------------------------------------------------------------------
  function headNodes(p) {
    const nodes = [el("span", "para-num", P(p)), el("span", "origin origin-" + p.origin, S["origin_" + p.origin] || p.origin)];
    if (p.version > 1) nodes.push(el("span", "para-version", fmt(S.version_n, { n: p.version })));
    return nodes;
  }

  function argumentLink(id) {
    const a = el("a", "num", fmt(S.quote_of, { id: id }));
    a.href = "#arg-" + id;
    return a;
  }

  // A participant's exact words: a blockquote, attributed in its caption, with the votes it received.
  function quoteNode(q, votes) {
    if (q.status !== "visible") {
      return el("p", "quote-gone", q.status === "hidden"
        ? fmt(S.quote_hidden, { id: q.argument_id, reason: q.moderation_reason || "" })
        : fmt(S.quote_missing, { id: q.argument_id }));
    }
    const figure = el("figure", "quote");
    if (q.stance) figure.dataset.stance = q.stance;
    const block = el("blockquote");
    block.append(el("p", "quote-text", q.text));
    const caption = el("figcaption", "quote-by");
    caption.append("— ", el("cite", null, personLine(q.author)), " ", argumentLink(q.argument_id));
    const v = votes && votes[String(q.argument_id)];
    if (v) caption.append(" ", el("span", "quote-votes", fmt(S.quote_votes, v)));
    figure.append(block, caption);
    return figure;
  }

  function answerNode(a) {
    if (a.status !== "visible") return null;
    const figure = el("figure", "quote answer-quote");
    if (a.question) figure.append(el("p", "answer-to", fmt(S.answer_to, { question: a.question })));
    const block = el("blockquote");
    block.append(el("p", "quote-text", a.text));
    const caption = el("figcaption", "quote-by");
    caption.append("— ", el("cite", null, personLine(a.author)));
    figure.append(block, caption);
    return figure;
  }

  function contentNodes(p) {
    const nodes = [];
    if (p.body) nodes.push(el(p.kind === "heading" ? "h3" : "p", p.kind === "heading" ? "para-heading" : "para-body", p.body));
    (p.quotes || []).forEach((q) => nodes.push(quoteNode(q, p.evidence && p.evidence.votes)));
    (p.answers || []).forEach((a) => nodes.push(answerNode(a)));
    return nodes;
  }
  const contentSig = (p) => JSON.stringify([p.kind, p.body, p.quotes, p.answers, p.evidence && p.evidence.votes]);

  // The panel's consent, counted live (the node is an aria-live region updated in place).
  const COUNTS = ["agree", "live_with", "object", "pending"];
  function countsNode() {
    const node = el("div", "consent-counts");
    node.setAttribute("aria-live", "polite");
    return node;
  }
  function paintCounts(node, p) {
    const c = p.consent || {};
    const sig = JSON.stringify([p.number, COUNTS.map((k) => c[k] || 0), c.panelists]);
    if (node._sig === sig) return;
    node._sig = sig;
    const total = Math.max(1, c.panelists || 0);
    const bar = el("div", "consent-bar");
    bar.setAttribute("aria-hidden", "true");
    const chips = el("p", "consent-chips");
    chips.append(el("span", "visually-hidden", fmt(S.consent_of, { p: P(p) }) + " "));
    COUNTS.forEach((key) => {
      const n = c[key] || 0;
      const seg = el("span", "seg seg-" + key);
      seg.style.width = (100 * n / total) + "%";
      bar.append(seg);
      const chip = el("span", "chip chip-" + key);
      chip.dataset.key = key;
      chip.append(el("strong", "n", num(n)), " ", S["count_" + key]);
      chips.append(chip, " ");
    });
    node.replaceChildren(chips, bar);
  }

  function objectionItems(p) {
    return (p.consent.objections || []).map((o) => {
      const li = el("li", "objection");
      li.append(el("strong", null, fmt(S.objection_by, { name: personLine(o.by) })), " ", el("span", "reason-text", o.reason));
      return li;
    });
  }

  // A correction of facts, shown as a sentence difference: removed struck through, added underlined.
  function diffNode(c) {
    const box = el("p", "diff");
    (c.diff || []).forEach((d, i) => {
      if (i) box.append(" ");
      if (d.op === "same") { box.append(el("span", "same", d.text)); return; }
      const node = el(d.op === "removed" ? "del" : "ins", d.op);
      node.append(el("span", "visually-hidden", (d.op === "removed" ? S.removed : S.added) + " "), d.text);
      box.append(node);
    });
    return box;
  }
  function correctionNode(c) {
    const box = el("div", "correction status-" + c.status);
    box.dataset.id = c.id;
    if (c.expert && c.expert.id === me().id) box.classList.add("mine");
    const head = el("p", "correction-head");
    head.append(el("strong", null, fmt(S.correction_by, { name: personLine(c.expert) })), " ",
                el("span", "badge status status-" + c.status, S["status_" + c.status] || c.status));
    box.append(head, diffNode(c), el("p", "correction-reason", fmt(S.reason, { reason: c.reason })));
    if (c.decided_by) box.append(el("p", "decision", fmt(S.decided_by, { name: personLine(c.decided_by) })));
    if (c.decision_note) box.append(el("p", "decision", fmt(S.decision_note, { note: c.decision_note })));
    return box;
  }

  // A paragraph's versions, fetched with `paragraph_history` when opened (again when the paragraph changed).
  const histories = new Map();
  const historySig = (p) => JSON.stringify(histories.get(p.id) || null);
  function historyNodes(p, rerender) {
    const h = histories.get(p.id) || { open: false };
    const toggle = button("link-button history-toggle", h.open ? S.hide_history : fmt(S.history, { p: P(p) }), "history-" + p.id);
    toggle.setAttribute("aria-expanded", h.open ? "true" : "false");
    toggle.addEventListener("click", () => {
      if (h.open) histories.delete(p.id);
      else loadHistory(p, rerender);
      rerender();
    });
    if (h.open && h.version !== p.version && !h.loading) setTimeout(() => loadHistory(p, rerender), 0);
    if (!h.open) return [toggle];
    let body;
    if (h.error) body = errorBox(h.error);
    else if (!h.versions) body = el("p", "hint", S.history_loading);
    else {
      body = el("ol", "history");
      h.versions.forEach((v) => {
        const li = el("li", "version");
        li.append(el("p", "version-meta", fmt(S.version_line, {
          n: v.version, change: S["change_" + v.change] || v.change,
          who: v.editor ? personLine(v.editor) : S.origin_software, at: when(v.at) })),
        el("p", "version-body", v.body));
        body.append(li);
      });
    }
    return [toggle, body];
  }
  async function loadHistory(p, rerender) {
    histories.set(p.id, { open: true, loading: true, version: p.version, versions: (histories.get(p.id) || {}).versions });
    const ack = await D.emit("paragraph_history", { paragraph_id: p.id });
    const h = histories.get(p.id);
    if (!h || !h.open) return;
    histories.set(p.id, { open: true, loading: false, version: p.version,
                          versions: ack.ok ? ack.versions : null, error: ack.ok ? null : ack.error });
    rerender();
  }

  // ---- minority statements (the dissent annex) --------------------------------------------------------------
  function paragraphRef(id) {
    const p = byId(id);
    return p ? P(p) : "#" + id;
  }
  function statementNode(s) {
    const li = el("li", "statement");
    li.dataset.id = s.id;
    li.append(el("p", "statement-head", fmt(S.statement_n, { id: s.id })));
    const block = el("blockquote", "statement-text");
    block.append(el("p", null, s.text));
    li.append(block);
    if ((s.paragraph_ids || []).length) {
      li.append(el("p", "statement-about", fmt(S.statement_about, { list: s.paragraph_ids.map(paragraphRef).join(", ") })));
    }
    const named = s.signatures.filter((x) => !x.anonymous).map((x) => (x.name ? x.name : S.erased));
    const anonymous = s.signatures.filter((x) => x.anonymous).length;
    if (anonymous) named.push(fmt(S.anonymous_n, { n: anonymous }));
    li.append(el("p", "signatures", fmt(S.signed_by, { names: named.join(", ") })));
    return li;
  }

  window.deliberateDocument = {
    doc, S, P, can, me, isDocPhase, byId, when, personLine, addPublication,
    onChange(fn) { listeners.push(fn); },
    refresh() { changed({}); },
    button, errorBox, showError, run, labelled, part, place,
    headNodes, contentNodes, contentSig, countsNode, paintCounts, objectionItems, correctionNode, diffNode,
    historyNodes, historySig, statementNode, paragraphRef,
  };
})();
