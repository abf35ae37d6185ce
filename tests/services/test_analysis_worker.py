"""The analysis scheduler: a burst of requests costs one refresh, which waits for a quiet moment but never longer than
max_wait. Timing is checked on an injected clock (no sleeps, no wall-clock assertion); the background thread is
checked with events."""
import threading

from deliberate.services.analysis.worker import AnalysisScheduler


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_burst_costs_one_refresh_and_waits_at_most_max_wait(app):
    clock, done = FakeClock(), []
    # Times in binary fractions of a second (exact in floating point): quiet 0.25 s, max_wait 0.75 s.
    scheduler = AnalysisScheduler(app, done.append, quiet=0.25, max_wait=0.75, clock=clock, background=False)
    for _ in range(12):  # a request every 1/16 s from 0 to 11/16: never quiet for 0.25 s
        scheduler.request(7)
        assert scheduler.run_due() == []
        clock.now += 0.0625
    assert scheduler.run_due() == [7]  # 0.75 s after the first request, though requests keep coming
    for _ in range(8):  # the burst goes on from 0.75 to 1.1875
        scheduler.request(7)
        assert scheduler.run_due() == []
        clock.now += 0.0625
    clock.now += 0.1875  # quiet for 0.25 s after the last request, before max_wait after the first
    assert scheduler.run_due() == [7]
    assert done == [7, 7]  # 20 requests, two refreshes


def test_each_conference_waits_for_its_own_quiet_moment(app):
    clock, done = FakeClock(), []
    scheduler = AnalysisScheduler(app, done.append, quiet=0.25, max_wait=0.75, clock=clock, background=False)
    scheduler.request(1)
    clock.now = 0.125
    scheduler.request(2)
    clock.now = 0.25
    assert scheduler.run_due() == [1]
    clock.now = 0.375
    assert scheduler.run_due() == [2] and scheduler.run_due() == []


def test_the_background_thread_refreshes_and_survives_a_failed_refresh(app):
    calls, ran = [], {1: threading.Event(), 2: threading.Event()}

    def refresh(conference_id):
        calls.append(conference_id)
        ran[conference_id].set()
        if conference_id == 1:
            raise RuntimeError("boom")

    scheduler = AnalysisScheduler(app, refresh, quiet=0.01, max_wait=0.05)
    try:
        scheduler.request(1)
        assert ran[1].wait(60)
        scheduler.request(2)
        assert ran[2].wait(60), "the worker stopped after a failed refresh"
    finally:
        assert scheduler.stop(timeout=60)
    assert calls == [1, 2] and scheduler.runs == 1
