/* Facilitator's console, the agenda: phases, agenda and timer; key questions and their coverage.
   Part of console.js. Text from people is only ever set with textContent. */
(function () {
  "use strict";
  const K = window.deliberateConsole;
  if (!K) return;
  const { D, C, T, state, A, $, button, showError, errorBox, ref, run, syncList, setText } = K;
  const { ui, visible, tallyOf, who, offsetOf, tick } = K;
  const { el, fmt } = window.deliberateDom;

  // ---- 1. phases, agenda and timer (moving to `published` opens document_console.js's confirmation dialog) --
  function renderTimerLabel() {
    const t = ui.timer;
    const label = $("console-timer-label");
    if (!label) return;
    if (t && t.ends_at) {
      const item = ui.agenda.find((i) => i.id === t.item_id);
      label.textContent = t.label || (item ? item.title : "") || C.timer_running;
    } else {
      label.textContent = C.no_timer;
    }
    $("timer-stop").disabled = !(t && t.ends_at);
  }

  function renderAgenda() {
    const list = $("agenda");
    if (!list) return;
    syncList(list, ui.agenda, (item) => item.id, (item) => {
      const li = el("li", "agenda-item");
      const title = el("p", "agenda-title");
      title.id = "agenda-title-" + item.id;
      const meta = el("p", "hint");
      const start = button(C.start_timer, "primary");
      start.setAttribute("aria-describedby", title.id);
      const error = errorBox();
      start.addEventListener("click", () => run(start, error, "set_timer",
        { seconds: Math.round(li._item.planned_minutes * 60), item_id: li._item.id }));
      const text = el("div", "grow");
      text.append(title, meta);
      li.append(text, start, error);
      li._r = { title, meta, start };
      return li;
    }, (li, item) => {
      const r = li._r;
      const running = Boolean(ui.timer && ui.timer.ends_at && ui.timer.item_id === item.id);
      li.classList.toggle("current", running);
      r.title.replaceChildren();
      if (item.argument_id) r.title.append(ref(item.argument_id), document.createTextNode(" "));
      r.title.append(document.createTextNode(item.title));
      r.meta.replaceChildren((D.config.phases[item.phase] || item.phase) + " · " +
                             fmt(C.minutes_n, { n: item.planned_minutes }));
      if (running) r.meta.append(" ", el("span", "badge live", C.timer_running));
      r.start.className = running ? "" : "primary";
      setText(r.start, running ? C.restart_timer : C.start_timer);
    });
    $("agenda-empty").hidden = ui.agenda.length > 0;
  }

  function setTimer(t) {
    ui.timer = t;
    ui.timerOffset = offsetOf(t);
    renderTimerLabel();
    renderAgenda();
    tick();
  }

  if ($("timer-start")) {
    $("timer-start").addEventListener("click", (e) => {
      const minutes = Number($("timer-minutes").value);
      if (!(minutes > 0)) { showError($("timer-error"), { message: C.minutes_invalid }); return; }
      const payload = { seconds: Math.round(minutes * 60) };
      const label = $("timer-text").value.trim();
      if (label) payload.label = label;
      run(e.currentTarget, $("timer-error"), "set_timer", payload);
    });
    $("timer-stop").addEventListener("click", (e) => run(e.currentTarget, $("timer-error"), "set_timer", { seconds: 0 }));
  }

  // ---- 2. key questions and their coverage -------------------------------------------------------------
  function renderKeyQuestions() {
    const list = $("key-questions");
    if (!list) return;
    const chosen = new Map(ui.agenda.filter((i) => i.argument_id).map((i) => [i.argument_id, i]));
    const items = [...state.args.values()].filter((e) => e.argument.kind === "key_question" && visible(e))
      .sort((x, y) => tallyOf(y).agree - tallyOf(x).agree || x.argument.id - y.argument.id);
    $("key-closed").hidden = ["preparation", "hearing"].includes(state.phase);
    syncList(list, items, (e) => e.argument.id, (entry) => {
      const id = entry.argument.id;
      const li = el("li", "kq");
      const head = el("div", "meta");
      const badge = el("span", "badge chosen");
      const author = el("span", "author");
      head.append(ref(id), badge, author);
      const text = el("p", "text");
      text.id = "kq-text-" + id;
      const tally = el("p", "tally");
      const controls = el("div", "row controls");
      const label = el("label", "minutes");
      const input = el("input");
      input.type = "number"; input.min = "1"; input.max = "240"; input.step = "1";
      input.addEventListener("input", () => ui.minutes.set(id, input.value));
      label.append(el("span", null, C.minutes), input);
      const minutes = () => Math.round(Number(input.value));
      const error = errorBox();
      const pick = button(C.select, "primary");
      const change = button(C.change_duration, "");
      const drop = button(C.unselect, "danger");
      [pick, change, drop].forEach((b) => b.setAttribute("aria-describedby", text.id));
      pick.addEventListener("click", () => run(pick, error, "select_key_question",
        { argument_id: id, selected: true, planned_minutes: minutes() }));
      change.addEventListener("click", () => run(change, error, "select_key_question",
        { argument_id: id, selected: true, planned_minutes: minutes() }));
      drop.addEventListener("click", () => run(drop, error, "select_key_question",
        { argument_id: id, selected: false }));
      controls.append(label, pick, change, drop);
      li.append(head, text, tally, controls, error);
      li._r = { badge, author, text, tally, input, pick, change, drop };
      return li;
    }, (li, entry) => {
      const a = entry.argument, t = tallyOf(entry), item = chosen.get(a.id), r = li._r;
      li.classList.toggle("selected", Boolean(item));
      r.badge.hidden = !item;
      setText(r.badge, item ? fmt(C.selected_minutes, { n: item.planned_minutes }) : "");
      setText(r.author, who(a.author));
      setText(r.text, a.text);
      r.tally.replaceChildren(el("strong", "agree-n", fmt(C.n_agree, { n: t.agree })),
        " · " + fmt(C.n_disagree, { n: t.disagree }) + " · " + fmt(C.n_pass, { n: t.pass }));
      if (document.activeElement !== r.input) {
        r.input.value = ui.minutes.get(a.id) || (item ? item.planned_minutes : 15);
      }
      r.pick.hidden = Boolean(item);
      r.change.hidden = r.drop.hidden = !item;
    });
    $("key-empty").hidden = items.length > 0;
  }

  function renderCoverage() {
    const box = $("coverage");
    if (!box) return;
    box.replaceChildren();
    const a = ui.analysis;
    const kq = a && a.key_questions;
    if (!kq) { box.append(el("p", "hint", C.coverage_none)); return; }
    const An = A();
    const themes = new Map((a.themes || []).map((t) => [t.id, t]));
    const refs = (ids) => ids.map((id) => "#" + id).join(", ");
    box.append(el("p", "hint", fmt(C.coverage_meta, { n: kq.selected })));

    box.append(el("h4", null, C.coverage_themes));
    const tl = el("ul", "coverage-list");
    kq.themes.forEach((row) => {
      const theme = themes.get(row.theme);
      const li = el("li", row.covered_by.length ? "covered" : "uncovered");
      const label = el("span", "theme-label");
      label.append(el("span", "swatch " + (An ? An.themeClass(new Map((a.themes || []).map((t, i) => [t.id, i])), row.theme) : "")),
                   el("span", "generated-inline", T.generated + " "),
                   document.createTextNode(theme ? An.themeKeywords(theme) : "–"));
      li.append(label, el("span", "status", row.covered_by.length ? fmt(C.covered_by, { ids: refs(row.covered_by) })
                                                                  : C.not_covered));
      tl.append(li);
    });
    box.append(tl);

    ["public", "panel"].forEach((audience) => {
      const rows = kq.groups.filter((g) => g.audience === audience);
      if (!rows.length) return;
      box.append(el("h4", null, audience === "panel" ? C.coverage_panel : C.coverage_public));
      const gl = el("ul", "coverage-list");
      rows.forEach((g) => {
        const li = el("li", g.covered_by.length ? "covered" : "uncovered");
        li.append(el("span", "group-label", An.groupName(g.group, audience) + " · " + fmt(T.people, { n: g.size })),
                  el("span", "status", g.covered_by.length ? fmt(C.covered_by, { ids: refs(g.covered_by) })
                                                           : fmt(C.group_not_covered, { n: g.size })));
        gl.append(li);
      });
      box.append(gl);
    });

    if (kq.unrepresented && kq.unrepresented.length) {
      const ul = el("ul", "warnings");
      kq.unrepresented.forEach((u) => {
        const li = el("li", "warning", fmt(C.unrepresented, { n: u.voters, id: u.argument_id }));
        li.title = fmt(C.quota, { quota: u.quota });
        ul.append(li);
      });
      box.append(el("h4", null, C.unrepresented_title), ul);
    }
  }

  Object.assign(K, { renderTimerLabel, renderAgenda, setTimer, renderKeyQuestions, renderCoverage });
})();
