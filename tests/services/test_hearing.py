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


code, count = refused, row_count


def test_expert_answers_a_question_addressed_to_them(people, recorder):
    question = arguments.post_argument(people["bruno"], "Combien de méthane ?", None, "question",
                                       publisher=recorder, to=people["expert"].id)
    assert question.addressee_id == people["expert"].id
    recorder.clear()
    answer = answers.answer_question(people["expert"], question.id, "Environ 100 kg par vache et par an.",
                                     publisher=recorder)
    [(event, payload, _, audience)] = recorder.events
    assert event == "answer_posted" and audience == "all"
    assert payload["answer"] == {"id": answer.id, "question_id": question.id, "text": answer.text,
                                 "author": {"id": people["expert"].id, "display_name": "expert", "role": "expert"},
                                 "created_at": payload["answer"]["created_at"]}
    assert snapshots.snapshot(people["alice"])["answers"] == [payload["answer"]]
    # A follow-up question links to the answer it follows.
    follow = arguments.post_argument(people["alice"], "Et le CO2 ?", None, "question", publisher=recorder,
                                     follows_answer_id=answer.id)
    assert follow.follows_answer_id == answer.id


def test_answers_are_refused_to_others_and_for_arguments(people, recorder):
    question = arguments.post_argument(people["bruno"], "Une question ?", None, "question", publisher=recorder)
    argument = arguments.post_argument(people["bruno"], "Un argument.", "for", publisher=recorder)
    recorder.clear()
    for who in ("alice", "bruno", "fac", "org", "obs"):
        assert code(answers.answer_question, people[who], question.id, "Non.", publisher=recorder) == "forbidden"
    assert code(answers.answer_question, people["expert"], argument.id, "Non.", publisher=recorder) == "invalid"
    assert code(answers.answer_question, people["holder"], question.id, "", publisher=recorder) == "invalid"
    assert code(answers.answer_question, people["expert"], 99999, "Non.", publisher=recorder) == "not_found"
    conferences.set_phase(people["fac"], "drafting", publisher=recorder)
    recorder.clear()
    assert code(answers.answer_question, people["expert"], question.id, "Trop tard.", publisher=recorder) == "wrong_phase"
    assert count(Answer) == 0 and recorder.events == []


def test_questions_can_only_be_addressed_to_experts_and_stakeholders(people, recorder):
    assert code(arguments.post_argument, people["bruno"], "Q ?", None, "question", publisher=recorder,
                to=people["alice"].id) == "invalid"
    assert code(arguments.post_argument, people["bruno"], "Un argument", "for", "argument", publisher=recorder,
                to=people["expert"].id) == "invalid"
    assert code(arguments.post_argument, people["bruno"], "Q ?", None, "question", publisher=recorder,
                follows_answer_id=424242) == "not_found"
    assert count(Argument) == 0 and recorder.events == []


def test_questions_are_not_voted_on_but_key_questions_are(people, recorder):
    question = arguments.post_argument(people["bruno"], "Une question ?", None, "question", publisher=recorder)
    key = arguments.post_argument(people["alice"], "Une question clé ?", None, "key_question", publisher=recorder)
    assert code(votes.cast_vote, people["alice"], question.id, 1, publisher=recorder) == "invalid"
    assert votes.cast_vote(people["bruno"], key.id, 1, publisher=recorder)["agree"] == 1


def test_key_questions_belong_to_the_panel_in_preparation(people, recorder):
    for who in ("bruno", "expert", "holder", "obs"):
        assert code(arguments.post_argument, people[who], "Clé ?", None, "key_question", publisher=recorder) == "forbidden"
    for who in ("alice", "fac", "org"):
        arguments.post_argument(people[who], f"Clé de {who} ?", None, "key_question", publisher=recorder)
    conferences.set_phase(people["fac"], "hearing", publisher=recorder)
    assert code(arguments.post_argument, people["alice"], "Trop tard ?", None, "key_question",
                publisher=recorder) == "wrong_phase"
    assert db.session.scalar(select(func.count()).where(Argument.kind == "key_question")) == 3


def test_selecting_key_questions_builds_the_agenda(people, recorder):
    k1 = arguments.post_argument(people["alice"], "Première ?", None, "key_question", publisher=recorder)
    k2 = arguments.post_argument(people["alice"], "Deuxième ?", None, "key_question", publisher=recorder)
    plain = arguments.post_argument(people["alice"], "Argument.", "for", publisher=recorder)
    recorder.clear()
    agenda.select_key_question(people["fac"], k2.id, True, 20, publisher=recorder)
    payload = agenda.select_key_question(people["fac"], k1.id, True, None, publisher=recorder)
    assert [(i["argument_id"], i["planned_minutes"], i["position"]) for i in payload["agenda"]] == [
        (k2.id, 20, 1), (k1.id, agenda.DEFAULT_MINUTES, 2)]
    assert recorder.names() == ["agenda_changed", "agenda_changed"]
    agenda.select_key_question(people["fac"], k2.id, True, 30, publisher=recorder)  # a new duration
    after = agenda.select_key_question(people["fac"], k1.id, False, publisher=recorder)
    assert [(i["argument_id"], i["planned_minutes"]) for i in after["agenda"]] == [(k2.id, 30)]
    before = count(AgendaItem)
    recorder.clear()
    assert code(agenda.select_key_question, people["alice"], k1.id, True, publisher=recorder) == "forbidden"
    assert code(agenda.select_key_question, people["fac"], plain.id, True, publisher=recorder) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k1.id, "yes", publisher=recorder) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k2.id, True, 0, publisher=recorder) == "invalid"
    assert code(agenda.select_key_question, people["fac"], k1.id, False, publisher=recorder) == "invalid"
    assert count(AgendaItem) == before and recorder.events == []


