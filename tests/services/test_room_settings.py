"""Room settings: whether participants see an argument's counts before voting on it (no herding)."""
from tests.services.conftest import publish_now, refused

from deliberate.services.room import settings as room_settings, snapshots
from tests.helpers import using


def test_counts_after_the_vote_is_the_default_and_steering_roles_can_change_it(people, recorder):
    assert snapshots.snapshot(people["alice"])["tallies_after_vote"] is True
    assert room_settings.set_tally_visibility(people["fac"], False, deps=using(recorder)) is False
    assert recorder.events[-1][:2] == ("tally_visibility_changed", {"after_vote": False})
    assert snapshots.snapshot(people["alice"])["tallies_after_vote"] is False
    assert room_settings.set_tally_visibility(people["org"], True, deps=using(recorder)) is True
    assert snapshots.snapshot(people["alice"])["tallies_after_vote"] is True


def test_a_participant_cannot_change_it_and_bad_values_change_nothing(people, recorder):
    recorder.clear()
    assert refused(room_settings.set_tally_visibility, people["alice"], False, deps=using(recorder)) == "forbidden"
    for bad in ("false", 0, None, [True]):
        assert refused(room_settings.set_tally_visibility, people["fac"], bad, deps=using(recorder)) == "invalid"
    assert recorder.events == [] and snapshots.snapshot(people["alice"])["tallies_after_vote"] is True


def test_it_is_fixed_once_the_report_is_published(people, recorder):
    publish_now(people["org"], recorder)
    assert refused(room_settings.set_tally_visibility, people["org"], False, deps=using(recorder)) == "wrong_phase"
