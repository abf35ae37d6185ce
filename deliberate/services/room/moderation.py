"""Use-cases of moderation: hide, restore, merge a duplicate; the organisers' list of reasons; the history
of every decision (who, when, why), which organisers can download.

The history is append-only: a decision is a new row, and the ORM refuses to update or delete one (models/moderation.py). Only
the purge of a whole conference removes it, through the database's cascade."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import Answer, Argument, Conference, Member, ModerationAction, ModerationDecision, Role, Status
from deliberate.models.base import utcnow
from deliberate.models.moderation import AppendOnlyError  # noqa: F401 (raised by the model's guard)
from deliberate.services import rules
from deliberate.services.room.arguments import get_argument
from deliberate.services.document.paragraphs import announce
from deliberate.services.document.view import live_paragraphs
from deliberate.services.errors import forbidden, invalid
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import answer_dict, argument_dict, member_dict
from deliberate.services.validation import text_field
from deliberate.services.room.votes import tally

MAX_REASON = 500
MAX_REASONS = 20
MAX_LISTED_REASON = 120


def moderate(actor: Member, argument_id, action, reason, *, deps: Collaborators) -> Argument:
    """Hide or restore an argument; the reason is published with the decision and kept in the history."""
    rules.check(actor, "moderate")
    argument = get_argument(actor, argument_id, include_hidden=True)
    if action not in ("hide", "restore"):
        raise invalid(_l("The action must be “hide” or “restore”."))
    clean_reason = text_field(reason, max_length=MAX_REASON, name="reason", allow_empty=(action == "restore"))
    target = Status.HIDDEN if action == "hide" else Status.VISIBLE
    if argument.status is target:
        raise invalid(_l("This argument is already hidden.") if action == "hide"
                      else _l("This argument is not hidden."))
    return _decide(actor, argument, ModerationAction(action), clean_reason or None, None, deps)


def merge(actor: Member, argument_id, into, *, deps: Collaborators) -> Argument:
    """Hide `argument_id` as a duplicate of `into`, with the reason "duplicate of #N"."""
    rules.check(actor, "moderate")
    duplicate = get_argument(actor, argument_id, include_hidden=True)
    original = get_argument(actor, into)
    if duplicate.id == original.id:
        raise invalid(_l("An argument cannot be a duplicate of itself."))
    if duplicate.status is Status.HIDDEN:
        raise invalid(_l("This argument is already hidden."))
    reason = str(_l("Duplicate of #%(id)s", id=original.id))
    return _decide(actor, duplicate, ModerationAction.MERGE, reason, original.id, deps)


def _decide(actor, argument, action, reason, duplicate_of, deps: Collaborators) -> Argument:
    hide = action is not ModerationAction.RESTORE
    argument.status = Status.HIDDEN if hide else Status.VISIBLE
    # The argument's fields describe the latest decision (a participant's placeholder shows its reason); every
    # decision, the hide's reason and moderator included, stays in the history, which is only ever added to.
    argument.moderation_reason = reason if hide else None
    argument.duplicate_of_id = duplicate_of if hide else None
    argument.moderated_by_id = actor.id
    argument.moderated_at = utcnow()
    db.session.add(ModerationDecision(conference_id=argument.conference_id, argument_id=argument.id,
                                      action=action, reason=reason, duplicate_of_id=duplicate_of,
                                      moderator_id=actor.id, created_at=argument.moderated_at))
    conference = actor.conference
    spotlight_cleared = hide and conference.spotlight_argument_id == argument.id
    if spotlight_cleared:
        conference.spotlight_argument_id = None
    db.session.commit()
    publisher = deps.publisher
    payload = {"argument_id": argument.id, "action": action.value, "status": argument.status.value,
               "reason": reason, "duplicate_of": duplicate_of, "by": member_dict(actor)}
    if not hide:
        # Participants only had the placeholder: give them what they need to show it again.
        payload["argument"] = argument_dict(argument)
        payload["tally"] = tally(argument.id)
        payload["answers"] = [answer_dict(a) for a in db.session.scalars(
            select(Answer).where(Answer.question_id == argument.id).order_by(Answer.id))]
    publisher.publish("argument_moderated", payload, argument.conference_id)
    if spotlight_cleared:
        publisher.publish("spotlight_changed", {"argument": None}, argument.conference_id)
    if any(argument.id in p.quote_ids for p in live_paragraphs(argument.conference_id)):
        announce(conference, "quote_moderated", actor, publisher)  # the quote shows its placeholder (or again)
    deps.request_refresh(argument.conference_id)
    return argument


def set_moderation_reasons(actor: Member, reasons, *, deps: Collaborators) -> list[str]:
    """The organisers' published list of reasons (moderators may still write their own)."""
    rules.check(actor, "set_moderation_reasons")
    if not isinstance(reasons, list) or len(reasons) > MAX_REASONS:
        raise invalid(_l("Send a list of at most %(n)d reasons.", n=MAX_REASONS))
    cleaned = []
    for reason in reasons:
        text = text_field(reason, max_length=MAX_LISTED_REASON, name="reasons")
        if text not in cleaned:
            cleaned.append(text)
    conference = actor.conference
    conference.moderation_reasons = cleaned
    db.session.commit()
    deps.publisher.publish("moderation_reasons_changed", {"reasons": cleaned}, conference.id)
    return cleaned


def history(conference: Conference) -> list[ModerationDecision]:
    return db.session.scalars(
        select(ModerationDecision).where(ModerationDecision.conference_id == conference.id)
        .options(selectinload(ModerationDecision.moderator), selectinload(ModerationDecision.argument))
        .order_by(ModerationDecision.id)).all()


HISTORY_COLUMNS = ["id", "created_at", "argument_id", "action", "reason", "duplicate_of", "moderator_id",
                   "moderator", "moderator_role", "argument_author", "argument_text"]


def history_rows(actor: Member) -> list[dict]:
    """The whole moderation history of the actor's conference, for download (organisers only).

    It holds hidden texts, so only organisers get it; participants only ever see the reasons."""
    if actor.role is not Role.ORGANISER:
        raise forbidden(_l("Only organisers can download the moderation history."))
    rows = []
    for d in history(actor.conference):
        rows.append({
            "id": d.id, "created_at": d.created_at.isoformat(timespec="seconds") + "Z", "argument_id": d.argument_id,
            "action": d.action.value, "reason": d.reason or "", "duplicate_of": d.duplicate_of_id,
            "moderator_id": d.moderator_id, "moderator": d.moderator.display_name if d.moderator else "",
            "moderator_role": d.moderator.role.value if d.moderator else "",
            "argument_author": d.argument.author.display_name, "argument_text": d.argument.text,
        })
    return rows
