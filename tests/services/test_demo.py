"""The demo conference: seeded once, in deliberation, with arguments on every theme and two camps of voters."""
from sqlalchemy import func, select

from deliberate.demo import content_fr
from deliberate.extensions import db
from deliberate.models import Argument, Member, Phase, Vote
from deliberate.services import snapshots
from deliberate.services.demo import ensure_demo_conference


def test_demo_is_seeded_once(app):
    conference, codes, created = ensure_demo_conference()
    assert created and conference.phase is Phase.DELIBERATION
    assert conference.question == "Quelle place pour la viande dans nos assiettes ?"
    assert set(codes) == {"organiser", "facilitator", "expert", "stakeholder", "panelist", "public", "observer"}
    n_args = db.session.scalar(select(func.count(Argument.id)))
    n_members = db.session.scalar(select(func.count(Member.id)))
    n_votes = db.session.scalar(select(func.count(Vote.id)))
    assert n_args == len(content_fr.ARGUMENTS) >= 40 and n_members == len(content_fr.MEMBERS) == 30
    assert n_votes > 500
    again, codes_again, created_again = ensure_demo_conference()
    assert not created_again and again.id == conference.id and codes_again == codes
    assert db.session.scalar(select(func.count(Argument.id))) == n_args


def test_a_real_participant_can_join_the_demo_and_see_the_tallies(app):
    from deliberate.services import membership
    _, codes, _ = ensure_demo_conference()
    member, _ = membership.join("viande", codes["panelist"], "Visiteuse")
    snap = snapshots.snapshot(member)
    assert len(snap["arguments"]) == len(content_fr.ARGUMENTS)
    assert sum(t["agree"] + t["disagree"] + t["pass"] for t in snap["tallies"].values()) > 500
    assert snap["me"]["can"]["post"] is True
