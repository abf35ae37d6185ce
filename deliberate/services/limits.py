"""Abuse limits, counted by the `limits` library: in memory by default, in Redis when DELIBERATE_REDIS_URL is
set (then every process shares the counts and they survive a web process's restart).

Each limit has a name (LIMITS below), a key (a member id, an invite code, an address) and a rate in the
library's notation ("5/second;150/minute"), configured by DELIBERATE_LIMIT_<NAME>. DELIBERATE_LIMITS=off turns
them all off (load benchmarks on loopback). A refusal is a `rate_limited` ServiceError, raised before anything
is written.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter

from deliberate.config import ConfigError
from deliberate.services.errors import ServiceError

# name: (default rate, the refusal's message)
LIMITS = {
    "join_code": ("200/minute;2000/hour",
                  _l("Many people are joining with this code right now; wait a minute and try again.")),
    "join_address": ("60/minute;1000/hour",
                     _l("Too many memberships were created from your connection; wait a few minutes and try again.")),
    "post": ("10/minute", _l("You are posting too fast; wait a moment and try again.")),
    "vote": ("5/second;150/minute", _l("You are voting too fast; wait a moment and try again.")),
}


def parse_rates(name: str, value: str) -> list[RateLimitItem]:
    """The rates of one limit; a ConfigError (a clear start-up error, no traceback) when they do not parse."""
    try:
        items = parse_many(value)
    except ValueError as exc:
        raise ConfigError(f"DELIBERATE_LIMIT_{name.upper()} is not a rate such as '10/minute' or "
                          f"'5/second;150/minute': {value!r}") from exc
    if not items or any(item.amount < 1 for item in items):
        raise ConfigError(f"DELIBERATE_LIMIT_{name.upper()} must allow at least 1 per period, got {value!r} "
                          "(DELIBERATE_LIMITS=off turns the limits off)")
    return items


class Limits:
    def __init__(self, enabled: bool, rates: dict[str, str], storage_uri: str = "memory://"):
        self.enabled = enabled
        self.rates = {name: parse_rates(name, rates.get(name) or default) for name, (default, _) in LIMITS.items()}
        # A sliding-window counter: two counters per key and window (cheap in Redis), no burst at window edges.
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage_uri)) if enabled else None

    def hit(self, name: str, key) -> None:
        """Count one use of `name` by `key`, or refuse with `rate_limited` (and count nothing)."""
        self.hit_all((name, key))

    def hit_all(self, *uses: tuple[str, object]) -> None:
        """Several limits at once (a join counts for its code and its address): all pass, or none is counted."""
        if not self.enabled:
            return
        checks = [(name, item, str(key)) for name, key in uses for item in self.rates[name]]
        if len(checks) > 1:  # test all first, so that a refusal by one counts nothing against the others
            for name, item, key in checks:
                if not self.limiter.test(item, name, key):
                    raise ServiceError("rate_limited", LIMITS[name][1])
        for name, item, key in checks:
            # Another process may have used the last slot between the test and the hit: refuse then too.
            if not self.limiter.hit(item, name, key):
                raise ServiceError("rate_limited", LIMITS[name][1])

    def would_refuse(self, name: str, key) -> bool:
        """Whether the next use of `name` by `key` would be refused, counting nothing: a cheap look (memory, or one
        Redis read) that lets the socket layer refuse a flood before any app context or database work."""
        return self.enabled and not all(self.limiter.test(item, name, str(key)) for item in self.rates[name])

    def message(self, name: str):
        return LIMITS[name][1]

    def reset(self) -> None:
        if self.limiter is not None:
            self.limiter.storage.reset()


def from_config(config) -> Limits:
    enabled = str(config.get("DELIBERATE_LIMITS", "on")).lower() not in ("off", "0", "false", "no")
    rates = {name: config.get(f"DELIBERATE_LIMIT_{name.upper()}") for name in LIMITS}
    return Limits(enabled, rates, config.get("DELIBERATE_REDIS_URL") or "memory://")
