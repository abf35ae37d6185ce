"""Use-case: cast a vote (agree 1, disagree -1, pass 0); a later vote replaces the earlier one."""
import functools

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from deliberate.extensions import db, holds_unsaved_writes
from deliberate.models import VOTE_VALUES, Argument, CommandKey, Conference, Kind, Member, Status, Vote
from deliberate.models.base import utcnow
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services import idempotency, rules
from deliberate.services.validation import MAX_ID, id_field
from deliberate.services.collaborators import Collaborators

EMPTY = {"agree": 0, "disagree": 0, "pass": 0}


def tally(argument_id: int) -> dict:
    return _tallies_of({argument_id})[argument_id]


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
def _voters_statement():
    """Each active voter's role and conference, and that conference's phase (an ended membership is not
    found: `unauthenticated`, even on a socket opened before it ended)."""
    return (select(Member.id, Member.role, Member.conference_id, Conference.phase)
            .join(Conference, Conference.id == Member.conference_id)
            .where(Member.id.in_(bindparam("ids", expanding=True)), Member.ended_at.is_(None)))


@functools.cache
def _keys_statement():
    return (select(CommandKey.member_id, CommandKey.key, CommandKey.command, CommandKey.result)
            .where(CommandKey.member_id.in_(bindparam("ids", expanding=True)),
                   CommandKey.key.in_(bindparam("keys", expanding=True))))


@functools.cache
def _arguments_statement():
    return (select(Argument.id, Argument.conference_id, Argument.kind, Argument.status)
            .where(Argument.id.in_(bindparam("ids", expanding=True))))


def _valid_id(value) -> bool:
    return type(value) is int and 0 < value <= MAX_ID  # not bool; within the INTEGER columns


def _check(voter, argument, argument_id, value) -> int:
    """The conference of a vote that may be cast, or the refusal `cast_vote` has always given, in its order."""
    if voter is None:
        raise ServiceError("unauthenticated", _l("Your membership no longer exists."))
    rules.check_role(voter.role, "cast_vote")
    rules.check_phase(voter.phase, "cast_vote")
    if type(value) is not int or value not in VOTE_VALUES:  # not bool, not 1.0, not "1"
        raise invalid(_l("The vote must be 1 (agree), -1 (disagree) or 0 (pass)."))
    id_field(argument_id, name="argument_id")
    # Others' ids look exactly like unknown ids.
    if argument is None or argument.conference_id != voter.conference_id or argument.status is Status.HIDDEN:
        raise not_found(_l("No such argument."))
    if argument.kind is Kind.QUESTION:
        raise invalid(_l("Questions to the experts are answered, not voted on."))
    return voter.conference_id


class Replayed(tuple):
    """A keyed vote already applied: (conference id, the tally its first ack gave). Nothing is written or sent."""


def write_votes(items: list[tuple]) -> list:
    """Group commit's batch writer. Items are (member id, argument id, value[, key]) as sent. In one transaction:
    check every vote with two reads for the whole batch (the voters with their conference's phase, the
    arguments), then write the valid ones in order (a member's later vote on an argument wins). Returns, per item,
    its refusal (a ServiceError) or (conference id, tally read after the commit), or Replayed(...) for a key the
    member already used.

    Checking inside the batch, not per vote, is what lets a vote cost less than its own round trips; checking
    inside the transaction also means no vote slips in after the phase that closes voting is committed. It uses
    its own pooled connection, not the leader's session: waiting voters hold no connection.

    Idempotency keys (idempotency.py) cost nothing to a batch without any. A batch with keys reads the keys
    already used (one query), reads the tallies inside the transaction (they are the keys' stored results) and
    inserts its keys in one executemany before the commit. Another process may commit the same key first: the
    unique constraint refuses ours, and the batch is run again, which then finds it."""
    keyed = any(len(item) > 3 and item[3] is not None for item in items)
    if not keyed:
        return _write_batch(items, None)
    try:
        return _write_batch(items, {})
    except IntegrityError:
        return _write_batch(items, {})


