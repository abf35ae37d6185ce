/* Live room: one socket to /live, a snapshot on (re)join, then events applied idempotently.
   Text from people is only ever set with textContent: never parsed as HTML. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("live-config").textContent);
  const T = config.strings;
  const steering = document.getElementById("steering") !== null;
  const state = { ready: false, queue: [], me: null, phase: null, args: new Map(), myVotes: {} };
  const $ = (id) => document.getElementById(id);
  const list = $("arguments");

  const socket = io("/live", { reconnectionDelayMax: 4000 });

  // ---- the shared core other scripts (console.js, screen.js) build on ----------------------------
  // deliberate.on(name, fn): called after this script applied a server event (or "snapshot" after a join);
  // deliberate.emit(name, payload) -> Promise of the ack ({ok: false, error} when the connection is down).
  const listeners = {};
  function notify(name, payload) { (listeners[name] || []).forEach((fn) => fn(payload, state)); }
  window.deliberate = {
    config, state, socket,
    on(name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    emit(name, payload) {
      return new Promise((resolve) => {
        socket.timeout(10000).emit(name, payload || {}, (err, ack) => {
          resolve(err ? { ok: false, error: { code: "offline", message: T.not_sent } } : (ack || { ok: false }));
        });
      });
    },
  };

  function setConnection(kind, text) {
    const el = $("connection");
    if (el) { el.dataset.state = kind; el.textContent = text; }
  }

  function showError(el, error) {
    if (!el) return;
    if (!error) { el.hidden = true; el.textContent = ""; return; }
    el.hidden = false;
    el.textContent = (error && error.message) || T.error;
  }

  // ---- rendering -------------------------------------------------------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function canVote() { return state.me && state.me.can.vote; }

  function renderArgument(entry) {
    const a = entry.argument;
    let li = list.querySelector(`li[data-id="${a.id}"]`);
    const fresh = !li;
    if (fresh) { li = el("li", "argument"); li.dataset.id = a.id; }
    li.replaceChildren();
    li.dataset.stance = a.stance || "none";
    li.dataset.kind = a.kind;
    li.classList.toggle("hidden-arg", entry.status === "hidden");

    const meta = el("div", "meta");
    if (a.kind === "question") meta.append(el("span", "badge kind", T.question));
    if (a.stance) meta.append(el("span", "badge stance-" + a.stance, T["stance_" + a.stance]));
    meta.append(el("span", "author", a.author.display_name + " · " + (config.roles[a.author.role] || a.author.role)));
    li.append(meta);
    li.append(el("p", "text", a.text));

    if (entry.status === "hidden") {
      li.append(el("p", "moderation", T.hidden_because + " " + (entry.reason || "")));
    }

    const tally = entry.tally || { agree: 0, disagree: 0, pass: 0 };
    const votes = el("div", "votes");
    const mine = state.myVotes[String(a.id)];
    [[1, "agree", T.agree], [-1, "disagree", T.disagree], [0, "pass", T.pass]].forEach(([value, key, label]) => {
      const b = el("button", "vote vote-" + key);
      b.type = "button";
      b.dataset.value = value;
      b.setAttribute("aria-pressed", mine === value ? "true" : "false");
      b.disabled = !canVote() || entry.status === "hidden";
      b.append(el("span", "label", label), el("span", "n", String(tally[key])));
      b.addEventListener("click", () => vote(a.id, value));
      votes.append(b);
    });
    li.append(votes);

    if (steering && state.me.can.moderate) li.append(moderationControls(entry));
    if (fresh) list.prepend(li);
  }

  function moderationControls(entry) {
    const box = el("div", "moderate");
    const hide = entry.status !== "hidden";
    const reason = el("input", "reason");
    reason.placeholder = hide ? T.reason_placeholder : T.restore_reason_placeholder;
    reason.maxLength = 500;
    reason.setAttribute("aria-label", T.reason_label);
    const button = el("button", hide ? "danger" : "", hide ? T.hide : T.restore);
    button.type = "button";
    const error = el("p", "error");
    error.hidden = true;
    button.addEventListener("click", () => {
      socket.emit("moderate", { argument_id: entry.argument.id, action: hide ? "hide" : "restore", reason: reason.value },
        (ack) => showError(error, ack && ack.ok ? null : (ack && ack.error)));
    });
    box.append(reason, button, error);
    return box;
  }

  function renderAll() {
    list.replaceChildren();
    [...state.args.values()].sort((x, y) => x.argument.id - y.argument.id).forEach(renderArgument);
    updateCounts();
  }

  function updateCounts() {
    const n = state.args.size;
    $("argument-count").textContent = n ? "(" + n + ")" : "";
    $("no-arguments").hidden = n > 0;
  }

  function renderPhase() {
    $("phase").textContent = config.phases[state.phase] || state.phase;
    const form = $("post-form");
    if (form) {
      const open = state.me.can.post;
      form.querySelectorAll("textarea, select, button").forEach((x) => { x.disabled = !open; });
      $("post-closed").hidden = open;
    }
    const phaseList = $("phase-list");
    if (phaseList) {
      phaseList.querySelectorAll("li").forEach((li) => li.classList.toggle("current", li.dataset.phase === state.phase));
      $("phase-select").value = state.phase;
      $("next-phase").disabled = state.phase === "published";
    }
  }

  // ---- state changes ---------------------------------------------------
  function applySnapshot(snap) {
    state.me = snap.me;
    state.phase = snap.phase;
    state.myVotes = snap.my_votes || {};
    state.args = new Map();
    snap.arguments.forEach((a) => {
      state.args.set(a.id, { argument: a, tally: snap.tallies[String(a.id)], status: a.status || "visible",
                             reason: a.moderation_reason });
    });
    renderPhase();
    renderAll();
    if (snap.analysis && window.deliberateAnalysis) window.deliberateAnalysis.render(snap.analysis);
    state.snapshot = snap;
    state.ready = true;
    notify("snapshot", snap);
    const queued = state.queue; state.queue = [];
    queued.forEach(([name, payload]) => dispatch(name, payload));
  }

  // Every server event of docs/events.md; those without a handler here are for other scripts (deliberate.on).
  const LIVE_EVENTS = ["argument_posted", "tally_changed", "tallies_changed", "phase_changed", "argument_moderated",
    "moderation_reasons_changed", "answer_posted", "agenda_changed", "timer_changed", "queue_changed",
    "spotlight_changed", "dossier_changed", "glossary_changed", "note_added", "analysis_updated",
    "arguments_assigned"];

  const handlers = {
    analysis_updated(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.render(p);
    },
    arguments_assigned(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.assigned(p);
    },
    argument_posted(p) {
      if (state.args.has(p.argument.id)) return;
      const entry = { argument: p.argument, tally: { agree: 0, disagree: 0, pass: 0 }, status: "visible" };
      state.args.set(p.argument.id, entry);
      renderArgument(entry);
      updateCounts();
    },
    tally_changed(p) {
      const entry = state.args.get(p.argument_id);
      if (!entry) return;
      entry.tally = { agree: p.agree, disagree: p.disagree, pass: p.pass };
      renderArgument(entry);
    },
    tallies_changed(p) { (p.items || []).forEach(handlers.tally_changed); },
    phase_changed(p) {
      state.phase = p.phase;
      const open = ["preparation", "hearing", "deliberation"].includes(p.phase);
      const contributes = state.me.role !== "observer";
      state.me.can.post = state.me.can.vote = open && contributes;
      renderPhase();
      renderAll();
    },
    argument_moderated(p) {
      if (p.status === "hidden" && !steering) {
        state.args.delete(p.argument_id);
        const li = list.querySelector(`li[data-id="${p.argument_id}"]`);
        if (li) li.remove();
        updateCounts();
        return;
      }
      let entry = state.args.get(p.argument_id);
      if (!entry && p.argument) {
        entry = { argument: p.argument, tally: p.tally, status: "visible" };
        state.args.set(p.argument_id, entry);
        renderAll();
        return;
      }
      if (!entry) return;
      entry.status = p.status;
      entry.reason = p.reason;
      if (p.tally) entry.tally = p.tally;
      renderArgument(entry);
    },
  };

  function dispatch(name, payload) {
    if (handlers[name]) handlers[name](payload);
    notify(name, payload);
  }
  LIVE_EVENTS.forEach((name) => {
    socket.on(name, (payload) => {
      if (!state.ready) { state.queue.push([name, payload]); return; }
      dispatch(name, payload);
    });
  });

  // ---- commands --------------------------------------------------------
  function vote(argumentId, value) {
    socket.emit("cast_vote", { argument_id: argumentId, value: value }, (ack) => {
      if (ack && ack.ok) {
        state.myVotes[String(argumentId)] = value;
        const entry = state.args.get(argumentId);
        if (entry) { entry.tally = ack.tally; renderArgument(entry); }
      } else {
        alertError(ack && ack.error);
      }
    });
  }

  function alertError(error) {
    const target = $("post-error") || $("steer-error");
    showError(target, error || { message: T.error });
  }

  const form = $("post-form");
  if (form) {
    const text = $("post-text");
    const counter = $("post-counter");
    text.addEventListener("input", () => { counter.textContent = text.value.length + " / 1000"; });
    $("post-kind").addEventListener("change", (e) => {
      // Questions to experts usually carry no stance.
      if (e.target.value === "question") $("post-stance").value = "";
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const payload = { text: text.value, stance: $("post-stance").value || null, kind: $("post-kind").value };
      $("post-submit").disabled = true;
      socket.timeout(10000).emit("post_argument", payload, (err, ack) => {
        $("post-submit").disabled = !state.me.can.post;
        if (err) { showError($("post-error"), { message: T.not_sent }); return; }
        if (ack && ack.ok) {
          text.value = ""; counter.textContent = "0 / 1000";
          showError($("post-error"), null);
          handlers.argument_posted({ argument: ack.argument });
        } else {
          showError($("post-error"), ack && ack.error);
        }
      });
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

  // ---- connection ------------------------------------------------------
  socket.on("connect", () => {
    setConnection("online", T.online);
    state.ready = false;
    socket.emit("join", { conference: config.conference }, (ack) => {
      if (ack && ack.ok) applySnapshot(ack.snapshot);
      else { setConnection("error", (ack && ack.error && ack.error.message) || T.error); }
    });
  });
  socket.on("disconnect", () => setConnection("offline", T.offline));
  socket.on("connect_error", (err) => {
    const message = err && err.data && err.data.message;
    setConnection("offline", message || T.offline);
  });
})();
