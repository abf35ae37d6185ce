"""Who may do what, and when: roles and phases of the method."""
from flask_babel import lazy_gettext as _l

from deliberate.models import Conference, Member
from deliberate.services.errors import ServiceError, forbidden


def ensure_same_conference(member: Member, conference_id: int) -> None:
    if member.conference_id != conference_id:
        raise forbidden(_l("You are not a member of this conference."))


def ensure_can_contribute(member: Member) -> None:
    if not member.role.can_contribute:
        raise forbidden(_l("Observers can read but not post or vote."))


def ensure_can_steer(member: Member) -> None:
    if not member.role.can_steer:
        raise forbidden(_l("Only facilitators and organisers can steer the conference."))


def ensure_open_for_contributions(conference: Conference) -> None:
    if not conference.phase.open_for_contributions:
        raise ServiceError("wrong_phase", _l("Arguments and votes are closed in the “%(phase)s” phase.",
                                             phase=conference.phase.value))


def capabilities(member: Member) -> dict:
    """What the client may offer this member; the server checks again on every command."""
    open_phase = member.conference.phase.open_for_contributions
    return {
        "post": member.role.can_contribute and open_phase,
        "vote": member.role.can_contribute and open_phase,
        "steer": member.role.can_steer,
        "moderate": member.role.can_steer,
    }
