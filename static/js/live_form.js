/* Live room, the post form: an argument (with its stance), a question to the experts (to whom, as a follow-up
   of which answer) or a key question, as the phase and the member's role allow. Part of live.js's core. */
(function () {
  "use strict";
  const L = window.deliberateLive;
  const { T, steering, state, $, socket, showError, roleName } = L;
  const { fmt, num } = window.deliberateDom;

  // ---- the post form ----------------------------------------------------------------------------------
  const KIND_RULE = { argument: "post_argument", question: "post_question", key_question: "post_key_question" };

  function renderCountsHint() {
    if ($("counts-after-vote")) $("counts-after-vote").hidden = !(state.talliesAfterVote && !steering && L.canVote());
  }

  function renderForm() {
    const form = $("post-form");
    if (!form || !state.me) return;
    const can = state.me.can;
    const kind = $("post-kind");
    [...kind.options].forEach((o) => {
      const ok = !!can[KIND_RULE[o.value]];
      o.disabled = !ok;
      o.hidden = !ok;
    });
    if (kind.selectedOptions[0] && kind.selectedOptions[0].disabled) {
      const first = [...kind.options].find((o) => !o.disabled);
      if (first) kind.value = first.value;
    }
    const open = Object.values(KIND_RULE).some((rule) => can[rule]);
    form.querySelectorAll("textarea, select, button").forEach((x) => { x.disabled = !open; });
    if (state.postPending) $("post-submit").disabled = true;
    $("post-closed").hidden = open;
    const to = $("post-to");
    if (to) {
      const chosen = to.value;
      const options = [new Option(T.to_everyone, "")];
      state.answerers.forEach((m) => options.push(new Option(m.display_name + " (" + roleName(m.role) + ")", String(m.id))));
      to.replaceChildren(...options);
      to.value = options.some((o) => o.value === chosen) ? chosen : "";
    }
    updateKindFields();
  }

  function updateKindFields() {
    const kind = $("post-kind");
    if (!kind) return;
    const value = kind.value;
    if ($("stance-field")) $("stance-field").hidden = value !== "argument";
    if ($("to-field")) $("to-field").hidden = value !== "question" || !state.answerers.length;
    if (value !== "question") setFollowUp(null);
  }

  function setFollowUp(answer) {
    state.followsAnswerId = answer ? answer.id : null;
    const note = $("post-follow");
    if (!note) return;
    note.hidden = !answer;
    $("post-follow-text").textContent = answer ? fmt(T.following_answer, { id: answer.id }) : "";
  }

  function startFollowUp(answer) {
    const form = $("post-form");
    if (!form) return;
    $("post-kind").value = "question";
    updateKindFields();
    const to = $("post-to");
    if (to && answer.author && [...to.options].some((o) => o.value === String(answer.author.id))) {
      to.value = String(answer.author.id);
    }
    setFollowUp(answer);
    ($("post-card") || form).scrollIntoView({ block: "start" });
    $("post-text").focus({ preventScroll: true });
  }

  const form = $("post-form");
  if (form) {
    const text = $("post-text");
    const counter = $("post-counter");
    const max = Number(text.dataset.max) || 1000;
    // Length in characters as the server counts them (code points), so "1000 / 1000" means what it says.
    const length = () => [...text.value].length;
    const tooLong = () => fmt(T.too_long_text, { length: length(), max: max });
    function updateCounter() {
      const over = length() > max;
      counter.textContent = num(length()) + " / " + num(max);
      counter.classList.toggle("over", over);
      text.setAttribute("aria-invalid", over ? "true" : "false");
      const error = $("post-error");
      if (over) showError(error, { message: tooLong() });
      else if (error.dataset.cause === "length") showError(error, null);
      error.dataset.cause = over ? "length" : "";
    }
    text.addEventListener("input", updateCounter);
    $("post-kind").addEventListener("change", updateKindFields);
    if ($("post-follow-cancel")) $("post-follow-cancel").addEventListener("click", () => setFollowUp(null));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const kind = $("post-kind").value;
      if (length() > max) { showError($("post-error"), { message: tooLong() }); text.focus(); return; }
      const stance = $("post-stance") ? $("post-stance").value : "none";
      if (kind === "argument" && !stance) {
        showError($("post-error"), { message: T.choose_stance });
        $("post-stance").focus();
        return;
      }
      const payload = { text: text.value, kind: kind, stance: kind === "argument" && stance !== "none" ? stance : null };
      if (kind === "question") {
        const to = $("post-to") ? $("post-to").value : "";
        if (to) payload.to = Number(to);
        if (state.followsAnswerId) payload.follows_answer_id = state.followsAnswerId;
      }
      // One post at a time: the button stays disabled until the server answers (no double post on a double
      // click); offline, the post waits in the outbox with its key and the text stays in the box meanwhile.
      $("post-submit").disabled = true;
      if (!socket.connected) showError($("post-error"), { message: T.post_waiting });
      state.postPending = true;
      L.outbox.send("post_argument", payload, L.postSettled);
    });
    L.postSettled = (ack) => {
      state.postPending = false;
      $("post-submit").disabled = false;
      if (ack && ack.ok) {
        text.value = "";
        updateCounter();
        // The next contribution starts afresh: an argument, with its stance still to choose.
        if ($("post-stance")) $("post-stance").value = "";
        $("post-kind").value = "argument";
      }
      renderForm();
      if (ack && ack.ok) {
        setFollowUp(null);
        showError($("post-error"), null);
        L.handlers.argument_posted({ argument: ack.argument });
      } else {
        showError($("post-error"), ack && ack.error);
      }
    };
    // A post restored from the tab (page reloaded while it waited): its text is back in the box until sent.
    const restored = L.outbox.pending("post_argument").pop();
    if (restored) {
      text.value = restored.text;
      updateCounter();
      state.postPending = true;
      $("post-submit").disabled = true;
      showError($("post-error"), { message: T.post_waiting });
    }
  }

  Object.assign(L, { renderCountsHint, renderForm, startFollowUp });
})();
