/* Facilitator's console: the panels around live.js's shared core (window.deliberate).
   live.js's scripts keep the phase controls (live_room.js) and the argument list with moderation (live_cards.js);
   the console adds the agenda and timer, key questions and their coverage, the floor, the spotlight,
   participation, duplicates, unclear notes and the moderation reasons.
   Text from people is only ever set with textContent.
   This script holds the console's shared helpers and state (window.deliberateConsole); then come
   console_agenda.js (agenda, timer, key questions, coverage), console_floor.js (floor, spotlight, participation),
   console_moderation.js (duplicates, unclear notes, moderation reasons) and, last, console_events.js (wiring). */
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

  // What the console scripts share; each adds the functions the others call (looked up when called).
  window.deliberateConsole = {
    D, C, T, state, A, $, count, px, button, showError, errorBox, roleName, who, ref, run, syncList, setText, later,
    ui, visible, tallyOf, total, offsetOf, tick,
  };
})();
