/* Screen-reader announcements of what arrives live (new arguments and questions, answers), in one polite
   status region that never takes the focus. The list of arguments is not a live region itself: every
   re-rendered card and every count in it would be read out. A burst of posts is summed up ("5 new
   arguments or questions. The latest: …") instead of read one by one; answers are read as they come, they are rarer. */
(function () {
  "use strict";
  const QUIET_MS = 1500;  // posts closer than this are announced together

  function create(summary) {
    let region = document.getElementById("announcer");
    if (!region) {  // made at load, well before any event: a region added at the moment it speaks is often not read
      region = document.createElement("p");
      region.id = "announcer";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-atomic", "true");
      document.body.append(region);
    }
    let burst = [];
    let timer = null;

    function say(text) {
      // The same words twice in a row would not be re-read: clear first, then write on the next frame.
      region.textContent = "";
      window.requestAnimationFrame(() => { region.textContent = text; });
    }
    function flush() {
      timer = null;
      const items = burst;
      burst = [];
      if (items.length) say(items.length === 1 ? items[0] : summary(items.length, items[items.length - 1]));
    }
    return {
      say,
      /* One of possibly many arrivals: read alone if nothing follows within QUIET_MS, else counted. */
      arrived(text) {
        burst.push(text);
        if (timer) window.clearTimeout(timer);
        timer = window.setTimeout(flush, QUIET_MS);
      },
    };
  }

  window.deliberateAnnounce = { create };
})();
