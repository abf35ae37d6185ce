/* Facilitator's console, the floor: who speaks and who waits, who has not been heard, the spotlight (and the
   arguments with the fewest votes), and participation by role. Part of console.js.
   Text from people is only ever set with textContent. */
(function () {
  "use strict";
  const K = window.deliberateConsole;
  if (!K) return;
  const { C, state, $, count, px, button, showError, errorBox, roleName, who, ref, run, syncList, setText } = K;
  const { ui, visible, tallyOf, total, offsetOf, tick } = K;
  const { el, svg, fmt, num } = window.deliberateDom;

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

  Object.assign(K, { renderFloor, setQueue, renderSpotlight, renderUnderVoted, renderBalance });
})();
