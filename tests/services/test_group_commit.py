"""Group commit: writes arriving together share one transaction, each caller gets its own result only after the
commit, and one bad write fails alone."""
import threading
import time

import pytest
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.services.collaborators import of
from deliberate.models import Vote
from deliberate.services.room import arguments, votes
from deliberate.services.room.group_commit import GroupCommit, _Pending
from tests.helpers import using


def _wait_until_queued(commit, count, limit=30.0):
    """Wait (yielding, bounded so that a broken queue fails instead of hanging) for `count` queued callers."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with commit._lock:
            if len(commit._queue) == count:
                return
        time.sleep(0.001)
    pytest.fail(f"{count} callers never queued")


def test_callers_arriving_during_a_commit_share_the_next_one():
    first_batch_started, release = threading.Event(), threading.Event()
    batches = []

    def write(items):
        batches.append(list(items))
        if len(batches) == 1:  # hold the first commit until the others are queued behind it
            first_batch_started.set()
            assert release.wait(10)
        return [item * 10 for item in items]

    commit = GroupCommit(write)
    results = {}

    def call(item):
        results[item] = commit.submit(item)

    first = threading.Thread(target=call, args=(0,))
    first.start()
    assert first_batch_started.wait(10)
    others = [threading.Thread(target=call, args=(i,)) for i in range(1, 8)]
    for thread in others:
        thread.start()
    _wait_until_queued(commit, 7)  # all seven queued (not answered) while the first commit is held
    assert first.is_alive()
    assert results == {}
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert results == {i: i * 10 for i in range(8)}
    assert batches[0] == [0] and sorted(batches[1]) == list(range(1, 8)) and len(batches) == 2
    assert (commit.batches, commit.items) == (2, 8)


def test_a_bad_write_fails_alone():
    def write(items):
        if "bad" in items:
            raise ValueError("bad item")
        return [item.upper() for item in items]

    commit = GroupCommit(write)
    queued = [commit._queue.append(p) or p for p in map(_Pending, ["a", "bad", "c"])]
    commit._leading = True
    commit._lead(queued[0])
    assert [p.result for p in queued] == ["A", None, "C"]
    assert isinstance(queued[1].error, ValueError) and queued[1].wake.is_set()
    assert not commit._leading
    assert commit.submit("d") == "D"  # the next caller leads again


class _Interrupted(BaseException):
    """What a gevent Timeout or a KeyboardInterrupt is: not an Exception, so not one write's own failure."""


def test_a_leader_interrupted_mid_batch_leaves_nobody_waiting():
    """The leader dies of a BaseException while writing a batch: it gets the interruption, and the batch's other
    callers are written by the next leader instead of waiting forever."""
    calls = []

    def write(items):
        calls.append(list(items))
        if len(calls) == 1:
            raise _Interrupted()
        return [item.upper() for item in items]

    commit = GroupCommit(write)
    queued = [commit._queue.append(p) or p for p in map(_Pending, ["lead", "b", "c"])]
    commit._leading = True
    with pytest.raises(_Interrupted):
        commit._lead(queued[0])
    assert queued[1].wake.is_set(), "the next caller was never promoted to lead"
    assert [p.item for p in commit._queue] == ["b", "c"]  # back in the queue, in their order
    commit._lead(queued[1])  # what the promoted caller does in submit()
    assert [p.result for p in queued[1:]] == ["B", "C"] and all(p.finished for p in queued[1:])
    assert calls == [["lead", "b", "c"], ["b", "c"]]
    assert not commit._leading


