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
  // Show a countdown on `face` (its text and data-state: stopped / running / ending / over) and return the
  // seconds left, or null when no deadline runs (the face then shows `stoppedText`).
  function paint(face, endsAt, offset, endingBelow, stoppedText) {
    const left = endsAt ? secondsLeft(endsAt, offset) : null;
    if (left === null) {
      face.textContent = stoppedText || "";
      face.dataset.state = "stopped";
      return null;
    }
    face.textContent = format(left);
    face.dataset.state = left <= 0 ? "over" : left <= endingBelow ? "ending" : "running";
    return left;
  }
  window.deliberateClock = { offsetFrom, secondsLeft, format, paint };
})();
