"""Joining a conference with an invite code, and recognising members by their token."""
import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Invite, Member, Role
from deliberate.models.base import utcnow
from deliberate.services.collaborators import Collaborators
from deliberate.services.conferences import get_by_slug, normalise_code
from deliberate.services.errors import ServiceError, invalid
from deliberate.services.validation import text_field

MAX_NAME = 60


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()  # a forged token may hold any str


def join(slug, invite_code, display_name, address: str | None = None, *, deps: Collaborators) -> tuple[Member, str]:
    """Create a member with the invite's role; return it with its bearer token (shown once).

    `address` is the caller's network address (the web layer's), for the joins-per-address limit."""
    conference = get_by_slug(slug)
    if not isinstance(invite_code, str) or not invite_code.strip():
        raise invalid(_l("An invite code is required."))
    name = text_field(display_name, max_length=MAX_NAME, name="display_name")
    code = normalise_code(invite_code)
    invite = db.session.scalar(select(Invite).where(Invite.code == code, Invite.conference_id == conference.id))
    if invite is None:
        # Same answer for a wrong code and another conference's code: codes cannot be probed across conferences.
        raise ServiceError("forbidden", _l("This invite code is not valid for this conference."))
    if invite.closed_at is not None:
        raise ServiceError("forbidden", _l("This invite code is closed: ask the organisers for a new one."))
    if invite.max_members is not None and _members_of_invite(invite.id) >= invite.max_members:
        raise ServiceError("forbidden", _l("This invite code has admitted as many people as the organisers "
                                           "allowed: ask them for a new one."))
    deps.hit(("join_code", invite.id), *([("join_address", address)] if address else []))
    token = secrets.token_urlsafe(32)
    member = Member(conference_id=conference.id, role=invite.role, display_name=name, token_hash=hash_token(token),
                    invite_id=invite.id)
    db.session.add(member)
    db.session.commit()
    return member, token


def _members_of_invite(invite_id: int) -> int:
    return db.session.scalar(select(func.count(Member.id)).where(Member.invite_id == invite_id))


def find_invite(invite_code) -> Invite | None:
    """The invite behind a code, whatever its conference (for the join-by-code form)."""
    if not isinstance(invite_code, str) or not invite_code.strip():
        return None
    return db.session.scalar(select(Invite).where(Invite.code == normalise_code(invite_code)))


def token_expires_at(member: Member, *, deps: Collaborators) -> datetime:
    """A bearer token works DELIBERATE_SESSION_DAYS after it was issued; renewing issues a new one."""
    return member.token_issued_at + timedelta(days=deps.session_days)


def ensure_active(member: Member) -> Member:
    """Refuse a membership that ended, with a message that says how (the caller shows it to the person)."""
    if member.ended_at is None:
        return member
    if member.ended_how == "revoked":
        raise ServiceError("unauthenticated", _l("An organiser ended your membership of this conference. To take "
                                                 "part again, ask them for a new invite code."))
    raise ServiceError("unauthenticated", _l("You left this conference. To take part again, join it with an "
                                             "invite code."))


def token_member(token, *, deps: Collaborators) -> Member | None:
    """The member of a bearer token: None when the token is unknown, `unauthenticated` saying why when it
    expired or its membership ended."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    member = db.session.scalar(select(Member).where(Member.token_hash == hash_token(token)))
    if member is None:
        return None
    ensure_active(member)
    if token_expires_at(member, deps=deps) <= utcnow():
        raise ServiceError("unauthenticated", _l("Your session expired: join the conference again with an "
                                                 "invite code."))
    return member


def authenticate_token(token, *, deps: Collaborators) -> Member:
    """The member of a bearer token that still works, or `unauthenticated` saying why not."""
    member = token_member(token, deps=deps)
    if member is None:
        raise ServiceError("unauthenticated", _l("A valid bearer token is required."))
    return member


def member_by_token(token, *, deps: Collaborators) -> Member | None:
    """The member of a bearer token that still works: None when unknown, expired or ended."""
    try:
        return token_member(token, deps=deps)
    except ServiceError:
        return None


def member_by_id(member_id) -> Member | None:
    """An active member by id (a session cookie holds ids): None when unknown or ended."""
    if isinstance(member_id, bool) or not isinstance(member_id, int):
        return None
    member = db.session.get(Member, member_id)
    return member if member is not None and member.ended_at is None else None


def ended_member(member_id) -> Member | None:
    """The member behind a session cookie's id when that membership ended (to tell the person why)."""
    member = db.session.get(Member, member_id) if isinstance(member_id, int) and not isinstance(member_id, bool) \
        else None
    return member if member is not None and member.ended_at is not None else None


def active_member(member_id) -> Member:
    """The member an open socket acts as, refused with `unauthenticated` once its membership ended."""
    member = db.session.get(Member, member_id) if isinstance(member_id, int) and not isinstance(member_id, bool) \
        else None
    if member is None:
        raise ServiceError("unauthenticated", _l("Your membership no longer exists."))
    return ensure_active(member)


def members_with_roles(conference_id: int, roles: tuple[Role, ...]) -> list[Member]:
    """The conference's members with one of `roles`, by role then name (experts and stakeholders, say)."""
    return db.session.scalars(select(Member).where(Member.conference_id == conference_id, Member.role.in_(roles))
                              .order_by(Member.role, Member.display_name)).all()
