"""Who is calling: a bearer token (programs) or the session cookie (browsers)."""
from flask import request, session

from deliberate.models import Member
from deliberate.services import membership

SESSION_KEY = "members"  # {slug: member id}: one browser may sit in several conferences


def remember(member: Member) -> None:
    members = dict(session.get(SESSION_KEY, {}))
    members[member.conference.slug] = member.id
    session[SESSION_KEY] = members
    session.permanent = True


def session_members() -> dict[str, int]:
    value = session.get(SESSION_KEY, {})
    return value if isinstance(value, dict) else {}


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def member_for(slug: str) -> Member | None:
    """The caller's member in conference `slug`, or None."""
    token = bearer_token()
    if token:
        member = membership.member_by_token(token)
    else:
        member = membership.member_by_id(session_members().get(slug))
    if member is None or member.conference.slug != slug:
        return None
    return member
