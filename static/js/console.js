/* Facilitator's console: the panels around live.js's shared core (window.deliberate).
   live.js keeps the phase controls and the argument list with moderation; this script adds the agenda and timer,
   key questions and their coverage, the floor, the spotlight, participation, duplicates, unclear notes and the
   moderation reasons. Text from people is only ever set with textContent. */
(function () {
  "use strict";
  const D = window.deliberate;
  if (!D) return;
  const C = D.config.console || {};
  const T = D.config.strings;
  const state = D.state;
  const A = () => window.deliberateAnalysis;
  const $ = (id) => document.getElementById(id);
  const { el, svg, fmt, num } = window.deliberateDom;
  // "%(n)s votes" / "%(n)s vote": the `_one` variant of a string when n is 1 (translators may adjust both).
  const count = (key, n, vars) => fmt(n === 1 && C[key + "_one"] ? C[key + "_one"] : C[key], { n: n, ...(vars || {}) });
  // Chart geometry in CSS pixels at a 16 px root font; scaled with the reader's font size so that labels
  // (sized in rem) never overlap the bars.
  const px = (n) => Math.round(n * ((parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16) * 10) / 10;

  function button(text, cls) {
    const b = el("button", cls, text);
    b.type = "button";
    return b;
  }
  function showError(box, error) {
    if (!box) return;
    box.hidden = !error;
    box.textContent = error ? (error.message || T.error) : "";
  }
  function errorBox() {
    const p = el("p", "error row-error");
    p.setAttribute("role", "alert");
    p.hidden = true;
    return p;
  }
  function roleName(role) { return (D.config.roles || {})[role] || role; }
  function who(member) { return member ? member.display_name + " · " + roleName(member.role) : ""; }
  function ref(id) { return el("span", "arg-ref", "#" + id); }

  // Runs a command: the button is busy meanwhile, the error (if any) goes next to the control.
  async function run(btn, errorBox, name, payload) {
    if (btn) { btn.disabled = true; btn.setAttribute("aria-busy", "true"); }
    const ack = await D.emit(name, payload);
    if (btn) { btn.disabled = false; btn.removeAttribute("aria-busy"); }
    showError(errorBox, ack && ack.ok ? null : ((ack && ack.error) || { message: T.error }));
    return ack || { ok: false };
  }

  // Keyed lists: existing rows are updated in place (a click or typing in progress is never lost to a
  // re-render); rows are built once, moved only when the order changed, removed when gone.
  function syncList(list, items, keyOf, build, update) {
    const existing = new Map([...list.children].map((n) => [n.dataset.key, n]));
    const wanted = items.map((item) => {
      const k = String(keyOf(item));
      let node = existing.get(k);
      if (!node) { node = build(item); node.dataset.key = k; }
      existing.delete(k);
      node._item = item;
      update(node, item);
      return node;
    });
    existing.forEach((n) => n.remove());
    wanted.forEach((node, i) => { if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null); });
  }
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  // Many votes can arrive at once: coalesce re-renders.
  const scheduled = new Set();
  function later(fn) {
    if (scheduled.has(fn)) return;
    scheduled.add(fn);
    setTimeout(() => { scheduled.delete(fn); fn(); }, 150);
  }

  const ui = {
    agenda: [], timer: null, timerOffset: 0,
    queue: [], speaking: null, turn: null, turnOffset: 0,
    spotlight: null, analysis: null, participation: null, reasons: [],
    newNotes: 0, heard: new Set(), minutes: new Map(), proposed: new Map(),
  };

  const visible = (entry) => entry.status !== "hidden" && entry.argument && entry.argument.text !== null;
  const tallyOf = (entry) => entry.tally || { agree: 0, disagree: 0, pass: 0 };
  const total = (t) => t.agree + t.disagree + t.pass;

  // ---- clocks ----------------------------------------------------------------------------------------
  const clock = window.deliberateClock;
  const offsetOf = (payload) => clock.offsetFrom(payload && payload.server_now);

  function tick() {
    const face = $("timer-clock");
    if (face) {
      const t = ui.timer;
      const s = clock.paint(face, t && t.ends_at, ui.timerOffset, 60, "00:00");
      $("timer-over").hidden = s !== 0;
    }
    const turn = $("turn-clock");
    if (turn) clock.paint(turn, ui.speaking && ui.turn && ui.turn.ends_at, ui.turnOffset, 20, "");
  }
  setInterval(tick, 250);

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

  // ---- 3. the floor -----------------------------------------------------------------------------------
  function turnSeconds() {
    const n = Math.round(Number($("turn-seconds").value));
    return n > 0 ? n : 120;
  }
  function giveFloor(btn, member, error) {
    return run(btn, error || $("console-floor-error"), "give_floor", { member_id: member.id, seconds: turnSeconds() });
  }

  function personRow(cls) {
    return (m) => {
      const li = el("li");
      const name = el("span", "grow");
      const b = button(C.give_floor, cls);
      const error = errorBox();
      b.addEventListener("click", () => giveFloor(b, li._item, error));
      li.append(name, b, error);
      li._r = { name, b };
      return li;
    };
  }
  function updatePerson(li, m) {
    setText(li._r.name, who(m));
    li._r.b.setAttribute("aria-label", C.give_floor + " — " + m.display_name);
  }

  function renderFloor() {
    const box = $("speaker");
    if (!box) return;
    setText($("speaker-name"), ui.speaking ? who(ui.speaking) : C.nobody_speaking);
    $("end-turn").hidden = !ui.speaking;
    box.classList.toggle("active", Boolean(ui.speaking));
    syncList($("queue"), ui.queue, (m) => m.id, personRow("primary"), updatePerson);
    $("queue-empty").hidden = ui.queue.length > 0;
    const people = ((ui.participation && ui.participation.not_heard) || []).filter((m) => !ui.heard.has(m.id));
    syncList($("not-heard"), people, (m) => m.id, personRow(""), updatePerson);
    $("not-heard-empty").hidden = people.length > 0;
    tick();
  }

  function setQueue(p) {
    ui.queue = p.queue || [];
    ui.speaking = p.speaking || null;
    ui.turn = p.turn || null;
    ui.turnOffset = offsetOf(p.turn);
    if (ui.speaking) ui.heard.add(ui.speaking.id);
    renderFloor();
  }
  if ($("end-turn")) {
    $("end-turn").addEventListener("click", (e) => run(e.currentTarget, $("console-floor-error"), "give_floor",
      { member_id: null }));
  }

  // ---- 4. spotlight -------------------------------------------------------------------------------------
  function renderSpotlight() {
    const box = $("spotlight-current");
    if (!box) return;
    box.replaceChildren();
    const s = ui.spotlight;
    if (s) {
      const head = el("p", "meta");
      head.append(ref(s.id), el("span", "author", who(s.author)));
      box.append(head, el("p", "text", s.text));
    } else {
      box.append(el("p", "hint", C.spotlight_none));
    }
    $("spotlight-clear").hidden = !s;
  }

  function renderUnderVoted() {
    const list = $("under-voted");
    if (!list) return;
    const items = [...state.args.values()].filter((e) => e.argument.kind === "argument" && visible(e))
      .sort((x, y) => total(tallyOf(x)) - total(tallyOf(y)) || y.argument.id - x.argument.id).slice(0, 6);
    syncList(list, items, (e) => e.argument.id, (entry) => {
      const li = el("li");
      const body = el("div", "grow");
      const meta = el("p", "meta");
      const votes = el("span", "n-votes");
      meta.append(ref(entry.argument.id), votes);
      const text = el("p", "text clamp");
      text.id = "uv-text-" + entry.argument.id;
      body.append(meta, text);
      const b = button(C.spotlight, "primary");
      b.setAttribute("aria-describedby", text.id);
      const error = errorBox();
      b.addEventListener("click", () => run(b, error, "spotlight", { argument_id: li._item.argument.id }));
      li.append(body, b, error);
      li._r = { votes, text, b };
      return li;
    }, (li, entry) => {
      setText(li._r.votes, count("n_votes", total(tallyOf(entry))));
      setText(li._r.text, entry.argument.text);
      li._r.b.className = ui.spotlight && ui.spotlight.id === entry.argument.id ? "" : "primary";
    });
    $("under-voted-empty").hidden = items.length > 0;
  }
  if ($("spotlight-clear")) {
    $("spotlight-clear").addEventListener("click", (e) => run(e.currentTarget, $("spotlight-error"), "spotlight",
      { argument_id: null }));
    $("spotlight-go").addEventListener("click", (e) => {
      const id = parseInt(String($("spotlight-id").value).replace("#", ""), 10);
      if (!(id > 0)) { showError($("spotlight-error"), { message: C.number_invalid }); return; }
      run(e.currentTarget, $("spotlight-error"), "spotlight", { argument_id: id });
    });
  }

  // ---- 5. participation balance by role ---------------------------------------------------------------
  const ROLE_ORDER = ["panelist", "public", "expert", "stakeholder", "facilitator", "organiser", "observer"];
  function renderBalance() {
    const box = $("balance");
    if (!box) return;
    box.replaceChildren();
    const by = ui.participation && ui.participation.by_role;
    if (!by) { box.append(el("p", "hint", C.balance_none)); return; }
    const roles = ROLE_ORDER.filter((r) => by[r]).concat(Object.keys(by).filter((r) => !ROLE_ORDER.includes(r)));
    const ROW = px(48);
    const titleId = "balance-title", descId = "balance-desc";
    const chart = svg("svg", { width: "100%", height: roles.length * ROW + px(28), class: "chart balance-chart",
                               role: "img", "aria-labelledby": titleId + " " + descId, focusable: "false" });
    chart.append(svg("title", { id: titleId }, C.balance_chart));
    const desc = [];
    // Legend.
    chart.append(svg("rect", { x: px(0), y: px(4), width: px(12), height: px(12), class: "bar-posted" }),
                 svg("text", { x: px(18), y: px(15), class: "chart-label" }, C.share_posted),
                 svg("rect", { x: "50%", y: px(4), width: px(12), height: px(12), class: "bar-voted" }));
    const votedLegend = svg("text", { x: "50%", y: px(15), dx: px(18), class: "chart-label" }, C.share_voted);
    chart.append(votedLegend);
    roles.forEach((role, i) => {
      const r = by[role], y = px(28) + i * ROW;
      const posted = r.members ? r.posted / r.members : 0, voted = r.members ? r.voted / r.members : 0;
      chart.append(svg("text", { x: px(0), y: y + px(13), class: "chart-label" }, roleName(role) + " (" + num(r.members) + ")"));
      chart.append(svg("rect", { x: px(0), y: y + px(18), width: "78%", height: px(10), rx: px(2), class: "bar-track" }),
                   svg("rect", { x: px(0), y: y + px(18), width: (78 * posted).toFixed(2) + "%", height: px(10), rx: px(2), class: "bar-posted" }),
                   svg("text", { x: "80%", y: y + px(27), class: "chart-value" }, Math.round(100 * posted) + " %"),
                   svg("rect", { x: px(0), y: y + px(30), width: "78%", height: px(10), rx: px(2), class: "bar-track" }),
                   svg("rect", { x: px(0), y: y + px(30), width: (78 * voted).toFixed(2) + "%", height: px(10), rx: px(2), class: "bar-voted" }),
                   svg("text", { x: "80%", y: y + px(39), class: "chart-value" }, Math.round(100 * voted) + " %"));
      desc.push(fmt(C.balance_desc, { role: roleName(role), posted: r.posted, voted: r.voted, members: r.members }));
    });
    chart.append(svg("desc", { id: descId }, desc.join("; ")));
    box.append(chart);

    const table = el("table", "figures");
    table.append(el("caption", null, C.balance_table));
    const head = el("tr");
    [C.col_role, C.col_posted, C.col_voted, C.col_answers].forEach((h) => {
      const th = el("th", null, h); th.scope = "col"; head.append(th);
    });
    const thead = el("thead"); thead.append(head);
    const tbody = el("tbody");
    roles.forEach((role) => {
      const r = by[role];
      const tr = el("tr");
      const th = el("th", null, roleName(role) + " (" + num(r.members) + ")"); th.scope = "row";
      tr.append(th);
      [num(r.posted) + " · " + num(r.posts), num(r.voted) + " · " + num(r.votes), num(r.answers)]
        .forEach((v) => tr.append(el("td", null, v)));
      tbody.append(tr);
    });
    table.append(thead, tbody);
    const scroll = el("div", "table-scroll");
    // Scrolls sideways with a large font: a keyboard must reach it, and it is named by what it holds.
    scroll.tabIndex = 0;
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", C.balance_table || "");
    scroll.append(table);
    box.append(scroll);
  }

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

  // ---- wiring ---------------------------------------------------------------------------------------------
  function renderArgumentsPanels() {
    renderKeyQuestions();
    renderUnderVoted();
    renderDuplicates();
  }

  function setAnalysis(a) {
    ui.analysis = a || null;
    if (a && a.participation) ui.participation = a.participation;
    renderCoverage();
    renderDuplicates();
    renderBalance();
    renderFloor();
  }

  D.on("snapshot", (snap) => {
    ui.agenda = snap.agenda || [];
    ui.spotlight = snap.spotlight || null;
    ui.participation = snap.participation || null;
    ui.reasons = snap.moderation_reasons || [];
    setTimer(snap.timer);
    setQueue(snap);
    setAnalysis(snap.analysis);
    renderSpotlight();
    renderArgumentsPanels();
    renderReasons();
  });
  D.on("agenda_changed", (p) => { ui.agenda = p.agenda || []; renderAgenda(); renderTimerLabel(); renderKeyQuestions(); });
  D.on("timer_changed", setTimer);
  D.on("queue_changed", setQueue);
  D.on("spotlight_changed", (p) => { ui.spotlight = p.argument || null; renderSpotlight(); renderUnderVoted(); });
  D.on("analysis_updated", setAnalysis);
  D.on("argument_posted", () => later(renderArgumentsPanels));
  D.on("tally_changed", () => later(renderArgumentsPanels));
  D.on("tallies_changed", () => later(renderArgumentsPanels));
  D.on("argument_moderated", () => later(renderArgumentsPanels));
  D.on("phase_changed", () => renderKeyQuestions());
  D.on("note_added", () => { ui.newNotes += 1; renderNoteCounter(); });
  D.on("moderation_reasons_changed", (p) => { ui.reasons = p.reasons || []; renderReasons(); });
})();
