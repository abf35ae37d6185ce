"""What a /live socket holds from connect to disconnect, and how a connect is refused."""
import threading

from flask import current_app
from flask_socketio import ConnectionRefusedError

from deliberate.web.deps import deps


class Connections:
    """Per-connection state: which members the socket may act as, and the conference it joined; and how many
    sockets each member holds in this process (DELIBERATE_MAX_SOCKETS_PER_MEMBER)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._by_sid: dict[str, dict] = {}
        self._sockets: dict[int, int] = {}  # member id -> open sockets in this process

    def open(self, sid: str, members: dict[str, int], max_per_member: int = 0, expires_at: float | None = None,
             token_issued: dict[int, str] | None = None) -> bool:
        """Record the socket, or return False (and record nothing) when one of its members already holds
        `max_per_member` sockets (0: no cap). `expires_at` (a Unix time) is when the credentials it was opened
        with stop working; `token_issued`, for a socket opened with a bearer token, when that token was issued
        (member id -> ISO time), so that renewing the token closes it (evictions.py)."""
        with self._lock:
            ids = set(members.values())
            if max_per_member and any(self._sockets.get(i, 0) >= max_per_member for i in ids):
                return False
            for i in ids:
                self._sockets[i] = self._sockets.get(i, 0) + 1
            self._by_sid[sid] = {"members": members, "joined": None, "expires_at": expires_at,
                                 "token_issued": token_issued or {}}
            return True

    def close(self, sid: str) -> None:
        with self._lock:
            state = self._by_sid.pop(sid, None)
            for i in set(state["members"].values()) if state else ():
                left = self._sockets.get(i, 0) - 1
                if left > 0:
                    self._sockets[i] = left
                else:
                    self._sockets.pop(i, None)

    def sockets_of(self, member_id: int) -> int:
        with self._lock:
            return self._sockets.get(member_id, 0)

    def get(self, sid: str) -> dict | None:
        with self._lock:
            return self._by_sid.get(sid)

    def expired(self, now: float) -> list[str]:
        """The sockets whose credentials have expired by `now` (a Unix time)."""
        with self._lock:
            return [sid for sid, state in self._by_sid.items()
                    if state["expires_at"] is not None and state["expires_at"] <= now]


def refuse(code: str, message) -> ConnectionRefusedError:
    """The refusal of a /live connect, for `raise refuse(...)` in the connect handler: the client's
    `connect_error` carries {"code", "message"} (docs/events.md, "Connecting"). python-socketio would turn a
    single argument into {"message": repr}; the socket.io JavaScript client reads `err.data`, so the pair is
    also under "data". The server then closes the connection (live_setup._close_connections_without_namespace)."""
    error = {"code": code, "message": str(message)}
    exc = ConnectionRefusedError(error["message"])
    exc.error_args = {**error, "data": error}
    return exc


def max_sockets_per_member() -> int:
    """The cap on one member's concurrent sockets in this process; none when the limits are off."""
    configured = deps().limits
    if configured is None or not configured.enabled:
        return 0
    return current_app.config.get("DELIBERATE_MAX_SOCKETS_PER_MEMBER") or 0
