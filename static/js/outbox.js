/* Commands a participant sends (votes, posts) survive a lost connection: each gets an idempotency key
   (docs/events.md), waits here while the socket is down or not joined, and is sent again with the same key
   after the next join (or, unanswered on a live connection, a moment later) until the server acknowledges it. So a vote clicked offline is sent on reconnect, a
   retry never counts twice, and nothing is dropped without a word. What waits is also kept in the tab's
   sessionStorage: a page reloaded (or closed by mistake and reopened) offline sends it after its first join,
   still with its key. Loaded before live.js. */
(function () {
  "use strict";
  const ACK_TIMEOUT = 15000;  // ms; then the command is sent again (same key, so no double count)
  const RETRY_DELAY = 2000;  // ms between an unanswered attempt and the next one on a connection still joined

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  // sessionStorage may be missing or full (private modes): then the queue lives in the page only.
  function load(storageKey) {
    try { return JSON.parse(window.sessionStorage.getItem(storageKey) || "[]"); } catch (e) { return []; }
  }
  function save(storageKey, items) {
    try {
      if (items.length) window.sessionStorage.setItem(storageKey, JSON.stringify(items));
      else window.sessionStorage.removeItem(storageKey);
    } catch (e) { /* kept in the page only */ }
  }

  /* `storageKey` names the tab's stored queue (one per conference and member); `settle(event, payload)`
     returns the `done(ack)` of a command restored from it, the page that sent it being gone. */
  function create(socket, onChange, storageKey, settle) {
    const waiting = [];  // {event, payload, done}
    let joined = false;

    function changed() {
      if (storageKey) save(storageKey, waiting.map((i) => ({ event: i.event, payload: i.payload })));
      onChange(waiting.length);
    }

    function attempt(item) {
      item.sending = true;
      socket.timeout(ACK_TIMEOUT).emit(item.event, item.payload, (err, ack) => {
        item.sending = false;
        if (err) {  // no answer: again soon if the connection still looks joined, else at the next join
          setTimeout(() => {
            if (joined && socket.connected && !item.sending && waiting.includes(item)) attempt(item);
          }, RETRY_DELAY);
          return;
        }
        const index = waiting.indexOf(item);
        if (index < 0) return;  // answered already, by an earlier attempt that was only slow
        waiting.splice(index, 1);
        changed();
        item.done(ack || { ok: false });
      });
    }

    if (storageKey && settle) {
      load(storageKey).forEach((stored) => {
        if (stored && stored.event && stored.payload && stored.payload.key) {
          waiting.push({ ...stored, done: settle(stored.event, stored.payload), sending: false });
        }
      });
      if (waiting.length) onChange(waiting.length);
    }

    return {
      get size() { return waiting.length; },
      /* What waits, to show it again in a reloaded page (e.g. the text of a post). */
      pending(event) { return waiting.filter((i) => i.event === event).map((i) => i.payload); },
      /* Send now if joined, else on the next join; `done(ack)` runs once, with the server's answer. */
      send(event, payload, done) {
        const item = { event, payload: { ...payload, key: payload.key || newKey() }, done, sending: false };
        waiting.push(item);
        changed();
        if (joined && socket.connected) attempt(item);
        return item.payload.key;
      },
      joined() { joined = true; waiting.filter((i) => !i.sending).forEach(attempt); },
      lost() { joined = false; waiting.forEach((i) => { i.sending = false; }); },
    };
  }

  window.deliberateOutbox = { create };
})();
