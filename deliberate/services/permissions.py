"""Who may do what, and when: checks shared by the use-cases. The role x phase table is in rules.py."""
from flask_babel import lazy_gettext as _l

from deliberate.models import Member
from deliberate.services import rules
from deliberate.services.errors import forbidden


def ensure_can_steer(member: Member) -> None:
    if not member.role.can_steer:
        raise forbidden(_l("Only facilitators and organisers can steer the conference."))


def capabilities(member: Member) -> dict:
    """What the client may offer this member now; the server checks again on every command.

    `post`, `vote`, `steer` and `moderate` are the original four; every action of rules.RULES follows."""
    table = rules.capabilities(member)
    return {
        "post": table["post_argument"],
        "vote": table["cast_vote"],
        "steer": member.role.can_steer,
        "moderate": table["moderate"],
        **table,
    }
