/* Facilitator's console, moderation: possible duplicates to merge, the panel's unclear notes grouped into
   candidate key questions, and the published moderation reasons (organisers). Part of console.js.
   Text from people is only ever set with textContent. */
(function () {
  "use strict";
  const K = window.deliberateConsole;
  if (!K) return;
  const { C, T, state, $, count, button, errorBox, who, ref, run, syncList, setText, ui, visible } = K;
  const { el, fmt } = window.deliberateDom;

  // ---- 7. duplicates --------------------------------------------------------------------------------------
  function renderDuplicates() {
    const list = $("duplicates");
    if (!list) return;
    const pairs = ((ui.analysis && ui.analysis.duplicates) || []).filter((d) => {
      const x = state.args.get(d.a), y = state.args.get(d.b);
      return x && y && visible(x) && visible(y);
    });
    syncList(list, pairs, (d) => d.a + "-" + d.b, (d) => {
      const li = el("li", "dup");
      const sim = el("p", "hint");
      const sides = el("div", "dup-sides");
      const texts = [d.a, d.b].map((id) => {
        const side = el("div", "dup-side");
        const meta = el("p", "meta");
        const author = el("span", "author");
        meta.append(ref(id), author);
        const text = el("p", "text");
        side.append(meta, text);
        sides.append(side);
        return { id, author, text };
      });
      const actions = el("div", "row");
      const error = errorBox();
      [[d.b, d.a], [d.a, d.b]].forEach(([dup, into], i) => {
        const b = button(fmt(C.merge, { dup: dup, into: into }), i === 0 ? "primary" : "");
        b.addEventListener("click", () => run(b, error, "merge", { argument_id: dup, into: into }));
        actions.append(b);
      });
      li.append(sim, sides, actions, error);
      li._r = { sim, texts };
      return li;
    }, (li, d) => {
      setText(li._r.sim, fmt(C.similarity, { n: Math.round(100 * d.similarity) + " %" }));
      li._r.texts.forEach((t) => {
        const a = state.args.get(t.id).argument;
        setText(t.author, who(a.author));
        setText(t.text, a.text);
      });
    });
    $("duplicates-empty").hidden = pairs.length > 0;
  }

  // ---- 8. unclear notes -------------------------------------------------------------------------------------
  function renderNoteCounter() {
    const n = $("new-notes");
    if (!n) return;
    n.textContent = ui.newNotes ? count("new_notes", ui.newNotes) : "";
    n.hidden = !ui.newNotes;
  }

  function renderNoteGroups(groups) {
    const list = $("note-groups");
    list.replaceChildren();
    groups.forEach((g, i) => {
      const li = el("li", "note-group");
      const h = el("p", "meta");
      h.append(el("strong", null, count("n_notes", g.size)));
      if (g.keywords && g.keywords.length) {
        h.append(el("span", "generated-inline", T.generated), el("span", null, g.keywords.join(" · ")));
      }
      const cand = el("p", "candidate");
      cand.id = "note-cand-" + i;
      cand.append(el("span", "hint", C.candidate + " "), document.createTextNode(g.candidate.text));
      const details = el("details");
      details.append(el("summary", null, count("show_notes", g.notes.length)));
      const ul = el("ul", "plain");
      g.notes.forEach((n) => {
        const item = el("li");
        item.append(document.createTextNode(n.text), el("span", "hint", " — " + who(n.author)));
        ul.append(item);
      });
      details.append(ul);
      const done = ui.proposed.get(g.candidate.id);
      const actions = el("div", "row");
      const error = errorBox();
      if (done) {
        actions.append(el("p", "ok", fmt(C.proposed, { id: done })));
      } else {
        const b = button(C.propose, "primary");
        b.setAttribute("aria-describedby", cand.id);
        b.addEventListener("click", async () => {
          const ack = await run(b, error, "post_argument", { kind: "key_question", text: g.candidate.text, stance: null });
          if (ack.ok && ack.argument) {
            ui.proposed.set(g.candidate.id, ack.argument.id);
            b.replaceWith(el("p", "ok", fmt(C.proposed, { id: ack.argument.id })));
          }
        });
        actions.append(b);
      }
      li.append(h, cand, details, actions, error);
      list.append(li);
    });
    $("note-groups-empty").hidden = groups.length > 0;
  }

  if ($("group-notes")) {
    $("group-notes").addEventListener("click", async (e) => {
      const ack = await run(e.currentTarget, $("notes-error"), "note_groups", {});
      if (ack.ok) {
        ui.newNotes = 0;
        renderNoteCounter();
        renderNoteGroups(ack.groups || []);
      }
    });
  }

  // ---- 9. moderation reasons (organisers) -------------------------------------------------------------
  function renderReasons(force) {
    const panel = $("panel-reasons");
    if (!panel) return;
    const can = state.me && state.me.can && state.me.can.set_moderation_reasons;
    panel.hidden = !can;
    const box = $("reasons-text");
    if (force || document.activeElement !== box) box.value = ui.reasons.join("\n");
  }
  if ($("reasons-save")) {
    $("reasons-save").addEventListener("click", async (e) => {
      const reasons = $("reasons-text").value.split("\n").map((s) => s.trim()).filter(Boolean);
      const ack = await run(e.currentTarget, $("reasons-error"), "set_moderation_reasons", { reasons: reasons });
      const saved = $("reasons-saved");
      saved.hidden = !ack.ok;
      if (ack.ok) { ui.reasons = ack.reasons || reasons; renderReasons(true); }
    });
  }

  Object.assign(K, { renderDuplicates, renderNoteCounter, renderReasons });
})();
