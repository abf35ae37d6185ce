"""Tallies reach the room coalesced: a vote marks its argument, and at most every `interval` seconds each
conference gets one `tallies_changed` with the absolute tallies of the arguments whose votes changed.

A burst of votes then costs one broadcast per interval, not one per vote (200 voters each voting once used to
send 200 x 200 messages). The voter's own ack still carries the fresh tally at once. The tallies are read
after the votes' commits, so a broadcast never shows a count the database does not hold.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger(__name__)


class TallyFeed:
    def __init__(self, app, read_tallies: Callable[[int, list[int]], list[dict]], publish: Callable,
                 interval: float = 0.25):
        self.app = app
        self.read_tallies = read_tallies  # (conference id, argument ids) -> [{"argument_id", "agree", ...}]
        self.publish = publish            # (event, payload, conference id)
        self.interval = interval
        self._dirty: dict[int, set[int]] = {}
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.broadcasts = 0  # for tests and benchmarks

    def mark(self, conference_id: int, argument_id: int) -> None:
        with self._cond:
            self._dirty.setdefault(conference_id, set()).add(argument_id)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="tally-feed", daemon=True)
                self._thread.start()
            self._cond.notify()

    def stop(self, wait: bool = False) -> None:
        """Stop the feed; what was marked and not yet sent is sent first."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
            thread = self._thread
        if wait and thread is not None:
            thread.join()

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._dirty or self._stopped)
                if not self._dirty:
                    return  # stopped with nothing left to send
                # Let the burst gather for one interval (cut short by stop), then send what changed in it.
                self._cond.wait_for(lambda: self._stopped, timeout=self.interval)
                dirty, self._dirty = self._dirty, {}
            self.flush(dirty)

    def flush(self, dirty: dict[int, set[int]]) -> None:
        for conference_id, argument_ids in dirty.items():
            try:
                with self.app.app_context():
                    items = self.read_tallies(conference_id, sorted(argument_ids))
                    self.publish("tallies_changed", {"items": items}, conference_id)
                self.broadcasts += 1
            except Exception:  # a failed broadcast must not stop the feed; the next vote sends fresh counts
                log.exception("tally broadcast failed for conference %s", conference_id)
