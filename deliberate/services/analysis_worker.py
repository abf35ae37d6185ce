"""Background refresh of each conference's analysis, debounced, off the request path.

A post or a vote calls `request(conference_id)`; the worker thread waits for a quiet moment
(`quiet` seconds without a new request) but never longer than `max_wait` after the first one, then
runs the refresh inside an app context. One refresh at a time per process: numpy work never blocks a
request thread, and a burst of votes costs one refresh, not one per vote.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

log = logging.getLogger(__name__)


class AnalysisScheduler:
    def __init__(self, app, refresh: Callable[[int], None], quiet: float = 0.4, max_wait: float = 1.2,
                 clock=time.monotonic):
        self.app = app
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
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="analysis-worker", daemon=True)
                self._thread.start()
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def _due(self, now: float) -> tuple[int | None, float]:
        """The conference to refresh now, or None and how long to sleep."""
        wait = 3600.0
        for conference_id, (first, last) in self._pending.items():
            ready_at = min(last + self.quiet, first + self.max_wait)
            if ready_at <= now:
                return conference_id, 0.0
            wait = min(wait, ready_at - now)
        return None, wait

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
            try:
                with self.app.app_context():
                    self.refresh(conference_id)
                self.runs += 1
            except Exception:  # a failed refresh must not kill the worker; the next request retries
                log.exception("analysis refresh failed for conference %s", conference_id)
