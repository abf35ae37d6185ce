/* Projector view (1920 x 1080): the question, the phase, the countdown, who speaks and who is next, the
   argument in the spotlight and the live map of arguments by theme. Built on live.js (window.deliberate);
   text from people is only ever set with textContent. */
(function () {
  "use strict";
  const D = window.deliberate;
  if (!D) return;
  const C = D.config.console || {};
  const $ = (id) => document.getElementById(id);
  const { el, fmt } = window.deliberateDom;
  const roleName = (role) => (D.config.roles || {})[role] || role;

  const ui = { agenda: [], timer: null, timerOffset: 0, queue: [], speaking: null, turn: null, turnOffset: 0,
               spotlight: null, analysis: null };

  const clock = window.deliberateClock;
  const offsetOf = (payload) => clock.offsetFrom(payload && payload.server_now);

  function tick() {
    clock.paint($("screen-clock"), ui.timer && ui.timer.ends_at, ui.timerOffset, 60, "00:00");
    clock.paint($("screen-turn"), ui.speaking && ui.turn && ui.turn.ends_at, ui.turnOffset, 20, "");
  }
  setInterval(tick, 250);

  function renderTimer() {
    const t = ui.timer;
    const label = $("screen-timer-label");
    if (t && t.ends_at) {
      const item = ui.agenda.find((i) => i.id === t.item_id);
      label.textContent = t.label || (item ? item.title : "") || C.timer_running;
    } else {
      label.textContent = C.no_timer;
    }
    // A long agenda title gets smaller type so that the clock keeps its place.
    label.classList.toggle("long", label.textContent.length > 90);
    tick();
  }

  function renderFloor() {
    const speaker = $("screen-speaker");
    speaker.replaceChildren();
    if (ui.speaking) {
      speaker.append(el("span", "name", ui.speaking.display_name), el("span", "role", roleName(ui.speaking.role)));
    } else {
      speaker.append(el("span", "screen-muted", C.nobody_speaking));
    }
    const list = $("screen-queue");
    list.replaceChildren();
    ui.queue.slice(0, 3).forEach((m) => {
      const li = el("li");
      li.append(el("span", "name", m.display_name), el("span", "role", roleName(m.role)));
      list.append(li);
    });
    const more = ui.queue.length - 3;
    if (more > 0) list.append(el("li", "more", fmt(C.queue_more, { n: more })));
    $("screen-queue-empty").hidden = ui.queue.length > 0;
    tick();
  }

  function renderSpotlight() {
    const body = $("screen-spot-body");
    body.replaceChildren();
    const s = ui.spotlight;
    $("screen-spotlight").classList.toggle("empty", !s);
    if (!s) { body.append(el("p", "screen-muted", C.spotlight_none)); return; }
    const text = el("p", "spot-text", s.text);
    if (s.text.length > 420) text.classList.add("very-long");
    else if (s.text.length > 200) text.classList.add("long");
    const who = el("p", "spot-author");
    who.append(el("span", "spot-ref", "#" + s.id), document.createTextNode(" " + (s.author ? s.author.display_name +
      " · " + roleName(s.author.role) : "")));
    body.append(who, text);
  }

  function renderMap() {
    const box = $("screen-map");
    if (window.deliberateAnalysis) {
      window.deliberateAnalysis.drawMap(box, ui.analysis, { highlight: ui.spotlight ? ui.spotlight.id : null,
                                                           radius: 0.03 });
    }
  }

  D.on("snapshot", (snap) => {
    ui.agenda = snap.agenda || [];
    ui.timer = snap.timer; ui.timerOffset = offsetOf(snap.timer);
    ui.queue = snap.queue || []; ui.speaking = snap.speaking || null; ui.turn = snap.turn || null;
    ui.turnOffset = offsetOf(snap.turn);
    ui.spotlight = snap.spotlight || null;
    ui.analysis = snap.analysis || null;
    renderTimer(); renderFloor(); renderSpotlight(); renderMap();
  });
  D.on("agenda_changed", (p) => { ui.agenda = p.agenda || []; renderTimer(); });
  D.on("timer_changed", (p) => { ui.timer = p; ui.timerOffset = offsetOf(p); renderTimer(); });
  D.on("queue_changed", (p) => {
    ui.queue = p.queue || []; ui.speaking = p.speaking || null; ui.turn = p.turn || null;
    ui.turnOffset = offsetOf(p.turn);
    renderFloor();
  });
  D.on("spotlight_changed", (p) => { ui.spotlight = p.argument || null; renderSpotlight(); renderMap(); });
  D.on("analysis_updated", (p) => { ui.analysis = p; renderMap(); });
})();
