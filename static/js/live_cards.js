/* Live room, argument cards and votes: one card per argument or question, newest first, with its votes (and,
   at the facilitators' desk, moderation). Part of live.js's core.
   Text from people is only ever set with textContent (or DOM text nodes): never parsed as HTML. */
(function () {
  "use strict";
  const L = window.deliberateLive;
  const { T, steering, state, $, list, EMPTY, socket, button, link, showError, personLine } = L;
  const { el, fmt, num, focusState, restoreFocus } = window.deliberateDom;
  const { withTerms } = window.deliberateGlossary;

  // ---- argument cards -------------------------------------------------------
  function canVote() { return state.me && state.me.can.vote; }
  function isPlaceholder(entry) {
    return entry.status === "hidden" && (entry.argument.text === null || entry.argument.text === undefined);
  }

  const VOTES = [[1, "agree"], [-1, "disagree"], [0, "pass"]];
  function voteLabels(kind) {
    return kind === "key_question" ? { agree: T.ask_it, disagree: T.dont_ask_it, pass: T.pass }
      : { agree: T.agree, disagree: T.disagree, pass: T.pass };
  }

  // No herding: unless the facilitators chose otherwise, a participant sees an argument's counts only after
  // voting on it (as in Pol.is). Facilitators and those who cannot vote always see them.
  function countsHidden(argumentId) {
    return state.talliesAfterVote && !steering && canVote() && state.myVotes[String(argumentId)] === undefined;
  }
  function showCount(span, n, hidden) {
    span.textContent = hidden ? "" : num(n);
    span.hidden = hidden;
  }

  function votesBox(entry) {
    const a = entry.argument;
    const labels = voteLabels(a.kind);
    const box = el("div", "votes");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", a.kind === "key_question" ? fmt(T.priority_of, { id: a.id })
      : fmt(T.vote_on, { id: a.id }));
    const tally = entry.tally || EMPTY;
    const mine = state.myVotes[String(a.id)];
    const hidden = countsHidden(a.id);
    if (hidden) box.title = T.counts_hidden;
    VOTES.forEach(([value, key]) => {
      const b = button("vote vote-" + key, null, "vote-" + key);
      b.dataset.value = value;
      b.dataset.key = key;
      b.setAttribute("aria-pressed", mine === value ? "true" : "false");
      b.disabled = !canVote() || entry.status === "hidden";
      const n = el("span", "n");
      showCount(n, tally[key], hidden);
      b.append(el("span", "label", labels[key]), n);
      b.addEventListener("click", () => vote(a.id, value));
      box.append(b);
    });
    return box;
  }

  // Tallies change often: update the numbers in place, leaving the rest of the card (and open definitions).
  function updateVotes(entry) {
    if (!list) return;
    const li = list.querySelector(`li[data-id="${entry.argument.id}"]`);
    const box = li && li.querySelector(":scope > .votes");
    if (!box) { if (li) renderArgument(entry); return; }
    const tally = entry.tally || EMPTY;
    const mine = state.myVotes[String(entry.argument.id)];
    const hidden = countsHidden(entry.argument.id);
    box.title = hidden ? T.counts_hidden : "";
    box.querySelectorAll("button.vote").forEach((b) => {
      showCount(b.querySelector(".n"), tally[b.dataset.key], hidden);
      b.setAttribute("aria-pressed", mine === Number(b.dataset.value) ? "true" : "false");
    });
  }

  function moderationNote(entry) {
    const p = el("p", "moderation");
    if (steering) p.append(T.hidden_because + " " + (entry.reason || ""));
    else p.append(entry.reason ? fmt(T.hidden_by, { reason: entry.reason }) : T.hidden_by_no_reason);
    if (entry.duplicate_of) {
      p.append(" ");
      p.append(link("dup-link", fmt(T.see_original, { id: entry.duplicate_of }), "#arg-" + entry.duplicate_of));
    }
    return p;
  }

  function kindBadge(kind) {
    if (kind === "question") return el("span", "badge kind kind-question", T.kind_question);
    if (kind === "key_question") return el("span", "badge kind kind-key", T.key_question);
    return null;
  }

  function insertSorted(li, id) {
    // Newest first.
    const next = [...list.children].find((c) => Number(c.dataset.id) < id);
    list.insertBefore(li, next || null);
  }

  function renderArgument(entry) {
    if (!list) return;
    const a = entry.argument;
    let li = list.querySelector(`li[data-id="${a.id}"]`);
    const fresh = !li;
    const saved = fresh ? null : focusState(li);
    if (fresh) { li = el("li", "argument"); li.dataset.id = a.id; li.id = "arg-" + a.id; }
    li.replaceChildren();
    const kind = a.kind || "argument";
    const placeholder = isPlaceholder(entry);
    li.dataset.stance = a.stance || "none";
    li.dataset.kind = kind;
    li.classList.toggle("hidden-arg", entry.status === "hidden");
    li.classList.toggle("placeholder", placeholder);

    const meta = el("div", "meta");
    meta.append(el("span", "num", "#" + a.id));
    const badge = kindBadge(kind);
    if (badge) meta.append(badge);
    if (kind === "key_question" && L.onAgenda(a.id)) meta.append(el("span", "badge agenda", T.on_agenda));
    li.append(meta);

    if (placeholder) {
      li.append(moderationNote(entry));
      if (fresh) insertSorted(li, a.id);
      return;
    }

    if (a.stance) meta.append(el("span", "badge stance-" + a.stance, T["stance_" + a.stance]));
    meta.append(el("span", "author", personLine(a.author)));

    if (kind === "question") {
      const about = el("p", "question-meta");
      const answered = L.answersOf(a.id).length > 0;
      about.append(el("span", answered ? "badge answered" : "badge waiting", answered ? T.answered : T.waiting));
      if (a.addressee) about.append(el("span", "addressee", fmt(T.to_member, { name: a.addressee.display_name })));
      if (a.follows_answer_id) {
        about.append(link("follows", fmt(T.follows_answer, { id: a.follows_answer_id }), "#answer-" + a.follows_answer_id));
      }
      li.append(about);
    }
    li.append(withTerms("p", "text", a.text));

    if (entry.status === "hidden") li.append(moderationNote(entry));
    // Questions to the experts are answered, not voted; key questions are voted on (ask it or not).
    if (kind !== "question") li.append(votesBox(entry));
    if (kind !== "argument") {
      const answers = L.answersList(a.id, true);
      if (answers) li.append(answers);
    }

    if (steering && state.me.can.moderate) li.append(moderationControls(entry));
    if (fresh) insertSorted(li, a.id);
    else restoreFocus(li, saved);
  }

  function moderationControls(entry) {
    const box = el("div", "moderate");
    const id = entry.argument.id;
    const hide = entry.status !== "hidden";
    const reason = el("input", "reason");
    reason.dataset.focusKey = "reason";
    reason.placeholder = hide ? T.reason_placeholder : T.restore_reason_placeholder;
    reason.maxLength = 500;
    reason.setAttribute("aria-label", T.reason_label);
    reason.value = state.reasonDrafts.get(id) || "";
    reason.addEventListener("input", () => state.reasonDrafts.set(id, reason.value));
    if (hide && state.reasons.length) {
      const choice = el("select", "reason-choice");
      choice.dataset.focusKey = "reason-choice";
      choice.setAttribute("aria-label", T.reason_choice_label);
      choice.append(new Option(T.reason_choice, ""));
      state.reasons.forEach((text) => choice.append(new Option(text, text)));
      choice.addEventListener("change", () => {
        if (!choice.value) return;
        reason.value = choice.value;
        state.reasonDrafts.set(id, reason.value);
      });
      box.append(choice);
    }
    const action = button(hide ? "danger" : "", hide ? T.hide : T.restore, "moderate");
    const error = el("p", "error");
    error.hidden = true;
    error.setAttribute("role", "alert");
    action.addEventListener("click", () => {
      socket.emit("moderate", { argument_id: id, action: hide ? "hide" : "restore", reason: reason.value }, (ack) => {
        if (ack && ack.ok) state.reasonDrafts.delete(id);
        showError(error, ack && ack.ok ? null : (ack && ack.error));
      });
    });
    box.append(reason, action, error);
    return box;
  }

  function renderAll() {
    if (list) {
      list.querySelectorAll(":scope > li").forEach((li) => { if (!state.args.has(Number(li.dataset.id))) li.remove(); });
      [...state.args.values()].sort((x, y) => y.argument.id - x.argument.id).forEach(renderArgument);
    }
    updateCounts();
    L.renderForMe();
  }

  function updateCounts() {
    const count = $("argument-count");
    if (count) {
      const n = [...state.args.values()].filter((e) => e.status !== "hidden").length;
      count.textContent = n ? "(" + n + ")" : "";
    }
    const none = $("no-arguments");
    if (none) none.hidden = state.args.size > 0;
  }

  // ---- commands: votes -------------------------------------------------
  function vote(argumentId, value) {
    const li = list && list.querySelector(`li[data-id="${argumentId}"]`);
    const box = li && li.querySelector(":scope > .votes");
    const pressed = box && box.querySelector(`button.vote[data-value="${value}"]`);
    if (box) box.setAttribute("aria-busy", "true");
    if (pressed) pressed.classList.add("pending");  // shown at once, even offline; cleared by the server's answer
    L.outbox.send("cast_vote", { argument_id: argumentId, value: value }, voteSettled(argumentId, value, box, pressed));
  }

  function voteSettled(argumentId, value, box, pressed) {
    return (ack) => {
      if (box) box.removeAttribute("aria-busy");
      if (pressed) pressed.classList.remove("pending");
      if (ack && ack.ok) {
        state.myVotes[String(argumentId)] = value;
        const entry = state.args.get(argumentId);
        if (entry) { entry.tally = ack.tally; updateVotes(entry); }
      } else {
        alertError(ack && ack.error);
      }
    };
  }

  function alertError(error) {
    const target = $("post-error") || $("steer-error");
    showError(target, error || { message: T.error });
  }

  Object.assign(L, { canVote, isPlaceholder, updateVotes, kindBadge, renderArgument, renderAll, updateCounts,
                     voteSettled });
})();
