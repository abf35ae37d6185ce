"""Read what the analysis needs from the database, as plain arrays (the analysis never sees the DB)."""
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Argument, Member, Status, Vote


@dataclass
class ConferenceData:
    argument_ids: list[int]
    texts: list[str]
    stances: list[str | None]
    kinds: list[str]
    member_ids: list[int]          # voters, in the rows' order of `votes`
    member_roles: list[str]
    votes: np.ndarray              # members x arguments: 1 / -1 / 0, NaN unseen
    vote_times: list[tuple[int, int, int, float]] = field(default_factory=list)  # (member, argument, value, t)
    version: dict = field(default_factory=dict)


def gather(conference_id: int) -> ConferenceData:
    arguments = db.session.execute(
        select(Argument.id, Argument.text, Argument.stance, Argument.kind)
        .where(Argument.conference_id == conference_id, Argument.status == Status.VISIBLE)
        .order_by(Argument.id)
    ).all()
    column = {a.id: j for j, a in enumerate(arguments)}
    rows = db.session.execute(
        select(Vote.member_id, Vote.argument_id, Vote.value, Vote.updated_at, Vote.id)
        .where(Vote.conference_id == conference_id).order_by(Vote.updated_at, Vote.id)
    ).all()
    last_update = max((r.updated_at for r in rows), default=None)  # any vote, even on a hidden argument
    rows = [r for r in rows if r.argument_id in column]
    voter_ids = sorted({r.member_id for r in rows})
    roles = dict(db.session.execute(select(Member.id, Member.role).where(Member.id.in_(voter_ids))).all()) \
        if voter_ids else {}
    row_of = {m: i for i, m in enumerate(voter_ids)}
    matrix = np.full((len(voter_ids), len(arguments)), np.nan)
    for r in rows:
        matrix[row_of[r.member_id], column[r.argument_id]] = r.value
    version = {
        "arguments": len(arguments),
        "max_argument_id": max((a.id for a in arguments), default=0),
        "votes": len(rows),
        "max_vote_update": last_update.isoformat() if last_update else None,
    }
    return ConferenceData(
        argument_ids=[a.id for a in arguments], texts=[a.text for a in arguments],
        stances=[a.stance.value if a.stance else None for a in arguments], kinds=[a.kind.value for a in arguments],
        member_ids=voter_ids, member_roles=[roles[m].value for m in voter_ids], votes=matrix,
        vote_times=[(r.member_id, r.argument_id, r.value, r.updated_at.timestamp()) for r in rows],
        version=version,
    )
