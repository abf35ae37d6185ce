"""Seed the French demo conference on meat: members, arguments and simulated votes."""
from datetime import timedelta

from sqlalchemy import select

from deliberate.demo import content_fr
from deliberate.demo.simulate import simulate_votes
from deliberate.extensions import db
from deliberate.models import Argument, Conference, Kind, Member, Phase, Role, Stance, Status, Vote
from deliberate.models.base import utcnow
from deliberate.services.conferences import create_conference, invite_codes
from deliberate.services.demo.preparation import seed_preparation
from deliberate.services.members.membership import hash_token

import secrets


def ensure_demo_conference() -> tuple[Conference, dict[str, str], bool]:
    """Create the demo conference once; later calls return it unchanged. Third item: created now."""
    slug = content_fr.CONFERENCE["slug"]
    existing = db.session.scalar(select(Conference).where(Conference.slug == slug))
    if existing is not None:
        return existing, invite_codes(existing), False
    conference, codes = create_conference(slug, content_fr.CONFERENCE["title"], content_fr.CONFERENCE["question"],
                                          content_fr.CONFERENCE["description"])
    _seed(conference)
    return conference, codes, True


def _seed(conference: Conference) -> None:
    members = [
        Member(conference_id=conference.id, role=Role(m["role"]), display_name=m["display_name"],
               # Simulated people get a token nobody knows: they can never log in.
               token_hash=hash_token(secrets.token_urlsafe(32)))
        for m in content_fr.MEMBERS
    ]
    db.session.add_all(members)
    db.session.flush()
    start = utcnow() - timedelta(hours=2)
    arguments = []
    for i, a in enumerate(content_fr.ARGUMENTS):
        arguments.append(Argument(
            conference_id=conference.id, author_id=members[a["author"]].id, text=a["text"],
            stance=Stance(a["stance"]) if a["stance"] else None, kind=Kind(a["kind"]), status=Status.VISIBLE,
            created_at=start + timedelta(minutes=2 * i),
        ))
    db.session.add_all(arguments)
    db.session.flush()
    # Preparation and hearing happened before the arguments of the deliberation.
    seed_preparation(conference, members, start - timedelta(hours=3))
    now = utcnow()
    db.session.add_all(
        Vote(conference_id=conference.id, argument_id=arguments[a].id, member_id=members[m].id, value=value,
             created_at=now, updated_at=now)
        for m, a, value in simulate_votes(content_fr.MEMBERS, content_fr.ARGUMENTS)
    )
    # The demo opens where the live part of the method happens.
    conference.phase = Phase.DELIBERATION
    db.session.commit()
