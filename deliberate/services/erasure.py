"""Erase a participant's personal data (the display name) while keeping their anonymised arguments
and votes, which the analysis and the report rest on. Pages and reports then say "participant erased"."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Member
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.document.paragraphs import announce
from deliberate.services.errors import ServiceError, not_found
from deliberate.services.publisher import Publisher, current_publisher
from deliberate.services.serialize import member_dict
from deliberate.services.validation import id_field


def roster(actor: Member) -> list[dict]:
    """Every member of the actor's conference with what they did (organisers only: it lists names)."""
    from deliberate.services.participation import activity

    rules.check(actor, "erase_member")
    counts = activity(actor.conference_id)
    members = db.session.scalars(select(Member).where(Member.conference_id == actor.conference_id)
                                 .order_by(Member.role, Member.id)).all()
    return [{"member": m, "erased": m.erased_at is not None, **counts.get(m.id, {"posts": 0, "votes": 0})}
            for m in members]


def erase_member(actor: Member | None, member_id, conference_id: int | None = None,
                 publisher: Publisher | None = None) -> Member:
    """`actor` None: the command line (the operator of the server), on `conference_id`."""
    if actor is not None:
        rules.check(actor, "erase_member")
        conference_id = actor.conference_id
    member = db.session.get(Member, id_field(member_id, name="member_id"))
    if member is None or member.conference_id != conference_id:
        raise not_found(_l("No such participant in this conference."))
    if member.erased_at is not None:
        raise ServiceError("conflict", _l("This participant's personal data is already erased."))
    member.display_name = ""
    member.erased_at = utcnow()
    db.session.commit()
    (publisher or current_publisher()).publish("member_erased", {"member": member_dict(member)}, conference_id)
    announce(member.conference, "member_erased", actor, publisher)
    return member
