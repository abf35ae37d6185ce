"""Read what the analysis needs from the database, as plain arrays (the analysis never sees the DB)."""
import hashlib
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import AgendaItem, Argument, Kind, Member, Status, Vote


@dataclass
class KeyQuestions:
    """The panel's key questions, which of them are selected for the hearing, and the votes on them."""
    ids: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    selected: list[bool] = field(default_factory=list)
    votes: dict[tuple[int, int], int] = field(default_factory=dict)  # (member, question) -> value


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
    key_questions: KeyQuestions = field(default_factory=KeyQuestions)

    def key_question_voters(self) -> tuple[list[int], np.ndarray]:
        """(voter ids, voters x key questions: 1 / -1 / 0, NaN unseen): everyone who voted on one."""
        voters = sorted({member for member, _ in self.key_questions.votes})
        row = {m: i for i, m in enumerate(voters)}
        column = {q: j for j, q in enumerate(self.key_questions.ids)}
        matrix = np.full((len(voters), len(self.key_questions.ids)), np.nan)
        for (member, question), value in self.key_questions.votes.items():
            if question in column:
                matrix[row[member], column[question]] = value
        return voters, matrix


def gather(conference_id: int) -> ConferenceData:
    """Arguments (not questions: they are answered, not judged) and the votes on them; key questions apart."""
    visible = db.session.execute(
        select(Argument.id, Argument.text, Argument.stance, Argument.kind)
        .where(Argument.conference_id == conference_id, Argument.status == Status.VISIBLE)
        .order_by(Argument.id)
    ).all()
    arguments = [a for a in visible if a.kind is Kind.ARGUMENT]
    keys = [a for a in visible if a.kind is Kind.KEY_QUESTION]
    column = {a.id: j for j, a in enumerate(arguments)}
    key_ids = {a.id for a in keys}
    rows = db.session.execute(
        select(Vote.member_id, Vote.argument_id, Vote.value, Vote.updated_at, Vote.id)
        .where(Vote.conference_id == conference_id).order_by(Vote.updated_at, Vote.id)
    ).all()
    last_update = max((r.updated_at for r in rows), default=None)  # any vote, even on a hidden argument
    key_votes = {(r.member_id, r.argument_id): r.value for r in rows if r.argument_id in key_ids}
    rows = [r for r in rows if r.argument_id in column]
    voter_ids = sorted({r.member_id for r in rows})
    roles = dict(db.session.execute(select(Member.id, Member.role).where(Member.id.in_(voter_ids))).all()) \
        if voter_ids else {}
    row_of = {m: i for i, m in enumerate(voter_ids)}
    matrix = np.full((len(voter_ids), len(arguments)), np.nan)
    for r in rows:
        matrix[row_of[r.member_id], column[r.argument_id]] = r.value
    selected_ids = set(db.session.scalars(select(AgendaItem.argument_id).where(
        AgendaItem.conference_id == conference_id, AgendaItem.argument_id.is_not(None))).all())
    version = {
        "arguments": len(arguments),
        "max_argument_id": max((a.id for a in arguments), default=0),
        # Which arguments, not only how many: hiding one and restoring another keeps every count equal.
        "argument_ids": hashlib.sha256(",".join(str(a.id) for a in arguments).encode()).hexdigest()[:16],
        "votes": len(rows),
        "max_vote_update": last_update.isoformat() if last_update else None,
        "key_questions": sorted(key_ids),
        "selected": sorted(selected_ids & key_ids),
    }
    return ConferenceData(
        argument_ids=[a.id for a in arguments], texts=[a.text for a in arguments],
        stances=[a.stance.value if a.stance else None for a in arguments], kinds=[a.kind.value for a in arguments],
        member_ids=voter_ids, member_roles=[roles[m].value for m in voter_ids], votes=matrix,
        vote_times=[(r.member_id, r.argument_id, r.value, r.updated_at.timestamp()) for r in rows],
        version=version,
        key_questions=KeyQuestions(ids=[a.id for a in keys], texts=[a.text for a in keys],
                                   selected=[a.id in selected_ids for a in keys], votes=key_votes),
    )
