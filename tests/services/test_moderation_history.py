"""The moderation history is append-only: every decision keeps who, when and why, and nothing rewrites it."""
import pytest
from sqlalchemy import delete, select, update

from tests.helpers import using
from deliberate.extensions import db
from deliberate.models import ModerationDecision
from deliberate.services.room import arguments, moderation
from deliberate.services.document import report
from tests.services.conftest import publish_now, refused, row_count


@pytest.fixture
def hidden_then_restored(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un argument contesté.", "for", deps=using(recorder))
    moderation.moderate(people["fac"], argument.id, "hide", "Hors sujet", deps=using(recorder))
    moderation.moderate(people["org"], argument.id, "restore", "Finalement dans le sujet", deps=using(recorder))
    return argument


def test_a_restore_keeps_the_hide_its_moderator_and_its_reason(people, hidden_then_restored):
    rows = moderation.history_rows(people["org"])
    assert [(r["action"], r["reason"], r["moderator"], r["moderator_role"]) for r in rows] == [
        ("hide", "Hors sujet", "fac", "facilitator"),
        ("restore", "Finalement dans le sujet", "org", "organiser")]
    assert all(r["created_at"].endswith("Z") for r in rows) and rows[0]["created_at"] <= rows[1]["created_at"]
    # The argument itself describes its latest decision: visible again, restored by the organiser.
    argument = db.session.get(type(hidden_then_restored), hidden_then_restored.id)
    assert argument.moderated_by_id == people["org"].id and argument.moderation_reason is None


def test_a_restore_without_a_reason_is_recorded_too(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un autre argument.", deps=using(recorder))
    moderation.moderate(people["fac"], argument.id, "hide", "Doublon", deps=using(recorder))
    moderation.moderate(people["fac"], argument.id, "restore", None, deps=using(recorder))
    moderation.moderate(people["org"], argument.id, "hide", "Insultant", deps=using(recorder))
    assert [(d.action.value, d.reason) for d in moderation.history(people["org"].conference)] == [
        ("hide", "Doublon"), ("restore", None), ("hide", "Insultant")]


def test_the_report_counts_every_decision(people, hidden_then_restored):
    summary = report.moderation_summary(people["org"].conference_id)
    assert summary["decisions"] == 2 and summary["by_action"] == {"hide": 1, "restore": 1}
    assert summary["reasons"] == [{"reason": "Hors sujet", "count": 1}] and summary["hidden_now"] == 0


def test_the_orm_refuses_to_update_a_decision(hidden_then_restored):
    decision = db.session.scalars(select(ModerationDecision).order_by(ModerationDecision.id)).first()
    decision.reason = "Réécrit"
    with pytest.raises(moderation.AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(ModerationDecision, decision.id).reason == "Hors sujet"


def test_the_orm_refuses_to_delete_a_decision(hidden_then_restored):
    decision = db.session.scalars(select(ModerationDecision)).first()
    db.session.delete(decision)
    with pytest.raises(moderation.AppendOnlyError):
        db.session.commit()
    db.session.rollback()
    assert row_count(ModerationDecision) == 2


@pytest.mark.parametrize("statement", [update(ModerationDecision).values(reason="x"), delete(ModerationDecision)],
                         ids=["update", "delete"])
def test_bulk_rewrites_are_refused(hidden_then_restored, statement):
    with pytest.raises(moderation.AppendOnlyError):
        db.session.execute(statement)
    db.session.rollback()
    assert [d.reason for d in db.session.scalars(select(ModerationDecision).order_by(ModerationDecision.id))] == [
        "Hors sujet", "Finalement dans le sujet"]


def test_reading_a_decision_is_no_rewrite(hidden_then_restored, people):
    for decision in moderation.history(people["org"].conference):
        assert decision.moderator is not None and decision.argument is not None
    db.session.commit()  # loaded relationships are not modifications


def test_no_moderation_after_publication(people, recorder):
    argument = arguments.post_argument(people["alice"], "Un argument publié.", "for", deps=using(recorder))
    twin = arguments.post_argument(people["bruno"], "Un argument publié, encore.", "for", deps=using(recorder))
    moderation.moderate(people["fac"], argument.id, "hide", "Hors sujet", deps=using(recorder))
    publish_now(people["org"], recorder)
    recorder.clear()
    assert refused(moderation.moderate, people["fac"], argument.id, "restore", "", deps=using(recorder)) == "wrong_phase"
    assert refused(moderation.moderate, people["org"], twin.id, "hide", "Tard", deps=using(recorder)) == "wrong_phase"
    assert refused(moderation.merge, people["org"], twin.id, argument.id, deps=using(recorder)) == "wrong_phase"
    assert row_count(ModerationDecision) == 1 and recorder.events == []


def test_the_guard_holds_without_the_moderation_use_cases(tmp_path):
    """A script that imports only the models (no deliberate.services.room.moderation) still cannot rewrite history."""
    import subprocess
    import sys

    script = f"""
import sys
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session
from deliberate.models import Base, ModerationDecision
from tests.helpers import using
assert "deliberate.services.room.moderation" not in sys.modules
engine = create_engine("sqlite:///{tmp_path / 'guard.sqlite3'}")
Base.metadata.create_all(engine)
with Session(engine) as session:
    try:
        session.execute(update(ModerationDecision).values(reason="x"))
    except RuntimeError as exc:
        print(type(exc).__name__)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "AppendOnlyError"
