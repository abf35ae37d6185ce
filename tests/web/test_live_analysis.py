"""The background analysis over /live: facilitators receive `analysis_updated`, participants never do."""
import time

from deliberate.services.analysis.worker import AnalysisScheduler
from deliberate.services.collaborators import of

from tests.web.test_live import NS, emit


def wait_for(client, name, timeout=10.0):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        seen += client.get_received(NS)
        found = [e["args"][0] for e in seen if e["name"] == name]
        if found:
            return found, seen
        time.sleep(0.05)
    return [], seen


def test_a_burst_of_posts_reaches_facilitators_as_one_analysis(app, conference, join, connect):
    from deliberate.services.analysis.refresh import refresher

    scheduler = AnalysisScheduler(app, refresher(app), quiet=0.2, max_wait=0.6)
    of(app).analysis = scheduler
    try:
        _, facilitator_token = join(conference, "facilitator", "Fatou")
        panelists = [join(conference, "panelist", f"P{i}")[1] for i in range(4)]
        desk = connect(facilitator_token)
        assert emit(desk, "join", {"conference": "viande"})["snapshot"]["analysis"] is None
        rooms = [connect(t) for t in panelists]
        for client in rooms:
            assert "analysis" not in emit(client, "join", {"conference": "viande"})["snapshot"]
        posted = []
        for i, client in enumerate(rooms):
            ack = emit(client, "post_argument", {"text": f"Argument numéro {i} sur la viande à la cantine."})
            posted.append(ack["argument"]["id"])
        for client in rooms:
            for argument_id in posted:
                assert emit(client, "cast_vote", {"argument_id": argument_id, "value": 1})["ok"]
        updates, _ = wait_for(desk, "analysis_updated")
        assert updates, "the facilitator got no analysis_updated"
        latest = updates[-1]
        assert {m["argument_id"] for m in latest["map"]} == set(posted)
        assert latest["participants"]["total"] == 4
        time.sleep(0.8)  # anything still in flight would have arrived by now
        for client in rooms:
            names = {e["name"] for e in client.get_received(NS)}
            assert not names & {"analysis_updated", "arguments_assigned"}
        # A facilitator who (re)joins gets the last analysis in the snapshot.
        again = connect(facilitator_token)
        assert emit(again, "join", {"conference": "viande"})["snapshot"]["analysis"]["run_id"] >= latest["run_id"]
    finally:
        scheduler.stop()
        of(app).analysis = None
