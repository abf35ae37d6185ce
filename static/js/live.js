/* Live room: one socket to /live, a snapshot on (re)join, then events applied idempotently.
   Text from people is only ever set with textContent (or DOM text nodes): never parsed as HTML.
   This script is the shared core: config, state, socket, window.deliberate, and the helpers the other live
   scripts take from window.deliberateLive. They load in this order: live_answers.js (answers, announcements,
   questions for me), live_cards.js (argument cards and votes), live_form.js (the post form), live_room.js
   (phase, rules, timer, floor, spotlight), then live_events.js (snapshot, events, join, connection). */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("live-config").textContent);
  const T = config.strings;
  const steering = document.getElementById("steering") !== null;
  // `queue` is this script's buffer of events received before the snapshot; the speaking queue is `floor`.
  const state = { ready: false, queue: [], me: null, phase: null, args: new Map(), myVotes: {},
                  answers: new Map(), answerIds: new Set(), agenda: [], glossary: [], answerers: [], reasons: [],
                  rules: [], timer: null, floor: { queue: [], speaking: null, turn: null }, spotlight: null,
                  dossier: [], followsAnswerId: null, reasonDrafts: new Map() };
  const $ = (id) => document.getElementById(id);
  const list = $("arguments");
  // The participant room's own widgets (timer, floor, spotlight, rules, questions for experts) live inside
  // #room; other pages that load this script (the desk, the screen) keep theirs to themselves.
  const roomPage = $("room") !== null;
  const R = (id) => (roomPage ? $(id) : null);
  const EMPTY = { agree: 0, disagree: 0, pass: 0 };

  // Not connected yet: live_events.js connects once every script of the page has run, so that no snapshot
  // or event can arrive before the code that applies it is loaded.
  const socket = io("/live", { reconnectionDelayMax: 4000, autoConnect: false });

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
    const node = $("connection");
    if (node) { node.dataset.state = kind; node.textContent = text; }
  }

  function showError(node, error) {
    if (!node) return;
    if (!error) { node.hidden = true; node.textContent = ""; return; }
    node.hidden = false;
    node.textContent = (error && error.message) || T.error;
  }

  // ---- small helpers -----------------------------------------------------
  const { el, fmt } = window.deliberateDom;

  function button(cls, text, focusKey) {
    const b = el("button", cls, text);
    b.type = "button";
    if (focusKey) b.dataset.focusKey = focusKey;
    return b;
  }

  function link(cls, text, href) {
    const a = el("a", cls, text);
    a.href = href;
    return a;
  }

  function roleName(role) { return config.roles[role] || role; }
  function personLine(member) {
    if (!member) return "";
    return (member.erased ? T.participant_erased : member.display_name) + " · " + roleName(member.role);
  }

  // What the live scripts share; each adds the functions the others call (looked up when called).
  const L = window.deliberateLive = {
    config, T, steering, state, $, list, R, EMPTY, socket,
    notify, setConnection, showError, button, link, roleName, personLine,
  };

  // Votes and posts wait in the outbox while the connection is down, and are sent again with their key; the
  // tab keeps them across a reload. The answer to one restored from the tab goes where a fresh one's would.
  // Both looked up when the answer comes: live_cards.js and live_form.js (which replaces postSettled) load later.
  L.postSettled = (ack) => { if (ack && ack.ok) L.handlers.argument_posted({ argument: ack.argument }); };
  const outbox = L.outbox = window.deliberateOutbox.create(socket, (n) => {
    const box = document.getElementById("outbox-status");
    if (box) { box.hidden = n === 0; box.textContent = n ? fmt(T.outbox_waiting, { n: n }) : ""; }
  }, "deliberate-outbox:" + config.conference + ":" + config.member, (event, payload) => (
    event === "cast_vote" ? (ack) => L.voteSettled(payload.argument_id, payload.value)(ack)
      : (ack) => L.postSettled(ack)));
  window.addEventListener("beforeunload", (e) => { if (outbox.size) { e.preventDefault(); e.returnValue = ""; } });
})();