def _write_batch(items, keys: dict | None) -> list:
    now = utcnow()
    outcomes: list = []
    rows: dict[tuple[int, int], dict] = {}
    new_keys: dict[tuple[int, str], int] = {}  # (member, key) -> index of its vote in outcomes
    with db.engine.begin() as connection:  # commits, or rolls back on error
        member_ids = sorted({item[0] for item in items})
        voters = {row.id: row for row in connection.execute(_voters_statement(), {"ids": member_ids})}
        if keys is not None:
            keys = {(row.member_id, row.key): row for row in connection.execute(
                _keys_statement(), {"ids": member_ids, "keys": sorted({i[3] for i in items if len(i) > 3 and i[3]})})}
        argument_ids = sorted({item[1] for item in items if _valid_id(item[1])})
        arguments = {row.id: row for row in connection.execute(_arguments_statement(), {"ids": argument_ids})} \
            if argument_ids else {}
        for member_id, argument_id, value, *rest in items:
            key = rest[0] if rest else None
            try:
                if key is not None and voters.get(member_id) is not None:
                    replay = _replay(keys.get((member_id, key)), new_keys.get((member_id, key)), outcomes)
                    if replay is not None:
                        outcomes.append(replay)
                        continue
                conference_id = _check(voters.get(member_id), arguments.get(argument_id) if _valid_id(argument_id)
                                       else None, argument_id, value)
            except ServiceError as refusal:
                outcomes.append(refusal)
                continue
            rows[(argument_id, member_id)] = {"conference_id": conference_id, "argument_id": argument_id,
                                              "member_id": member_id, "value": value, "created_at": now,
                                              "updated_at": now}  # a later vote replaces the value, keeps the place
            if key is not None:
                new_keys[(member_id, key)] = len(outcomes)
            outcomes.append((conference_id, argument_id))
        if rows:
            connection.execute(_upsert_statement(connection.dialect.name), list(rows.values()))
        if new_keys:  # the tallies are the keys' results: read them before the commit that stores both
            counts = _tallies_of({argument_id for argument_id, _ in rows}, connection)
            connection.execute(CommandKey.__table__.insert(), [
                {"member_id": member_id, "key": key, "command": "cast_vote", "created_at": now,
                 "result": {"conference_id": outcomes[at][0], "argument_id": outcomes[at][1],
                            "tally": counts[outcomes[at][1]]}}
                for (member_id, key), at in new_keys.items()])
    if not rows:
        return outcomes  # refusals and replays only (a _SameAs follows a row of the batch)
    if not new_keys:
        with db.engine.connect() as connection:
            counts = _tallies_of({argument_id for argument_id, _ in rows}, connection)
    return [o if isinstance(o, (ServiceError, Replayed)) else _replayed(o, counts) if isinstance(o, _SameAs)
            else (o[0], counts[o[1]]) for o in outcomes]


class _SameAs(tuple):
    """A second vote of the batch with a key the batch itself applies: (conference id, argument id)."""


def _replay(stored, earlier_in_batch: int | None, outcomes: list):
    if stored is not None:
        if stored.command != "cast_vote":
            raise idempotency.reused_for_another_command()
        return Replayed((stored.result["conference_id"], stored.result["tally"]))
    if earlier_in_batch is not None:
        return _SameAs(outcomes[earlier_in_batch])
    return None


def _replayed(same: "_SameAs", counts) -> Replayed:
    return Replayed((same[0], counts[same[1]]))


def _tallies_of(argument_ids: set[int], connection=None) -> dict[int, dict]:
    connection = connection or db.session.connection()
    rows = connection.execute(_tallies_statement(), {"ids": list(argument_ids)}).all()
    counts = {a: dict(EMPTY) for a in argument_ids}
    for argument_id, value, count in rows:
        counts[argument_id][VOTE_VALUES[value]] = count
    return counts


def cast_vote(actor: Member, argument_id, value, *, deps: Collaborators, key=None) -> dict:
    """Record the actor's vote, then announce the new tally. Returns the tally."""
    return cast_vote_as(actor.id, argument_id, value, key=key, deps=deps)


def cast_vote_as(member_id: int, argument_id, value, *, deps: Collaborators, key=None) -> dict:
    """The vote of a member known by id: the hot path of a live session. It is checked and committed with the
    votes arriving at the same moment (write_votes, group_commit.py); no ORM object is loaded.

    With an idempotency `key` this member already used, the tally of that first vote is returned and nothing is
    written or announced (even if a later vote has replaced its value)."""
    key = idempotency.key_field(key)
    if db.session.registry.has():
        session = db.session()
        if holds_unsaved_writes(session):  # a bug in the caller: its half-done work would be committed here
            raise RuntimeError("cast_vote_as commits in a transaction of its own: commit or roll back the "
                               "caller's pending changes first")
        if session.in_transaction():
            session.commit()  # ends a caller's open read (tests, scripts), which would not see the vote after it
    deps.hit(("vote", member_id))
    item = (member_id, argument_id, value) if key is None else (member_id, argument_id, value, key)
    result = deps.vote_commit.submit(item)
    conference_id, counts = result
    if isinstance(result, Replayed):
        return counts
    feed = deps.tally_feed
    if feed is not None:
        feed.mark(conference_id, argument_id)  # coalesced: see tally_feed.py
    else:  # DELIBERATE_TALLY_INTERVAL=0: one event per vote
        deps.publisher.publish("tally_changed", {"argument_id": argument_id, **counts},
                                                   conference_id)
    deps.request_refresh(conference_id)
    return counts


def votes_of(member: Member) -> dict[int, int]:
    rows = db.session.execute(select(Vote.argument_id, Vote.value).where(Vote.member_id == member.id)).all()
    return {argument_id: value for argument_id, value in rows}
