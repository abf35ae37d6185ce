/* Facilitator's console: the room settings participants live with (for now, whether they see an argument's
   counts before voting on it). Kept apart from console.js, which holds the steering panels. */
(function () {
  "use strict";
  const D = window.deliberate;
  if (!D) return;
  const $ = (id) => document.getElementById(id);
  const box = $("tallies-after-vote");
  if (!box) return;
  let afterVote = true;

  function render() {
    const me = D.state.me;
    $("panel-room-settings").hidden = !(me && me.can && me.can.set_tally_visibility);
    box.checked = afterVote;
  }
  function showError(error) {
    const node = $("room-settings-error");
    node.hidden = !error;
    node.textContent = error ? (error.message || D.config.strings.error) : "";
  }

  box.addEventListener("change", async () => {
    box.disabled = true;
    $("room-settings-saved").hidden = true;
    const ack = await D.emit("set_tally_visibility", { after_vote: box.checked });
    box.disabled = false;
    showError(ack.ok ? null : ack.error);
    if (ack.ok) afterVote = ack.after_vote;
    $("room-settings-saved").hidden = !ack.ok;
    render();
  });
  D.on("snapshot", (snap) => { afterVote = snap.tallies_after_vote !== false; render(); });
  D.on("phase_changed", render);
  D.on("tally_visibility_changed", (p) => { afterVote = p.after_vote !== false; render(); });
})();
