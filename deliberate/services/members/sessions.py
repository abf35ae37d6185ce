"""Sessions that end: renew a bearer token, leave a conference, revoke a member.

A membership that ended keeps its arguments and votes (the record); only its token and cookie stop working.
Ending a membership announces `membership_ended` to the member's own sockets; the web layer then closes them
(web/live/evictions.py)."""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Member, QueueEntry
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.errors import ServiceError, not_found
from deliberate.services.method import floor
from deliberate.services.members.membership import ensure_active, hash_token
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher, member_audience
from deliberate.services.validation import id_field


def renew_token(member: Member) -> str:
    """A new bearer token for a member whose token still works; the old one stops working at once."""
    ensure_active(member)
    token = secrets.token_urlsafe(32)
    member.token_hash = hash_token(token)
    member.token_issued_at = utcnow()
    db.session.commit()
    return token


def leave(member: Member, *, deps: Collaborators) -> Member:
    """The member leaves the conference (organisers too: nobody else can end an organiser's own membership)."""
    ensure_active(member)
    _end(member, "left", member.id, deps.publisher)
    return member


def revoke(actor: Member, member_id, *, deps: Collaborators) -> Member:
    """An organiser ends another member's membership of their conference."""
    rules.check(actor, "revoke_member")
    member = db.session.get(Member, id_field(member_id, name="member_id"))
    if member is None or member.conference_id != actor.conference_id:
        raise not_found(_l("No such participant in this conference."))  # others' ids look like unknown ones
    if member.id == actor.id:
        raise ServiceError("invalid", _l("You cannot revoke your own membership: leave the conference instead."))
    if member.ended_at is not None:
        raise ServiceError("conflict", _l("This membership has already ended."))
    _end(member, "revoked", actor.id, deps.publisher)
    return member


def _end(member: Member, how: str, by_id: int, publisher: Publisher) -> None:
    member.ended_at = utcnow()
    member.ended_how = how
    member.ended_by_id = by_id
    # Out of the speaking queue, and off the floor: nobody can call on someone who is gone.
    hand = db.session.scalar(select(QueueEntry).where(QueueEntry.member_id == member.id))
    if hand is not None:
        db.session.delete(hand)
    conference = member.conference
    speaking = conference.speaking_member_id == member.id
    if speaking:
        conference.speaking_member_id = conference.turn_ends_at = conference.turn_seconds = None
    db.session.commit()
    if hand is not None or speaking:
        publisher.publish("queue_changed", floor.queue_state(conference), conference.id)
    # To the member's own sockets, in every process, before the web layer closes them (web/live/evictions.py).
    publisher.publish("membership_ended", {"member_id": member.id, "how": how, "message": ended_message(member)},
                      conference.id, member_audience(member.id))


def ended_message(member: Member) -> str:
    """What the person whose membership ended is told (on their open sockets)."""
    try:
        ensure_active(member)
    except ServiceError as exc:
        return str(exc.message)
    return ""
