"""Group commit: many callers' small writes committed in one transaction, each caller answered after it.

A vote is one row; committing each in its own transaction makes the commit (an fsync on SQLite, a round trip on
PostgreSQL) the cost of every vote. Here the first caller to arrive becomes the leader: it lets the callers that
are ready to run queue up behind it (one yield), writes everything queued in one transaction, hands each caller
its result, and hands the lead to the first caller queued since, if any. The others wait for their result.
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
    __slots__ = ("item", "result", "error", "finished", "wake")

    def __init__(self, item):
        self.item = item
        self.result = None
        self.error: BaseException | None = None
        self.finished = False
        self.wake = threading.Event()  # set when written, or when promoted to lead the next batch


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
            self._leading = True
        if not lead:
            pending.wake.wait()
        if not pending.finished:  # first to arrive, or promoted by the previous leader
            self._lead(pending)
        if pending.error is not None:
            raise pending.error
        return pending.result

    def _lead(self, own: _Pending) -> None:
        """Write batches until our own item is written, then hand the lead to the first caller still queued: a
        leader that went on while others keep arriving would hold its own ack (and, since a connection's events
        run in order, that member's next votes) for as long as the burst lasts."""
        try:
            while not own.finished:
                time.sleep(0)  # a yield: callers already running (threads, greenlets) join this batch
                with self._lock:
                    batch, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
                try:
                    self._write(batch)
                except BaseException:
                    self._requeue_after_interruption(own, batch)
                    raise
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].wake.set()  # promoted: it leads the next batch
                else:
                    self._leading = False

    def _requeue_after_interruption(self, own: _Pending, batch: list[_Pending]) -> None:
        """The leader was interrupted mid-batch (a gevent timeout, a KeyboardInterrupt: not an Exception, so not
        one write's failure). Its own caller gets the interruption; the batch's other callers, unanswered, go back
        to the front of the queue for the next leader instead of waiting forever. Writing one of them twice is
        harmless: a vote replaces the same member's vote, and an idempotency key replays."""
        with self._lock:
            if own in self._queue:  # not reached yet: nobody will wait for it
                self._queue.remove(own)
            self._queue[:0] = [p for p in batch if not p.finished and p is not own]

    def _write(self, batch: list[_Pending]) -> None:
        try:
            results = self.write_batch([p.item for p in batch])
        except Exception as exc:
            if len(batch) == 1:
                self._finish(batch[0], error=exc)
                return
            for pending in batch:  # find the bad write: each alone
                self._write([pending])
            return
        self.batches += 1
        self.items += len(batch)
        for pending, result in zip(batch, results):
            if isinstance(result, Exception):  # a write the batch writer refused on its own
                self._finish(pending, error=result)
            else:
                self._finish(pending, result=result)

    @staticmethod
    def _finish(pending: _Pending, result=None, error: BaseException | None = None) -> None:
        pending.result, pending.error, pending.finished = result, error, True
        pending.wake.set()
