"""How a /live command is run and answered. LiveNamespace._dispatch is the one place that turns a payload into
the handler's argument and any failure into an acknowledgement: {"ok": false, "error": {...}}."""
from deliberate.services.errors import ServiceError
from deliberate.services.validation import require_mapping

# Commands whose payload may be left out (an empty object is assumed); every other takes a JSON object.
OPTIONAL_PAYLOAD = frozenset({"raise_hand", "lower_hand", "note_groups", "draft_document", "leave"})


def payload_for(event: str, data) -> dict:
    """The handler's argument: the command's JSON object, or {} where the payload may be left out."""
    if data is None and event in OPTIONAL_PAYLOAD:
        return {}
    return require_mapping(data)


def error_answer(exc: ServiceError) -> dict:
    return {"ok": False, "error": exc.as_dict()}
