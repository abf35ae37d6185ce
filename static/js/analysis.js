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

  function render(a) {
    root.replaceChildren();
    const head = el("p", "hint", T.analysis_meta.replace("%(participants)s", a.participants.in_groups)
      .replace("%(voters)s", a.participants.total).replace("%(k)s", a.groups.length)
      .replace("%(ms)s", Math.round(a.timings.total_ms)));
    root.append(head);

    const themes = el("div", "themes");
    a.themes.forEach((t) => {
      const card = el("article", "theme verdict-" + t.verdict);
      const h = el("h3");
      h.append(el("span", "generated", T.generated), document.createTextNode(" " + t.keywords.join(" · ")));
      card.append(h, el("p", "verdict", verdictText(t)));
      const meta = el("p", "hint", T.theme_meta.replace("%(n)s", t.size).replace("%(votes)s", t.votes));
      card.append(meta);
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
                    document.createTextNode(" " + p.text + " "),
                    el("span", "hint", T.point_meta.replace("%(n)s", p.size).replace("%(voters)s", p.voters)));
          pts.append(li);
        });
        card.append(pts);
      }
      themes.append(card);
    });
    root.append(el("h3", null, T.themes), themes);

    const groups = el("div", "groups");
    a.groups.forEach((g) => {
      const card = el("article", "group");
      card.append(el("h4", null, groupName(g.id) + " · " + T.people.replace("%(n)s", g.size)));
      const ul = el("ul", "plain");
      g.representative.forEach((r) => {
        const li = argumentLine(r);
        li.prepend(el("span", "badge " + (r.direction === "agree" ? "stance-for" : "stance-against"),
                      r.direction === "agree" ? T.agree : T.disagree));
        ul.append(li);
      });
      card.append(ul);
      groups.append(card);
    });
    root.append(el("h3", null, T.groups), groups);

    [["consensus", T.consensus_list], ["divisive", T.divisive_list]].forEach(([key, title]) => {
      const ul = el("ol", "plain");
      (a[key] || []).forEach((item) => ul.append(argumentLine(item)));
      root.append(el("h3", null, title), ul);
    });
    if (a.duplicates && a.duplicates.length) {
      const ul = el("ul", "plain");
      a.duplicates.forEach((d) => ul.append(el("li", null, "#" + d.a + " ≈ #" + d.b + " (" + d.similarity.toFixed(2) + ")")));
      root.append(el("h3", null, T.duplicates), ul);
    }
  }

  window.deliberateAnalysis = { render: render };
})();
