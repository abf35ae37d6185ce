import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Vote
from deliberate.services.room import arguments, moderation, votes
from deliberate.services import conferences
from deliberate.services.errors import ServiceError
from tests.helpers import using


@pytest.fixture
def arg(app, conference, join, recorder):
    author, _ = join(conference, "panelist", "Auteur")
    a = arguments.post_argument(author, "Moins de viande à la cantine.", "for", deps=using(recorder))
    recorder.clear()
    return a


def vote_rows():
    return db.session.execute(select(Vote.member_id, Vote.value)).all()


def test_vote_then_change_keeps_one_vote(app, conference, join, recorder, arg):
    voter, _ = join(conference, "panelist", "Votant")
    assert votes.cast_vote(voter, arg.id, 1, deps=using(recorder)) == {"agree": 1, "disagree": 0, "pass": 0}
    assert votes.cast_vote(voter, arg.id, -1, deps=using(recorder)) == {"agree": 0, "disagree": 1, "pass": 0}
    assert vote_rows() == [(voter.id, -1)]
    assert [p for _, p, _, _ in recorder.events] == [
        {"argument_id": arg.id, "agree": 1, "disagree": 0, "pass": 0},
        {"argument_id": arg.id, "agree": 0, "disagree": 1, "pass": 0},
    ]
    assert recorder.names() == ["tally_changed", "tally_changed"]


def test_tallies_count_each_member_once(app, conference, join, recorder, arg):
    for i, value in enumerate([1, 1, -1, 0, 1]):
        member, _ = join(conference, "public", f"p{i}")
        votes.cast_vote(member, arg.id, value, deps=using(recorder))
    assert votes.tally(arg.id) == {"agree": 3, "disagree": 1, "pass": 1}
    assert votes.tallies(conference.id) == {arg.id: {"agree": 3, "disagree": 1, "pass": 1}}


@pytest.mark.parametrize("value", [2, -2, True, False, "1", None, 1.0, [1]])
def test_bad_values_refused(app, conference, join, recorder, arg, value):
    voter, _ = join(conference)
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(voter, arg.id, value, deps=using(recorder))
    assert err.value.code == "invalid"
    assert vote_rows() == [] and recorder.events == []


@pytest.mark.parametrize("argument_id,code", [(999999, "not_found"), (None, "invalid"), ("x", "invalid"),
                                              (-1, "invalid"), (0, "invalid")])
def test_bad_argument_ids(app, conference, join, recorder, arg, argument_id, code):
    voter, _ = join(conference)
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(voter, argument_id, 1, deps=using(recorder))
    assert err.value.code == code
    assert vote_rows() == []


def test_cannot_vote_on_another_conferences_argument(app, conference, other_conference, join, recorder, arg):
    intruder, _ = join(other_conference)
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(intruder, arg.id, 1, deps=using(recorder))
    assert err.value.code == "not_found"
    assert vote_rows() == []


def test_cannot_vote_on_hidden_argument(app, conference, join, recorder, arg):
    facilitator, _ = join(conference, "facilitator")
    moderation.moderate(facilitator, arg.id, "hide", "doublon", deps=using(recorder))
    voter, _ = join(conference)
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(voter, arg.id, 1, deps=using(recorder))
    assert err.value.code == "not_found"


def test_observer_cannot_vote(app, conference, join, recorder, arg):
    observer, _ = join(conference, "observer")
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(observer, arg.id, 1, deps=using(recorder))
    assert err.value.code == "forbidden"


def test_votes_close_with_drafting(app, conference, join, recorder, arg):
    organiser, _ = join(conference, "organiser")
    voter, _ = join(conference)
    conferences.set_phase(organiser, "drafting", deps=using(recorder))
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(voter, arg.id, 1, deps=using(recorder))
    assert err.value.code == "wrong_phase"
    assert vote_rows() == []


def test_a_vote_by_an_unknown_member_id_is_refused(app, conference, join, recorder, arg):
    with pytest.raises(ServiceError) as err:
        votes.cast_vote_as(999999, arg.id, 1, deps=using(recorder))
    assert err.value.code == "unauthenticated"
    assert vote_rows() == [] and recorder.events == []


def test_questions_to_experts_are_not_voted_on(app, conference, join, recorder):
    asker, _ = join(conference, "public", "Curieuse")
    question = arguments.post_argument(asker, "Combien d'eau pour un kilo de bœuf ?", None, kind="question",
                                       deps=using(recorder))
    with pytest.raises(ServiceError) as err:
        votes.cast_vote(asker, question.id, 1, deps=using(recorder))
    assert err.value.code == "invalid"
    assert vote_rows() == []


@pytest.mark.parametrize("flushed", [False, True])
def test_a_vote_never_commits_the_callers_pending_changes(app, conference, join, recorder, arg, flushed):
    voter, _ = join(conference, "panelist", "Votant")
    voter.display_name = "Renamed by a half-done use-case"
    if flushed:
        db.session.flush()  # what autoflush does before any query
    with pytest.raises(RuntimeError, match="pending changes"):
        votes.cast_vote(voter, arg.id, 1, deps=using(recorder))
    db.session.rollback()
    assert db.session.get(type(voter), voter.id).display_name == "Votant"
    assert vote_rows() == []
    assert votes.cast_vote(voter, arg.id, 1, deps=using(recorder)) == {"agree": 1, "disagree": 0, "pass": 0}
