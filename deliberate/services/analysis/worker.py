"""Background refresh of each conference's analysis, debounced, off the request path; and the worker that runs
it outside the web processes (`deliberate worker`).

A post or a vote calls `request(conference_id)`; the worker thread waits for a quiet moment
(`quiet` seconds without a new request) but never longer than `max_wait` after the first one, then
runs the refresh inside an app context. One refresh at a time per process: numpy work never blocks a
request thread, and a burst of votes costs one refresh, not one per vote.

Where it runs (DELIBERATE_ANALYSIS): `thread`, in the web process itself; `process`, in a child `deliberate worker
--pipe` fed by the web process (`analysis_process.py`); `worker`, in a separately started `deliberate worker`
fed through Redis (`analysis_requests.py`). The last two run `Worker` below around the same scheduler.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from deliberate.services import collaborators

log = logging.getLogger(__name__)


class AnalysisScheduler:
    def __init__(self, app, refresh: Callable[[int], None], quiet: float = 0.4, max_wait: float = 1.2,
                 clock=time.monotonic, background: bool = True):
        """`clock` and `background=False` are for tests: requests are then only noted, and `run_due()` runs what
        is due at the clock's time, in the caller's thread."""
        self.app = app
        self.background = background
        self.refresh = refresh
        self.quiet = quiet
        self.max_wait = max_wait
        self.clock = clock
        self._pending: dict[int, tuple[float, float]] = {}  # conference -> (first request, last request)
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.runs = 0  # refreshes done, for tests and the status page

    def request(self, conference_id: int) -> None:
        now = self.clock()
        with self._cond:
            first, _ = self._pending.get(conference_id, (now, now))
            self._pending[conference_id] = (first, now)
            if self._thread is None and self.background:
                self._thread = threading.Thread(target=self._loop, name="analysis-worker", daemon=True)
                self._thread.start()
            self._cond.notify()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop after the refresh in progress, if any; with `timeout`, wait that long for it. True once stopped."""
        with self._cond:
            self._stopped = True
            self._cond.notify()
            thread = self._thread
        if timeout is not None and thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return thread is None or not thread.is_alive()

    def _due(self, now: float) -> tuple[int | None, float]:
        """The conference to refresh now, or None and how long to sleep."""
        wait = 3600.0
        for conference_id, (first, last) in self._pending.items():
            ready_at = min(last + self.quiet, first + self.max_wait)
            if ready_at <= now:
                return conference_id, 0.0
            wait = min(wait, ready_at - now)
        return None, wait

    def run_due(self) -> list[int]:
        """Refresh, here and now, every conference due at the clock's time; their ids."""
        ran = []
        while True:
            with self._cond:
                conference_id, _ = self._due(self.clock())
                if conference_id is None:
                    return ran
                del self._pending[conference_id]
            self._run(conference_id)
            ran.append(conference_id)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._stopped:
                        return
                    conference_id, wait = self._due(self.clock())
                    if conference_id is not None:
                        del self._pending[conference_id]
                        break
                    self._cond.wait(timeout=wait)
            self._run(conference_id)

    def _run(self, conference_id: int) -> None:
        try:
            with self.app.app_context():
                self.refresh(conference_id)
            self.runs += 1
        except Exception:  # a failed refresh must not kill the worker; the next request retries
            log.exception("analysis refresh failed for conference %s", conference_id)


Feed = Callable[["Worker"], None]


class Worker:
    """The analysis outside the web processes: conference ids come from a feed (the server's pipe, or Redis), the
    app's scheduler refreshes them, the app's publisher sends the events (back through the pipe, or through
    Redis to every web process). Runs until `stop()` (a signal, or the feed's end)."""

    def __init__(self, app, grace: float = 5.0):
        self.app = app
        self.scheduler: AnalysisScheduler = collaborators.of(app).analysis
        self.stopped = threading.Event()
        self.grace = grace  # how long a stop waits for the refresh in progress

    def request(self, conference_id: int) -> None:
        log.debug("refresh requested for conference %s", conference_id)
        self.scheduler.request(conference_id)

    def stop(self, reason: str) -> None:
        if not self.stopped.is_set():
            log.info("stopping: %s", reason)
        self.stopped.set()

    def run(self, feed: Feed) -> None:
        from deliberate.services.analysis.refresh import refresh_open_conferences

        with self.app.app_context():
            started = time.perf_counter()
            deps = collaborators.of(self.app)
            embedder = deps.embedder()  # here, not in the web process and not in the first refresh
            embedder.embed(["warm-up"])  # some backends read their weights on the first text
            log.info("embedder %s ready in %.1f s", embedder.name, time.perf_counter() - started)
            refresh_open_conferences(deps)  # catch up on whatever changed while no worker ran
        threading.Thread(target=self._feed, args=(feed,), name="analysis-feed", daemon=True).start()
        while not self.stopped.wait(0.5):
            pass
        if not self.scheduler.stop(timeout=self.grace):
            log.warning("left a refresh unfinished after %.0f s (its transaction is rolled back)", self.grace)

    def _feed(self, feed: Feed) -> None:
        try:
            feed(self)
        except Exception:
            log.exception("the request feed failed")
            self.stop("the request feed failed")


def lines_feed(stream) -> Feed:
    """Conference ids one a line (the server's pipe); its end (the server stopped or died) stops the worker."""
    from deliberate.services.analysis.process import decode_request

    def feed(worker: Worker) -> None:
        for line in iter(stream.readline, b""):
            conference_id = decode_request(line)
            if conference_id is not None:
                worker.request(conference_id)
        worker.stop("the server closed the pipe")

    return feed


def redis_feed(source, max_delay: float = 30.0) -> Feed:
    """Conference ids popped from Redis (`analysis_requests.RedisRequestSource`); reconnects after an outage."""

    def feed(worker: Worker) -> None:
        delay = 1.0
        while not worker.stopped.is_set():
            try:
                conference_id = source.pop(timeout=1)
            except Exception as exc:
                log.warning("Redis: %s; trying again in %.0f s", exc, delay)
                worker.stopped.wait(delay)
                delay = min(max_delay, delay * 2)
                continue
            delay = 1.0
            if conference_id is not None:
                worker.request(conference_id)

    return feed
