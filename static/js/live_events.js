/* Live room, the server's side: the snapshot applied on (re)join, then every event of docs/events.md applied
   once, and the connection. Loaded after the other live scripts (live.js first): it connects the socket only
   once the code that applies the snapshot and the events is all there. Part of live.js's core. */
(function () {
  "use strict";
  const L = window.deliberateLive;
  const { config, T, steering, state, $, EMPTY, socket, notify, setConnection, outbox } = L;
  const { addAnswerToState, announcePost, announceAnswer, renderForMe, applyAnswer } = L;
  const { isPlaceholder, updateVotes, renderArgument, renderAll, updateCounts, renderCountsHint } = L;
  const { renderPhase, renderRules, setTimer, setFloor, tick, renderFloor, renderSpotlight } = L;

  // ---- state changes ---------------------------------------------------
  function entryOf(a, tally) {
    return { argument: a, tally: tally || { ...EMPTY }, status: a.status || "visible",
             reason: a.moderation_reason || null, duplicate_of: a.duplicate_of || null };
  }

  function applySnapshot(snap) {
    state.me = snap.me;
    state.phase = snap.phase;
    state.myVotes = snap.my_votes || {};
    state.talliesAfterVote = snap.tallies_after_vote !== false;
    state.args = new Map();
    (snap.arguments || []).forEach((a) => state.args.set(a.id, entryOf(a, snap.tallies[String(a.id)])));
    state.answers = new Map();
    state.answerIds = new Set();
    (snap.answers || []).forEach(addAnswerToState);
    state.agenda = snap.agenda || [];
    state.glossary = snap.glossary || [];
    window.deliberateGlossary.compile(state.glossary, T.term_hint);
    state.answerers = snap.answerers || [];
    state.reasons = snap.moderation_reasons || [];
    state.rules = snap.rules || [];
    state.dossier = snap.dossier || [];
    state.spotlight = snap.spotlight || null;
    setTimer(snap.timer);
    setFloor(snap);
    renderPhase();
    renderAll();
    renderCountsHint();
    renderRules();
    renderFloor();
    renderSpotlight();
    tick();
    if (snap.analysis && window.deliberateAnalysis) window.deliberateAnalysis.render(snap.analysis);
    state.snapshot = snap;
    state.ready = true;
    notify("snapshot", snap);
    const queued = state.queue; state.queue = [];
    queued.forEach(([name, payload]) => dispatch(name, payload));
  }

  // Every server event of docs/events.md; those without a handler here are for other scripts (deliberate.on).
  const LIVE_EVENTS = ["argument_posted", "tally_changed", "tallies_changed", "phase_changed", "argument_moderated",
    "moderation_reasons_changed", "tally_visibility_changed", "answer_posted", "agenda_changed", "timer_changed", "queue_changed",
    "spotlight_changed", "dossier_changed", "glossary_changed", "note_added", "analysis_updated",
    "arguments_assigned", "document_changed", "member_erased", "themes_changed"];

  const handlers = {
    analysis_updated(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.render(p);
    },
    arguments_assigned(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.assigned(p);
    },
    argument_posted(p) {
      if (state.args.has(p.argument.id)) return;
      const entry = entryOf(p.argument);
      state.args.set(p.argument.id, entry);
      renderArgument(entry);
      updateCounts();
      if (p.argument.kind !== "argument") renderForMe();
      announcePost(p.argument);
    },
    tally_changed(p) {
      const entry = state.args.get(p.argument_id);
      if (!entry || isPlaceholder(entry)) return;
      entry.tally = { agree: p.agree, disagree: p.disagree, pass: p.pass };
      updateVotes(entry);
    },
    tallies_changed(p) { (p.items || []).forEach(handlers.tally_changed); },
    // Rare: an organiser erased someone's name; a fresh snapshot renames them everywhere.
    member_erased() { join(); },
    phase_changed(p) {
      // Capabilities and rules depend on the phase: take a fresh snapshot.
      if (p.phase === state.phase) return;
      state.phase = p.phase;
      if ($("phase")) $("phase").textContent = config.phases[p.phase] || p.phase;
      join();
    },
    argument_moderated(p) {
      const id = p.argument_id;
      let entry = state.args.get(id);
      if (p.status === "hidden") {
        if (steering) {
          if (!entry) return;
          entry.status = "hidden";
        } else {
          // Participants keep the place and the published reason, never the text.
          const kind = entry ? entry.argument.kind : "argument";
          const created = entry ? entry.argument.created_at : null;
          entry = { argument: { id, kind, created_at: created, text: null, status: "hidden" }, tally: null,
                    status: "hidden" };
          state.args.set(id, entry);
        }
        entry.reason = p.reason;
        entry.duplicate_of = p.duplicate_of || null;
      } else {
        if (p.argument) {
          const previous = entry;
          entry = entryOf(p.argument, p.tally || (previous && previous.tally));
          entry.status = "visible";
          state.args.set(id, entry);
        } else if (entry) {
          entry.status = "visible";
          if (p.tally) entry.tally = p.tally;
        } else {
          return;
        }
        entry.reason = null;
        entry.duplicate_of = null;
        (p.answers || []).forEach(addAnswerToState);
      }
      renderArgument(entry);
      updateCounts();
      renderForMe();
    },
    tally_visibility_changed(p) {
      state.talliesAfterVote = p.after_vote !== false;
      renderCountsHint();
      state.args.forEach(updateVotes);
    },
    moderation_reasons_changed(p) {
      state.reasons = p.reasons || [];
      if (steering) renderAll();
    },
    answer_posted(p) {
      if (p.answer && !state.answerIds.has(p.answer.id)) announceAnswer(p.answer);
      applyAnswer(p.answer);
    },
    agenda_changed(p) {
      state.agenda = p.agenda || [];
      renderAll();
    },
    timer_changed(p) {
      setTimer(p);
      tick();
    },
    queue_changed(p) {
      setFloor(p);
      renderFloor();
    },
    spotlight_changed(p) {
      state.spotlight = p.argument || null;
      renderSpotlight();
    },
    dossier_changed(p) { state.dossier = p.entries || []; },
    glossary_changed(p) {
      state.glossary = p.glossary || [];
      window.deliberateGlossary.compile(state.glossary, T.term_hint);
      renderAll();
      renderSpotlight();
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
  L.handlers = handlers;

  // ---- connection ------------------------------------------------------
  function join() {
    state.ready = false;
    socket.emit("join", { conference: config.conference }, (ack) => {
      if (ack && ack.ok) { applySnapshot(ack.snapshot); outbox.joined(); return; }
      setConnection("error", (ack && ack.error && ack.error.message) || T.error);
      if (state.me) {
        // A failed re-join keeps the page we had: apply what arrived meanwhile.
        state.ready = true;
        const queued = state.queue; state.queue = [];
        queued.forEach(([name, payload]) => dispatch(name, payload));
      }
    });
  }

  socket.on("connect", () => {
    setConnection("online", T.online);
    join();
  });
  // The member left or was revoked: say why, and stop reconnecting (the server refuses the credentials now).
  let ended = null;
  socket.on("membership_ended", (event) => {
    ended = (event && event.message) || T.error;
    socket.disconnect();
    setConnection("error", ended);
  });
  socket.on("disconnect", () => {
    outbox.lost();
    setConnection(ended ? "error" : "offline", ended || T.offline);
  });
  socket.on("connect_error", (err) => {
    const message = err && err.data && err.data.message;
    setConnection("offline", message || T.offline);
  });
  // Connect once every script of the page has run (the document, the console, the room list subscribe with
  // deliberate.on): a snapshot that came between two script files would otherwise pass them by.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => socket.connect());
  else socket.connect();
})();
