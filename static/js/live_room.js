/* Live room, the rest of the room: phase, rules, timer, the floor (raise a hand, who speaks) and the spotlight;
   at the desk, the phase controls. Part of live.js's core.
   Text from people is only ever set with textContent (or DOM text nodes): never parsed as HTML. */
(function () {
  "use strict";
  const L = window.deliberateLive;
  const { config, T, state, $, R, socket, link, showError, personLine } = L;
  const { el, fmt } = window.deliberateDom;
  const { withTerms } = window.deliberateGlossary;

  // ---- clock: countdowns on the local clock, corrected by the server's ------------------------------
  const { offsetFrom, secondsLeft, format: clock } = window.deliberateClock;

  // ---- the rest of the room: phase, rules, timer, floor, spotlight --------------------------------------
  function renderPhase() {
    const phase = $("phase");
    if (phase) phase.textContent = config.phases[state.phase] || state.phase;
    L.renderForm();
    const phaseList = $("phase-list");
    if (phaseList) {
      phaseList.querySelectorAll("li").forEach((li) => li.classList.toggle("current", li.dataset.phase === state.phase));
      if ($("phase-select")) $("phase-select").value = state.phase;
      if ($("next-phase")) $("next-phase").disabled = state.phase === "published";
    }
  }

  function renderRules() {
    const ul = R("rules");
    if (!ul) return;
    ul.replaceChildren();
    state.rules.forEach((rule) => {
      const li = el("li", rule.open ? "rule open" : "rule closed");
      li.append(el("span", "badge rule-state", rule.open ? T.rule_open : T.rule_closed), " ", el("span", "rule-text", rule.text));
      ul.append(li);
    });
    if (R("rules-box")) R("rules-box").hidden = !state.rules.length;
  }

  function setTimer(timer) {
    state.timer = timer ? { ...timer, offset: offsetFrom(timer.server_now) } : null;
  }

  function setFloor(p) {
    const turn = p.turn ? { ...p.turn, offset: offsetFrom(p.turn.server_now) } : null;
    state.floor = { queue: p.queue || [], speaking: p.speaking || null, turn };
  }

  function tick() {
    const box = R("timer-box");
    if (box) {
      const t = state.timer;
      const running = !!(t && t.ends_at);
      box.hidden = !running;
      if (running) {
        const left = secondsLeft(t.ends_at, t.offset) || 0;
        const node = $("timer");
        node.dataset.remaining = String(left);
        const text = left > 0 ? clock(left) : T.time_up;
        if (node.textContent !== text) node.textContent = text;
        box.classList.toggle("ending", left > 0 && left <= 60);
        box.classList.toggle("up", left === 0);
        $("timer-label").textContent = t.label || T.timer_default;
      }
    }
    const turnLeft = R("turn-left");
    const turn = state.floor.turn;
    if (turnLeft && turn && turn.ends_at) {
      const left = secondsLeft(turn.ends_at, turn.offset) || 0;
      turnLeft.dataset.remaining = String(left);
      const text = left > 0 ? clock(left) : T.time_up;
      if (turnLeft.textContent !== text) turnLeft.textContent = text;
      turnLeft.classList.toggle("up", left === 0);
    }
  }

  function renderFloor() {
    const box = R("floor");
    if (!box || !state.me) return;
    const me = state.me;
    const { queue, speaking, turn } = state.floor;
    const canHand = !!me.can.raise_hand;
    box.hidden = !canHand && !speaking;
    const who = $("speaking");
    who.replaceChildren();
    if (speaking) {
      who.append(el("span", "who", speaking.id === me.id ? T.you_speaking : fmt(T.speaking, { name: speaking.display_name })));
      if (turn && turn.ends_at) {
        const left = el("span", "turn-left");
        left.id = "turn-left";
        left.setAttribute("role", "timer");
        who.append(" ", left);
      }
    } else {
      who.append(el("span", "who", T.nobody_speaking));
    }
    const place = $("queue-place");
    const i = queue.findIndex((m) => m.id === me.id);
    place.textContent = i >= 0 ? fmt(T.queue_place, { n: i + 1, total: queue.length })
      : (queue.length ? fmt(T.queue_size, { n: queue.length }) : "");
    place.hidden = !place.textContent;
    const hand = $("hand");
    const raised = i >= 0 || !!(speaking && speaking.id === me.id);
    hand.hidden = !canHand;
    hand.disabled = !canHand;
    hand.textContent = raised ? T.lower_hand : T.raise_hand;
    hand.setAttribute("aria-pressed", raised ? "true" : "false");
    tick();
  }

  function renderSpotlight() {
    const box = R("spotlight");
    if (!box) return;
    const a = state.spotlight;
    box.hidden = !a;
    box.replaceChildren();
    if (!a) return;
    const head = el("p", "spotlight-head");
    head.append(el("span", "spotlight-label", T.spotlight), " ", link("num", "#" + a.id, "#arg-" + a.id));
    const badge = L.kindBadge(a.kind);
    if (badge) head.append(" ", badge);
    box.append(head, withTerms("p", "text", a.text), el("p", "author", personLine(a.author)));
  }

  // ---- commands: the floor and the phase ----------------------------------
  const hand = R("hand");
  if (hand) {
    hand.addEventListener("click", async () => {
      const raised = hand.getAttribute("aria-pressed") === "true";
      hand.disabled = true;
      const ack = await window.deliberate.emit(raised ? "lower_hand" : "raise_hand", {});
      hand.disabled = false;
      showError($("floor-error"), ack.ok ? null : ack.error);
      if (ack.ok) setFloor(ack);
      renderFloor();
    });
  }

  function setPhase(phase) {
    socket.emit("set_phase", { phase: phase }, (ack) => showError($("steer-error"), ack && ack.ok ? null : ack.error));
  }
  if ($("next-phase")) {
    $("next-phase").addEventListener("click", () => {
      const order = config.phase_order;
      const i = order.indexOf(state.phase);
      if (i >= 0 && i < order.length - 1) setPhase(order[i + 1]);
    });
    $("set-phase").addEventListener("click", () => setPhase($("phase-select").value));
  }

  // One clock for every countdown on the page.
  setInterval(tick, 500);

  Object.assign(L, { renderPhase, renderRules, setTimer, setFloor, tick, renderFloor, renderSpotlight });
})();
