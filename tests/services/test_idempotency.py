"""Idempotency keys on post_argument and cast_vote: a retry answers the first result and changes nothing."""
import threading

import pytest
from sqlalchemy import false, select

from deliberate.extensions import db
from deliberate.models import Argument, CommandKey, Vote
from deliberate.services import conferences
from deliberate.services.room import arguments, votes
from deliberate.services.publisher import RecordingPublisher
from tests.services.conftest import refused, row_count
from tests.helpers import using


@pytest.fixture
def pair(conference, join):
    author, _ = join(conference, "panelist", "Autrice")
    voter, _ = join(conference, "public", "Votant")
    return author, voter


def test_a_retried_post_returns_the_same_argument_and_writes_nothing(pair, recorder):
    author, _ = pair
    first = arguments.post_argument(author, "Moins de viande à la cantine.", "for", deps=using(recorder), key="post-1")
    again = arguments.post_argument(author, "Moins de viande à la cantine.", "for", deps=using(recorder), key="post-1")
    assert again.id == first.id
    assert row_count(Argument) == 1 and row_count(CommandKey) == 1
    assert [name for name, *_ in recorder.events].count("argument_posted") == 1


def test_a_retry_answers_even_after_the_phase_closed_posting(pair, people, recorder):
    author, _ = pair
    first = arguments.post_argument(author, "Un argument avant la clôture.", "for", deps=using(recorder), key="k")
    conferences.set_phase(people["org"], "drafting", deps=using(recorder))
    assert arguments.post_argument(author, "Un argument avant la clôture.", deps=using(recorder), key="k").id == first.id
    assert refused(arguments.post_argument, author, "Un autre.", deps=using(recorder), key="k2") == "wrong_phase"


def test_keys_belong_to_their_member(pair, recorder):
    author, voter = pair
    mine = arguments.post_argument(author, "Le mien.", deps=using(recorder), key="same")
    theirs = arguments.post_argument(voter, "Le sien.", deps=using(recorder), key="same")
    assert mine.id != theirs.id and row_count(Argument) == 2


@pytest.mark.parametrize("key", ["", "x" * 65, "a b", "clé", "a/b", 12, True, ["k"], {"k": 1}])
def test_a_malformed_key_is_invalid_and_changes_nothing(pair, recorder, key):
    author, voter = pair
    assert refused(arguments.post_argument, author, "Un texte.", deps=using(recorder), key=key) == "invalid"
    assert row_count(Argument) == 0
    argument = arguments.post_argument(author, "Un texte.", deps=using(recorder))
    assert refused(votes.cast_vote, voter, argument.id, 1, deps=using(recorder), key=key) == "invalid"
    assert row_count(Vote) == 0 and row_count(CommandKey) == 0


def test_a_key_of_64_characters_is_accepted(pair, recorder):
    author, _ = pair
    key = "A-z_0" * 12 + "abcd"
    assert len(key) == 64
    arguments.post_argument(author, "Un texte.", deps=using(recorder), key=key)
    assert db.session.scalar(select(CommandKey.key)) == key


def test_a_key_is_for_one_command(pair, recorder):
    author, voter = pair
    argument = arguments.post_argument(author, "Un texte.", deps=using(recorder), key="one")
    assert refused(votes.cast_vote, author, argument.id, 1, deps=using(recorder), key="one") == "invalid"
    votes.cast_vote(voter, argument.id, 1, deps=using(recorder), key="two")
    assert refused(arguments.post_argument, voter, "Un autre.", deps=using(recorder), key="two") == "invalid"
    assert row_count(Argument) == 1 and row_count(Vote) == 1


def test_a_post_that_loses_the_race_for_its_key_returns_the_winner(pair, recorder, monkeypatch):
    """The unique constraint decides: the second insert of the key fails, and the winner's argument is answered."""
    author, _ = pair
    first = arguments.post_argument(author, "Posté une fois.", deps=using(recorder), key="race")
    real = arguments._posted_with
    calls = []

    def missed_once(actor, key):  # the retry looked before the first committed
        calls.append(key)
        return None if len(calls) == 1 else real(actor, key)

    monkeypatch.setattr(arguments, "_posted_with", missed_once)
    again = arguments.post_argument(author, "Posté une fois.", deps=using(recorder), key="race")
    assert again.id == first.id and len(calls) == 2
    assert row_count(Argument) == 1
    assert [name for name, *_ in recorder.events].count("argument_posted") == 1


