"""The demo conference: seeded once, in deliberation, with arguments on every theme and two camps of voters."""
from sqlalchemy import func, select

from deliberate.demo import content_fr, hearing_fr, preparation_fr
from deliberate.extensions import db
from deliberate.models import Argument, Member, Phase, Vote
from deliberate.services.room import snapshots
from deliberate.services.demo.seed import ensure_demo_conference
from tests.helpers import using


def test_demo_is_seeded_once(app):
    conference, codes, created = ensure_demo_conference()
    assert created and conference.phase is Phase.DELIBERATION
    assert conference.question == "Quelle place pour la viande dans nos assiettes ?"
    assert set(codes) == {"organiser", "facilitator", "expert", "stakeholder", "panelist", "public", "observer"}
    n_args = db.session.scalar(select(func.count(Argument.id)))
    n_members = db.session.scalar(select(func.count(Member.id)))
    n_votes = db.session.scalar(select(func.count(Vote.id)))
    seeded = len(content_fr.ARGUMENTS) + len(hearing_fr.KEY_QUESTIONS) + len(hearing_fr.QUESTIONS)
    assert n_args == seeded and len(content_fr.ARGUMENTS) >= 40
    assert n_members == len(content_fr.MEMBERS) + len(preparation_fr.STAKEHOLDERS) == 32
    assert n_votes > 500
    again, codes_again, created_again = ensure_demo_conference()
    assert not created_again and again.id == conference.id and codes_again == codes
    assert db.session.scalar(select(func.count(Argument.id))) == n_args


def test_a_real_participant_can_join_the_demo_and_see_the_tallies(app):
    from deliberate.services.members import membership
    _, codes, _ = ensure_demo_conference()
    member, _ = membership.join("viande", codes["panelist"], "Visiteuse", deps=using())
    snap = snapshots.snapshot(member)
    kinds = [a["kind"] for a in snap["arguments"]]
    assert kinds.count("key_question") == 6 and len(snap["agenda"]) == 4
    assert all(item["argument_id"] for item in snap["agenda"])
    assert len(snap["answers"]) >= 5 and len(snap["glossary"]) == len(preparation_fr.GLOSSARY)
    dossier = snap["dossier"]
    assert [e["kind"] for e in dossier].count("contribution") == 2
    assert all(e["stakeholder"]["role"] == "stakeholder" for e in dossier if e["kind"] == "contribution")
    follow_ups = [a for a in snap["arguments"] if a.get("follows_answer_id")]
    assert len(follow_ups) == 1 and follow_ups[0]["kind"] == "question"
    assert snap["moderation_reasons"] == preparation_fr.MODERATION_REASONS
    assert sum(t["agree"] + t["disagree"] + t["pass"] for t in snap["tallies"].values()) > 500
    assert snap["me"]["can"]["post"] is True
