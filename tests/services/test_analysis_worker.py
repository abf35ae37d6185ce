import threading
import time

from deliberate.services.analysis_worker import AnalysisScheduler


def test_a_burst_costs_one_refresh_and_waits_at_most_max_wait(app):
    done = []
    event = threading.Event()

    def refresh(conference_id):
        done.append((conference_id, time.monotonic()))
        event.set()

    scheduler = AnalysisScheduler(app, refresh, quiet=0.2, max_wait=0.6)
    start = time.monotonic()
    for _ in range(20):  # a burst lasting longer than max_wait
        scheduler.request(7)
        time.sleep(0.05)
    assert event.wait(3)
    time.sleep(0.5)
    scheduler.stop()
    assert [c for c, _ in done][:1] == [7]
    first_run = done[0][1] - start
    assert first_run < 0.6 + 0.3  # did not wait for the burst to end
    assert len(done) <= 3  # ~1 s of requests: a couple of refreshes, not 20


def test_failed_refresh_does_not_stop_the_worker(app):
    calls = []

    def refresh(conference_id):
        calls.append(conference_id)
        if conference_id == 1:
            raise RuntimeError("boom")

    scheduler = AnalysisScheduler(app, refresh, quiet=0.05, max_wait=0.1)
    scheduler.request(1)
    time.sleep(0.3)
    scheduler.request(2)
    time.sleep(0.3)
    scheduler.stop()
    assert calls == [1, 2]
