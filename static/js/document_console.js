/* The consensus document on the facilitator's console (templates/facilitate.html), on top of document.js:
   generate the draft, reword, move, delete and add paragraphs, see the consent counts and objections (where to
   rework), record the panel's decision on experts' corrections, and publish through a confirmation dialog
   (also when "Next phase" leads to `published`: publishing is never one click). */
(function () {
  "use strict";
  const D = window.deliberate;
  const X = window.deliberateDocument;
  if (!D || !X || !document.getElementById("panel-document")) return;
  const { el, fmt } = window.deliberateDom;
  const { doc, P, can } = X;
  const C = D.config.console || {};
  const $ = (id) => document.getElementById(id);
  const ui = { editing: new Map(), adding: null, notes: new Map(), errors: new Map(), generating: false };
  const rows = new Map();
  const canEdit = () => can("edit_document") || can("revise_published");

  X.onChange(render);

  function render() {
    const inDoc = X.isDocPhase();
    $("panel-document").hidden = !inDoc;
    const role = X.me().role;
    $("doc-only-organisers").hidden = !(inDoc && role === "facilitator" && D.state.phase !== "published");
    if (!inDoc) return;
    renderActions();
    renderOverview();
    renderPublished();
    renderRows();
    const list = $("doc-console-statements");
    $("doc-console-statements-none").hidden = doc.statements.length > 0;
    X.part(list, JSON.stringify([doc.statements, doc.paragraphs.map((p) => [p.id, p.number])]),
           () => doc.statements.map(X.statementNode));
  }

  // ---- the panel's own controls: generate, add at the end, publish ------------------------------------------
  function renderActions() {
    const empty = doc.paragraphs.length === 0;
    X.part($("doc-actions"), JSON.stringify([empty, can("draft_document"), canEdit(), can("publish_document"),
                                             D.state.phase, ui.generating, ui.adding && ui.adding.after === null]), () => {
      const nodes = [];
      if (can("draft_document")) {
        const generate = X.button(empty ? "primary" : "", empty ? C.doc_generate : C.doc_regenerate, "generate");
        generate.id = "doc-generate";
        generate.disabled = ui.generating;
        generate.addEventListener("click", () => generateDraft(!empty, generate));
        nodes.push(generate);
        if (ui.generating) nodes.push(el("span", "hint", C.doc_generating));
      }
      if (canEdit()) {
        const add = X.button("", C.doc_add_text, "add-end");
        add.id = "doc-add-end";
        add.setAttribute("aria-expanded", ui.adding && ui.adding.after === null ? "true" : "false");
        add.addEventListener("click", () => openAdd(null));
        nodes.push(add);
      }
      if (can("publish_document") && !empty) {
        const publish = X.button("primary publish", D.state.phase === "published" ? C.doc_publish_again : C.doc_publish, "publish");
        publish.id = "doc-publish";
        publish.addEventListener("click", openPublish);
        nodes.push(publish);
      }
      if (ui.adding && ui.adding.after === null) nodes.push(addForm());
      return nodes;
    });
  }

  async function generateDraft(replace, btn) {
    if (replace && !window.confirm(C.doc_confirm_regenerate)) return;
    ui.generating = true;
    renderActions();
    await X.run(btn, $("doc-console-error"), "draft_document", replace ? { replace: true } : {});
    ui.generating = false;
    renderActions();
  }

  // Where to rework: objections per paragraph, corrections waiting for a decision.
  function renderOverview() {
    const texts = doc.paragraphs.filter((p) => p.kind !== "heading");
    const full = texts.filter((p) => p.consent.panelists > 0 && p.consent.pending === 0 && p.consent.object === 0).length;
    const objected = texts.filter((p) => p.consent.object > 0);
    const pending = doc.paragraphs.filter((p) => p.corrections.some((c) => c.status === "proposed"));
    X.part($("doc-overview"), JSON.stringify([doc.paragraphs.length, doc.panelists, full,
                                              objected.map((p) => [p.id, p.number, p.consent.object]),
                                              pending.map((p) => [p.id, p.number])]), () => {
      const nodes = [el("p", "doc-summary", fmt(C.doc_summary, { n: doc.paragraphs.length, panelists: doc.panelists, full: full }))];
      const rework = el("p", "doc-rework");
      if (objected.length) {
        rework.append(el("strong", null, C.doc_rework));
        objected.forEach((p) => rework.append(" ", jump(p, P(p) + " (" + p.consent.object + ")")));
      } else {
        rework.append(C.doc_no_objection);
      }
      nodes.push(rework);
      if (pending.length) {
        const line = el("p", "doc-rework");
        line.append(el("strong", null, C.doc_pending_corrections));
        pending.forEach((p) => line.append(" ", jump(p, P(p))));
        nodes.push(line);
      }
      return nodes;
    });
  }
  function jump(p, text) {
    const a = el("a", "jump", text);
    a.href = "#doc-row-" + p.id;
    return a;
  }

  function renderPublished() {
    const box = $("doc-published");
    box.hidden = !doc.publications.length;
    X.part($("doc-versions"), JSON.stringify(doc.publications), () => {
      if (!doc.publications.length) return [];
      const nodes = [" · " + C.doc_versions];
      doc.publications.forEach((pub, i) => {
        const a = el("a", null, fmt(C.doc_version, { n: pub.number, at: X.when(pub.published_at) }));
        a.href = pub.url;
        nodes.push(i ? ", " : " ", a);
      });
      return nodes;
    });
  }

  // ---- one row per paragraph ----------------------------------------------------------------------------------
  function renderRows() {
    $("doc-console-empty").hidden = doc.paragraphs.length > 0;
    const seen = new Set(doc.paragraphs.map((p) => p.id));
    rows.forEach((r, id) => { if (!seen.has(id)) { r.li.remove(); rows.delete(id); } });
    X.place($("doc-rows"), doc.paragraphs.map((p, i) => row(p, i).li));
  }
  function rerender(id) {
    const i = doc.paragraphs.findIndex((p) => p.id === id);
    if (i >= 0) row(doc.paragraphs[i], i);
  }

  function row(p, index) {
    let r = rows.get(p.id);
    if (!r) {
      const li = el("li", "doc-row");
      li.id = "doc-row-" + p.id;
      li.dataset.id = p.id;
      r = { li, head: el("div", "para-head"), content: el("div", "para-content"), counts: X.countsNode(),
            objections: el("div", "objections"), tools: el("div", "doc-tools"), corrections: el("div", "corrections"),
            extra: el("div", "para-extra") };
      li.append(r.head, r.content, r.counts, r.objections, r.tools, r.corrections, r.extra);
      rows.set(p.id, r);
    }
    const text = p.kind !== "heading";
    r.li.dataset.kind = p.kind;
    r.li.dataset.origin = p.origin;
    r.li.classList.toggle("objected", p.consent.object > 0);
    X.part(r.head, JSON.stringify([p.number, p.origin, p.version]), () => X.headNodes(p));
    const editing = ui.editing.has(p.id);
    r.content.hidden = editing && !p.quotes.length && !p.answers.length;
    X.part(r.content, X.contentSig(p) + editing, () => {
      const nodes = X.contentNodes(p);
      return editing && p.body ? nodes.slice(1) : nodes;  // the wording being edited is in the textarea
    });
    r.counts.hidden = !text;
    if (text) X.paintCounts(r.counts, p);
    X.part(r.objections, JSON.stringify(p.consent.objections), () => {
      const items = X.objectionItems(p);
      if (!items.length) return [];
      const list = el("ul", "objection-list open");
      list.append(...items);
      return [el("p", "objections-title", fmt(X.S.objections, { n: items.length })), list];
    });
    const last = doc.paragraphs.length - 1;
    X.part(r.tools, JSON.stringify([p.number, p.body, p.quotes.length, index, last, canEdit(), editing,
                                    ui.adding && ui.adding.after === p.id, ui.errors.get(p.id)]), () => tools(p, index, last));
    X.part(r.corrections, JSON.stringify([p.corrections, can("decide_correction"), ui.errors.get("c" + p.id)]),
           () => p.corrections.map((c) => correction(p, c)));
    X.part(r.extra, JSON.stringify([p.number, p.version, X.historySig(p)]), () => X.historyNodes(p, () => rerender(p.id)));
    return r;
  }

  function tools(p, index, last) {
    if (!canEdit()) return [];
    const nodes = [];
    if (ui.editing.has(p.id)) {
      const form = el("form", "edit-form stack");
      const area = el("textarea");
      area.rows = p.kind === "heading" ? 2 : 5;
      area.maxLength = p.kind === "heading" ? 200 : 5000;
      area.value = ui.editing.get(p.id);
      area.addEventListener("input", () => ui.editing.set(p.id, area.value));
      const actions = el("div", "row");
      const save = el("button", "primary", C.doc_save);
      save.type = "submit";
      save.dataset.focusKey = "save";
      const cancel = X.button("", C.doc_cancel, "cancel-edit");
      cancel.addEventListener("click", () => { ui.editing.delete(p.id); ui.errors.delete(p.id); rerender(p.id); });
      actions.append(save, cancel);
      form.append(...X.labelled(area, "doc-edit-" + p.id, fmt(C.doc_edit_label, { p: P(p) })));
      if (p.quotes.length) form.append(el("p", "hint", fmt(C.doc_quotes_kept, { n: p.quotes.length })));
      form.append(actions);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        command(p.id, save, "edit_paragraph", { paragraph_id: p.id, body: area.value }, () => ui.editing.delete(p.id));
      });
      nodes.push(form);
    } else {
      const bar = el("div", "row doc-buttons");
      const edit = X.button("edit", C.doc_edit, "edit");
      edit.addEventListener("click", () => {
        ui.editing.set(p.id, p.body);
        rerender(p.id);
        const area = $("doc-edit-" + p.id);
        if (area) area.focus();
      });
      const up = X.button("move-up", C.doc_up, "up");
      up.setAttribute("aria-label", fmt(C.doc_move_up, { p: P(p) }));
      up.disabled = index === 0;
      up.addEventListener("click", () => command(p.id, up, "move_paragraph", { paragraph_id: p.id, position: index - 1 }));
      const down = X.button("move-down", C.doc_down, "down");
      down.setAttribute("aria-label", fmt(C.doc_move_down, { p: P(p) }));
      down.disabled = index === last;
      down.addEventListener("click", () => command(p.id, down, "move_paragraph", { paragraph_id: p.id, position: index + 1 }));
      const del = X.button("danger delete", C.doc_delete, "delete");
      del.setAttribute("aria-label", fmt(C.doc_delete_label, { p: P(p) }));
      del.addEventListener("click", () => {
        if (window.confirm(fmt(C.doc_confirm_delete, { p: P(p) }))) command(p.id, del, "delete_paragraph", { paragraph_id: p.id });
      });
      const add = X.button("add-after", fmt(C.doc_add_after, { p: P(p) }), "add-after");
      add.setAttribute("aria-expanded", ui.adding && ui.adding.after === p.id ? "true" : "false");
      add.addEventListener("click", () => openAdd(p.id));
      bar.append(edit, up, down, del, add);
      nodes.push(bar);
    }
    if (ui.adding && ui.adding.after === p.id) nodes.push(addForm());
    nodes.push(X.errorBox(ui.errors.get(p.id)));
    return nodes;
  }

  async function command(id, btn, name, payload, onOk) {
    const ack = await X.run(btn, null, name, payload);
    if (ack.ok) { ui.errors.delete(id); if (onOk) onOk(); } else ui.errors.set(id, ack.error);
    rerender(id);
    return ack;
  }

  // A new paragraph or heading, after a paragraph (or at the end: after null).
  function openAdd(after) {
    ui.adding = ui.adding && ui.adding.after === after ? null : { after: after, kind: "text", body: "" };
    render();
    const area = $("doc-add-text");
    if (area && ui.adding) area.focus();
  }
  function addForm() {
    const adding = ui.adding;
    const form = el("form", "add-form stack");
    const kind = el("select");
    [["text", C.doc_kind_text], ["heading", C.doc_kind_heading]].forEach(([v, t]) => kind.append(new Option(t, v)));
    kind.value = adding.kind;
    kind.addEventListener("change", () => { adding.kind = kind.value; });
    const area = el("textarea");
    area.rows = 3;
    area.maxLength = 5000;
    area.value = adding.body;
    area.addEventListener("input", () => { adding.body = area.value; });
    const actions = el("div", "row");
    const send = el("button", "primary", C.doc_add);
    send.type = "submit";
    send.dataset.focusKey = "add-send";
    const cancel = X.button("", C.doc_cancel, "add-cancel");
    cancel.addEventListener("click", () => { ui.adding = null; render(); });
    actions.append(send, cancel);
    const error = X.errorBox(null);
    form.append(...X.labelled(kind, "doc-add-kind", C.doc_kind), ...X.labelled(area, "doc-add-text", C.doc_new_text), actions, error);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const payload = { body: adding.body, kind: adding.kind };
      if (adding.after !== null) payload.after_id = adding.after;
      const ack = await X.run(send, error, "add_paragraph", payload);
      if (ack.ok) { ui.adding = null; render(); }
    });
    return form;
  }

  // The panel's decision on an expert's correction, recorded by the facilitator.
  function correction(p, c) {
    const box = X.correctionNode(c);
    if (c.status !== "proposed" || !can("decide_correction")) return box;
    const note = el("input");
    note.type = "text";
    note.maxLength = 1000;
    note.value = ui.notes.get(c.id) || "";
    note.addEventListener("input", () => ui.notes.set(c.id, note.value));
    const actions = el("div", "row decide");
    const decide = (accept, label, cls) => {
      const b = X.button(cls, label, cls + "-" + c.id);
      b.addEventListener("click", async () => {
        const ack = await X.run(b, null, "decide_correction", { correction_id: c.id, accept: accept, note: note.value });
        if (ack.ok) { ui.notes.delete(c.id); ui.errors.delete("c" + p.id); } else ui.errors.set("c" + p.id, ack.error);
        rerender(p.id);
      });
      return b;
    };
    actions.append(decide(true, C.doc_accept, "primary accept"), decide(false, C.doc_reject, "danger reject"));
    box.append(...X.labelled(note, "decision-note-" + c.id, C.doc_decision_note), actions, X.errorBox(ui.errors.get("c" + p.id)));
    return box;
  }

  // ---- publishing: a real dialog, from the panel or from "Next phase" -------------------------------------------
  const dialog = $("publish-dialog");
  const nextNumber = () => doc.publications.reduce((n, pub) => Math.max(n, pub.number), 0) + 1;
  function openPublish() {
    const n = nextNumber();
    $("publish-number").textContent = fmt(C.doc_publish_number, { n: n });
    $("publish-note-hint").textContent = n > 1 ? C.doc_note_required : "";
    $("publish-note").required = n > 1;
    $("publish-confirm").textContent = fmt(C.doc_publish_button, { n: n });
    X.showError($("publish-error"), null);
    if (!dialog.open) dialog.showModal();
  }
  $("publish-cancel").addEventListener("click", () => dialog.close());
  $("publish-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const note = $("publish-note").value.trim();
    if (nextNumber() > 1 && !note) {
      X.showError($("publish-error"), { message: C.doc_note_required });
      $("publish-note").focus();
      return;
    }
    const ack = await X.run($("publish-confirm"), $("publish-error"), "publish_document", { confirm: true, note: note });
    if (!ack.ok) return;
    dialog.close();
    $("publish-note").value = "";
    if (ack.publication) X.addPublication(ack.publication);
    X.refresh();
  });

  const steering = $("steering");
  if (steering) {
    // Capture phase on the panel: runs before live_room.js's own click handler for the phase buttons, and stops it.
    steering.addEventListener("click", (e) => {
      const target = e.target.closest && e.target.closest("#next-phase, #set-phase");
      if (!target) return;
      const order = D.config.phase_order || [];
      const next = target.id === "next-phase" ? order[order.indexOf(D.state.phase) + 1] : $("phase-select").value;
      if (next !== "published" || D.state.phase === "published") return;
      if (can("publish_document")) {
        e.stopPropagation();
        openPublish();
      } else if (X.me().role !== "organiser") {
        e.stopPropagation();
        X.showError($("steer-error"), { message: C.doc_only_organisers });
      }  // an organiser before drafting: the server says when publishing opens
    }, true);
  }
})();