def test_timer_starts_stops_and_survives_in_the_snapshot(people, recorder):
    before = utcnow()
    payload = floor.set_timer(people["fac"], 300, "Question 1", publisher=recorder)
    after = utcnow()
    [(event, sent, _, audience)] = recorder.events
    assert event == "timer_changed" and sent == payload and audience == "all"
    assert payload["seconds"] == 300 and payload["label"] == "Question 1"
    ends = db.session.get(Conference, people["fac"].conference_id).timer_ends_at
    # The deadline is 300 s after the command ran, whatever the machine's speed.
    assert before + timedelta(seconds=300) <= ends <= after + timedelta(seconds=300)
    assert snapshots.snapshot(people["alice"])["timer"]["ends_at"] == payload["ends_at"]
    stopped = floor.set_timer(people["fac"], 0, publisher=recorder)
    assert stopped["ends_at"] is None and stopped["seconds"] == 0
    recorder.clear()
    for bad in (-1, 1.5, "60", True, 10**6, None):
        assert code(floor.set_timer, people["fac"], bad, "x", publisher=recorder) == "invalid"
    assert code(floor.set_timer, people["alice"], 60, "x", publisher=recorder) == "forbidden"
    assert code(floor.set_timer, people["fac"], 60, "x", item_id=999, publisher=recorder) == "not_found"
    assert recorder.events == [] and snapshots.snapshot(people["alice"])["timer"]["ends_at"] is None


def test_queue_floor_and_turns(people, recorder):
    floor.raise_hand(people["alice"], publisher=recorder)
    state = floor.raise_hand(people["bruno"], publisher=recorder)
    assert [m["id"] for m in state["queue"]] == [people["alice"].id, people["bruno"].id]
    assert code(floor.raise_hand, people["alice"], publisher=recorder) == "invalid"
    assert code(floor.raise_hand, people["obs"], publisher=recorder) == "forbidden"
    assert code(floor.give_floor, people["alice"], people["bruno"].id, publisher=recorder) == "forbidden"
    given = floor.give_floor(people["fac"], people["bruno"].id, 60, publisher=recorder)
    assert given["speaking"]["id"] == people["bruno"].id and [m["id"] for m in given["queue"]] == [people["alice"].id]
    assert given["turn"]["seconds"] == 60
    assert recorder.events[-1][0] == "queue_changed" and recorder.events[-1][1] == given
    lowered = floor.lower_hand(people["alice"], publisher=recorder)
    assert lowered["queue"] == [] and lowered["speaking"]["id"] == people["bruno"].id
    ended = floor.give_floor(people["fac"], None, publisher=recorder)
    assert ended["speaking"] is None and ended["turn"] is None
    assert code(floor.give_floor, people["fac"], None, publisher=recorder) == "invalid"
    assert code(floor.lower_hand, people["alice"], publisher=recorder) == "invalid"
    assert code(floor.give_floor, people["fac"], people["obs"].id, publisher=recorder) == "invalid"
    assert count(QueueEntry) == 0


def test_spotlight_and_its_end_when_hidden(people, recorder, other_conference, join):
    argument = arguments.post_argument(people["alice"], "À mettre en avant.", "for", publisher=recorder)
    recorder.clear()
    shown = floor.spotlight(people["fac"], argument.id, publisher=recorder)
    assert recorder.events == [("spotlight_changed", {"argument": shown}, argument.conference_id, "all")]
    assert snapshots.snapshot(people["bruno"])["spotlight"]["id"] == argument.id
    stranger, _ = join(other_conference, "panelist", "Autre")
    elsewhere = arguments.post_argument(stranger, "Ailleurs.", "for", publisher=recorder)
    recorder.clear()
    assert code(floor.spotlight, people["fac"], elsewhere.id, publisher=recorder) == "not_found"
    assert code(floor.spotlight, people["alice"], argument.id, publisher=recorder) == "forbidden"
    assert recorder.events == []
    from deliberate.services.room import moderation
    moderation.moderate(people["fac"], argument.id, "hide", "Hors sujet", publisher=recorder)
    assert ("spotlight_changed", {"argument": None}) in [(e, p) for e, p, _, _ in recorder.events]
    assert snapshots.snapshot(people["bruno"])["spotlight"] is None


def test_nothing_moves_once_published(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un argument.", "for", publisher=recorder)
    publish_now(people["org"], recorder)
    recorder.clear()
    assert code(floor.set_timer, people["fac"], 60, "x", publisher=recorder) == "wrong_phase"
    assert code(floor.raise_hand, people["alice"], publisher=recorder) == "wrong_phase"
    assert code(floor.spotlight, people["fac"], argument.id, publisher=recorder) == "wrong_phase"
    assert recorder.events == []
