"""The report's charts as geometry for inline SVG (drawn by templates/report/_charts.html, the same on the page
and in the PDF): one bar per theme (its size, its verdict, each opinion group's agreement) and one bar per
opinion group (its size). Every figure drawn is also given as text for the tables beside the charts."""
from __future__ import annotations

import textwrap
from collections import Counter

from flask_babel import format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

WIDTH = 340        # narrow on purpose: on a 360 px phone the text stays at its size
BAR = 190
TITLE_CHARS = 40
VERDICTS = {"consensus": _l("Consensus across groups"), "mixed": _l("Mixed"),
            "insufficient": _l("Not enough votes yet")}
AUDIENCES = {"panel": _l("Panel"), "public": _l("Public")}


def _lines(text: str, width: int = TITLE_CHARS, most: int = 2) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return lines


def verdict_label(theme: dict) -> str:
    verdict = theme.get("verdict") or "insufficient"
    groups = theme.get("groups") or {}
    sides = {label: g.get("side") for label, g in groups.items()}
    if verdict == "split":
        apart = [label for label, side in sides.items() if side in ("agree", "disagree")]
        return _("Splits the groups: %(groups)s", groups=" / ".join(apart)) if apart else _("Splits the groups")
    if verdict == "minority":
        counts = Counter(sides.values())
        alone = [label for label, side in sides.items() if counts[side] == 1 and len(sides) > 1]
        return (_("Minority view: %(group)s stands apart", group=alone[0]) if len(alone) == 1
                else _("Minority view"))
    return str(VERDICTS.get(verdict, verdict))


def verdict_counts(theme: dict) -> str:
    """The counts behind a verdict: "A: 34 agree / 6 disagree · B: 21 / 4" (agree / disagree votes per group)."""
    parts = []
    for label, cell in sorted((theme.get("groups") or {}).items()):
        values = {"group": label, "agree": cell.get("agree", 0), "disagree": cell.get("disagree", 0)}
        parts.append(_("%(group)s: %(agree)s agree / %(disagree)s disagree", **values) if not parts
                     else _("%(group)s: %(agree)s / %(disagree)s", **values))
    return " · ".join(parts)


def verdict_with_counts(theme: dict) -> str:
    counts = verdict_counts(theme)
    return f"{verdict_label(theme)} — {counts}" if counts else verdict_label(theme)


def _share(cell: dict) -> float | None:
    if cell.get("share") is not None:
        return float(cell["share"])
    decided = cell.get("agree", 0) + cell.get("disagree", 0)
    return cell.get("agree", 0) / decided if decided else None


def theme_chart(charts: dict) -> dict:
    """Rows with y offsets; each group's bar splits its votes into agree / pass / disagree."""
    themes = charts.get("themes") or []
    largest = max([t.get("size", 0) for t in themes] + [1])
    rows, y = [], 0
    bar, label_w = BAR, 54
    for index, theme in enumerate(themes):
        keywords = ", ".join(theme.get("keywords") or []) or _("(no keywords)")
        size = theme.get("size", 0)
        title = _lines(f"{index + 1}. {keywords}")
        top = y + 18 * (len(title) - 1)  # everything below the title moves down with its lines
        groups = []
        for g_index, (label, cell) in enumerate(sorted((theme.get("groups") or {}).items())):
            total = cell.get("agree", 0) + cell.get("disagree", 0) + cell.get("pass", 0)
            scale = bar / total if total else 0
            agree_w, pass_w = cell.get("agree", 0) * scale, cell.get("pass", 0) * scale
            share = _share(cell)
            groups.append({
                "label": label, "size": cell.get("size"), "side": cell.get("side") or "none",
                "agree": cell.get("agree", 0), "disagree": cell.get("disagree", 0), "pass": cell.get("pass", 0),
                "share": format_percent(share) if share is not None else "—",
                "y": top + 62 + g_index * 20, "x": label_w, "agree_w": round(agree_w, 1),
                "pass_x": round(label_w + agree_w, 1), "pass_w": round(pass_w, 1),
                "disagree_x": round(label_w + agree_w + pass_w, 1),
                "disagree_w": round(max(0.0, bar - agree_w - pass_w) if total else 0, 1),
                "empty": not total,
            })
        rows.append({
            "number": index + 1, "keywords": keywords,
            "title": [{"text": line, "y": y + 14 + 18 * i} for i, line in enumerate(title)],
            "size": size, "size_w": round(max(2, size / largest * bar), 1), "y": top,
            "verdict": theme.get("verdict") or "insufficient", "verdict_label": verdict_label(theme),
            "verdict_with_counts": verdict_with_counts(theme),
            "central": (theme.get("central") or {}).get("argument_id"), "groups": groups,
        })
        y = top + 62 + len(groups) * 20 + 18
    return {"width": WIDTH, "height": max(y, 1), "bar": bar, "label_w": label_w, "rows": rows,
            "audience": charts.get("audience", "public"),
            "audience_label": str(AUDIENCES.get(charts.get("audience"), charts.get("audience") or ""))}


def group_chart(charts: dict) -> dict:
    """One bar per opinion group, the panel's groups apart from the public's."""
    groups = charts.get("groups") or []
    largest = max([g.get("size", 0) for g in groups] + [1])
    bar, label_w = BAR, 74
    sections, y = [], 0
    for audience in ("panel", "public"):
        mine = [g for g in groups if g.get("audience") == audience]
        if not mine:
            continue
        section = {"audience": audience, "label": str(AUDIENCES[audience]), "y": y, "total": 0, "rows": []}
        y += 24
        for g in mine:
            size = g.get("size", 0)
            section["rows"].append({"label": g.get("label"), "size": size, "y": y, "x": label_w,
                                    "w": round(max(2, size / largest * bar), 1)})
            section["total"] += size
            y += 24
        y += 10
        sections.append(section)
    return {"width": WIDTH, "height": max(y, 1), "sections": sections}
