/* Facilitator's console, the wiring: what each snapshot and event of live.js's core redraws. Loaded after the
   other console scripts (console.js first) and before document_console.js, whose handlers run after these. */
(function () {
  "use strict";
  const K = window.deliberateConsole;
  if (!K) return;
  const { D, ui, later } = K;
  const { renderTimerLabel, renderAgenda, setTimer, renderKeyQuestions, renderCoverage } = K;
  const { renderFloor, setQueue, renderSpotlight, renderUnderVoted, renderBalance } = K;
  const { renderDuplicates, renderNoteCounter, renderReasons } = K;

  // ---- wiring ---------------------------------------------------------------------------------------------
  function renderArgumentsPanels() {
    renderKeyQuestions();
    renderUnderVoted();
    renderDuplicates();
  }

  function setAnalysis(a) {
    ui.analysis = a || null;
    if (a && a.participation) ui.participation = a.participation;
    renderCoverage();
    renderDuplicates();
    renderBalance();
    renderFloor();
  }

  D.on("snapshot", (snap) => {
    ui.agenda = snap.agenda || [];
    ui.spotlight = snap.spotlight || null;
    ui.participation = snap.participation || null;
    ui.reasons = snap.moderation_reasons || [];
    setTimer(snap.timer);
    setQueue(snap);
    setAnalysis(snap.analysis);
    renderSpotlight();
    renderArgumentsPanels();
    renderReasons();
  });
  D.on("agenda_changed", (p) => { ui.agenda = p.agenda || []; renderAgenda(); renderTimerLabel(); renderKeyQuestions(); });
  D.on("timer_changed", setTimer);
  D.on("queue_changed", setQueue);
  D.on("spotlight_changed", (p) => { ui.spotlight = p.argument || null; renderSpotlight(); renderUnderVoted(); });
  D.on("analysis_updated", setAnalysis);
  D.on("argument_posted", () => later(renderArgumentsPanels));
  D.on("tally_changed", () => later(renderArgumentsPanels));
  D.on("tallies_changed", () => later(renderArgumentsPanels));
  D.on("argument_moderated", () => later(renderArgumentsPanels));
  D.on("phase_changed", () => renderKeyQuestions());
  D.on("note_added", () => { ui.newNotes += 1; renderNoteCounter(); });
  D.on("moderation_reasons_changed", (p) => { ui.reasons = p.reasons || []; renderReasons(); });
})();
