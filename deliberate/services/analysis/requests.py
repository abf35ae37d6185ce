"""Refresh requests that leave the web process: to its worker child through a pipe, or to `deliberate worker`
through Redis.

`request(conference_id)` only adds the id to a set and wakes a sender thread (a greenlet under gevent); the sender
forwards what gathered, so a post or a vote never waits for a pipe or for Redis, and a burst of votes costs one
message, not one per vote. The worker debounces anyway.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger(__name__)

REDIS_KEY = "deliberate:analysis:requests"  # a list: web processes LPUSH conference ids, the worker BRPOPs them
REDIS_BACKLOG = 10_000  # ids kept while no worker runs; the worker refreshes every open conference at start anyway


class RequestForwarder:
    """Coalesces requests and hands them to `send` from a background thread.

    `send(ids)` may raise: with `retry` the ids are kept and sent again after `retry` seconds (Redis briefly
    away); without, they are dropped (a restarted worker child refreshes every open conference anyway).
    """

    def __init__(self, send: Callable[[list[int]], None], name: str, retry: float | None = None):
        self.send = send
        self.name = name
        self.retry = retry
        self._pending: dict[int, None] = {}  # ordered set
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.sent = 0  # ids forwarded, and failed attempts: for tests
        self.failures = 0

    def request(self, conference_id: int) -> None:
        with self._cond:
            if self._stopped:
                return
            self._pending[int(conference_id)] = None
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
                self._thread.start()
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._stopped)
                if self._stopped:
                    return
                ids, self._pending = list(self._pending), {}
            try:
                self.send(ids)
                self.sent += len(ids)
            except Exception as exc:  # the sender must survive a broken pipe or a Redis outage
                self.failures += 1
                if self.retry is None:
                    log.warning("%s: dropped analysis requests %s (%s)", self.name, ids, exc)
                    continue
                log.warning("%s: could not forward analysis requests %s (%s); retrying in %.0f s",
                            self.name, ids, exc, self.retry)
                with self._cond:
                    self._pending = dict.fromkeys(ids) | self._pending
                    self._cond.wait_for(lambda: self._stopped, timeout=self.retry)


def redis_client(url: str):
    try:
        import redis  # the `scale` extra
    except ImportError as exc:
        raise RuntimeError("DELIBERATE_REDIS_URL needs the redis package: pip install 'deliberate[scale]'") from exc

    # Short timeouts: a web process must notice a dead Redis rather than hang on it.
    return redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=10, health_check_interval=30)


class RedisRequests(RequestForwarder):
    """The web side of DELIBERATE_ANALYSIS=worker: the collaborators' `analysis`."""

    def __init__(self, url: str, key: str = REDIS_KEY, backlog: int = REDIS_BACKLOG, retry: float = 1.0):
        super().__init__(self._push, name="analysis-requests", retry=retry)
        self.key = key
        self.backlog = backlog
        self.redis = redis_client(url)

    def _push(self, ids: list[int]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        pipe.lpush(self.key, *ids)
        pipe.ltrim(self.key, 0, self.backlog - 1)  # newest first: a long outage drops the oldest
        pipe.execute()


class RedisRequestSource:
    """The worker side: blocking pops of the ids the web processes pushed."""

    def __init__(self, url: str, key: str = REDIS_KEY):
        self.key = key
        self.redis = redis_client(url)

    def pop(self, timeout: int = 1) -> int | None:
        """The next requested conference id, or None after `timeout` seconds without one."""
        item = self.redis.brpop([self.key], timeout=timeout)
        if item is None:
            return None
        return int(item[1])

    def ping(self) -> None:
        self.redis.ping()

