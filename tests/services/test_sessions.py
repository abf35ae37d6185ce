"""Sessions that end: tokens expire and renew, members leave, organisers revoke, invite codes rotate, close and cap."""
from datetime import timedelta

import pytest
from flask import current_app
from flask_babel import force_locale

from deliberate.extensions import db
from deliberate.models import Argument, Invite, Member, QueueEntry, Role, Vote
from deliberate.models.base import utcnow
from deliberate.services import conferences
from deliberate.services.room import arguments, votes
from deliberate.services.members import membership, sessions
from deliberate.services.errors import ServiceError
from deliberate.services.method import floor
from tests.services.conftest import refused, row_count
from tests.helpers import using


def backdate(member: Member, days: float) -> None:
    member.token_issued_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_a_token_expires_after_the_configured_days(conference, join):
    member, token = join(conference, "panelist", "Ana")
    days = current_app.config["DELIBERATE_SESSION_DAYS"]
    backdate(member, days - 0.01)
    assert membership.member_by_token(token, deps=using()).id == member.id
    backdate(member, days + 0.01)
    assert membership.member_by_token(token, deps=using()) is None
    with pytest.raises(ServiceError) as exc:
        membership.authenticate_token(token, deps=using())
    with force_locale("en"):
        assert exc.value.code == "unauthenticated" and "expired" in str(exc.value.message)


def test_renewing_issues_a_new_token_and_the_old_one_stops(conference, join):
    member, token = join(conference, "panelist", "Ana")
    backdate(member, 10)
    new = sessions.renew_token(member)
    assert new != token
    assert membership.member_by_token(token, deps=using()) is None
    assert membership.member_by_token(new, deps=using()).id == member.id
    assert utcnow() - member.token_issued_at < timedelta(minutes=5)


def test_leaving_ends_the_membership_and_keeps_the_record(conference, join, recorder):
    member, token = join(conference, "panelist", "Ana")
    argument = arguments.post_argument(member, "Moins de viande, mieux choisie.", "for", deps=using(recorder))
    votes.cast_vote(member, argument.id, 1, deps=using(recorder))
    floor.raise_hand(member, deps=using(recorder))
    recorder.clear()
    sessions.leave(member, deps=using(recorder))
    assert (member.ended_how, member.ended_by_id) == ("left", member.id) and member.ended_at is not None
    assert membership.member_by_token(token, deps=using()) is None and membership.member_by_id(member.id) is None
    assert row_count(Argument) == 1 and row_count(Vote) == 1  # the record stays
    assert row_count(QueueEntry) == 0 and recorder.names() == ["queue_changed", "membership_ended"]
    # Out of the speaking queue; and the member's own sockets are told why, before the web layer closes them.
    name, payload, conference_id, audience = recorder.events[-1]
    assert (payload["member_id"], payload["how"], conference_id, audience) == \
        (member.id, "left", conference.id, f"member:{member.id}")
    assert payload["message"]
    assert refused(sessions.leave, member, deps=using()) == "unauthenticated"


def test_an_ended_member_cannot_vote_on_the_hot_path(conference, join, recorder):
    member, _ = join(conference, "panelist", "Ana")
    argument = arguments.post_argument(member, "Moins de viande, mieux choisie.", "for", deps=using(recorder))
    other, _ = join(conference, "organiser", "Orga")
    sessions.revoke(other, member.id, deps=using())
    assert refused(votes.cast_vote_as, member.id, argument.id, 1, deps=using(recorder)) == "unauthenticated"
    assert row_count(Vote) == 0


def test_an_organiser_revokes_a_member(conference, join):
    org, _ = join(conference, "organiser", "Orga")
    member, token = join(conference, "panelist", "Ana")
    sessions.revoke(org, member.id, deps=using())
    assert (member.ended_how, member.ended_by_id) == ("revoked", org.id)
    with pytest.raises(ServiceError) as exc:
        membership.active_member(member.id)
    with force_locale("en"):
        assert "organiser ended your membership" in str(exc.value.message)
    assert refused(sessions.revoke, org, member.id, deps=using()) == "conflict"


def test_revoke_refusals_change_nothing(conference, other_conference, join):
    org, _ = join(conference, "organiser", "Orga")
    fac, _ = join(conference, "facilitator", "Fac")
    ana, _ = join(conference, "panelist", "Ana")
    stranger, _ = join(other_conference, "panelist", "Sam")
    assert refused(sessions.revoke, fac, ana.id, deps=using()) == "forbidden"
    assert refused(sessions.revoke, org, org.id, deps=using()) == "invalid"  # organisers leave, they do not revoke themselves
    assert refused(sessions.revoke, org, stranger.id, deps=using()) == "not_found"
    assert refused(sessions.revoke, org, "1", deps=using()) == "invalid"
    assert refused(sessions.revoke, org, 10**9, deps=using()) == "not_found"
    assert db.session.query(Member).filter(Member.ended_at.isnot(None)).count() == 0


def test_rotating_a_code_refuses_the_old_one(conference, join):
    org, _ = join(conference, "organiser", "Orga")
    old = conference.codes["panelist"]
    invite = conferences.rotate_invite(org, "panelist")
    assert invite.code != old and invite.rotated_at is not None
    assert refused(membership.join, "viande", old, "Ana", deps=using()) == "forbidden"
    member, _ = membership.join("viande", invite.code, "Ana", deps=using())
    assert member.role is Role.PANELIST


def test_closing_and_reopening_a_code(conference, join):
    org, _ = join(conference, "organiser", "Orga")
    conferences.close_invite(org, "public")
    with pytest.raises(ServiceError) as exc:
        membership.join("viande", conference.codes["public"], "Bob", deps=using())
    with force_locale("en"):
        assert "closed" in str(exc.value.message)
    db.session.rollback()
    state = {s["role"]: s for s in conferences.invite_states(org)}
    assert state["public"]["open"] is False and state["panelist"]["open"] is True
    conferences.open_invite(org, "public")
    assert membership.join("viande", conference.codes["public"], "Bob", deps=using())[0].role is Role.PUBLIC


def test_a_cap_limits_joins_through_a_code(conference, join):
    org, _ = join(conference, "organiser", "Orga")
    join(conference, "public", "One")
    conferences.cap_invite(org, "public", 2)
    join(conference, "public", "Two")
    assert refused(membership.join, "viande", conference.codes["public"], "Three", deps=using()) == "forbidden"
    assert {s["role"]: (s["joined"], s["max_members"]) for s in conferences.invite_states(org)}["public"] == (2, 2)
    conferences.cap_invite(org, "public", None)
    join(conference, "public", "Three")


def test_invite_refusals_change_nothing(conference, join):
    org, _ = join(conference, "organiser", "Orga")
    fac, _ = join(conference, "facilitator", "Fac")
    before = [(i.code, i.closed_at, i.max_members) for i in db.session.query(Invite).order_by(Invite.id)]
    assert refused(conferences.rotate_invite, fac, "panelist") == "forbidden"
    assert refused(conferences.close_invite, fac, "panelist") == "forbidden"
    assert refused(conferences.cap_invite, fac, "panelist", 3) == "forbidden"
    assert refused(conferences.invite_states, fac) == "forbidden"
    for bad in (0, -1, True, 1.5, "3", conferences.MAX_CAP + 1):
        assert refused(conferences.cap_invite, org, "panelist", bad) == "invalid"
    assert refused(conferences.rotate_invite, org, "king") == "invalid"
    db.session.expire_all()
    assert [(i.code, i.closed_at, i.max_members) for i in db.session.query(Invite).order_by(Invite.id)] == before
