/* Countdowns on the local clock, corrected by the server's (`server_now` in timer and turn payloads).
   Shared by live.js (room), console.js and screen.js: one way to count down everywhere. */
(function () {
  "use strict";
  function offsetFrom(serverNow) {
    const t = Date.parse(serverNow || "");
    return isNaN(t) ? 0 : t - Date.now();
  }
  // Whole seconds left (never below 0), or null for a missing or malformed deadline.
  function secondsLeft(endsAt, offset) {
    const end = Date.parse(endsAt || "");
    if (isNaN(end)) return null;
    return Math.max(0, Math.ceil((end - (Date.now() + (offset || 0))) / 1000));
  }
  function format(total) {
    const t = Math.max(0, Math.floor(total || 0));
    const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? h + ":" + two(m) + ":" + two(s) : two(m) + ":" + two(s);
  }
  window.deliberateClock = { offsetFrom, secondsLeft, format };
})();
