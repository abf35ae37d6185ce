"""Group commit: many callers' small writes committed in one transaction, each caller answered after it.

A vote is one row; committing each in its own transaction makes the commit (an fsync on SQLite, a round trip on
PostgreSQL) the cost of every vote. Here the first caller to arrive becomes the leader: it lets the callers that
are ready to run queue up behind it (one yield), writes everything queued in one transaction with its own
session, hands each caller its result, and goes on while more are queued. The others wait for their result.
Nobody is answered before the commit that holds their write, and no thread is added: on one caller alone this
is a plain commit. A failed batch is retried one write at a time, so one bad write fails alone.

Hand-written because the behaviour is the point: no maintained library does group commit over SQLAlchemy.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Sequence

# items -> one result per item, committed; an Exception as an item's result is raised to that item's caller only.
WriteBatch = Callable[[Sequence[Any]], Sequence[Any]]


class _Pending:
    __slots__ = ("item", "result", "error", "done")

    def __init__(self, item):
        self.item = item
        self.result = None
        self.error: BaseException | None = None
        self.done = threading.Event()


class GroupCommit:
    def __init__(self, write_batch: WriteBatch, max_batch: int = 500):
        self.write_batch = write_batch
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Pending] = []
        self._leading = False
        self.batches = 0  # for tests and benchmarks
        self.items = 0

    def submit(self, item) -> Any:
        """Write `item` (with whoever else is writing now); return its result once committed."""
        pending = _Pending(item)
        with self._lock:
            self._queue.append(pending)
            lead = not self._leading
            self._leading = self._leading or lead
        if lead:
            self._lead()
        pending.done.wait()
        if pending.error is not None:
            raise pending.error
        return pending.result

    def _lead(self) -> None:
        try:
            while True:
                time.sleep(0)  # a yield: callers already running (threads, greenlets) join this batch
                with self._lock:
                    batch, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
                    if not batch:
                        self._leading = False
                        return
                self._write(batch)
        except BaseException:
            with self._lock:
                self._leading = False
            raise

    def _write(self, batch: list[_Pending]) -> None:
        try:
            results = self.write_batch([p.item for p in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
                batch[0].done.set()
                return
            for pending in batch:  # find the bad write: each alone
                self._write([pending])
            return
        self.batches += 1
        self.items += len(batch)
        for pending, result in zip(batch, results):
            if isinstance(result, Exception):  # a write the batch writer refused on its own
                pending.error = result
            else:
                pending.result = result
            pending.done.set()

