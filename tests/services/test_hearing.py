"""The hearing and the room's order: answers, key questions and the agenda, timer, queue, spotlight.
Each use-case: the state it leaves, the events it sends, and refusals that change nothing."""
from datetime import timedelta

from sqlalchemy import func, select

from tests.services.conftest import refused, row_count, publish_now

from deliberate.extensions import db
from deliberate.models import AgendaItem, Answer, Argument, Conference, QueueEntry
from deliberate.models.base import utcnow
from deliberate.services import conferences
from deliberate.services.room import arguments, snapshots, votes
from deliberate.services.method import agenda, answers, floor
from tests.helpers import using


code, count = refused, row_count


def test_expert_answers_a_question_addressed_to_them(people, recorder):
    question = arguments.post_argument(people["bruno"], "Combien de méthane ?", None, "question",
                                       deps=using(recorder), to=people["expert"].id)
    assert question.addressee_id == people["expert"].id
    recorder.clear()
    answer = answers.answer_question(people["expert"], question.id, "Environ 100 kg par vache et par an.",
                                     deps=using(recorder))
    [(event, payload, _, audience)] = recorder.events
    assert event == "answer_posted" and audience == "all"
    assert payload["answer"] == {"id": answer.id, "question_id": question.id, "text": answer.text,
                                 "author": {"id": people["expert"].id, "display_name": "expert", "role": "expert"},
                                 "created_at": payload["answer"]["created_at"]}
    assert snapshots.snapshot(people["alice"])["answers"] == [payload["answer"]]
    # A follow-up question links to the answer it follows.
    follow = arguments.post_argument(people["alice"], "Et le CO2 ?", None, "question", deps=using(recorder),
                                     follows_answer_id=answer.id)
    assert follow.follows_answer_id == answer.id


def test_answers_are_refused_to_others_and_for_arguments(people, recorder):
    question = arguments.post_argument(people["bruno"], "Une question ?", None, "question", deps=using(recorder))
    argument = arguments.post_argument(people["bruno"], "Un argument.", "for", deps=using(recorder))
    recorder.clear()
    for who in ("alice", "bruno", "fac", "org", "obs"):
        assert code(answers.answer_question, people[who], question.id, "Non.", deps=using(recorder)) == "forbidden"
    assert code(answers.answer_question, people["expert"], argument.id, "Non.", deps=using(recorder)) == "invalid"
    assert code(answers.answer_question, people["holder"], question.id, "", deps=using(recorder)) == "invalid"
    assert code(answers.answer_question, people["expert"], 99999, "Non.", deps=using(recorder)) == "not_found"
    conferences.set_phase(people["fac"], "drafting", deps=using(recorder))
    recorder.clear()
    assert code(answers.answer_question, people["expert"], question.id, "Trop tard.", deps=using(recorder)) == "wrong_phase"
    assert count(Answer) == 0 and recorder.events == []


def test_questions_can_only_be_addressed_to_experts_and_stakeholders(people, recorder):
    assert code(arguments.post_argument, people["bruno"], "Q ?", None, "question", deps=using(recorder),
                to=people["alice"].id) == "invalid"
    assert code(arguments.post_argument, people["bruno"], "Un argument", "for", "argument", deps=using(recorder),
                to=people["expert"].id) == "invalid"
    assert code(arguments.post_argument, people["bruno"], "Q ?", None, "question", deps=using(recorder),
                follows_answer_id=424242) == "not_found"
    assert count(Argument) == 0 and recorder.events == []


def test_questions_are_not_voted_on_but_key_questions_are(people, recorder):
    question = arguments.post_argument(people["bruno"], "Une question ?", None, "question", deps=using(recorder))
    key = arguments.post_argument(people["alice"], "Une question clé ?", None, "key_question", deps=using(recorder))
    assert code(votes.cast_vote, people["alice"], question.id, 1, deps=using(recorder)) == "invalid"
    assert votes.cast_vote(people["bruno"], key.id, 1, deps=using(recorder))["agree"] == 1


def test_key_questions_belong_to_the_panel_in_preparation(people, recorder):
    for who in ("bruno", "expert", "holder", "obs"):
        assert code(arguments.post_argument, people[who], "Clé ?", None, "key_question", deps=using(recorder)) == "forbidden"
    for who in ("alice", "fac", "org"):
        arguments.post_argument(people[who], f"Clé de {who} ?", None, "key_question", deps=using(recorder))
    conferences.set_phase(people["fac"], "hearing", deps=using(recorder))
    assert code(arguments.post_argument, people["alice"], "Trop tard ?", None, "key_question",
                deps=using(recorder)) == "wrong_phase"
    assert db.session.scalar(select(func.count()).where(Argument.kind == "key_question")) == 3


def test_selecting_key_questions_builds_the_agenda(people, recorder):
    k1 = arguments.post_argument(people["alice"], "Première ?", None, "key_question", deps=using(recorder))
    k2 = arguments.post_argument(people["alice"], "Deuxième ?", None, "key_question", deps=using(recorder))
    plain = arguments.post_argument(people["alice"], "Argument.", "for", deps=using(recorder))
    recorder.clear()
    agenda.select_key_question(people["fac"], k2.id, True, 20, deps=using(recorder))
    payload = agenda.select_key_question(people["fac"], k1.id, True, None, deps=using(recorder))
    assert [(i["argument_id"], i["planned_minutes"], i["position"]) for i in payload["agenda"]] == [
        (k2.id, 20, 1), (k1.id, agenda.DEFAULT_MINUTES, 2)]
    assert recorder.names() == ["agenda_changed", "agenda_changed"]
    agenda.select_key_question(people["fac"], k2.id, True, 30, deps=using(recorder))  # a new duration
    after = agenda.select_key_question(people["fac"], k1.id, False, deps=using(recorder))
    assert [(i["argument_id"], i["planned_minutes"]) for i in after["agenda"]] == [(k2.id, 30)]
    before = count(AgendaItem)
    recorder.clear()
    assert code(agenda.select_key_question, people["alice"], k1.id, True, deps=using(recorder)) == "forbidden"
    assert code(agenda.select_key_question, people["fac"], plain.id, True, deps=using(recorder)) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k1.id, "yes", deps=using(recorder)) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k2.id, True, 0, deps=using(recorder)) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k1.id, False, deps=using(recorder)) == "invalid"
    assert count(AgendaItem) == before and recorder.events == []