def test_concurrent_posts_with_one_key_make_one_argument(app, pair):
    author_id, member_class = pair[0].id, type(pair[0])
    db.session.remove()
    barrier, ids, errors = threading.Barrier(4), [], []

    def post():
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                ids.append(arguments.post_argument(db.session.get(member_class, author_id), "Un seul, même à quatre.",
                                                   deps=using(RecordingPublisher()), key="together").id)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(ids) == 4 and len(set(ids)) == 1
    assert row_count(Argument) == 1 and row_count(CommandKey) == 1


def test_a_retried_vote_answers_its_first_tally_even_after_a_later_vote(pair, recorder):
    author, voter = pair
    argument = arguments.post_argument(author, "Un argument à voter.", deps=using(recorder))
    first = votes.cast_vote(voter, argument.id, 1, deps=using(recorder), key="v1")
    votes.cast_vote(voter, argument.id, -1, deps=using(recorder), key="v2")  # replaces the value
    sent = len(recorder.events)
    assert votes.cast_vote(voter, argument.id, 1, deps=using(recorder), key="v1") == first
    assert len(recorder.events) == sent  # nothing announced again
    assert db.session.execute(select(Vote.value)).scalars().all() == [-1]  # the later vote stands
    assert row_count(CommandKey) == 2


def test_a_batch_applies_a_key_once_and_answers_its_twin_the_same(pair, recorder):
    author, voter = pair
    argument = arguments.post_argument(author, "Deux fois dans le même lot.", deps=using(recorder))
    outcomes = votes.write_votes([(voter.id, argument.id, 1, "twin"), (voter.id, argument.id, -1, "twin"),
                                  (voter.id, argument.id, 0)])
    tally = {"agree": 0, "disagree": 0, "pass": 1}  # the unkeyed vote after the twins wins
    assert outcomes == [(argument.conference_id, tally)] * 3
    assert isinstance(outcomes[1], votes.Replayed) and not isinstance(outcomes[0], votes.Replayed)
    assert db.session.execute(select(Vote.value)).scalars().all() == [0]
    assert row_count(CommandKey) == 1


def test_keyed_and_unkeyed_votes_mix_in_a_batch_with_refusals(pair, people, recorder):
    author, voter = pair
    argument = arguments.post_argument(author, "Un lot mélangé.", deps=using(recorder))
    votes.cast_vote(voter, argument.id, 1, deps=using(recorder), key="old")
    outcomes = votes.write_votes([(voter.id, argument.id, -1, "old"), (people["obs"].id, argument.id, 1, "obs"),
                                  (people["alice"].id, argument.id, 1, "new"), (voter.id, argument.id, 7, "bad")])
    assert isinstance(outcomes[0], votes.Replayed) and outcomes[0][1] == {"agree": 1, "disagree": 0, "pass": 0}
    assert outcomes[1].code == "forbidden" and outcomes[3].code == "invalid"
    assert outcomes[2] == (argument.conference_id, {"agree": 2, "disagree": 0, "pass": 0})
    assert sorted(db.session.scalars(select(CommandKey.key))) == ["new", "old"]  # refused votes keep no key


def test_a_vote_batch_that_loses_the_race_for_a_key_is_run_again(pair, recorder, monkeypatch):
    """Another process committed the key between our read and our insert: the constraint refuses the batch,
    which rolls back (its vote too) and, run again, answers the stored result."""
    author, voter = pair
    argument = arguments.post_argument(author, "Un argument disputé.", deps=using(recorder))
    first = votes.cast_vote(voter, argument.id, 1, deps=using(recorder), key="raced")
    real, calls = votes._keys_statement, []

    def blind_once():
        calls.append(1)
        return real().where(false()) if len(calls) == 1 else real()

    monkeypatch.setattr(votes, "_keys_statement", blind_once)
    outcomes = votes.write_votes([(voter.id, argument.id, -1, "raced")])
    assert outcomes == [(argument.conference_id, first)] and isinstance(outcomes[0], votes.Replayed)
    assert len(calls) == 2
    assert db.session.execute(select(Vote.value)).scalars().all() == [1]


def test_votes_without_keys_read_no_keys(pair, recorder, monkeypatch):
    """The hot path pays nothing for keys when none is given."""
    author, voter = pair
    argument = arguments.post_argument(author, "Sans clé.", deps=using(recorder))
    monkeypatch.setattr(votes, "_keys_statement", lambda: pytest.fail("keys read for an unkeyed batch"))
    assert votes.write_votes([(voter.id, argument.id, 1)]) == [(argument.conference_id,
                                                                 {"agree": 1, "disagree": 0, "pass": 0})]
    assert row_count(CommandKey) == 0
