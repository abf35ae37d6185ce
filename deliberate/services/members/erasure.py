"""Erase a participant's personal data (the display name) while keeping their anonymised arguments
and votes, which the analysis and the report rest on. Pages and reports then say "participant erased".

An organiser erases anyone's (`erase_member`, the organisers' rule); a participant erases their own
(`erase_own_name`, open to every member in every phase: it is a right, not a permission)."""
from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import Text, cast, select

from deliberate.extensions import db
from deliberate.models import CommandKey, Member, Publication
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.document.paragraphs import announce
from deliberate.services.document.report import apply_erasures
from deliberate.services.errors import ServiceError, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import member_dict
from deliberate.services.validation import id_field


def roster(actor: Member) -> list[dict]:
    """Every member of the actor's conference with what they did (organisers only: it lists names)."""
    from deliberate.services.room.participation import activity

    rules.check(actor, "erase_member")
    counts = activity(actor.conference_id)
    members = db.session.scalars(select(Member).where(Member.conference_id == actor.conference_id)
                                 .order_by(Member.role, Member.id)).all()
    return [{"member": m, "erased": m.erased_at is not None, **counts.get(m.id, {"posts": 0, "votes": 0})}
            for m in members]


def erase_member(actor: Member | None, member_id, conference_id: int | None = None,
                 *, deps: Collaborators) -> Member:
    """`actor` None: the command line (the operator of the server), on `conference_id`."""
    if actor is not None:
        rules.check(actor, "erase_member")
        conference_id = actor.conference_id
    member = db.session.get(Member, id_field(member_id, name="member_id"))
    if member is None or member.conference_id != conference_id:
        raise not_found(_l("No such participant in this conference."))
    return _erase(member, actor, deps.publisher)


def erase_own_name(member: Member, *, deps: Collaborators) -> Member:
    """The member erases their own display name (any role, any phase, even after publication)."""
    return _erase(member, member, deps.publisher)


def _erase(member: Member, actor: Member | None, publisher: Publisher) -> Member:
    if member.erased_at is not None:
        raise ServiceError("conflict", _l("This participant's personal data is already erased."))
    name = member.display_name
    member.display_name = ""
    member.erased_at = utcnow()
    _scrub_stored_copies(member, name)
    db.session.commit()
    conference_id = member.conference_id
    publisher.publish("member_erased", {"member": member_dict(member)}, conference_id)
    announce(member.conference, "member_erased", actor, publisher)
    return member


def _scrub_stored_copies(member: Member, name: str) -> None:
    """The name is also copied into frozen JSON: published versions of the report and the answers kept for
    idempotent retries. Pages already hide it when they render; this removes it from the database too."""
    for publication in db.session.scalars(select(Publication).where(
            Publication.conference_id == member.conference_id)):
        publication.content = apply_erasures(publication.content, {member.id})
    if not name:
        return
    # Only the results that hold the name, as the JSON column stores it (json.dumps: non-ASCII escaped).
    needle = json.dumps(name)[1:-1]
    keys = db.session.scalars(select(CommandKey).join(Member, CommandKey.member_id == Member.id)
                              .where(Member.conference_id == member.conference_id,
                                     cast(CommandKey.result, Text).contains(needle, autoescape=True)))
    for key in keys:
        if key.result:
            key.result = _scrub_member_dicts(key.result, member.id)


def _scrub_member_dicts(value, member_id: int):
    """Every `{"id": member_id, "display_name": ...}` (serialize.member_dict's shape) blanked and marked erased."""
    if isinstance(value, list):
        return [_scrub_member_dicts(v, member_id) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _scrub_member_dicts(v, member_id) for k, v in value.items()}
    if out.get("id") == member_id and "display_name" in out:
        out.update(display_name="", erased=True)
    return out
