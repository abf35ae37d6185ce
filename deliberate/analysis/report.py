"""The facilitators' view of one refresh, as plain JSON: themes x opinion groups, points, consensus.

Pure: it receives arrays and fitted results, never the database. Every figure is a count that can be
traced to argument ids and votes; texts shown are participants' own words (with their argument id),
theme labels are keywords flagged `machine_written`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from deliberate.analysis.opinions import OpinionResult
from deliberate.analysis.themes import STANCE_NAMES, ThemeAnalyzer
from deliberate.analysis.together import theme_group_agreement

TOP = 5            # arguments in the consensus and divisive lists
MAX_DUPLICATES = 50


@dataclass
class ConferenceArrays:
    argument_ids: list[int]
    texts: list[str]
    member_ids: list[int]
    votes: np.ndarray  # members x arguments: 1 / -1 / 0, NaN unseen


def _argument(data: ConferenceArrays, column: int) -> dict:
    return {"argument_id": data.argument_ids[column], "text": data.texts[column]}


def audience_report(data: ConferenceArrays, rows: np.ndarray, result: OpinionResult,
                    theme_of_argument: np.ndarray, with_positions: bool = False,
                    previous_sides: dict[str, str] | None = None,
                    previous_columns: dict[int, np.ndarray] | None = None) -> dict:
    """Groups, consensus and per-theme agreement for one audience (`rows`: its members' row indices).
    previous_columns: {theme: columns it had at the last refresh}, so sides change with votes, not with
    arguments moving between themes (see `theme_group_agreement`)."""
    column_of = {a: j for j, a in enumerate(data.argument_ids)}
    members = [data.member_ids[i] for i in rows]
    group_of = np.array([-1 if result.participant_groups.get(m) is None else result.participant_groups[m]
                         for m in members], dtype=int)
    together = theme_group_agreement(theme_of_argument, data.votes[rows], group_of, previous_sides, previous_columns)

    def listed(comment) -> dict:
        return _argument(data, column_of[comment])

    seen = {c: s for c, s in result.comments.items() if sum(v["seen"] for v in s.counts_by_group.values()) > 0}
    consensus = sorted(seen, key=lambda c: (-seen[c].consensus, c))[:TOP]
    divisive = [c for c in sorted(seen, key=lambda c: (-seen[c].divisiveness, c)) if seen[c].divisiveness > 0][:TOP]
    report = {
        "participants": {"total": len(members), "in_groups": int((group_of >= 0).sum())},
        "exact": bool(result.exact),
        "groups": [{
            "id": g.id, "size": g.size,
            "representative": [{**listed(r.comment), "direction": r.direction, "count": r.n_success,
                                "of": r.n_trials, "significant": bool(r.significant)} for r in g.representative],
        } for g in result.groups],
        "consensus": [{**listed(c), "score": round(seen[c].consensus, 4)} for c in consensus],
        "divisive": [{**listed(c), "score": round(seen[c].divisiveness, 4)} for c in divisive],
        "themes": {str(t): v for t, v in together.items()},
    }
    if with_positions:  # small panels: each person's place on the opinion map, by member id
        report["positions"] = [{"member_id": m, "group": result.participant_groups.get(m),
                                "x": round(result.positions[m][0], 4), "y": round(result.positions[m][1], 4)}
                               for m in members if m in result.positions]
    return report


def theme_cards(data: ConferenceArrays, themes: ThemeAnalyzer, per_theme: dict) -> list[dict]:
    """One card per theme: keywords, central argument, points with their backers, the audience's verdict."""
    agrees = data.votes == 1
    cards = []
    for theme in themes.themes_:
        columns = np.flatnonzero(themes.theme_of_argument_ == theme.id)
        points = []
        for point in (p for p in themes.points_ if p.theme == theme.id):
            point_columns = np.flatnonzero(themes.point_of_argument_ == point.id)
            points.append({
                "id": point.id, "stance": STANCE_NAMES[point.stance],
                "size": point.size, **_argument(data, point.label.central_argument_index),
                "argument_ids": [data.argument_ids[j] for j in point_columns],
                # Voters backing the point: members who agreed with at least one of its arguments.
                "voters": int(agrees[:, point_columns].any(axis=1).sum()) if len(data.member_ids) else 0,
            })
        verdict = per_theme.get(str(theme.id), {"verdict": "insufficient", "groups": {}, "minority_group": None,
                                                "split_groups": [], "votes": 0})
        cards.append({
            "id": theme.id, "size": theme.size, "machine_written": True, "keywords": list(theme.label.keywords),
            "central": _argument(data, theme.label.central_argument_index), "by_stance": dict(theme.by_stance),
            "argument_ids": [data.argument_ids[j] for j in columns], "points": points,
            "verdict": verdict["verdict"], "minority_group": verdict["minority_group"],
            "split_groups": verdict["split_groups"], "groups": verdict["groups"], "votes": verdict["votes"],
        })
    return cards


def conference_report(data: ConferenceArrays, themes: ThemeAnalyzer, audiences: dict[str, tuple],
                      previous_sides: dict[str, dict] | None = None) -> dict:
    """`audiences`: name -> (row indices, OpinionResult), the first being the main one shown.
    previous_sides: `verdict_sides()` of the last report, so that verdicts do not flip on one vote.

    The main audience's figures are at the top level; the others (the panel, analysed apart from the
    public) under their name, with exact counts and each person's position.
    """
    names = list(audiences)
    previous_sides = previous_sides or {}
    carried, columns = _carry_across_themes(data, themes.theme_of_argument_, previous_sides)
    reports = {name: audience_report(data, rows, result, themes.theme_of_argument_, with_positions=result.exact,
                                     previous_sides=carried.get(name), previous_columns=columns)
               for name, (rows, result) in audiences.items()}
    main = reports[names[0]] if names else audience_report(
        data, np.arange(0), _empty_result(), themes.theme_of_argument_)
    report = {key: value for key, value in main.items() if key != "themes"}
    report["audience"] = names[0] if names else "public"
    report["themes"] = theme_cards(data, themes, main["themes"])
    for name in names[1:]:
        report[name] = reports[name]
    report["unthemed"] = int((themes.theme_of_argument_ < 0).sum())
    report["duplicates"] = [{"a": data.argument_ids[i], "b": data.argument_ids[j], "similarity": round(float(s), 4)}
                            for i, j, s in sorted(themes.duplicates_, key=lambda d: -d[2])[:MAX_DUPLICATES]]
    report["map"] = [{"argument_id": a, "x": round(float(x), 4), "y": round(float(y), 4), "theme": int(t)}
                     for a, (x, y), t in zip(data.argument_ids, themes.map_, themes.theme_of_argument_)]
    return report


def _carry_across_themes(data: ConferenceArrays, theme_of_argument: np.ndarray,
                         previous: dict) -> tuple[dict[str, dict[str, str]], dict[int, np.ndarray] | None]:
    """The last refresh's sides and theme columns, under today's theme ids.

    A theme that got a new id (re-identified after a re-clustering) continues the previous theme holding more
    than half of its arguments: it takes that theme's sides, so its verdict does not start afresh."""
    stored = previous.get(THEME_ARGUMENTS)
    sides = {name: dict(v) for name, v in previous.items() if name != THEME_ARGUMENTS and isinstance(v, dict)}
    if not stored:  # a state from before theme arguments were kept: sides by theme id only
        return sides, None
    column_of = {a: j for j, a in enumerate(data.argument_ids)}
    before = {int(t): np.array(sorted(column_of[a] for a in ids if a in column_of), dtype=int)
              for t, ids in stored.items()}
    columns = dict(before)
    for theme in (int(t) for t in np.unique(theme_of_argument) if t >= 0 and int(t) not in before):
        now = np.flatnonzero(theme_of_argument == theme)
        overlap = {t: len(np.intersect1d(now, c)) for t, c in before.items()}
        source = max(overlap, key=lambda t: (overlap[t], -t), default=None)
        if source is None or 2 * overlap[source] <= len(now):
            continue
        columns[theme] = before[source]
        for audience in sides.values():
            audience.update({f"{theme}:{key.split(':', 1)[1]}": side for key, side in list(audience.items())
                             if key.split(":", 1)[0] == str(source)})
    return sides, columns


THEME_ARGUMENTS = "theme_arguments"  # key of verdict_sides holding {theme id: [argument ids]}


def verdict_sides(report: dict) -> dict[str, dict]:
    """{audience: {"<theme>:<group>": side}, "theme_arguments": {theme: [argument ids]}} of a report, to carry
    to the next refresh."""
    sides: dict[str, dict] = {THEME_ARGUMENTS: {str(t["id"]): list(t.get("argument_ids", []))
                                                for t in report.get("themes", [])}}
    main = report.get("audience", "public")
    sides[main] = {f"{t['id']}:{g}": v["side"] for t in report.get("themes", [])
                   for g, v in t.get("groups", {}).items() if v.get("side")}
    for name in ("public", "panel"):
        if name != main and isinstance(report.get(name), dict):
            sides[name] = {f"{t}:{g}": v["side"] for t, card in report[name].get("themes", {}).items()
                           for g, v in card.get("groups", {}).items() if v.get("side")}
    return sides


def _empty_result() -> OpinionResult:
    from deliberate.analysis.opinions import analyse

    return analyse([])
