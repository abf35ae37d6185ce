"""Who is calling: a bearer token (programs) or the session cookie (browsers)."""
from flask import request, session
from flask_babel import gettext as _

from deliberate.models import Member
from deliberate.services.members import membership
from deliberate.services.errors import ServiceError
from deliberate.web.deps import deps

SESSION_KEY = "members"  # {slug: member id}: one browser may sit in several conferences


def remember(member: Member) -> None:
    members = dict(session.get(SESSION_KEY, {}))
    members[member.conference.slug] = member.id
    session[SESSION_KEY] = members
    session.permanent = True


def forget(slug: str) -> None:
    """Drop a conference from the browser's session (the member left, or their membership ended)."""
    members = dict(session_members())
    if members.pop(slug, None) is not None:
        session[SESSION_KEY] = members


def session_members() -> dict[str, int]:
    value = session.get(SESSION_KEY, {})
    return value if isinstance(value, dict) else {}


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def member_for(slug: str) -> Member | None:
    """The caller's member in conference `slug`, or None.

    A token or cookie whose membership ended (or a token that expired) is refused with `unauthenticated` and a
    message saying why; the cookie then forgets that conference, so the next visit is an ordinary one."""
    token = bearer_token()
    if token:
        member = membership.token_member(token, deps=deps())  # unknown: None, as without credentials
    else:
        member_id = session_members().get(slug)
        member = membership.member_by_id(member_id)
        ended = membership.ended_member(member_id) if member is None else None
        if ended is not None and ended.conference.slug == slug:
            forget(slug)
            if request.endpoint != "pages.join":  # the join page itself just lets them join again
                membership.ensure_active(ended)  # raises, saying how it ended
    if member is None or member.conference.slug != slug:
        return None
    return member


def bearer_member(slug: str) -> Member:
    """The member of the request's bearer token in conference `slug` (the JSON API), or the refusal: no, unknown,
    expired or ended token `unauthenticated` (saying why), another conference's token `forbidden`."""
    member = membership.authenticate_token(bearer_token(), deps=deps())
    if member.conference.slug != slug:
        raise ServiceError("forbidden", _("You are not a member of this conference."))
    return member
