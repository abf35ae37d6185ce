"""What a paragraph rests on, in exact counts: each argument's votes, overall and per opinion group."""
from __future__ import annotations

from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import AnalysisRun, Vote

AUDIENCES = ("panel", "public")
VALUE_NAMES = {1: "agree", -1: "disagree", 0: "pass"}


def group_label(audience: str, group: int) -> str:
    """The names the console uses: panel groups P1, P2…, public groups A, B…"""
    return f"P{group + 1}" if audience == "panel" else chr(ord("A") + group)


# Every join's snapshot and every consent event count votes by group: read a run's (large) state once.
# A stored run never changes, so (database, run id) is a safe key.
_GROUPS_OF_RUN: dict[tuple[str, int], dict[str, dict[int, int]]] = {}
MAX_CACHED_RUNS = 256


def member_groups(conference_id: int) -> dict[str, dict[int, int]]:
    """{audience: {member id: group}} from the latest analysis run (empty before any)."""
    run_id = db.session.scalar(select(AnalysisRun.id).where(AnalysisRun.conference_id == conference_id)
                               .order_by(AnalysisRun.id.desc()).limit(1))
    if run_id is None:
        return {audience: {} for audience in AUDIENCES}
    key = (str(db.engine.url), run_id)
    if key not in _GROUPS_OF_RUN:
        state = db.session.scalar(select(AnalysisRun.state).where(AnalysisRun.id == run_id)) or {}
        if len(_GROUPS_OF_RUN) >= MAX_CACHED_RUNS:
            _GROUPS_OF_RUN.clear()
        _GROUPS_OF_RUN[key] = {
            audience: {int(m): int(g) for m, g in ((state.get(audience) or {}).get("public_labels") or [])
                       if isinstance(m, int)}
            for audience in AUDIENCES}
    return _GROUPS_OF_RUN[key]


def vote_counts(conference_id: int, argument_ids, groups: dict[str, dict[int, int]] | None = None) -> dict[int, dict]:
    """{argument id: {"agree", "disagree", "pass", "groups": [{audience, group, label, agree, disagree, pass}]}}."""
    ids = sorted({int(a) for a in argument_ids})
    if not ids:
        return {}
    groups = member_groups(conference_id) if groups is None else groups
    rows = db.session.execute(select(Vote.argument_id, Vote.member_id, Vote.value)
                              .where(Vote.conference_id == conference_id, Vote.argument_id.in_(ids))).all()
    counts = {a: {"agree": 0, "disagree": 0, "pass": 0, "by_group": {}} for a in ids}
    for argument_id, member_id, value in rows:
        name = VALUE_NAMES[value]
        entry = counts[argument_id]
        entry[name] += 1
        for audience, of_member in groups.items():
            group = of_member.get(member_id)
            if group is not None:
                cell = entry["by_group"].setdefault((audience, group), {"agree": 0, "disagree": 0, "pass": 0})
                cell[name] += 1
    result = {}
    for argument_id, entry in counts.items():
        by_group = entry.pop("by_group")
        entry["groups"] = [{"audience": audience, "group": group, "label": group_label(audience, group), **cell}
                           for (audience, group), cell in sorted(by_group.items())]
        result[argument_id] = entry
    return result
