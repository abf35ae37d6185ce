"""Participation balance for the console: who has posted and voted how much, by role; who has not been
heard yet (no post, no answer, never given the floor). Counts only, straight from the database."""
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Answer, Argument, FloorTurn, Member, Role, Vote
from deliberate.services.serialize import member_dict

HEARD_ROLES = (Role.PANELIST, Role.EXPERT, Role.STAKEHOLDER, Role.PUBLIC)


def participation(conference_id: int) -> dict:
    members = db.session.scalars(select(Member).where(Member.conference_id == conference_id)
                                 .order_by(Member.id)).all()
    posts = dict(db.session.execute(select(Argument.author_id, func.count()).where(
        Argument.conference_id == conference_id).group_by(Argument.author_id)).all())
    votes = dict(db.session.execute(select(Vote.member_id, func.count()).where(
        Vote.conference_id == conference_id).group_by(Vote.member_id)).all())
    answers = dict(db.session.execute(select(Answer.author_id, func.count()).where(
        Answer.conference_id == conference_id).group_by(Answer.author_id)).all())
    turns = dict(db.session.execute(select(FloorTurn.member_id, func.count()).where(
        FloorTurn.conference_id == conference_id).group_by(FloorTurn.member_id)).all())
    by_role = {}
    for role in Role:
        people = [m for m in members if m.role is role]
        if not people:
            continue
        by_role[role.value] = {
            "members": len(people),
            "posted": sum(1 for m in people if posts.get(m.id)),
            "voted": sum(1 for m in people if votes.get(m.id)),
            "posts": sum(posts.get(m.id, 0) for m in people),
            "votes": sum(votes.get(m.id, 0) for m in people),
            "answers": sum(answers.get(m.id, 0) for m in people),
        }
    not_heard = [member_dict(m) for m in members if m.role in HEARD_ROLES
                 and not posts.get(m.id) and not answers.get(m.id) and not turns.get(m.id)]
    return {"by_role": by_role, "not_heard": not_heard}


def activity(conference_id: int) -> dict[int, dict]:
    """{member id: {"posts", "votes"}} for the members who posted or voted."""
    out: dict[int, dict] = {}
    for member_id, n in db.session.execute(select(Argument.author_id, func.count()).where(
            Argument.conference_id == conference_id).group_by(Argument.author_id)):
        out.setdefault(member_id, {"posts": 0, "votes": 0})["posts"] = n
    for member_id, n in db.session.execute(select(Vote.member_id, func.count()).where(
            Vote.conference_id == conference_id).group_by(Vote.member_id)):
        out.setdefault(member_id, {"posts": 0, "votes": 0})["votes"] = n
    return out
