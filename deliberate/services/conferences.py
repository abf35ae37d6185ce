"""Use-cases on conferences: create one with its invites, move it through the phases."""
import re
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from deliberate.extensions import db
from deliberate.models import Conference, Invite, Member, Phase, PhaseChange, Role
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import member_dict
from deliberate.services.validation import enum_field, text_field

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
# No 0/O, 1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_invite_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    raw = re.sub(r"[\s-]", "", code).upper()
    if not (raw.isascii() and raw.isalnum()):  # codes are letters and digits; a lone surrogate or a NUL would not
        return ""                              # even bind in a query (UTF-8, PostgreSQL's text)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def get_by_slug(slug) -> Conference:
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise not_found(_l("No such conference."))
    conference = db.session.scalar(select(Conference).where(Conference.slug == slug))
    if conference is None:
        raise not_found(_l("No such conference."))
    return conference


def new_conference(slug, title, question, description="", phase: Phase = Phase.PREPARATION) -> Conference:
    """Validate and add a conference with one invite code per role to the session, without committing:
    an import adds its members, arguments and votes in the same transaction."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise invalid(_l("The slug must be 1 to 60 lowercase letters, digits or dashes."))
    title = text_field(title, max_length=200, name="title")
    question = text_field(question, max_length=1000, name="question")
    description = text_field(description, max_length=5000, name="description", allow_empty=True)
    if db.session.scalar(select(Conference.id).where(Conference.slug == slug)) is not None:
        raise ServiceError("conflict", _l("A conference with this slug already exists."))
    conference = Conference(slug=slug, title=title, question=question, description=description, phase=phase)
    conference.invites = [Invite(role=role, code=new_invite_code()) for role in Role]
    db.session.add(conference)
    db.session.flush()
    db.session.add(PhaseChange(conference_id=conference.id, phase=phase))  # an import starts in deliberation
    return conference


def create_conference(slug, title, question, description="") -> tuple[Conference, dict[str, str]]:
    """Create a conference in `preparation` with one invite code per role."""
    conference = new_conference(slug, title, question, description)
    try:
        db.session.commit()
    except IntegrityError as exc:  # a concurrent create with the same slug
        db.session.rollback()
        raise ServiceError("conflict", _l("A conference with this slug already exists.")) from exc
    return conference, invite_codes(conference)


def invite_codes(conference: Conference) -> dict[str, str]:
    by_role = {invite.role: invite.code for invite in conference.invites}
    return {role.value: by_role[role] for role in Role if role in by_role}


def set_phase(actor: Member, phase, *, deps: Collaborators, confirm=False, note=None) -> Conference:
    """Move the actor's conference to another phase; everyone gets `phase_changed`.

    Moving to `published` publishes the document (organisers only, with `confirm`): see publication.py."""
    rules.check(actor, "set_phase")  # the table's answer (a published conference is final), as the pages show it
    target = enum_field(phase, Phase, name="phase")
    if target is Phase.PUBLISHED and actor.conference.phase is not Phase.PUBLISHED:
        from deliberate.services.document.publication import publish

        publish(actor, confirm, note, deps=deps)
        return actor.conference
    conference = actor.conference
    previous = conference.phase
    if previous is Phase.PUBLISHED and target is not Phase.PUBLISHED:
        raise ServiceError("wrong_phase", _l("A published conference is final."))
    if target is previous:
        raise ServiceError("invalid", _l("The conference is already in this phase."))
    move_to(conference, target, actor)
    db.session.commit()
    announce_phase(conference, previous, actor, deps.publisher)
    return conference


def move_to(conference: Conference, target: Phase, actor: Member | None) -> None:
    """Change the phase and date it (the caller commits)."""
    conference.phase = target
    db.session.add(PhaseChange(conference_id=conference.id, phase=target, by_id=actor.id if actor else None))


def announce_phase(conference: Conference, previous: Phase, actor: Member | None,
                   publisher: Publisher) -> None:
    target = conference.phase
    publisher.publish(
        "phase_changed",
        {"phase": target.value, "previous": previous.value, "by": member_dict(actor)},
        conference.id,
    )


# ---- invite codes: organisers rotate, close, reopen and cap them ---------------------------------

MAX_CAP = 100_000


def invite_states(actor: Member | None, conference: Conference | None = None) -> list[dict]:
    """Each invite's code, whether it is open, how many joined with it and its cap (organisers only: codes admit).
    `actor` None: the command line, on `conference`."""
    conference = _invites_conference(actor, conference)
    joined = dict(db.session.execute(select(Member.invite_id, func.count(Member.id))
                                     .where(Member.conference_id == conference.id)
                                     .group_by(Member.invite_id)).all())
    by_role = {invite.role: invite for invite in conference.invites}
    return [{"role": role.value, "code": by_role[role].code, "open": by_role[role].closed_at is None,
             "joined": joined.get(by_role[role].id, 0), "max_members": by_role[role].max_members,
             "rotated_at": by_role[role].rotated_at, "closed_at": by_role[role].closed_at}
            for role in Role if role in by_role]


def rotate_invite(actor: Member | None, role, conference: Conference | None = None) -> Invite:
    """A new random code for the role; the old one admits nobody any more. Members who joined stay."""
    invite = _invite(actor, role, conference)
    for _attempt in range(5):  # a collision among 31^8 codes is unlikely, not impossible
        invite.code = new_invite_code()
        invite.rotated_at = utcnow()
        try:
            db.session.commit()
            return invite
        except IntegrityError:
            db.session.rollback()
            invite = _invite(actor, role, conference)
    raise ServiceError("conflict", _l("No new code could be drawn: try again."))


def close_invite(actor: Member | None, role, conference: Conference | None = None) -> Invite:
    invite = _invite(actor, role, conference)
    if invite.closed_at is None:
        invite.closed_at = utcnow()
        db.session.commit()
    return invite


def open_invite(actor: Member | None, role, conference: Conference | None = None) -> Invite:
    invite = _invite(actor, role, conference)
    if invite.closed_at is not None:
        invite.closed_at = None
        db.session.commit()
    return invite


def cap_invite(actor: Member | None, role, max_members, conference: Conference | None = None) -> Invite:
    """At most `max_members` members join with the code (None: no cap). Members already in stay."""
    if max_members is not None and (isinstance(max_members, bool) or not isinstance(max_members, int)
                                    or not 0 < max_members <= MAX_CAP):
        raise invalid(_l("The cap must be a whole number from 1 to %(max)s, or empty for no cap.", max=MAX_CAP))
    invite = _invite(actor, role, conference)
    invite.max_members = max_members
    db.session.commit()
    return invite


def _invites_conference(actor: Member | None, conference: Conference | None) -> Conference:
    if actor is not None:
        rules.check(actor, "manage_invites")
        return actor.conference
    return conference


def _invite(actor: Member | None, role, conference: Conference | None) -> Invite:
    conference = _invites_conference(actor, conference)
    role = enum_field(role, Role, name="role")
    invite = db.session.scalar(select(Invite).where(Invite.conference_id == conference.id, Invite.role == role))
    if invite is None:
        raise not_found(_l("This conference has no invite code for this role."))
    return invite
