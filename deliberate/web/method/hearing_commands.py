"""/live commands of the hearing: experts' answers, the key questions on the agenda, the timer, the speaking queue
and the spotlight."""
from flask_babel import gettext as _

from deliberate.services.errors import ServiceError
from deliberate.services.method import agenda, answers, floor
from deliberate.services.serialize import answer_dict
from deliberate.web.deps import deps


class HearingCommands:
    """Mixed into LiveNamespace, which provides `_actor`."""

    def on_answer_question(self, data):
        answer = answers.answer_question(self._actor(), data.get("question_id"), data.get("text"), deps=deps())
        return {"ok": True, "answer": answer_dict(answer)}

    def on_select_key_question(self, data):
        payload = agenda.select_key_question(self._actor(), data.get("argument_id"), data.get("selected", True),
                                             data.get("planned_minutes"), deps=deps())
        return {"ok": True, **payload}

    def on_set_timer(self, data):
        timer = floor.set_timer(self._actor(), data.get("seconds"), data.get("label"), data.get("item_id"), deps=deps())
        return {"ok": True, "timer": timer}

    def on_raise_hand(self, data):
        return {"ok": True, **floor.raise_hand(self._actor(), deps=deps())}

    def on_lower_hand(self, data):
        return {"ok": True, **floor.lower_hand(self._actor(), deps=deps())}

    def on_give_floor(self, data):
        if "member_id" not in data:
            raise ServiceError("invalid", _("Send “member_id”: a member, or null to end the turn."))
        return {"ok": True, **floor.give_floor(self._actor(), data.get("member_id"), data.get("seconds"), deps=deps())}

    def on_spotlight(self, data):
        if "argument_id" not in data:
            raise ServiceError("invalid", _("Send “argument_id”: an argument, or null to clear the spotlight."))
        return {"ok": True, "argument": floor.spotlight(self._actor(), data.get("argument_id"), deps=deps())}
