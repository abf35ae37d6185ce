"""Use-cases on arguments: post one, moderate one (hide or restore, with a published reason)."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from deliberate.extensions import db
from deliberate.models import MAX_TEXT, Argument, Kind, Member, Stance, Status
from deliberate.models.base import utcnow
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.permissions import (
    ensure_can_contribute, ensure_can_steer, ensure_open_for_contributions, ensure_same_conference,
)
from deliberate.services.analysis import request_refresh
from deliberate.services.publisher import Publisher, current_publisher
from deliberate.services.serialize import argument_dict, member_dict
from deliberate.services.validation import enum_field, id_field, text_field
from deliberate.services.votes import tally

MAX_REASON = 500


def _limiter():
    return current_app.extensions.get("deliberate.post_limiter")


def post_argument(actor: Member, text, stance=None, kind="argument", publisher: Publisher | None = None) -> Argument:
    """Validate, commit, then announce `argument_posted` to the conference."""
    ensure_can_contribute(actor)
    ensure_open_for_contributions(actor.conference)
    clean_text = text_field(text, max_length=MAX_TEXT, name="text")
    stance_value = enum_field(stance, Stance, name="stance", optional=True)
    kind_value = enum_field(kind if kind is not None else "argument", Kind, name="kind")
    limiter = _limiter()
    if limiter is not None and not limiter.allow(actor.id):
        raise ServiceError("rate_limited", _l("You are posting too fast; wait a moment and try again."))
    argument = Argument(conference_id=actor.conference_id, author_id=actor.id, text=clean_text,
                        stance=stance_value, kind=kind_value, status=Status.VISIBLE)
    db.session.add(argument)
    db.session.commit()
    (publisher or current_publisher()).publish("argument_posted", {"argument": argument_dict(argument)},
                                               actor.conference_id)
    request_refresh(actor.conference_id)
    return argument


def get_argument(actor: Member, argument_id, include_hidden: bool = False) -> Argument:
    """An argument of the actor's own conference; others' ids look exactly like unknown ids."""
    argument_id = id_field(argument_id, name="argument_id")
    argument = db.session.get(Argument, argument_id)
    if argument is None or argument.conference_id != actor.conference_id:
        raise not_found(_l("No such argument."))
    if argument.status is Status.HIDDEN and not include_hidden:
        raise not_found(_l("No such argument."))
    return argument


def moderate(actor: Member, argument_id, action, reason, publisher: Publisher | None = None) -> Argument:
    """Hide or restore an argument; the reason is published with the decision."""
    ensure_can_steer(actor)
    argument = get_argument(actor, argument_id, include_hidden=True)
    ensure_same_conference(actor, argument.conference_id)
    if action not in ("hide", "restore"):
        raise invalid(_l("The action must be “hide” or “restore”."))
    clean_reason = text_field(reason, max_length=MAX_REASON, name="reason", allow_empty=(action == "restore"))
    target = Status.HIDDEN if action == "hide" else Status.VISIBLE
    if argument.status is target:
        raise invalid(_l("This argument is already hidden.") if action == "hide"
                      else _l("This argument is not hidden."))
    argument.status = target
    argument.moderation_reason = clean_reason or None
    argument.moderated_by_id = actor.id
    argument.moderated_at = utcnow()
    db.session.commit()
    payload = {"argument_id": argument.id, "action": action, "status": target.value,
               "reason": clean_reason, "by": member_dict(actor)}
    if target is Status.VISIBLE:
        # Clients dropped the argument when it was hidden: give them what they need to show it again.
        payload["argument"] = argument_dict(argument)
        payload["tally"] = tally(argument.id)
    (publisher or current_publisher()).publish("argument_moderated", payload, argument.conference_id)
    request_refresh(argument.conference_id)
    return argument
