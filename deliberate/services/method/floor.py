"""Use-cases of the room's order: the timer, the speaking queue with a per-turn timer, the spotlight.

All of it lives in the database (conference columns and queue rows), so a restart loses nothing and
every process of a scaled-out deployment sees the same room.
"""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import AgendaItem, Argument, Conference, FloorTurn, Member, QueueEntry, Role
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.room.arguments import get_argument
from deliberate.services.errors import invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import argument_dict, iso_ms, member_dict, timer_dict
from deliberate.services.validation import id_field, text_field

MAX_TIMER = 4 * 3600
DEFAULT_TURN = 120  # seconds a speaker gets when the facilitator does not say


def _seconds(value, name: str, allow_zero: bool = True) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if allow_zero else 1) or value > MAX_TIMER:
        raise invalid(_l("The field “%(name)s” must be a whole number of seconds between %(low)d and %(high)d.",
                         name=name, low=0 if allow_zero else 1, high=MAX_TIMER))
    return value


def set_timer(actor: Member, seconds, label=None, item_id=None, *, deps: Collaborators) -> dict:
    """Start a countdown of `seconds` (0 stops it); everyone gets `timer_changed`."""
    rules.check(actor, "set_timer")
    seconds = _seconds(seconds, "seconds")
    conference = actor.conference
    item = None
    if item_id is not None:
        item = db.session.get(AgendaItem, id_field(item_id, name="item_id"))
        if item is None or item.conference_id != conference.id:
            raise not_found(_l("No such agenda item."))
    clean_label = text_field(label, max_length=200, name="label", allow_empty=True)
    if not clean_label and item is not None:
        clean_label = item.title[:200]
    if seconds == 0:
        conference.timer_ends_at = None
        conference.timer_seconds = None
        conference.timer_label = None
        conference.timer_item_id = None
    else:
        conference.timer_ends_at = utcnow() + timedelta(seconds=seconds)
        conference.timer_seconds = seconds
        conference.timer_label = clean_label or None
        conference.timer_item_id = item.id if item else None
    db.session.commit()
    payload = timer_dict(conference)
    deps.publisher.publish("timer_changed", payload, conference.id)
    return payload


# ---- the speaking queue --------------------------------------------------------------------------

def queue_state(conference: Conference) -> dict:
    entries = db.session.scalars(select(QueueEntry).where(QueueEntry.conference_id == conference.id)
                                 .options(selectinload(QueueEntry.member)).order_by(QueueEntry.raised_at,
                                                                                   QueueEntry.id)).all()
    speaking = db.session.get(Member, conference.speaking_member_id) if conference.speaking_member_id else None
    turn = ({"ends_at": iso_ms(conference.turn_ends_at), "seconds": conference.turn_seconds,
             "server_now": iso_ms(utcnow())} if speaking is not None and conference.turn_ends_at else None)
    return {"queue": [member_dict(e.member) for e in entries], "speaking": member_dict(speaking), "turn": turn}


def _publish_queue(conference: Conference, publisher: Publisher) -> dict:
    state = queue_state(conference)
    publisher.publish("queue_changed", state, conference.id)
    return state


def raise_hand(actor: Member, *, deps: Collaborators) -> dict:
    rules.check(actor, "raise_hand")
    conference = actor.conference
    if conference.speaking_member_id == actor.id:
        raise invalid(_l("You have the floor already."))
    exists = db.session.scalar(select(QueueEntry.id).where(QueueEntry.member_id == actor.id))
    if exists is not None:
        raise invalid(_l("Your hand is already raised."))
    db.session.add(QueueEntry(conference_id=conference.id, member_id=actor.id))
    try:
        db.session.commit()
    except IntegrityError as exc:  # the same member twice at once (two tabs)
        db.session.rollback()
        raise invalid(_l("Your hand is already raised.")) from exc
    return _publish_queue(conference, deps.publisher)


def lower_hand(actor: Member, *, deps: Collaborators) -> dict:
    """Leave the queue; a speaker lowering the hand ends the turn."""
    rules.check(actor, "raise_hand")
    conference = actor.conference
    entry = db.session.scalar(select(QueueEntry).where(QueueEntry.member_id == actor.id))
    if entry is None and conference.speaking_member_id != actor.id:
        raise invalid(_l("Your hand is not raised."))
    if entry is not None:
        db.session.delete(entry)
    if conference.speaking_member_id == actor.id:
        _end_turn(conference)
    db.session.commit()
    return _publish_queue(conference, deps.publisher)


def _end_turn(conference: Conference) -> None:
    conference.speaking_member_id = None
    conference.turn_ends_at = None
    conference.turn_seconds = None


def give_floor(actor: Member, member_id, seconds=None, *, deps: Collaborators) -> dict:
    """Give the floor to a member (out of the queue or not) for a turn of `seconds`; `member_id` null
    ends the current turn."""
    rules.check(actor, "give_floor")
    conference = actor.conference
    if member_id is None:
        if conference.speaking_member_id is None:
            raise invalid(_l("Nobody has the floor."))
        _end_turn(conference)
        db.session.commit()
        return _publish_queue(conference, deps.publisher)
    speaker = db.session.get(Member, id_field(member_id, name="member_id"))
    if speaker is None or speaker.conference_id != conference.id:
        raise not_found(_l("No such member in this conference."))
    if speaker.role is Role.OBSERVER:
        raise invalid(_l("Observers do not take the floor."))
    seconds = DEFAULT_TURN if seconds is None else _seconds(seconds, "seconds", allow_zero=False)
    entry = db.session.scalar(select(QueueEntry).where(QueueEntry.member_id == speaker.id))
    if entry is not None:
        db.session.delete(entry)
    now = utcnow()
    conference.speaking_member_id = speaker.id
    conference.turn_seconds = seconds
    conference.turn_ends_at = now + timedelta(seconds=seconds)
    db.session.add(FloorTurn(conference_id=conference.id, member_id=speaker.id, given_by_id=actor.id,
                             started_at=now))
    db.session.commit()
    return _publish_queue(conference, deps.publisher)


# ---- the spotlight -----------------------------------------------------------------------------

def spotlight_state(conference: Conference) -> dict | None:
    if conference.spotlight_argument_id is None:
        return None
    argument = db.session.get(Argument, conference.spotlight_argument_id)
    return argument_dict(argument) if argument is not None else None


def spotlight(actor: Member, argument_id, *, deps: Collaborators) -> dict | None:
    """Push one argument to every screen (or clear the spotlight with null)."""
    rules.check(actor, "spotlight")
    conference = actor.conference
    if argument_id is None:
        if conference.spotlight_argument_id is None:
            raise invalid(_l("Nothing is in the spotlight."))
        conference.spotlight_argument_id = None
    else:
        argument = get_argument(actor, argument_id)  # hidden arguments cannot be put in the spotlight
        conference.spotlight_argument_id = argument.id
    db.session.commit()
    state = spotlight_state(conference)
    deps.publisher.publish("spotlight_changed", {"argument": state}, conference.id)
    return state

