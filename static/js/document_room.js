/* The consensus document in the participants' room (templates/room.html), on top of document.js: from drafting
   on it replaces the posting form. Panelists give their consent per paragraph (an objection with its reason) and
   write or sign minority statements; experts propose corrections of facts in review; everyone sees the document,
   its consent counts and corrections change live, and after publication a link to the public report. */
(function () {
  "use strict";
  const D = window.deliberate;
  const X = window.deliberateDocument;
  if (!D || !X || !document.getElementById("room")) return;
  const { el, fmt } = window.deliberateDom;
  const { doc, S, P, can } = X;
  const $ = (id) => document.getElementById(id);
  const VALUES = ["agree", "live_with", "object"];
  const ui = {
    objecting: new Set(), reasons: new Map(),          // objection forms open, and their unsent reasons
    correcting: new Set(), drafts: new Map(), sent: new Set(),   // experts' correction forms
    errors: new Map(),                                  // "<part>-<paragraph id>" -> error of the last command
    checked: new Set(), statementErrors: new Map(),
  };
  const rows = new Map();

  X.onChange((info) => {
    if (info.snapshot) $("doc-notice").textContent = "";
    render();
    if (info.event) notice(info.event);
  });

  function render() {
    const inDoc = X.isDocPhase();
    const published = D.state.phase === "published";
    $("document").hidden = !inDoc;
    $("statements").hidden = !inDoc;
    // The closed posting form stays below the document (live.js says posting is closed); the document leads.
    if ($("post-card")) $("post-card").classList.toggle("after-document", inDoc);
    $("published-banner").hidden = !published;
    $("doc-read-only").hidden = !published;
    if (!inDoc) return;
    renderParagraphs();
    renderStatements();
  }

  // ---- paragraphs -------------------------------------------------------------------------------------------
  function renderParagraphs() {
    $("doc-empty").hidden = doc.paragraphs.length > 0;
    const seen = new Set(doc.paragraphs.map((p) => p.id));
    rows.forEach((r, id) => { if (!seen.has(id)) { r.li.remove(); rows.delete(id); } });
    X.place($("doc-paragraphs"), doc.paragraphs.map((p) => row(p).li));
  }

  function rerender(id) {
    const p = X.byId(id);
    if (p) row(p);
  }

  function row(p) {
    let r = rows.get(p.id);
    if (!r) {
      const li = el("li", "para");
      li.id = "para-" + p.id;
      li.dataset.id = p.id;
      r = { li, head: el("div", "para-head"), content: el("div", "para-content"), counts: X.countsNode(),
            objections: el("div", "objections"), mine: el("div", "my-consent"), correct: el("div", "propose"),
            corrections: el("div", "corrections"), extra: el("div", "para-extra") };
      li.append(r.head, r.content, r.counts, r.objections, r.mine, r.correct, r.corrections, r.extra);
      rows.set(p.id, r);
    }
    const text = p.kind !== "heading";
    r.li.dataset.kind = p.kind;
    r.li.dataset.origin = p.origin;
    r.li.dataset.version = p.version;
    X.part(r.head, JSON.stringify([p.number, p.origin, p.version]), () => X.headNodes(p));
    X.part(r.content, X.contentSig(p), () => X.contentNodes(p));
    r.counts.hidden = !text;
    if (text) X.paintCounts(r.counts, p);
    X.part(r.objections, JSON.stringify(p.consent.objections), () => objectionNodes(p));
    const mine = doc.myConsents[String(p.id)] || null;
    X.part(r.mine, JSON.stringify([p.kind, p.version, p.number, mine, can("consent"), ui.objecting.has(p.id),
                                   ui.errors.get("consent-" + p.id)]), () => consentNodes(p, mine));
    X.part(r.correct, JSON.stringify([p.kind, p.number, can("propose_correction"), ui.correcting.has(p.id),
                                      ui.sent.has(p.id), ui.errors.get("correct-" + p.id)]), () => correctNodes(p));
    X.part(r.corrections, JSON.stringify(p.corrections), () => p.corrections.map(X.correctionNode));
    const refs = doc.statements.filter((s) => (s.paragraph_ids || []).includes(p.id)).map((s) => s.id);
    X.part(r.extra, JSON.stringify([p.number, p.version, refs, X.historySig(p)]), () => extraNodes(p, refs));
    return r;
  }

  function objectionNodes(p) {
    const items = X.objectionItems(p);
    if (!items.length) return [];
    const details = el("details", "objection-list");
    const list = el("ul");
    list.append(...items);
    details.append(el("summary", null, fmt(S.objections, { n: items.length })), list);
    return [details];
  }

  function extraNodes(p, refs) {
    const nodes = [];
    if (refs.length) {
      const line = el("p", "statement-refs");
      line.append(S.statement_refs);
      refs.forEach((id, i) => {
        const a = el("a", "num", "#" + id);
        a.href = "#statement-" + id;
        line.append(i ? ", " : " ", a);
      });
      nodes.push(line);
    }
    return nodes.concat(X.historyNodes(p, () => rerender(p.id)));
  }

  // Panelists: agree / can live with it / object (with a reason); asked again after a new wording.
  function consentNodes(p, mine) {
    if (p.kind === "heading") return [];
    const current = !!mine && mine.version === p.version;
    if (!can("consent")) {
      return current ? [el("p", "my-answer", fmt(S.your_answer, { value: S[mine.value] }))] : [];
    }
    const nodes = [];
    if (mine && !current) nodes.push(el("p", "asked-again", fmt(S.asked_again, { value: S[mine.value] })));
    const group = el("div", "consent-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", fmt(S.your_consent, { p: P(p) }));
    VALUES.forEach((value) => {
      const b = X.button("consent consent-" + value, S[value], "consent-" + value);
      b.dataset.value = value;
      b.setAttribute("aria-pressed", current && mine.value === value ? "true" : "false");
      if (value === "object") b.setAttribute("aria-expanded", ui.objecting.has(p.id) ? "true" : "false");
      b.addEventListener("click", () => (value === "object" ? openObjection(p) : sendConsent(p, value, null, b)));
      group.append(b);
    });
    nodes.push(group);
    if (ui.objecting.has(p.id)) {
      const form = el("form", "objection-form stack");
      const area = el("textarea");
      area.rows = 3;
      area.maxLength = 1000;
      area.required = true;
      area.value = ui.reasons.has(p.id) ? ui.reasons.get(p.id) : (current && mine.value === "object" ? mine.reason || "" : "");
      area.addEventListener("input", () => ui.reasons.set(p.id, area.value));
      const actions = el("div", "row");
      const send = el("button", "primary", S.send_objection);
      send.type = "submit";
      send.dataset.focusKey = "send-objection";
      const cancel = X.button("", S.cancel, "cancel-objection");
      cancel.addEventListener("click", () => { ui.objecting.delete(p.id); ui.errors.delete("consent-" + p.id); rerender(p.id); });
      actions.append(send, cancel);
      form.append(...X.labelled(area, "object-reason-" + p.id, S.object_reason), actions);
      form.addEventListener("submit", (e) => { e.preventDefault(); sendConsent(p, "object", area.value, send); });
      nodes.push(form);
    } else if (current && mine.value === "object" && mine.reason) {
      nodes.push(el("p", "my-reason", fmt(S.reason, { reason: mine.reason })));
    }
    nodes.push(X.errorBox(ui.errors.get("consent-" + p.id)));
    return nodes;
  }

  function openObjection(p) {
    ui.objecting.add(p.id);
    rerender(p.id);
    const area = $("object-reason-" + p.id);
    if (area) area.focus();
  }

  async function sendConsent(p, value, reason, btn) {
    const ack = await X.run(btn, null, "consent", { paragraph_id: p.id, value: value, reason: reason });
    if (ack.ok) {
      const c = ack.consent;
      doc.myConsents[String(p.id)] = { value: c.value, reason: c.reason, version: c.version, current: true };
      ui.objecting.delete(p.id);
      ui.reasons.delete(p.id);
      ui.errors.delete("consent-" + p.id);
    } else {
      ui.errors.set("consent-" + p.id, ack.error);
    }
    rerender(p.id);
  }

  // Experts, in review: a corrected wording of the paragraph's own sentences, with a reason.
  function correctNodes(p) {
    if (p.kind === "heading" || !can("propose_correction")) return [];
    if (!ui.correcting.has(p.id)) {
      const open = X.button("propose-button", S.propose_correction, "propose");
      open.setAttribute("aria-expanded", "false");
      open.addEventListener("click", () => {
        ui.correcting.add(p.id);
        if (!ui.drafts.has(p.id)) ui.drafts.set(p.id, { text: p.body, reason: "" });
        ui.sent.delete(p.id);
        rerender(p.id);
        const area = $("correction-text-" + p.id);
        if (area) area.focus();
      });
      return [open, ui.sent.has(p.id) ? el("p", "ok", S.correction_sent) : null];
    }
    const draft = ui.drafts.get(p.id);
    const form = el("form", "correction-form stack");
    const text = el("textarea");
    text.rows = 5;
    text.maxLength = 5000;
    text.required = true;
    text.value = draft.text;
    text.addEventListener("input", () => { draft.text = text.value; });
    const reason = el("textarea");
    reason.rows = 2;
    reason.maxLength = 1000;
    reason.required = true;
    reason.value = draft.reason;
    reason.addEventListener("input", () => { draft.reason = reason.value; });
    const actions = el("div", "row");
    const send = el("button", "primary", S.send_correction);
    send.type = "submit";
    send.dataset.focusKey = "send-correction";
    const cancel = X.button("", S.cancel, "cancel-correction");
    cancel.addEventListener("click", () => { ui.correcting.delete(p.id); ui.errors.delete("correct-" + p.id); rerender(p.id); });
    actions.append(send, cancel);
    form.append(...X.labelled(text, "correction-text-" + p.id, fmt(S.correction_text, { p: P(p) })),
                ...X.labelled(reason, "correction-reason-" + p.id, S.correction_reason), actions,
                X.errorBox(ui.errors.get("correct-" + p.id)));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const ack = await X.run(send, null, "propose_correction", { paragraph_id: p.id, text: draft.text, reason: draft.reason });
      if (ack.ok) {
        ui.correcting.delete(p.id);
        ui.drafts.delete(p.id);
        ui.sent.add(p.id);
        ui.errors.delete("correct-" + p.id);
      } else {
        ui.errors.set("correct-" + p.id, ack.error);
      }
      rerender(p.id);
    });
    return [form];
  }

  // ---- minority statements ------------------------------------------------------------------------------------
  function renderStatements() {
    const list = $("statement-list");
    $("statements-none").hidden = doc.statements.length > 0;
    const meId = X.me().id;
    X.part(list, JSON.stringify([doc.statements, doc.paragraphs.map((p) => [p.id, p.number]), meId,
                                 can("minority_statement"), [...ui.statementErrors]]),
           () => doc.statements.map(statementItem));
    const form = $("statement-form");
    if (!form) return;
    form.hidden = !can("minority_statement");
    if (form.hidden) return;
    const choices = doc.paragraphs.filter((p) => p.kind !== "heading");
    X.part($("statement-paragraphs"), JSON.stringify(choices.map((p) => [p.id, p.number, p.body.slice(0, 90)])), () =>
      choices.map((p) => {
        const label = el("label", "choice");
        const box = el("input");
        box.type = "checkbox";
        box.value = p.id;
        box.checked = ui.checked.has(p.id);
        box.dataset.focusKey = "attach-" + p.id;
        box.addEventListener("change", () => { if (box.checked) ui.checked.add(p.id); else ui.checked.delete(p.id); });
        const excerpt = p.body.length > 90 ? p.body.slice(0, 88) + "…" : p.body;
        const text = el("span", "choice-text");
        text.append(el("strong", null, P(p)), " ", el("span", "excerpt", excerpt));
        label.append(box, text);
        return label;
      }));
  }

  function statementItem(s) {
    const li = X.statementNode(s);
    li.id = "statement-" + s.id;
    if (!can("minority_statement")) return li;
    const meId = X.me().id;
    const mine = s.signatures.find((x) => x.member_id === meId);
    const actions = el("div", "row statement-actions");
    const sign = (byName, label, key) => {
      const b = X.button(key, label, key + "-" + s.id);
      b.addEventListener("click", () => statementCommand(s.id, "sign_statement", { statement_id: s.id, by_name: byName }, b));
      return b;
    };
    if (!mine) {
      actions.append(sign(true, S.sign_by_name, "sign-name"), sign(false, S.sign_anonymously, "sign-anonymous"));
    } else {
      li.append(el("p", "you-signed", S.you_signed));
      actions.append(mine.anonymous ? sign(true, S.sign_by_name_instead, "sign-name")
        : sign(false, S.sign_anonymously_instead, "sign-anonymous"));
    }
    if (s.author_id === meId) {
      const withdraw = X.button("danger withdraw", S.withdraw, "withdraw-" + s.id);
      withdraw.addEventListener("click", () => {
        if (window.confirm(S.confirm_withdraw)) statementCommand(s.id, "withdraw_statement", { statement_id: s.id }, withdraw);
      });
      actions.append(withdraw);
    }
    li.append(actions, X.errorBox(ui.statementErrors.get(s.id)));
    return li;
  }

  async function statementCommand(id, name, payload, btn) {
    const ack = await X.run(btn, null, name, payload);
    if (ack.ok) ui.statementErrors.delete(id);
    else ui.statementErrors.set(id, ack.error);
    renderStatements();
  }

  const form = $("statement-form");
  if (form) {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const ids = doc.paragraphs.filter((p) => ui.checked.has(p.id)).map((p) => p.id);
      const payload = { text: $("statement-text").value, paragraph_ids: ids, by_name: $("statement-by-name").checked };
      $("statement-ok").hidden = true;
      const ack = await X.run($("statement-submit"), $("statement-error"), "write_statement", payload);
      if (!ack.ok) return;
      $("statement-text").value = "";
      ui.checked.clear();
      form.querySelectorAll("#statement-paragraphs input").forEach((box) => { box.checked = false; });
      $("statement-ok").textContent = S.statement_added;
      $("statement-ok").hidden = false;
    });
  }

  // ---- what just changed, said once for screen readers and shown briefly on the paragraph ----------------------
  function notice(p) {
    if (!p || !p.change || p.change === "consent" || (p.by && p.by.id === X.me().id)) return;
    const by = p.by ? X.personLine(p.by) : "";
    const change = S["change_" + p.change] || p.change;
    const node = $("doc-notice");
    if (p.paragraph) {
      node.textContent = fmt(S.notice_paragraph, { p: P(p.paragraph), change: change, name: by });
      const r = rows.get(p.paragraph.id);
      if (r) {
        r.li.classList.add("just-changed");
        clearTimeout(r.flash);
        r.flash = setTimeout(() => r.li.classList.remove("just-changed"), 2500);
      }
    } else if (p.change !== "published") {
      node.textContent = fmt(S.notice_document, { change: change, name: by });
    }
  }
})();
