/* Commands a participant sends (votes, posts) survive a lost connection: each gets an idempotency key
   (docs/events.md), waits here while the socket is down or not joined, and is sent again with the same key
   after the next join until the server acknowledges it. So a vote clicked offline is sent on reconnect, a
   retry never counts twice, and nothing is dropped without a word. Loaded before live.js. */
(function () {
  "use strict";
  const ACK_TIMEOUT = 15000;  // ms; then the command waits for the next join (same key, so no double count)

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  function create(socket, onChange) {
    const waiting = [];  // {event, payload, done}
    let joined = false;

    function attempt(item) {
      item.sending = true;
      socket.timeout(ACK_TIMEOUT).emit(item.event, item.payload, (err, ack) => {
        item.sending = false;
        if (err) return;  // no answer: stays queued for the next join
        const index = waiting.indexOf(item);
        if (index < 0) return;  // answered already, by an earlier attempt that was only slow
        waiting.splice(index, 1);
        onChange(waiting.length);
        item.done(ack || { ok: false });
      });
    }

    return {
      newKey,
      get size() { return waiting.length; },
      /* Send now if joined, else on the next join; `done(ack)` runs once, with the server's answer. */
      send(event, payload, done) {
        const item = { event, payload: { ...payload, key: payload.key || newKey() }, done, sending: false };
        waiting.push(item);
        onChange(waiting.length);
        if (joined && socket.connected) attempt(item);
        return item.payload.key;
      },
      joined() { joined = true; waiting.filter((i) => !i.sending).forEach(attempt); },
      lost() { joined = false; waiting.forEach((i) => { i.sending = false; }); },
    };
  }

  window.deliberateOutbox = { create, newKey };
})();
