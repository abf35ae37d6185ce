"""The report: the document, its dissent annex, the method statement and the charts' data, as one
JSON object. Publishing freezes it; exports and the report page render it."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import (Answer, Argument, Conference, Kind, Member, ModerationDecision, PhaseChange, Role,
                               Status, Vote)
from deliberate.services.analysis.refresh import latest_run
from deliberate.services.document.evidence import group_label
from deliberate.services.document.view import document_view
from deliberate.services.serialize import conference_dict, iso

FORMAT_VERSION = 1


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count(model.id)).where(*where)) or 0


def participation_by_role(conference_id: int) -> list[dict]:
    """Who took part, by role: members who joined, and those who posted, voted or answered a question."""
    members = dict(db.session.execute(select(Member.role, func.count(Member.id))
                                      .where(Member.conference_id == conference_id).group_by(Member.role)).all())
    posted = select(Argument.author_id).where(Argument.conference_id == conference_id)
    voted = select(Vote.member_id).where(Vote.conference_id == conference_id)
    answered = select(Answer.author_id).where(Answer.conference_id == conference_id)
    active = dict(db.session.execute(
        select(Member.role, func.count(Member.id)).where(Member.conference_id == conference_id,
                                                         Member.id.in_(posted.union(voted, answered)))
        .group_by(Member.role)).all())
    return [{"role": role.value, "members": members.get(role, 0), "active": active.get(role, 0)}
            for role in Role if members.get(role)]


def phases(conference_id: int) -> list[dict]:
    rows = db.session.scalars(select(PhaseChange).where(PhaseChange.conference_id == conference_id)
                              .order_by(PhaseChange.at, PhaseChange.id)).all()
    return [{"phase": r.phase.value, "from": iso(r.at), "until": iso(rows[i + 1].at) if i + 1 < len(rows) else None}
            for i, r in enumerate(rows)]


def moderation_summary(conference_id: int) -> dict:
    decisions = db.session.scalars(select(ModerationDecision)  # in order: reasons with equal counts, oldest first
                                   .where(ModerationDecision.conference_id == conference_id)
                                   .order_by(ModerationDecision.id)).all()
    hidden = _count(Argument, Argument.conference_id == conference_id, Argument.status == Status.HIDDEN)
    reasons = Counter(d.reason for d in decisions if d.action.value == "hide" and d.reason)
    return {"decisions": len(decisions), "by_action": dict(Counter(d.action.value for d in decisions)),
            "hidden_now": hidden, "reasons": [{"reason": r, "count": n} for r, n in reasons.most_common()]}


def figures(conference_id: int) -> dict:
    def arguments(kind):
        return _count(Argument, Argument.conference_id == conference_id, Argument.kind == kind)
    return {"arguments": arguments(Kind.ARGUMENT), "questions": arguments(Kind.QUESTION),
            "key_questions": arguments(Kind.KEY_QUESTION),
            "answers": _count(Answer, Answer.conference_id == conference_id),
            "votes": _count(Vote, Vote.conference_id == conference_id)}


def analysis_method(conference_id: int) -> dict | None:
    run = latest_run(conference_id)
    if run is None:
        return None
    return {"run_id": run.id, "model": run.model, "at": iso(run.created_at), "parameters": run.parameters,
            "inputs": run.inputs}


def charts(conference_id: int) -> dict:
    """Themes (size, verdict, each group's agreement) and opinion groups, from the latest analysis."""
    run = latest_run(conference_id)
    result = (run.result or {}) if run is not None else {}
    audience = result.get("audience", "public")
    themes = [{"id": t["id"], "keywords": t.get("keywords", []), "size": t.get("size", 0),
               "central": t.get("central"), "verdict": t.get("verdict"),
               "groups": {group_label(audience, int(g)): v for g, v in (t.get("groups") or {}).items()}}
              for t in result.get("themes", [])]
    groups = []
    for name in ("panel", "public"):
        part = result if name == audience else result.get(name)
        if isinstance(part, dict):
            groups += [{"audience": name, "group": g["id"], "label": group_label(name, g["id"]), "size": g["size"]}
                       for g in part.get("groups", [])]
    return {"audience": audience, "themes": themes, "groups": groups}


def report_content(conference: Conference) -> dict:
    """Everything the report shows, as it stands now."""
    return {
        "format": FORMAT_VERSION,
        "conference": conference_dict(conference),
        "document": document_view(conference),
        "method": {
            "participation": participation_by_role(conference.id),
            "phases": phases(conference.id),
            "figures": figures(conference.id),
            "moderation": moderation_summary(conference.id),
            "analysis": analysis_method(conference.id),
        },
        "charts": charts(conference.id),
    }


def apply_erasures(content, erased_ids: set[int]):
    """A frozen report names people as they were; an erasure since then must still remove the name."""
    if isinstance(content, list):
        return [apply_erasures(v, erased_ids) for v in content]
    if not isinstance(content, dict):
        return content
    out = {k: apply_erasures(v, erased_ids) for k, v in content.items()}
    if "erased" in out and out.get("id") in erased_ids:
        out.update(name=None, erased=True)
    if "anonymous" in out and out.get("member_id") in erased_ids:
        out["name"] = None
    return out


def erased_members(conference_id: int) -> set[int]:
    return set(db.session.scalars(select(Member.id).where(Member.conference_id == conference_id,
                                                          Member.erased_at.is_not(None))))
