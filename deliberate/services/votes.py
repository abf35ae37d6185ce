"""Use-case: cast a vote (agree 1, disagree -1, pass 0); a later vote replaces the earlier one."""
import functools

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from deliberate.extensions import db
from deliberate.models import VOTE_VALUES, Argument, Conference, Kind, Member, Status, Vote
from deliberate.models.base import utcnow
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services import rules
from deliberate.services.validation import MAX_ID, id_field
from deliberate.services.analysis import request_refresh
from deliberate.services.publisher import Publisher, current_publisher

EMPTY = {"agree": 0, "disagree": 0, "pass": 0}


def tally(argument_id: int) -> dict:
    rows = db.session.execute(
        select(Vote.value, func.count()).where(Vote.argument_id == argument_id).group_by(Vote.value)
    ).all()
    counts = dict(EMPTY)
    for value, count in rows:
        counts[VOTE_VALUES[value]] = count
    return counts


def tallies(conference_id: int) -> dict[int, dict]:
    rows = db.session.execute(
        select(Vote.argument_id, Vote.value, func.count())
        .where(Vote.conference_id == conference_id)
        .group_by(Vote.argument_id, Vote.value)
    ).all()
    result: dict[int, dict] = {}
    for argument_id, value, count in rows:
        result.setdefault(argument_id, dict(EMPTY))[VOTE_VALUES[value]] = count
    return result


def tally_items(conference_id: int, argument_ids: list[int]) -> list[dict]:
    """`tallies_changed` items: the absolute tallies of these arguments of the conference (one query)."""
    counts = _tallies_of(set(argument_ids))
    return [{"argument_id": a, **counts[a]} for a in argument_ids]


# The hot path's statements are built once, with bound parameters, and run through Core: building and
# compiling a statement on every vote (and the ORM's bulk-insert layer) cost more than the database work.
@functools.cache
def _upsert_statement(dialect: str):
    # One atomic statement per vote: two tabs voting at once cannot create two votes or lose one.
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(Vote.__table__)
    return stmt.on_conflict_do_update(
        index_elements=[Vote.argument_id, Vote.member_id],
        set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
    )


@functools.cache
def _tallies_statement():
    return (select(Vote.argument_id, Vote.value, func.count())
            .where(Vote.argument_id.in_(bindparam("ids", expanding=True))).group_by(Vote.argument_id, Vote.value))


@functools.cache
def _voter_statement():
    """The voter's role, its conference's phase, and the argument if it is one of that conference's."""
    return (select(Member.role, Conference.phase, Member.conference_id, Argument.id, Argument.kind, Argument.status)
            .join(Conference, Conference.id == Member.conference_id)
            .outerjoin(Argument, (Argument.id == bindparam("argument_id"))
                       & (Argument.conference_id == Member.conference_id))
            .where(Member.id == bindparam("member_id")))


def write_votes(items: list[tuple[int, int, int, int]]) -> list[dict]:
    """Group commit's batch writer: (conference, argument, member, value) votes in one transaction, in order (a
    member's later vote on an argument wins); returns each vote's tally, read after the commit. Its own pooled
    connection, not the leader's session: waiting voters hold no connection, and the leader's session stays
    untouched."""
    latest = {(argument_id, member_id): (conference_id, value) for conference_id, argument_id, member_id, value
              in items}
    now = utcnow()
    with db.engine.begin() as connection:  # commits, or rolls back on error
        connection.execute(_upsert_statement(connection.dialect.name), [
            {"conference_id": conference_id, "argument_id": argument_id, "member_id": member_id, "value": value,
             "created_at": now, "updated_at": now}
            for (argument_id, member_id), (conference_id, value) in latest.items()])
    with db.engine.connect() as connection:
        counts = _tallies_of({argument_id for argument_id, _ in latest}, connection)
    return [counts[argument_id] for _, argument_id, _, _ in items]


def _tallies_of(argument_ids: set[int], connection=None) -> dict[int, dict]:
    connection = connection or db.session.connection()
    rows = connection.execute(_tallies_statement(), {"ids": list(argument_ids)}).all()
    counts = {a: dict(EMPTY) for a in argument_ids}
    for argument_id, value, count in rows:
        counts[argument_id][VOTE_VALUES[value]] = count
    return counts


def cast_vote(actor: Member, argument_id, value, publisher: Publisher | None = None) -> dict:
    """Record the actor's vote, then announce the new tally. Returns the tally."""
    return cast_vote_as(actor.id, argument_id, value, publisher)


def cast_vote_as(member_id: int, argument_id, value, publisher: Publisher | None = None) -> dict:
    """The vote of a member known by id: the hot path of a live session. Its checks read one row of plain
    columns (no ORM objects: loading the member, its conference and the argument cost most of a vote's time),
    and the write is committed with the votes arriving at the same moment (group_commit.py)."""
    valid_id = type(argument_id) is int and 0 < argument_id <= MAX_ID  # else refused below, after the first checks
    with db.engine.connect() as connection:  # plain Core: an ORM session costs more than this one read
        row = connection.execute(_voter_statement(), {
            "member_id": member_id, "argument_id": argument_id if valid_id else None}).first()
    if row is None:
        raise ServiceError("unauthenticated", _l("Your membership no longer exists."))
    role, phase, conference_id, found_id, kind, status = row
    rules.check_role(role, "cast_vote")
    rules.check_phase(phase, "cast_vote")
    if type(value) is not int or value not in VOTE_VALUES:  # not bool, not 1.0, not "1"
        raise invalid(_l("The vote must be 1 (agree), -1 (disagree) or 0 (pass)."))
    argument_id = id_field(argument_id, name="argument_id")
    if found_id is None or status is Status.HIDDEN:  # others' ids look exactly like unknown ids
        raise not_found(_l("No such argument."))
    if kind is Kind.QUESTION:
        raise invalid(_l("Questions to the experts are answered, not voted on."))
    if db.session.registry.has() and db.session().in_transaction():
        db.session.commit()  # a caller's open read (tests, scripts) would not see the vote after it
    counts = current_app.extensions["deliberate.vote_commit"].submit((conference_id, argument_id, member_id, value))
    feed = current_app.extensions.get("deliberate.tally_feed")
    if feed is not None:
        feed.mark(conference_id, argument_id)  # coalesced: see tally_feed.py
    else:  # DELIBERATE_TALLY_INTERVAL=0: one event per vote
        (publisher or current_publisher()).publish("tally_changed", {"argument_id": argument_id, **counts},
                                                   conference_id)
    request_refresh(conference_id)
    return counts


def votes_of(member: Member) -> dict[int, int]:
    rows = db.session.execute(select(Vote.argument_id, Vote.value).where(Vote.member_id == member.id)).all()
    return {argument_id: value for argument_id, value in rows}
