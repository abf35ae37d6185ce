"""Ids beyond the INTEGER columns are refused like unknown ones, never a server error: on PostgreSQL, whose INTEGER is
32 bits, such a number in a query is an error (SQLite would just find nothing)."""
import pytest

from deliberate.extensions import db, socketio
from deliberate.models import Member
from deliberate.services import conferences
from tests.web.test_report_page import build_in
from tests.helpers import using

NS = "/live"
BEYOND = [2**31, 2**40, 2**62]


@pytest.fixture
def desk(app, conference, join):
    organiser, token = join(conference, "organiser", "Orga")
    with app.app_context():
        conferences.set_phase(db.session.get(Member, organiser.id), "deliberation", deps=using())
        db.session.remove()
    client = socketio.test_client(app, namespace=NS, auth={"token": token})
    assert client.emit("join", {"conference": "viande"}, namespace=NS, callback=True)["ok"]
    yield client
    client.disconnect(NS)


@pytest.mark.parametrize("big", BEYOND)
def test_commands_refuse_ids_beyond_the_integer_columns(desk, big):
    for event, data in [("moderate", {"argument_id": big, "action": "hide", "reason": "Hors sujet"}),
                        ("spotlight", {"argument_id": big}),
                        ("merge", {"argument_id": big, "into": big}),
                        ("give_floor", {"member_id": big}),
                        ("post_argument", {"text": "Combien d'eau ?", "kind": "question", "to": big}),
                        ("post_argument", {"text": "Et ensuite ?", "kind": "question", "follows_answer_id": big})]:
        ack = desk.emit(event, data, namespace=NS, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "not_found"), (event, ack)
    assert desk.emit("spotlight", {"argument_id": 1}, namespace=NS, callback=True)["error"]["code"] == "not_found"


def test_report_versions_beyond_the_integer_column_are_not_found(app):
    build_in(app)
    client = app.test_client()
    assert client.get("/c/viande/report/v/1").status_code == 200
    for big in BEYOND:
        for path in (f"/c/viande/report/v/{big}", f"/c/viande/report/v/{big}.json"):
            assert client.get(path).status_code == 404, path