def test_a_leader_is_answered_after_its_own_batch_even_while_others_keep_coming():
    """Under steady load the queue never empties: the leader hands the lead on instead of writing for everyone
    until the burst ends (its ack, and its member's next votes, would wait that long)."""
    writers = []
    first_started, release_first = threading.Event(), threading.Event()
    second_started, release_second = threading.Event(), threading.Event()

    def write(items):
        writers.append((threading.current_thread().name, list(items)))
        if len(writers) == 1:
            first_started.set()
            assert release_first.wait(10)
        elif len(writers) == 2:
            second_started.set()
            assert release_second.wait(10)
        return list(items)

    commit = GroupCommit(write)
    answered = {}

    def call(item):
        answered[item] = commit.submit(item)

    first = threading.Thread(target=call, args=("first",), name="first")
    first.start()
    assert first_started.wait(10)
    followers = [threading.Thread(target=call, args=(f"later {i}",), name=f"later {i}") for i in range(3)]
    for thread in followers:
        thread.start()
    _wait_until_queued(commit, 3)
    release_first.set()
    assert second_started.wait(10)
    first.join(10)
    # The first caller has its answer while the next batch is still being written, by a follower.
    assert answered == {"first": "first"} and not first.is_alive()
    assert writers[1][0].startswith("later") and sorted(writers[1][1]) == ["later 0", "later 1", "later 2"]
    release_second.set()
    for thread in followers:
        thread.join(10)
    assert answered == {"first": "first", **{f"later {i}": f"later {i}" for i in range(3)}}
    assert not commit._leading


def test_concurrent_votes_are_all_committed_with_their_last_value(app, conference, join, recorder):
    author, _ = join(conference, "panelist", "Auteur")
    with app.app_context():
        argument_ids = [arguments.post_argument(author, f"Argument numéro {i} sur la viande.", "for",
                                                deps=using(recorder)).id for i in range(3)]
    voters = [join(conference, "public", f"v{i}")[0] for i in range(12)]

    def vote(member_id):
        with app.app_context():
            from deliberate.services.members.membership import member_by_id
            member = member_by_id(member_id)
            for round_, value in enumerate([1, -1, 0, 1]):  # each member's last value: 1
                for argument_id in argument_ids:
                    votes.cast_vote(member, argument_id, value if round_ < 3 else (member_id % 3) - 1,
                                    deps=using(recorder))

    threads = [threading.Thread(target=vote, args=(m.id,)) for m in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with app.app_context():
        rows = db.session.execute(select(Vote.member_id, Vote.argument_id, Vote.value)).all()
        assert len(rows) == len(voters) * len(argument_ids)
        assert all(value == (member_id % 3) - 1 for member_id, _, value in rows)
        expected = {"agree": 0, "disagree": 0, "pass": 0}
        for m in voters:
            expected[{1: "agree", -1: "disagree", 0: "pass"}[(m.id % 3) - 1]] += 1
        assert all(votes.tally(a) == expected for a in argument_ids)
    commit = of(app).vote_commit
    assert commit.items == len(voters) * len(argument_ids) * 4


@pytest.mark.parametrize("value", [1, -1, 0])
def test_a_vote_is_readable_by_its_caller_at_once(app, conference, join, recorder, value):
    author, _ = join(conference, "panelist", "Auteur")
    voter, _ = join(conference, "public", "Votant")
    with app.app_context():
        argument = arguments.post_argument(author, "Un argument à compter tout de suite.", "for", deps=using(recorder))
        votes.tally(argument.id)  # opens this session's read transaction before the vote
        counts = votes.cast_vote(voter, argument.id, value, deps=using(recorder))
        assert votes.tally(argument.id) == counts  # the same session sees the group's commit
        assert sum(counts.values()) == 1


def test_a_batch_refuses_bad_votes_alone_and_writes_the_rest_in_order(app, conference, join, recorder):
    from deliberate.services.errors import ServiceError

    author, _ = join(conference, "panelist", "Auteur")
    voter, _ = join(conference, "public", "Votante")
    observer, _ = join(conference, "observer", "Observateur")
    with app.app_context():
        argument = arguments.post_argument(author, "Un argument pour un lot de votes.", "for", deps=using(recorder))
        outcomes = votes.write_votes([(voter.id, argument.id, 1), (observer.id, argument.id, 1),
                                      (voter.id, argument.id, 7), (voter.id, 10**12, 1), (999999, argument.id, 1),
                                      (voter.id, argument.id, -1)])
        codes = [o.code if isinstance(o, ServiceError) else o for o in outcomes]
        tally = {"agree": 0, "disagree": 1, "pass": 0}  # the voter's later vote in the batch wins
        assert codes == [(conference.id, tally), "forbidden", "invalid", "invalid", "unauthenticated",
                         (conference.id, tally)]
        assert db.session.execute(select(Vote.member_id, Vote.value)).all() == [(voter.id, -1)]
