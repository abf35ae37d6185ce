"""What a member sees on (re)joining: the whole current state, from committed data only."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import Argument, Member, Status
from deliberate.services.analysis import latest_report
from deliberate.services.permissions import capabilities
from deliberate.services.serialize import argument_dict, conference_dict, member_dict
from deliberate.services.votes import EMPTY, tallies, votes_of


def snapshot(member: Member) -> dict:
    conference = member.conference
    steer = member.role.can_steer
    query = (select(Argument).where(Argument.conference_id == conference.id)
             .options(selectinload(Argument.author)).order_by(Argument.id))
    if not steer:
        # Hidden arguments vanish for participants; facilitators keep them to be able to restore.
        query = query.where(Argument.status == Status.VISIBLE)
    arguments = db.session.scalars(query).all()
    counts = tallies(conference.id)
    mine = votes_of(member)
    visible_ids = {a.id for a in arguments}
    return {
        "conference": conference_dict(conference),
        "phase": conference.phase.value,
        "me": {**member_dict(member), "can": capabilities(member)},
        "arguments": [argument_dict(a, include_moderation=steer) for a in arguments],
        "tallies": {str(a.id): counts.get(a.id, dict(EMPTY)) for a in arguments},
        "my_votes": {str(k): v for k, v in mine.items() if k in visible_ids},
        **({"analysis": latest_report(conference.id)} if steer else {}),
    }
