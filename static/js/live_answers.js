/* Live room, answers: the answers to questions, the screen-reader announcements of what others post and
   answer, and the room's "questions for me" (experts and stakeholders answer there). Part of live.js's core.
   Text from people is only ever set with textContent (or DOM text nodes): never parsed as HTML. */
(function () {
  "use strict";
  const L = window.deliberateLive;
  const { T, state, $, R, button, link, showError, personLine } = L;
  const { el, fmt } = window.deliberateDom;
  const { withTerms } = window.deliberateGlossary;

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
      b.addEventListener("click", () => L.startFollowUp(answer));
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
    const badge = L.kindBadge(a.kind);
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
      if (entry.status === "hidden" || L.isPlaceholder(entry)) return;
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
    if (entry) L.renderArgument(entry);
    renderForMe();
  }

  Object.assign(L, { announcePost, announceAnswer, addAnswerToState, answersOf, answersList, onAgenda,
                     renderForMe, applyAnswer });
})();
