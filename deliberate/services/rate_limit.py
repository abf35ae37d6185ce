"""A sliding-window limit per member, in memory (one per process; enough against floods)."""
import threading
import time
from collections import defaultdict, deque


class SlidingWindowLimiter:
    def __init__(self, limit: int, window_seconds: float, clock=time.monotonic):
        self.limit = limit
        self.window = window_seconds
        self.clock = clock
        self._hits: dict[object, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key) -> bool:
        """Record a hit for key and say whether it is within the limit."""
        if self.limit <= 0:
            return True
        now = self.clock()
        with self._lock:
            hits = self._hits[key]
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True
