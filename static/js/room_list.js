/* The room's list of arguments, made workable for a long debate: search, filter by stance, theme and kind, "not yet
   voted" first or alone, one argument at a time (as Pol.is deals them), and progressive display (PAGE at a time).
   live_cards.js owns the cards and re-renders them as events arrive; this script only shows or hides them (a class
   and `order`), re-applied whenever the list changes, so the two never fight over the DOM. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const list = $("arguments");
  const tools = $("list-tools");
  if (!list || !tools) return;
  const { fmt } = window.deliberateDom;
  const T = (window.deliberate && window.deliberate.config.strings) || {};
  const PAGE = 20;
  let limit = PAGE;
  const status = $("list-status");
  const more = $("list-more");

  function voted(li) { return li.querySelector(":scope > .votes button[aria-pressed='true']") !== null; }
  function votable(li) { return li.querySelector(":scope > .votes button.vote:not([disabled])") !== null; }
  function normal(text) { return (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }

  // Themes come from the analysis (snapshot `themes`, event `themes_changed`): keywords and argument ids only.
  let themeOf = new Map();
  const themeChoice = $("list-theme");

  function setThemes(themes) {
    themes = themes || [];
    themeOf = new Map();
    themes.forEach((t) => t.argument_ids.forEach((id) => themeOf.set(String(id), String(t.id))));
    const chosen = themeChoice.value;
    const all = themeChoice.options[0];
    themeChoice.replaceChildren(all, ...themes.map((t) => {
      const option = document.createElement("option");
      option.value = String(t.id);
      option.textContent = fmt(T.list_theme, { keywords: t.keywords.join(" · "), n: t.argument_ids.length });
      return option;
    }));
    // A theme that disappeared in the refresh falls back to "all" rather than an empty list.
    themeChoice.value = themes.some((t) => String(t.id) === chosen) ? chosen : "";
    $("list-theme-field").hidden = themes.length === 0;
    apply();
  }

  function matches(li, query, stance, kind, theme) {
    if (stance && li.dataset.stance !== stance) return false;
    if (kind && li.dataset.kind !== kind) return false;
    if (theme && themeOf.get(li.dataset.id) !== theme) return false;
    return !query || normal(li.textContent).includes(query);
  }

  function apply() {
    const focused = document.activeElement;
    const hadFocus = focused && list.contains(focused);
    const query = normal($("list-search").value.trim());
    const stance = $("list-stance").value;
    const kind = $("list-kind").value;
    const theme = themeChoice.value;
    const show = $("list-show").value;
    const items = [...list.children];
    tools.hidden = items.length < 2 && !query && !stance && !kind && !theme && show === "all";
    list.classList.toggle("unvoted-first", show === "unvoted-first");
    let shown = 0, matching = 0;
    items.forEach((li) => {
      let keep = matches(li, query, stance, kind, theme);
      const open = votable(li) && !voted(li);
      if (keep && (show === "unvoted" || show === "one")) keep = open;
      if (keep) matching += 1;
      if (keep && show === "one") keep = shown === 0;
      else if (keep && show !== "unvoted-first") keep = shown < limit;
      li.classList.toggle("filtered-out", !keep);
      li.classList.toggle("voted", !open);
      if (keep) shown += 1;
    });
    if (show === "unvoted-first") {  // the order is by CSS; the limit applies to what comes first
      const ordered = items.filter((li) => !li.classList.contains("filtered-out"));
      ordered.sort((a, b) => Number(a.classList.contains("voted")) - Number(b.classList.contains("voted")));
      ordered.forEach((li, i) => li.classList.toggle("filtered-out", i >= limit));
      shown = Math.min(ordered.length, limit);
    }
    // A card voted on in "one at a time" leaves: keep the keyboard on the next card, not lost on the page.
    if (hadFocus && focused.closest("li.filtered-out")) {
      const next = list.querySelector(":scope > li:not(.filtered-out) button.vote:not([disabled])");
      if (next) next.focus();
    }
    const left = (show === "one" ? 0 : matching - shown);
    more.hidden = left <= 0;
    more.textContent = fmt(T.list_more, { n: left });
    let message = "";
    if (items.length && matching === 0) message = (show === "unvoted" || show === "one") && !query && !stance && !kind && !theme
      ? T.list_done : T.list_none;
    else if (matching < items.length || left > 0) message = fmt(T.list_shown, { n: shown, of: items.length });
    if (status.textContent !== message) status.textContent = message;
  }

  tools.addEventListener("submit", (e) => e.preventDefault());
  tools.addEventListener("input", () => { limit = PAGE; apply(); });
  tools.addEventListener("change", () => { limit = PAGE; apply(); });
  more.addEventListener("click", () => { limit += PAGE; apply(); });
  // Cards are added, re-rendered and voted on by live_cards.js: re-apply after each change of the list, but not for
  // the counts inside the vote buttons, which change with every tally (several times a second in a busy room).
  const countOnly = (record) => record.type === "childList" && record.target.classList
    && record.target.classList.contains("n");
  new MutationObserver((records) => { if (!records.every(countOnly)) apply(); })
    .observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-pressed", "disabled"] });
  const D = window.deliberate;
  if (D) {
    D.on("snapshot", (snap) => setThemes(snap.themes));
    D.on("themes_changed", (p) => setThemes(p.themes));
  }
  apply();
})();
