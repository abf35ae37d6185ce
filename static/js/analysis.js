/* Facilitator desk: the live analysis panel. Renders `analysis_updated` (and the snapshot's last run).
   Everything here was computed by the software: labels are keywords, never quoted as if a person wrote them.
   Charts are inline SVG built with DOM calls, each with a text alternative (a table, a list or <title>/<desc>).
   Also exposes the drawing helpers (window.deliberateAnalysis.drawMap, …) for the console and the projector. */
(function () {
  "use strict";
  const root = document.getElementById("analysis");
  const config = JSON.parse(document.getElementById("live-config").textContent);
  const T = config.strings;
  const C = config.console || {};
  // Chart geometry in CSS pixels at a 16 px root font; scaled with the reader's font size so that labels
  // (sized in rem) never overlap the bars.
  const px = (n) => Math.round(n * ((parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16) * 10) / 10;
  const { el, svg, fmt } = window.deliberateDom;
  const pct = (x) => Math.round(100 * x) + " %";
  let uid = 0;
  const newId = (prefix) => prefix + "-" + (++uid);

  // Public groups are A, B, C…; the panel's (analysed apart) P1, P2…
  function groupShort(gid, audience) {
    return audience === "panel" ? "P" + (Number(gid) + 1) : String.fromCharCode(65 + Number(gid));
  }
  function groupName(gid, audience) { return T.group + " " + groupShort(gid, audience); }

  function themeKeywords(theme) { return (theme && theme.keywords || []).join(" · "); }

  function argumentLine(item) {
    const li = el("li");
    const text = el("span", "arg-text", item.text || "");
    text.title = item.text || "";
    li.append(el("span", "arg-ref", "#" + item.argument_id + " "), text);
    return li;
  }

  // Themes with few arguments or few votes per argument, compared with the other themes.
  function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    if (!s.length) return 0;
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  function underDiscussed(a) {
    const out = new Map();
    const themes = (a && a.themes) || [];
    if (themes.length < 2) return out;
    const size = median(themes.map((t) => t.size));
    const perArg = median(themes.map((t) => (t.votes || 0) / Math.max(1, t.size)));
    themes.forEach((t) => {
      const reasons = [];
      if (t.size < size / 2) reasons.push("arguments");
      if ((t.votes || 0) / Math.max(1, t.size) < perArg / 2) reasons.push("votes");
      if (reasons.length) out.set(t.id, reasons);
    });
    return out;
  }

  function agreementBars(groups, audience) {
    const box = el("div", "bars");
    Object.keys(groups).forEach((gid) => {
      const g = groups[gid];
      const row = el("div", "bar-row");
      row.title = T.votes_detail.replace("%(agree)s", g.agree).replace("%(disagree)s", g.disagree)
        .replace("%(pass)s", g.pass);
      const bar = el("span", "bar");
      const fill = el("span", "fill side-" + (g.side || "none"));
      fill.style.width = pct(g.share).replace(" ", "");
      bar.append(fill);
      row.append(el("span", "bar-label", groupName(gid, audience)), bar,
                 el("span", "bar-value", g.side ? pct(g.share) : "–"),
                 el("span", "bar-count", "(" + g.agree + "/" + (g.agree + g.disagree) + ")"));
      box.append(row);
    });
    return box;
  }

  function verdictOnly(theme, audience) {
    const name = (gid) => groupName(gid, audience);
    if (theme.verdict === "minority") return T.verdict_minority.replace("%(group)s", name(theme.minority_group));
    if (theme.verdict === "split") return T.verdict_split.replace("%(groups)s", theme.split_groups.map(name).join(" / "));
    return T["verdict_" + theme.verdict] || theme.verdict;
  }

  // The verdict with the votes behind it: "Consensus across groups — A: 34 agree / 6 disagree · B: 21 / 4".
  function verdictText(theme, audience) {
    const counts = Object.keys(theme.groups || {}).map((gid, i) => {
      const g = theme.groups[gid];
      return (i ? T.verdict_counts_next : T.verdict_counts_first).replace("%(group)s", groupShort(gid, audience))
        .replace("%(agree)s", g.agree).replace("%(disagree)s", g.disagree);
    });
    return verdictOnly(theme, audience) + (counts.length ? " — " + counts.join(" · ") : "");
  }

  function groupCards(groups, audience) {
    const box = el("div", "groups");
    groups.forEach((g) => {
      const card = el("article", "group");
      card.append(el("h4", null, groupName(g.id, audience) + " · " + T.people.replace("%(n)s", g.size)));
      const ul = el("ul", "plain");
      g.representative.forEach((r) => {
        const li = argumentLine(r);
        li.prepend(el("span", "badge " + (r.direction === "agree" ? "stance-for" : "stance-against"),
                      r.direction === "agree" ? T.agree : T.disagree));
        li.append(el("span", "hint", " " + T.count_of.replace("%(n)s", r.count).replace("%(of)s", r.of)));
        ul.append(li);
      });
      card.append(ul);
      box.append(card);
    });
    return box;
  }

  function lists(target, a) {
    [["consensus", C.top_consensus || T.consensus_list], ["divisive", C.top_divisive || T.divisive_list]]
      .forEach(([key, title]) => {
        const ul = el("ol", "plain ranked");
        (a[key] || []).forEach((item) => ul.append(argumentLine(item)));
        if (!ul.children.length) ul.append(el("li", "hint", C.none_yet || "–"));
        target.append(el("h4", null, title), ul);
      });
  }

  // ---- the map of arguments by meaning, with its legend ------------------------------------------
  const PALETTE = 8;
  // A theme keeps its colour from one refresh to the next: the colour follows the theme's id (stable across
  // runs), not its rank. `order` (theme id -> rank) only tells which ids exist.
  function themeClass(order, themeId) {
    return themeId >= 0 && order.has(themeId) ? "t" + (((Number(themeId) % PALETTE) + PALETTE) % PALETTE) : "t-none";
  }

  function argumentText(id) {
    const d = window.deliberate;
    const entry = d && d.state && d.state.args && d.state.args.get(id);
    return entry && entry.argument && entry.argument.text ? entry.argument.text : "";
  }

  function themeMap(a, opts) {
    // Arguments on the 2-D map of meaning, one colour per theme; hover shows the argument.
    opts = opts || {};
    const titleId = newId("map-title"), descId = newId("map-desc");
    const map = svg("svg", { viewBox: "-1.08 -1.08 2.16 2.16", class: "theme-map", role: "img",
                             "aria-labelledby": titleId + " " + descId, focusable: "false" });
    map.append(svg("title", { id: titleId }, T.map));
    const order = new Map(a.themes.map((t, i) => [t.id, i]));
    const keywords = new Map(a.themes.map((t) => [t.id, themeKeywords(t)]));
    map.append(svg("desc", { id: descId }, fmt(C.map_desc || "%(n)s arguments in %(k)s themes.", {
      n: a.map.length, k: a.themes.length }) + " " + a.themes.map((t) => T.generated + " " + keywords.get(t.id) +
      " (" + fmt(C.n_arguments || "%(n)s arguments", { n: t.size }) + ")").join("; ")));
    const xs = a.map.map((p) => p.x), ys = a.map.map((p) => p.y);
    const span = Math.max(1e-9, ...xs.map(Math.abs), ...ys.map(Math.abs));
    const r = opts.radius || 0.035;
    a.map.forEach((p) => {
      const spot = opts.highlight != null && p.argument_id === opts.highlight;
      const c = svg("circle", { cx: (p.x / span).toFixed(4), cy: (-p.y / span).toFixed(4), r: spot ? r * 2 : r,
                                class: themeClass(order, p.theme) + (spot ? " spot" : "") });
      const text = argumentText(p.argument_id);
      c.append(svg("title", null, "#" + p.argument_id + (text ? " " + text : "") +
        (keywords.has(p.theme) ? "\n" + T.generated + " " + keywords.get(p.theme) : "")));
      map.append(c);
    });
    return map;
  }

  function mapLegend(a, flags) {
    const box = el("div", "map-legend");
    box.append(el("p", "generated", T.generated));
    const ul = el("ul", "legend");
    const order = new Map(a.themes.map((t, i) => [t.id, i]));
    a.themes.forEach((t) => {
      const li = el("li");
      const body = el("span", "legend-body");
      body.append(el("span", "kw", themeKeywords(t)), " ",
                  el("span", "hint", fmt(C.theme_counts || "(%(n)s arguments, %(votes)s votes)",
                                         { n: t.size, votes: t.votes || 0 })));
      if (flags && flags.has(t.id)) body.append(" ", el("span", "badge under", C.under_discussed || "under-discussed"));
      li.append(el("span", "swatch " + themeClass(order, t.id)), body);
      ul.append(li);
    });
    if (a.unthemed) {
      const li = el("li");
      li.append(el("span", "swatch t-none"), el("span", "legend-body", fmt(C.unthemed || "no theme: %(n)s", { n: a.unthemed })));
      ul.append(li);
    }
    box.append(ul);
    return box;
  }

  // drawMap(container, analysis, {highlight: argument id, radius}): the map and its legend, side by side
  // when there is room. Returns the figure (or a hint when there is nothing to draw yet).
  function drawMap(container, a, opts) {
    container.replaceChildren();
    if (!a || !a.map || !a.map.length) {
      container.append(el("p", "hint", C.map_empty || T.map));
      return null;
    }
    const figure = el("figure", "map-figure");
    figure.append(themeMap(a, opts), mapLegend(a, underDiscussed(a)));
    container.append(figure);
    return figure;
  }

  // ---- opinion groups: sizes as bars, public and panel apart ---------------------------------------
  function audiences(a) {
    const out = [{ audience: a.audience || "public", groups: a.groups || [], themes: null }];
    if (a.panel && a.panel.groups) out.push({ audience: "panel", groups: a.panel.groups, themes: a.panel.themes });
    return out;
  }

  function groupSizes(a) {
    const blocks = audiences(a).filter((b) => b.groups.length);
    const max = Math.max(1, ...blocks.flatMap((b) => b.groups.map((g) => g.size)));
    const ROW = px(26), HEAD = px(24);
    const titleId = newId("sizes-title"), descId = newId("sizes-desc");
    let y = 0;
    const parts = [];
    const desc = [];
    blocks.forEach((b) => {
      const head = b.audience === "panel" ? (C.panel_groups || "Panel") : (C.public_groups || "Public");
      parts.push(svg("text", { x: "0", y: y + px(17), class: "chart-head" }, head));
      y += HEAD;
      b.groups.forEach((g) => {
        const label = groupShort(g.id, b.audience);
        const people = fmt(T.people, { n: g.size });
        parts.push(svg("text", { x: "0", y: y + px(17), class: "chart-label" }, label));
        parts.push(svg("rect", { x: "12%", y: y + px(4), height: ROW - px(10), rx: px(3),
                                 width: (62 * g.size / max).toFixed(2) + "%", class: "bar-" + b.audience }));
        parts.push(svg("text", { x: (14 + 62 * g.size / max).toFixed(2) + "%", y: y + px(17), class: "chart-value" }, people));
        desc.push(groupName(g.id, b.audience) + ": " + people);
        y += ROW;
      });
    });
    const chart = svg("svg", { width: "100%", height: y + px(4), class: "chart group-sizes", role: "img",
                               "aria-labelledby": titleId + " " + descId, focusable: "false" });
    chart.append(svg("title", { id: titleId }, C.group_sizes || T.groups), svg("desc", { id: descId }, desc.join("; ")));
    parts.forEach((p) => chart.append(p));
    return chart;
  }

  // ---- themes x groups agreement heat map -------------------------------------------------------
  function shareColour(share) {
    // 0 red … 0.5 pale … 1 green (diverging, so the middle reads as "divided").
    const lo = [178, 34, 34], mid = [245, 240, 225], hi = [27, 122, 61];
    const t = Math.max(0, Math.min(1, share));
    const [a, b, u] = t < 0.5 ? [lo, mid, t / 0.5] : [mid, hi, (t - 0.5) / 0.5];
    const c = a.map((v, i) => Math.round(v + (b[i] - v) * u));
    const lum = (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
    return { fill: "rgb(" + c.join(",") + ")", text: lum > 0.55 ? "#1d232a" : "#ffffff" };
  }

  function heatMap(a) {
    const wrap = el("div", "heatmap");
    const cols = [];
    audiences(a).forEach((b) => b.groups.forEach((g) => cols.push({ audience: b.audience, id: g.id, size: g.size })));
    if (!cols.length || !a.themes.length) { wrap.append(el("p", "hint", C.none_yet || "–")); return wrap; }
    const cellOf = (theme, col) => {
      if (col.audience === (a.audience || "public")) return theme.groups[String(col.id)];
      const panelTheme = a.panel && a.panel.themes && a.panel.themes[String(theme.id)];
      return panelTheme && panelTheme.groups ? panelTheme.groups[String(col.id)] : null;
    };
    const order = new Map(a.themes.map((t, i) => [t.id, i]));
    const LABEL = px(22), CELL = px(34), HEAD = px(24), GAP = px(8);
    const n = cols.length;
    const split = cols.findIndex((c) => c.audience !== cols[0].audience);
    const gapPct = split > 0 ? 3 : 0;
    const w = (100 - gapPct) / n;
    const xOf = (i) => i * w + (split > 0 && i >= split ? gapPct : 0);
    const titleId = newId("heat-title");
    const chart = svg("svg", { width: "100%", height: HEAD + a.themes.length * (LABEL + CELL + GAP), class: "chart heat",
                               "aria-hidden": "true", focusable: "false" });
    chart.append(svg("title", { id: titleId }, C.heatmap || "Agreement by theme and group"));
    cols.forEach((c, i) => chart.append(svg("text", { x: (xOf(i) + w / 2).toFixed(2) + "%", y: px(16), class: "chart-head",
                                                      "text-anchor": "middle" }, groupShort(c.id, c.audience))));
    // Text alternative: the same figures as a table, for screen readers.
    const hidden = el("div", "visually-hidden");
    const table = el("table");
    hidden.append(table);
    table.append(el("caption", null, (C.heatmap || "Agreement by theme and group") + " — " + T.generated));
    const headRow = el("tr");
    headRow.append(el("th", null, T.themes));
    cols.forEach((c) => { const th = el("th", null, groupName(c.id, c.audience)); th.scope = "col"; headRow.append(th); });
    table.append(el("thead"), el("tbody"));
    table.tHead.append(headRow);
    let y = HEAD;
    const flags = underDiscussed(a);
    a.themes.forEach((t) => {
      const kw = themeKeywords(t);
      const label = kw.length > 52 ? kw.slice(0, 50) + "…" : kw;
      chart.append(svg("rect", { x: px(0), y: y + px(5), width: px(10), height: px(10), rx: px(5), class: themeClass(order, t.id) }));
      const text = svg("text", { x: px(16), y: y + px(15), class: "chart-label" }, label + (flags.has(t.id) ? " ⚑" : ""));
      text.append(svg("title", null, T.generated + " " + kw));
      chart.append(text);
      y += LABEL;
      const tr = el("tr");
      const th = el("th", null, T.generated + " " + kw);
      th.scope = "row";
      tr.append(th);
      cols.forEach((c, i) => {
        const g = cellOf(t, c);
        const voted = g ? g.agree + g.disagree : 0;
        const colour = voted ? shareColour(g.share) : { fill: "#e6e8ea", text: "#1d232a" };
        const cell = svg("g", { class: "cell" });
        const detail = g ? fmt(C.cell_detail || "%(group)s: %(agree)s agree of %(total)s (%(pass)s pass)",
          { group: groupName(c.id, c.audience), agree: g.agree, total: voted, pass: g.pass }) : groupName(c.id, c.audience);
        cell.append(svg("title", null, detail),
                    svg("rect", { x: (xOf(i) + 0.4).toFixed(2) + "%", y: y, width: (w - 0.8).toFixed(2) + "%",
                                  height: CELL, rx: 3, fill: colour.fill }),
                    svg("text", { x: (xOf(i) + w / 2).toFixed(2) + "%", y: y + px(22), "text-anchor": "middle",
                                  fill: colour.text, class: "cell-text" }, voted ? pct(g.share) : "–"));
        chart.append(cell);
        tr.append(el("td", null, voted ? pct(g.share) + " (" + g.agree + "/" + voted + ")" : "–"));
      });
      table.tBodies[0].append(tr);
      y += CELL + GAP;
    });
    const scale = el("p", "heat-scale hint");
    scale.append(el("span", null, "0 %"), el("span", "gradient"), el("span", null, "100 % " + (C.agree_share || T.agree)));
    scale.setAttribute("aria-hidden", "true");
    wrap.append(chart, scale, hidden);
    if (split > 0) wrap.append(el("p", "hint", C.heat_panel_apart || ""));
    return wrap;
  }

  let lastThemes = new Map();
  const fresh = el("ul", "plain fresh");

  function section(title) {
    const s = el("section", "analysis-part");
    s.append(el("h3", null, title));
    return s;
  }

  function render(a) {
    if (!root || !a) return;
    root.replaceChildren();
    fresh.replaceChildren();
    lastThemes = new Map(a.themes.map((t) => [t.id, t]));
    const head = el("p", "hint", T.analysis_meta.replace("%(participants)s", a.participants.in_groups)
      .replace("%(voters)s", a.participants.total).replace("%(k)s", a.groups.length)
      .replace("%(ms)s", Math.round(a.timings.total_ms)));
    root.append(head);
    if (a.audience === "panel") root.append(el("p", "hint", T.panel_only));
    if (a.exact) root.append(el("p", "hint", T.exact_mode));

    const mapPart = section(C.map_title || T.map);
    const mapBox = el("div");
    drawMap(mapBox, a);
    mapPart.append(mapBox);
    root.append(mapPart);

    const heat = section(C.heatmap || "Agreement by theme and group");
    heat.append(el("p", "hint", C.heatmap_hint || ""), el("p", "generated", T.generated), heatMap(a));
    root.append(heat);

    const groupsPart = section(T.groups);
    groupsPart.append(groupSizes(a));
    root.append(groupsPart);

    const lead = section(C.top_title || T.consensus_list);
    lists(lead, a);
    root.append(lead);

    const flags = underDiscussed(a);
    const mainAudience = a.audience || "public";
    const themes = el("div", "themes");
    const order = new Map(a.themes.map((t, i) => [t.id, i]));
    a.themes.forEach((t) => {
      const card = el("article", "theme verdict-" + t.verdict);
      const h = el("h4");
      h.append(el("span", "generated", T.generated), el("span", "swatch " + themeClass(order, t.id)),
               document.createTextNode(themeKeywords(t)));
      card.append(h, el("p", "verdict", verdictText(t, mainAudience)));
      if (flags.has(t.id)) card.append(el("p", "badge under", C.under_discussed || "under-discussed"));
      if (a.panel && a.panel.themes[String(t.id)]) {
        card.append(el("p", "verdict panel-verdict",
                       T.panel_verdict.replace("%(verdict)s", verdictText(a.panel.themes[String(t.id)], "panel"))));
      }
      card.append(el("p", "hint", T.theme_meta.replace("%(n)s", t.size).replace("%(votes)s", t.votes)));
      if (t.central) {
        const c = el("p", "central");
        c.append(el("span", "hint", T.central + " "), el("span", "arg-ref", "#" + t.central.argument_id + " "),
                 el("span", null, t.central.text));
        card.append(c);
      }
      card.append(agreementBars(t.groups, mainAudience));
      if (t.points && t.points.length) {
        const more = el("details", "points-more");
        more.append(el("summary", null, fmt(C.points || "Points (%(n)s)", { n: t.points.length })));
        const pts = el("ul", "points");
        t.points.forEach((p) => {
          const li = el("li");
          li.append(el("span", "badge stance-" + (p.stance || "none"), T["stance_" + p.stance] || "–"),
                    el("span", "arg-ref", " #" + p.argument_id + " "), document.createTextNode(p.text + " "),
                    el("span", "hint", T.point_meta.replace("%(n)s", p.size).replace("%(voters)s", p.voters)));
          pts.append(li);
        });
        more.append(pts);
        card.append(more);
      }
      themes.append(card);
    });
    const themePart = section(T.themes);
    themePart.append(fresh, themes);
    root.append(themePart);

    // The longer lists stay folded: the console column keeps its overview.
    const cards = el("details", "analysis-more");
    cards.append(el("summary", null, C.representative || T.groups), groupCards(a.groups, mainAudience));
    root.append(cards);

    if (a.panel) {
      const panel = el("details", "analysis-more panel-analysis");
      panel.append(el("summary", null, T.panel_title),
                   el("p", "hint", T.panel_meta.replace("%(participants)s", a.panel.participants.in_groups)
                     .replace("%(voters)s", a.panel.participants.total).replace("%(k)s", a.panel.groups.length)),
                   groupCards(a.panel.groups, "panel"));
      lists(panel, a.panel);
      root.append(panel);
    }
  }

  function assigned(p) {
    // New arguments placed in an existing theme before the next full analysis.
    (p.assignments || []).forEach((item) => {
      const theme = lastThemes.get(item.theme);
      fresh.append(el("li", "hint", T.assigned.replace("%(id)s", item.argument_id)
        .replace("%(theme)s", theme ? T.generated + " " + themeKeywords(theme) : T.no_theme)));
    });
  }

  window.deliberateAnalysis = {
    render: render, assigned: assigned, drawMap: drawMap, groupName: groupName, groupShort: groupShort,
    themeKeywords: themeKeywords, underDiscussed: underDiscussed, themeClass: themeClass, fmt: fmt,
  };
})();