def test_timer_starts_stops_and_survives_in_the_snapshot(people, recorder):
    before = utcnow()
    payload = floor.set_timer(people["fac"], 300, "Question 1", deps=using(recorder))
    after = utcnow()
    [(event, sent, _, audience)] = recorder.events
    assert event == "timer_changed" and sent == payload and audience == "all"
    assert payload["seconds"] == 300 and payload["label"] == "Question 1"
    ends = db.session.get(Conference, people["fac"].conference_id).timer_ends_at
    # The deadline is 300 s after the command ran, whatever the machine's speed.
    assert before + timedelta(seconds=300) <= ends <= after + timedelta(seconds=300)
    assert snapshots.snapshot(people["alice"])["timer"]["ends_at"] == payload["ends_at"]
    stopped = floor.set_timer(people["fac"], 0, deps=using(recorder))
    assert stopped["ends_at"] is None and stopped["seconds"] == 0
    recorder.clear()
    for bad in (-1, 1.5, "60", True, 10**6, None):
        assert code(floor.set_timer, people["fac"], bad, "x", deps=using(recorder)) == "invalid"
    assert code(floor.set_timer, people["alice"], 60, "x", deps=using(recorder)) == "forbidden"
    assert code(floor.set_timer, people["fac"], 60, "x", item_id=999, deps=using(recorder)) == "not_found"
    assert recorder.events == [] and snapshots.snapshot(people["alice"])["timer"]["ends_at"] is None


def test_queue_floor_and_turns(people, recorder):
    floor.raise_hand(people["alice"], deps=using(recorder))
    state = floor.raise_hand(people["bruno"], deps=using(recorder))
    assert [m["id"] for m in state["queue"]] == [people["alice"].id, people["bruno"].id]
    assert code(floor.raise_hand, people["alice"], deps=using(recorder)) == "invalid"
    assert code(floor.raise_hand, people["obs"], deps=using(recorder)) == "forbidden"
    assert code(floor.give_floor, people["alice"], people["bruno"].id, deps=using(recorder)) == "forbidden"
    given = floor.give_floor(people["fac"], people["bruno"].id, 60, deps=using(recorder))
    assert given["speaking"]["id"] == people["bruno"].id and [m["id"] for m in given["queue"]] == [people["alice"].id]
    assert given["turn"]["seconds"] == 60
    assert recorder.events[-1][0] == "queue_changed" and recorder.events[-1][1] == given
    lowered = floor.lower_hand(people["alice"], deps=using(recorder))
    assert lowered["queue"] == [] and lowered["speaking"]["id"] == people["bruno"].id
    ended = floor.give_floor(people["fac"], None, deps=using(recorder))
    assert ended["speaking"] is None and ended["turn"] is None
    assert code(floor.give_floor, people["fac"], None, deps=using(recorder)) == "invalid"
    assert code(floor.lower_hand, people["alice"], deps=using(recorder)) == "invalid"
    assert code(floor.give_floor, people["fac"], people["obs"].id, deps=using(recorder)) == "invalid"
    assert count(QueueEntry) == 0


def test_spotlight_and_its_end_when_hidden(people, recorder, other_conference, join):
    argument = arguments.post_argument(people["alice"], "À mettre en avant.", "for", deps=using(recorder))
    recorder.clear()
    shown = floor.spotlight(people["fac"], argument.id, deps=using(recorder))
    assert recorder.events == [("spotlight_changed", {"argument": shown}, argument.conference_id, "all")]
    assert snapshots.snapshot(people["bruno"])["spotlight"]["id"] == argument.id
    stranger, _ = join(other_conference, "panelist", "Autre")
    elsewhere = arguments.post_argument(stranger, "Ailleurs.", "for", deps=using(recorder))
    recorder.clear()
    assert code(floor.spotlight, people["fac"], elsewhere.id, deps=using(recorder)) == "not_found"
    assert code(floor.spotlight, people["alice"], argument.id, deps=using(recorder)) == "forbidden"
    assert recorder.events == []
    from deliberate.services.room import moderation
    moderation.moderate(people["fac"], argument.id, "hide", "Hors sujet", deps=using(recorder))
    assert ("spotlight_changed", {"argument": None}) in [(e, p) for e, p, _, _ in recorder.events]
    assert snapshots.snapshot(people["bruno"])["spotlight"] is None


def test_nothing_moves_once_published(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un argument.", "for", deps=using(recorder))
    publish_now(people["org"], recorder)
    recorder.clear()
    assert code(floor.set_timer, people["fac"], 60, "x", deps=using(recorder)) == "wrong_phase"
    assert code(floor.raise_hand, people["alice"], deps=using(recorder)) == "wrong_phase"
    assert code(floor.spotlight, people["fac"], argument.id, deps=using(recorder)) == "wrong_phase"
    assert recorder.events == []
