/* Live room: one socket to /live, a snapshot on (re)join, then events applied idempotently.
   Text from people is only ever set with textContent (or DOM text nodes): never parsed as HTML. */
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

  const socket = io("/live", { reconnectionDelayMax: 4000 });

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
  const { el, fmt, num, focusState, restoreFocus } = window.deliberateDom;

  // Votes and posts wait in the outbox while the connection is down, and are sent again with their key; the
  // tab keeps them across a reload. The answer to one restored from the tab goes where a fresh one's would.
  let postSettled = (ack) => { if (ack && ack.ok) handlers.argument_posted({ argument: ack.argument }); };
  const outbox = window.deliberateOutbox.create(socket, (n) => {
    const box = document.getElementById("outbox-status");
    if (box) { box.hidden = n === 0; box.textContent = n ? fmt(T.outbox_waiting, { n: n }) : ""; }
  }, "deliberate-outbox:" + config.conference + ":" + config.member, (event, payload) => (
    event === "cast_vote" ? voteSettled(payload.argument_id, payload.value) : (ack) => postSettled(ack)));
  window.addEventListener("beforeunload", (e) => { if (outbox.size) { e.preventDefault(); e.returnValue = ""; } });
  const { withTerms } = window.deliberateGlossary;

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

  // ---- announcements for screen readers: what others post and answer, without moving the focus -----------
  const announcer = window.deliberateAnnounce.create((n, last) => fmt(T.announce_many, { n: n, last: last }));
  function short(text) { return text && text.length > 200 ? text.slice(0, 199) + "…" : (text || ""); }
  function announcePost(a) {
    if (!a.author || (state.me && a.author.id === state.me.id)) return;  // one's own post is confirmed by the form
    const key = a.kind === "argument" ? "announce_argument" : "announce_question";
    announcer.arrived(fmt(T[key], { name: personLine(a.author), text: short(a.text) }));
  }
  function announceAnswer(answer) {
    const question = state.args.get(answer.question_id);
    const mine = question && question.argument.author && state.me && question.argument.author.id === state.me.id;
    announcer.say(fmt(mine ? T.announce_my_answer : T.announce_answer,
                      { name: personLine(answer.author), id: answer.question_id, text: short(answer.text) }));
  }

  // ---- clock: countdowns on the local clock, corrected by the server's ------------------------------
  const { offsetFrom, secondsLeft, format: clock } = window.deliberateClock;

  // ---- answers to questions -------------------------------------------------
  function addAnswerToState(answer) {
    if (!answer || state.answerIds.has(answer.id)) return false;
    state.answerIds.add(answer.id);
    const key = answer.question_id;
    if (!state.answers.has(key)) state.answers.set(key, []);
    const items = state.answers.get(key);
    items.push(answer);
    items.sort((x, y) => x.id - y.id);
    return true;
  }
  function answersOf(questionId) { return state.answers.get(questionId) || []; }

  function canFollowUp() { return !!($("post-form") && state.me && state.me.can.post_question); }

  function answerItem(answer, withAnchor) {
    const li = el("li", "answer");
    if (withAnchor) li.id = "answer-" + answer.id;
    const meta = el("p", "answer-meta");
    meta.append(el("span", "num", fmt(T.answer_number, { id: answer.id })), " ",
                el("span", "author", personLine(answer.author)));
    li.append(meta, withTerms("p", "text", answer.text));
    if (withAnchor && canFollowUp()) {
      const b = button("follow-up", T.follow_up, "follow-" + answer.id);
      // The name starts with the visible words (WCAG 2.5.3, "label in name"), then says which answer.
      b.append(el("span", "visually-hidden", " (" + fmt(T.answer_number, { id: answer.id }) + ")"));
      b.addEventListener("click", () => startFollowUp(answer));
      li.append(b);
    }
    return li;
  }

  function answersList(questionId, withAnchor) {
    const items = answersOf(questionId);
    if (!items.length) return null;
    const ul = el("ul", "answers");
    ul.setAttribute("aria-label", T.answers);
    items.forEach((a) => ul.append(answerItem(a, withAnchor)));
    return ul;
  }

  function onAgenda(argumentId) { return state.agenda.some((item) => item.argument_id === argumentId); }

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
    if (kind === "key_question" && onAgenda(a.id)) meta.append(el("span", "badge agenda", T.on_agenda));
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
      const answered = answersOf(a.id).length > 0;
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
      const answers = answersList(a.id, true);
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
    renderForMe();
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

  // ---- questions for the experts and stakeholders -----------------------------------------------------
  const forMeItems = new Map();

  function forMeItem(entry) {
    const a = entry.argument;
    let item = forMeItems.get(a.id);
    if (!item) {
      const li = el("li", "for-me-item");
      const head = el("div", "for-me-head");
      const answers = el("div", "for-me-answers");
      const field = el("div", "answer-form stack");
      const area = el("textarea");
      area.id = "answer-text-" + a.id;
      area.rows = 3;
      area.maxLength = 4000;
      area.placeholder = T.answer_placeholder;
      const label = el("label", "visually-hidden", fmt(T.your_answer_to, { id: a.id }));
      label.htmlFor = area.id;
      const send = button("primary", T.answer_button);
      const error = el("p", "error");
      error.hidden = true;
      error.setAttribute("role", "alert");
      const row = el("div", "row");
      row.append(send);
      field.append(label, area, row, error);
      li.append(head, answers, field);
      send.addEventListener("click", () => sendAnswer(a.id, area, send, error));
      item = { li, head, answers, area, send };
      forMeItems.set(a.id, item);
    }
    const meta = el("div", "meta");
    meta.append(link("num", "#" + a.id, "#arg-" + a.id));
    const badge = kindBadge(a.kind);
    if (badge) meta.append(badge);
    if (a.kind === "key_question" && onAgenda(a.id)) meta.append(el("span", "badge agenda", T.on_agenda));
    const answered = answersOf(a.id).length > 0;
    meta.append(el("span", answered ? "badge answered" : "badge waiting", answered ? T.answered : T.waiting));
    meta.append(el("span", "author", personLine(a.author)));
    item.head.replaceChildren(meta, withTerms("p", "text", a.text));
    const answers = answersList(a.id, false);
    item.answers.replaceChildren(...(answers ? [answers] : []));
    const open = !!state.me.can.answer_question;
    item.area.disabled = !open;
    item.send.disabled = !open;
    item.li.classList.toggle("answered", answered);
    return item;
  }

  function placeChildren(parent, nodes) {
    const active = document.activeElement;
    nodes.forEach((node, i) => { if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null); });
    while (parent.children.length > nodes.length) parent.lastElementChild.remove();
    if (active && active !== document.activeElement && parent.contains(active)) active.focus({ preventScroll: true });
  }

  function renderForMe() {
    const section = R("for-me");
    if (!section || !state.me) return;
    const me = state.me;
    const mine = [], open = [];
    state.args.forEach((entry) => {
      const a = entry.argument;
      if (entry.status === "hidden" || isPlaceholder(entry)) return;
      if (a.kind === "question") {
        if (a.addressee && a.addressee.id === me.id) mine.push(entry);
        else if (!a.addressee) open.push(entry);
      } else if (a.kind === "key_question" && onAgenda(a.id)) {
        open.push(entry);
      }
    });
    // Unanswered first, then the oldest first.
    const order = (x, y) => (answersOf(x.argument.id).length > 0) - (answersOf(y.argument.id).length > 0)
      || x.argument.id - y.argument.id;
    mine.sort(order);
    open.sort(order);
    placeChildren($("for-me-mine"), mine.map((e) => forMeItem(e).li));
    placeChildren($("for-me-open"), open.map((e) => forMeItem(e).li));
    $("for-me-mine-none").hidden = mine.length > 0;
    $("for-me-open-none").hidden = open.length > 0;
    const closed = $("for-me-closed");
    if (closed) closed.hidden = !!me.can.answer_question;
  }

  async function sendAnswer(questionId, area, send, error) {
    send.disabled = true;
    const ack = await window.deliberate.emit("answer_question", { question_id: questionId, text: area.value });
    send.disabled = !(state.me && state.me.can.answer_question);
    if (ack.ok) {
      area.value = "";
      showError(error, null);
      applyAnswer(ack.answer);
    } else {
      showError(error, ack.error);
    }
  }

  function applyAnswer(answer) {
    if (!addAnswerToState(answer)) return;
    const entry = state.args.get(answer.question_id);
    if (entry) renderArgument(entry);
    renderForMe();
  }

  // ---- the post form ----------------------------------------------------------------------------------
  const KIND_RULE = { argument: "post_argument", question: "post_question", key_question: "post_key_question" };

  function renderCountsHint() {
    if ($("counts-after-vote")) $("counts-after-vote").hidden = !(state.talliesAfterVote && !steering && canVote());
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

  // ---- the rest of the room: phase, rules, timer, floor, spotlight --------------------------------------
  function renderPhase() {
    const phase = $("phase");
    if (phase) phase.textContent = config.phases[state.phase] || state.phase;
    renderForm();
    const phaseList = $("phase-list");
    if (phaseList) {
      phaseList.querySelectorAll("li").forEach((li) => li.classList.toggle("current", li.dataset.phase === state.phase));
      if ($("phase-select")) $("phase-select").value = state.phase;
      if ($("next-phase")) $("next-phase").disabled = state.phase === "published";
    }
  }

  function renderRules() {
    const ul = R("rules");
    if (!ul) return;
    ul.replaceChildren();
    state.rules.forEach((rule) => {
      const li = el("li", rule.open ? "rule open" : "rule closed");
      li.append(el("span", "badge rule-state", rule.open ? T.rule_open : T.rule_closed), " ", el("span", "rule-text", rule.text));
      ul.append(li);
    });
    if (R("rules-box")) R("rules-box").hidden = !state.rules.length;
  }

  function setTimer(timer) {
    state.timer = timer ? { ...timer, offset: offsetFrom(timer.server_now) } : null;
  }

  function setFloor(p) {
    const turn = p.turn ? { ...p.turn, offset: offsetFrom(p.turn.server_now) } : null;
    state.floor = { queue: p.queue || [], speaking: p.speaking || null, turn };
  }

  function tick() {
    const box = R("timer-box");
    if (box) {
      const t = state.timer;
      const running = !!(t && t.ends_at);
      box.hidden = !running;
      if (running) {
        const left = secondsLeft(t.ends_at, t.offset) || 0;
        const node = $("timer");
        node.dataset.remaining = String(left);
        const text = left > 0 ? clock(left) : T.time_up;
        if (node.textContent !== text) node.textContent = text;
        box.classList.toggle("ending", left > 0 && left <= 60);
        box.classList.toggle("up", left === 0);
        $("timer-label").textContent = t.label || T.timer_default;
      }
    }
    const turnLeft = R("turn-left");
    const turn = state.floor.turn;
    if (turnLeft && turn && turn.ends_at) {
      const left = secondsLeft(turn.ends_at, turn.offset) || 0;
      turnLeft.dataset.remaining = String(left);
      const text = left > 0 ? clock(left) : T.time_up;
      if (turnLeft.textContent !== text) turnLeft.textContent = text;
      turnLeft.classList.toggle("up", left === 0);
    }
  }

  function renderFloor() {
    const box = R("floor");
    if (!box || !state.me) return;
    const me = state.me;
    const { queue, speaking, turn } = state.floor;
    const canHand = !!me.can.raise_hand;
    box.hidden = !canHand && !speaking;
    const who = $("speaking");
    who.replaceChildren();
    if (speaking) {
      who.append(el("span", "who", speaking.id === me.id ? T.you_speaking : fmt(T.speaking, { name: speaking.display_name })));
      if (turn && turn.ends_at) {
        const left = el("span", "turn-left");
        left.id = "turn-left";
        left.setAttribute("role", "timer");
        who.append(" ", left);
      }
    } else {
      who.append(el("span", "who", T.nobody_speaking));
    }
    const place = $("queue-place");
    const i = queue.findIndex((m) => m.id === me.id);
    place.textContent = i >= 0 ? fmt(T.queue_place, { n: i + 1, total: queue.length })
      : (queue.length ? fmt(T.queue_size, { n: queue.length }) : "");
    place.hidden = !place.textContent;
    const hand = $("hand");
    const raised = i >= 0 || !!(speaking && speaking.id === me.id);
    hand.hidden = !canHand;
    hand.disabled = !canHand;
    hand.textContent = raised ? T.lower_hand : T.raise_hand;
    hand.setAttribute("aria-pressed", raised ? "true" : "false");
    tick();
  }

  function renderSpotlight() {
    const box = R("spotlight");
    if (!box) return;
    const a = state.spotlight;
    box.hidden = !a;
    box.replaceChildren();
    if (!a) return;
    const head = el("p", "spotlight-head");
    head.append(el("span", "spotlight-label", T.spotlight), " ", link("num", "#" + a.id, "#arg-" + a.id));
    const badge = kindBadge(a.kind);
    if (badge) head.append(" ", badge);
    box.append(head, withTerms("p", "text", a.text), el("p", "author", personLine(a.author)));
  }

  // ---- state changes ---------------------------------------------------
  function entryOf(a, tally) {
    return { argument: a, tally: tally || { ...EMPTY }, status: a.status || "visible",
             reason: a.moderation_reason || null, duplicate_of: a.duplicate_of || null };
  }

  function applySnapshot(snap) {
    state.me = snap.me;
    state.phase = snap.phase;
    state.myVotes = snap.my_votes || {};
    state.talliesAfterVote = snap.tallies_after_vote !== false;
    state.args = new Map();
    (snap.arguments || []).forEach((a) => state.args.set(a.id, entryOf(a, snap.tallies[String(a.id)])));
    state.answers = new Map();
    state.answerIds = new Set();
    (snap.answers || []).forEach(addAnswerToState);
    state.agenda = snap.agenda || [];
    state.glossary = snap.glossary || [];
    window.deliberateGlossary.compile(state.glossary, T.term_hint);
    state.answerers = snap.answerers || [];
    state.reasons = snap.moderation_reasons || [];
    state.rules = snap.rules || [];
    state.dossier = snap.dossier || [];
    state.spotlight = snap.spotlight || null;
    setTimer(snap.timer);
    setFloor(snap);
    renderPhase();
    renderAll();
    renderCountsHint();
    renderRules();
    renderFloor();
    renderSpotlight();
    tick();
    if (snap.analysis && window.deliberateAnalysis) window.deliberateAnalysis.render(snap.analysis);
    state.snapshot = snap;
    state.ready = true;
    notify("snapshot", snap);
    const queued = state.queue; state.queue = [];
    queued.forEach(([name, payload]) => dispatch(name, payload));
  }

  // Every server event of docs/events.md; those without a handler here are for other scripts (deliberate.on).
  const LIVE_EVENTS = ["argument_posted", "tally_changed", "tallies_changed", "phase_changed", "argument_moderated",
    "moderation_reasons_changed", "tally_visibility_changed", "answer_posted", "agenda_changed", "timer_changed", "queue_changed",
    "spotlight_changed", "dossier_changed", "glossary_changed", "note_added", "analysis_updated",
    "arguments_assigned", "document_changed", "member_erased", "themes_changed"];

  const handlers = {
    analysis_updated(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.render(p);
    },
    arguments_assigned(p) {
      if (window.deliberateAnalysis) window.deliberateAnalysis.assigned(p);
    },
    argument_posted(p) {
      if (state.args.has(p.argument.id)) return;
      const entry = entryOf(p.argument);
      state.args.set(p.argument.id, entry);
      renderArgument(entry);
      updateCounts();
      if (p.argument.kind !== "argument") renderForMe();
      announcePost(p.argument);
    },
    tally_changed(p) {
      const entry = state.args.get(p.argument_id);
      if (!entry || isPlaceholder(entry)) return;
      entry.tally = { agree: p.agree, disagree: p.disagree, pass: p.pass };
      updateVotes(entry);
    },
    tallies_changed(p) { (p.items || []).forEach(handlers.tally_changed); },
    // Rare: an organiser erased someone's name; a fresh snapshot renames them everywhere.
    member_erased() { join(); },
    phase_changed(p) {
      // Capabilities and rules depend on the phase: take a fresh snapshot.
      if (p.phase === state.phase) return;
      state.phase = p.phase;
      if ($("phase")) $("phase").textContent = config.phases[p.phase] || p.phase;
      join();
    },
    argument_moderated(p) {
      const id = p.argument_id;
      let entry = state.args.get(id);
      if (p.status === "hidden") {
        if (steering) {
          if (!entry) return;
          entry.status = "hidden";
        } else {
          // Participants keep the place and the published reason, never the text.
          const kind = entry ? entry.argument.kind : "argument";
          const created = entry ? entry.argument.created_at : null;
          entry = { argument: { id, kind, created_at: created, text: null, status: "hidden" }, tally: null,
                    status: "hidden" };
          state.args.set(id, entry);
        }
        entry.reason = p.reason;
        entry.duplicate_of = p.duplicate_of || null;
      } else {
        if (p.argument) {
          const previous = entry;
          entry = entryOf(p.argument, p.tally || (previous && previous.tally));
          entry.status = "visible";
          state.args.set(id, entry);
        } else if (entry) {
          entry.status = "visible";
          if (p.tally) entry.tally = p.tally;
        } else {
          return;
        }
        entry.reason = null;
        entry.duplicate_of = null;
        (p.answers || []).forEach(addAnswerToState);
      }
      renderArgument(entry);
      updateCounts();
      renderForMe();
    },
    tally_visibility_changed(p) {
      state.talliesAfterVote = p.after_vote !== false;
      renderCountsHint();
      state.args.forEach(updateVotes);
    },
    moderation_reasons_changed(p) {
      state.reasons = p.reasons || [];
      if (steering) renderAll();
    },
    answer_posted(p) {
      if (p.answer && !state.answerIds.has(p.answer.id)) announceAnswer(p.answer);
      applyAnswer(p.answer);
    },
    agenda_changed(p) {
      state.agenda = p.agenda || [];
      renderAll();
    },
    timer_changed(p) {
      setTimer(p);
      tick();
    },
    queue_changed(p) {
      setFloor(p);
      renderFloor();
    },
    spotlight_changed(p) {
      state.spotlight = p.argument || null;
      renderSpotlight();
    },
    dossier_changed(p) { state.dossier = p.entries || []; },
    glossary_changed(p) {
      state.glossary = p.glossary || [];
      window.deliberateGlossary.compile(state.glossary, T.term_hint);
      renderAll();
      renderSpotlight();
    },
  };

  function dispatch(name, payload) {
    if (handlers[name]) handlers[name](payload);
    notify(name, payload);
  }
  LIVE_EVENTS.forEach((name) => {
    socket.on(name, (payload) => {
      if (!state.ready) { state.queue.push([name, payload]); return; }
      dispatch(name, payload);
    });
  });

  // ---- commands --------------------------------------------------------
  function vote(argumentId, value) {
    const li = list && list.querySelector(`li[data-id="${argumentId}"]`);
    const box = li && li.querySelector(":scope > .votes");
    const pressed = box && box.querySelector(`button.vote[data-value="${value}"]`);
    if (box) box.setAttribute("aria-busy", "true");
    if (pressed) pressed.classList.add("pending");  // shown at once, even offline; cleared by the server's answer
    outbox.send("cast_vote", { argument_id: argumentId, value: value }, voteSettled(argumentId, value, box, pressed));
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
      outbox.send("post_argument", payload, postSettled);
    });
    postSettled = (ack) => {
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
        handlers.argument_posted({ argument: ack.argument });
      } else {
        showError($("post-error"), ack && ack.error);
      }
    };
    // A post restored from the tab (page reloaded while it waited): its text is back in the box until sent.
    const restored = outbox.pending("post_argument").pop();
    if (restored) {
      text.value = restored.text;
      updateCounter();
      state.postPending = true;
      $("post-submit").disabled = true;
      showError($("post-error"), { message: T.post_waiting });
    }
  }

  const hand = R("hand");
  if (hand) {
    hand.addEventListener("click", async () => {
      const raised = hand.getAttribute("aria-pressed") === "true";
      hand.disabled = true;
      const ack = await window.deliberate.emit(raised ? "lower_hand" : "raise_hand", {});
      hand.disabled = false;
      showError($("floor-error"), ack.ok ? null : ack.error);
      if (ack.ok) setFloor(ack);
      renderFloor();
    });
  }

  function setPhase(phase) {
    socket.emit("set_phase", { phase: phase }, (ack) => showError($("steer-error"), ack && ack.ok ? null : ack.error));
  }
  if ($("next-phase")) {
    $("next-phase").addEventListener("click", () => {
      const order = config.phase_order;
      const i = order.indexOf(state.phase);
      if (i >= 0 && i < order.length - 1) setPhase(order[i + 1]);
    });
    $("set-phase").addEventListener("click", () => setPhase($("phase-select").value));
  }

  // One clock for every countdown on the page.
  setInterval(tick, 500);

  // ---- connection ------------------------------------------------------
  function join() {
    state.ready = false;
    socket.emit("join", { conference: config.conference }, (ack) => {
      if (ack && ack.ok) { applySnapshot(ack.snapshot); outbox.joined(); return; }
      setConnection("error", (ack && ack.error && ack.error.message) || T.error);
      if (state.me) {
        // A failed re-join keeps the page we had: apply what arrived meanwhile.
        state.ready = true;
        const queued = state.queue; state.queue = [];
        queued.forEach(([name, payload]) => dispatch(name, payload));
      }
    });
  }

  socket.on("connect", () => {
    setConnection("online", T.online);
    join();
  });
  // The member left or was revoked: say why, and stop reconnecting (the server refuses the credentials now).
  let ended = null;
  socket.on("membership_ended", (event) => {
    ended = (event && event.message) || T.error;
    socket.disconnect();
    setConnection("error", ended);
  });
  socket.on("disconnect", () => {
    outbox.lost();
    setConnection(ended ? "error" : "offline", ended || T.offline);
  });
  socket.on("connect_error", (err) => {
    const message = err && err.data && err.data.message;
    setConnection("offline", message || T.offline);
  });
})();
