"""An independent python-socketio program follows docs/events.md through the method against a real
`deliberate serve`: key questions and the agenda in preparation, questions answered live in the hearing,
the timer, the floor, the spotlight, moderation with reasons and merge; then the server is killed and
restarted and the room (answers, timer, queue, spotlight, placeholders) is all still there."""
import pytest

from tests.e2e.conftest import SLUG, start_server, stop_server
from tests.e2e.test_protocol_client import Program, http_join

pytestmark = pytest.mark.e2e

EVENTS = ("argument_posted", "tally_changed", "phase_changed", "argument_moderated", "answer_posted",
          "agenda_changed", "timer_changed", "queue_changed", "spotlight_changed", "moderation_reasons_changed")


class Member(Program):
    def __init__(self, base_url, token):
        super().__init__(base_url, token)
        for name in EVENTS[4:]:
            self.sio.on(name, self._recorder(name), namespace="/live")
        self.snapshot = self.call("join", {"conference": SLUG})["snapshot"]


def ok(ack):
    assert ack["ok"], ack
    return ack


def test_a_program_runs_the_method(live_server):
    base = live_server.base_url
    joined = {role: http_join(base, live_server.invites[role], f"{role} (programme)")
              for role in ("organiser", "facilitator", "expert", "stakeholder", "panelist", "public")}
    people = {role: Member(base, j["token"]) for role, j in joined.items()}
    org, fac, expert, panel, public = (people[r] for r in ("organiser", "facilitator", "expert", "panelist", "public"))
    try:
        assert panel.snapshot["phase"] == "preparation"
        ok(org.call("set_moderation_reasons", {"reasons": ["Hors sujet", "Doublon"]}))
        public.wait_for("moderation_reasons_changed", lambda p: p["reasons"] == ["Hors sujet", "Doublon"])

        # Preparation: the panel proposes a key question, votes on it, the facilitator puts it on the agenda.
        refused = public.call("post_argument", {"text": "Ma question clé ?", "kind": "key_question"})
        assert refused["error"]["code"] == "forbidden"
        key = ok(panel.call("post_argument", {"text": "Quels risques pour la santé ?", "kind": "key_question"}))
        ok(panel.call("cast_vote", {"argument_id": key["argument"]["id"], "value": 1}))
        agenda = ok(fac.call("select_key_question", {"argument_id": key["argument"]["id"], "selected": True,
                                                     "planned_minutes": 20}))["agenda"]
        assert [(i["argument_id"], i["planned_minutes"]) for i in agenda] == [(key["argument"]["id"], 20)]
        panel.wait_for("agenda_changed", lambda p: p["agenda"] == agenda)

        # Hearing: a question to one expert, answered live; a follow-up links to the answer.
        ok(fac.call("set_phase", {"phase": "hearing"}))
        public.wait_for("phase_changed", lambda p: p["phase"] == "hearing")
        late_key = panel.call("post_argument", {"text": "Trop tard ?", "kind": "key_question"})
        assert late_key["error"]["code"] == "wrong_phase"
        expert_id = joined["expert"]["member"]["id"]
        question = ok(public.call("post_argument", {"text": "Combien d'eau pour un kilo de bœuf ?",
                                                    "kind": "question", "to": expert_id}))["argument"]
        assert question["addressee"]["id"] == expert_id
        assert public.call("cast_vote", {"argument_id": question["id"], "value": 1})["error"]["code"] == "invalid"
        assert panel.call("answer_question", {"question_id": question["id"], "text": "Non."})["error"]["code"] == "forbidden"
        answer = ok(expert.call("answer_question", {"question_id": question["id"],
                                                    "text": "Cela dépend beaucoup de l'élevage."}))["answer"]
        assert public.wait_for("answer_posted", lambda p: p["answer"]["id"] == answer["id"])["answer"] == answer
        panel.wait_for("answer_posted", lambda p: p["answer"]["id"] == answer["id"])
        follow = ok(panel.call("post_argument", {"text": "Et pour l'herbe des prairies ?", "kind": "question",
                                                 "follows_answer_id": answer["id"]}))["argument"]
        assert follow["follows_answer_id"] == answer["id"]

        # Time and the floor.
        timer = ok(fac.call("set_timer", {"seconds": 600, "label": "Question clé 1",
                                          "item_id": agenda[0]["id"]}))["timer"]
        for member in (public, panel, expert):
            seen = member.wait_for("timer_changed", lambda p: p["ends_at"] == timer["ends_at"])
            assert seen["seconds"] == 600 and seen["label"] == "Question clé 1"
        ok(panel.call("raise_hand", {}))
        ok(public.call("raise_hand", {}))
        panel_id = joined["panelist"]["member"]["id"]
        floor = ok(fac.call("give_floor", {"member_id": panel_id, "seconds": 90}))
        assert floor["speaking"]["id"] == panel_id and [m["id"] for m in floor["queue"]] == [
            joined["public"]["member"]["id"]]
        expert.wait_for("queue_changed", lambda p: (p["speaking"] or {}).get("id") == panel_id)

        # Spotlight, moderation with a reason and a merge: participants see the reason in place.
        argument = ok(public.call("post_argument", {"text": "Les prairies stockent du carbone.",
                                                    "stance": "against"}))["argument"]
        duplicate = ok(panel.call("post_argument", {"text": "Les prairies stockent le carbone.",
                                                    "stance": "against"}))["argument"]
        off_topic = ok(panel.call("post_argument", {"text": "Qui a vu le match hier ?", "stance": None}))["argument"]
        ok(fac.call("spotlight", {"argument_id": argument["id"]}))
        assert public.wait_for("spotlight_changed", lambda p: p["argument"] is not None)["argument"]["id"] == argument["id"]
        ok(fac.call("moderate", {"argument_id": off_topic["id"], "action": "hide", "reason": "Hors sujet"}))
        hidden = public.wait_for("argument_moderated", lambda p: p["argument_id"] == off_topic["id"])
        assert hidden["status"] == "hidden" and hidden["reason"] == "Hors sujet"
        ok(fac.call("merge", {"argument_id": duplicate["id"], "into": argument["id"]}))
        merged = public.wait_for("argument_moderated", lambda p: p["argument_id"] == duplicate["id"])
        assert merged["duplicate_of"] == argument["id"]
    finally:
        for member in people.values():
            member.close()

    # Killed and restarted: the whole room comes back from the database.
    live_server.process.kill()
    live_server.process.wait(timeout=10)
    process, base_url, _ = start_server(live_server.env, live_server.instance)
    try:
        again = Member(base_url, joined["public"]["token"])
        snap = again.snapshot
        assert [a["text"] for a in snap["answers"]] == ["Cela dépend beaucoup de l'élevage."]
        assert snap["timer"]["ends_at"] == timer["ends_at"] and snap["speaking"]["id"] == panel_id
        assert snap["spotlight"]["id"] == argument["id"] and snap["agenda"] == agenda
        by_id = {a["id"]: a for a in snap["arguments"]}
        assert by_id[off_topic["id"]] == {**by_id[off_topic["id"]], "text": None, "status": "hidden",
                                          "moderation_reason": "Hors sujet"}
        assert by_id[duplicate["id"]]["duplicate_of"] == argument["id"]
        again.close()
    finally:
        stop_server(process)
