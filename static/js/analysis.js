/* Facilitator desk: the live analysis panel. Renders `analysis_updated` (and the snapshot's last run).
   Everything here was computed by the software: labels are keywords, never quoted as if a person wrote them. */
(function () {
  "use strict";
  const root = document.getElementById("analysis");
  if (!root) return;
  const T = JSON.parse(document.getElementById("live-config").textContent).strings;
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  };
  const pct = (x) => Math.round(100 * x) + " %";
  const groupName = (gid) => T.group + " " + String.fromCharCode(65 + Number(gid));

  function argumentLine(item) {
    const li = el("li");
    li.append(el("span", "arg-ref", "#" + item.argument_id + " "), el("span", "arg-text", item.text || ""));
    return li;
  }

  function agreementBars(groups) {
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
      row.append(el("span", "bar-label", groupName(gid)), bar,
                 el("span", "bar-value", g.side ? pct(g.share) : "–"),
                 el("span", "bar-count", "(" + g.agree + "/" + (g.agree + g.disagree) + ")"));
      box.append(row);
    });
    return box;
  }

  function verdictText(theme) {
    if (theme.verdict === "minority") return T.verdict_minority.replace("%(group)s", groupName(theme.minority_group));
    if (theme.verdict === "split") return T.verdict_split.replace("%(groups)s", theme.split_groups.map(groupName).join(" / "));
    return T["verdict_" + theme.verdict] || theme.verdict;
  }

  function groupCards(groups) {
    const box = el("div", "groups");
    groups.forEach((g) => {
      const card = el("article", "group");
      card.append(el("h4", null, groupName(g.id) + " · " + T.people.replace("%(n)s", g.size)));
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
    [["consensus", T.consensus_list], ["divisive", T.divisive_list]].forEach(([key, title]) => {
      const ul = el("ol", "plain");
      (a[key] || []).forEach((item) => ul.append(argumentLine(item)));
      target.append(el("h4", null, title), ul);
    });
  }

  const PALETTE = 8;
  function themeMap(a) {
    // Arguments on the 2-D map of meaning, one colour per theme; hover shows the argument.
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "-1.05 -1.05 2.1 2.1");
    svg.setAttribute("class", "theme-map");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", T.map);
    const xs = a.map.map((p) => p.x), ys = a.map.map((p) => p.y);
    const span = Math.max(1e-9, ...xs.map(Math.abs), ...ys.map(Math.abs));
    const order = new Map(a.themes.map((t, i) => [t.id, i]));
    const texts = new Map();
    a.themes.forEach((t) => t.argument_ids.forEach((id) => texts.set(id, t.keywords.join(" · "))));
    a.map.forEach((p) => {
      const c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", p.x / span);
      c.setAttribute("cy", -p.y / span);
      c.setAttribute("r", 0.03);
      c.setAttribute("class", p.theme >= 0 ? "t" + (order.get(p.theme) % PALETTE) : "t-none");
      const title = document.createElementNS(ns, "title");
      title.textContent = "#" + p.argument_id + (texts.has(p.argument_id) ? " — " + texts.get(p.argument_id) : "");
      c.append(title);
      svg.append(c);
    });
    return svg;
  }

  let lastThemes = new Map();
  const fresh = el("ul", "plain fresh");

  function render(a) {
    root.replaceChildren();
    fresh.replaceChildren();
    lastThemes = new Map(a.themes.map((t) => [t.id, t]));
    const head = el("p", "hint", T.analysis_meta.replace("%(participants)s", a.participants.in_groups)
      .replace("%(voters)s", a.participants.total).replace("%(k)s", a.groups.length)
      .replace("%(ms)s", Math.round(a.timings.total_ms)));
    root.append(head);
    if (a.audience === "panel") root.append(el("p", "hint", T.panel_only));
    if (a.exact) root.append(el("p", "hint", T.exact_mode));

    const themes = el("div", "themes");
    a.themes.forEach((t, i) => {
      const card = el("article", "theme verdict-" + t.verdict);
      const h = el("h3");
      h.append(el("span", "generated", T.generated), el("span", "swatch t" + (i % PALETTE)),
               document.createTextNode(t.keywords.join(" · ")));
      card.append(h, el("p", "verdict", verdictText(t)));
      if (a.panel && a.panel.themes[String(t.id)]) {
        card.append(el("p", "verdict panel-verdict", T.panel_verdict.replace("%(verdict)s", verdictText(a.panel.themes[String(t.id)]))));
      }
      card.append(el("p", "hint", T.theme_meta.replace("%(n)s", t.size).replace("%(votes)s", t.votes)));
      if (t.central) {
        const c = el("p", "central");
        c.append(el("span", "hint", T.central + " "), el("span", "arg-ref", "#" + t.central.argument_id + " "),
                 el("span", null, t.central.text));
        card.append(c);
      }
      card.append(agreementBars(t.groups));
      if (t.points && t.points.length) {
        const pts = el("ul", "points");
        t.points.forEach((p) => {
          const li = el("li");
          li.append(el("span", "badge stance-" + (p.stance || "none"), T["stance_" + p.stance] || "–"),
                    el("span", "arg-ref", " #" + p.argument_id + " "), document.createTextNode(p.text + " "),
                    el("span", "hint", T.point_meta.replace("%(n)s", p.size).replace("%(voters)s", p.voters)));
          pts.append(li);
        });
        card.append(pts);
      }
      themes.append(card);
    });
    root.append(el("h3", null, T.themes), fresh, themes);
    if (a.map && a.map.length) root.append(themeMap(a));

    root.append(el("h3", null, T.groups), groupCards(a.groups));
    lists(root, a);

    if (a.panel) {
      const panel = el("section", "panel-analysis");
      panel.append(el("h3", null, T.panel_title),
                   el("p", "hint", T.panel_meta.replace("%(participants)s", a.panel.participants.in_groups)
                     .replace("%(voters)s", a.panel.participants.total).replace("%(k)s", a.panel.groups.length)),
                   groupCards(a.panel.groups));
      lists(panel, a.panel);
      root.append(panel);
    }
    if (a.duplicates && a.duplicates.length) {
      const ul = el("ul", "plain");
      a.duplicates.forEach((d) => ul.append(el("li", null, "#" + d.a + " ≈ #" + d.b + " (" + d.similarity.toFixed(2) + ")")));
      root.append(el("h3", null, T.duplicates), ul);
    }
  }

  function assigned(p) {
    // New arguments placed in an existing theme before the next full analysis.
    (p.assignments || []).forEach((item) => {
      const theme = lastThemes.get(item.theme);
      fresh.append(el("li", "hint", T.assigned.replace("%(id)s", item.argument_id)
        .replace("%(theme)s", theme ? theme.keywords.join(" · ") : T.no_theme)));
    });
  }

  window.deliberateAnalysis = { render: render, assigned: assigned };
})();
