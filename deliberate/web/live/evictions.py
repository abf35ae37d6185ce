"""Sockets that rest on credentials that no longer hold are closed, in every process.

A membership that ended (left, revoked) closes every socket of the member; a renewed token closes the sockets
opened with an older token of that member (a socket opened with the session cookie, or with the new token, stays);
a token or cookie session that expired closes its sockets at the next sweep (every SWEEP_SECONDS) or at their next
command, whichever comes first.

Each process holds its own sockets: the process where it happens closes its own, and, when processes are joined by
Redis (DELIBERATE_REDIS_URL), tells the others on CHANNEL, where each closes its own. python-socketio offers no
way to list another process's sockets, hence the channel.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime

from deliberate.services.publisher import NAMESPACE, member_audience, room_for
from deliberate.web.live import compat

log = logging.getLogger(__name__)

CHANNEL = "deliberate:end-sockets"
SWEEP_SECONDS = 60.0


def member_room(conference_id: int, member_id: int) -> str:
    """Every socket of one member (in every process, with a message queue)."""
    return room_for(conference_id, member_audience(member_id))


def end_local(socketio, conference_id: int, member_id: int, keep_sid: str | None = None,
              token_issued_at: str | None = None) -> int:
    """Close this process's sockets of `member_id` (but `keep_sid`); with `token_issued_at` (a renewal), only
    those opened with a token issued at another time. Returns how many were closed."""
    namespace = compat.live_namespace(socketio, NAMESPACE)
    closed = 0
    room = member_room(conference_id, member_id)
    for sid, _eio_sid in list(socketio.server.manager.get_participants(NAMESPACE, room)):
        if sid == keep_sid:
            continue
        if token_issued_at is not None:
            state = namespace.connections.get(sid) if namespace is not None else None
            issued = (state or {}).get("token_issued", {}).get(member_id)
            if issued is None or issued == token_issued_at:
                continue
        socketio.server.disconnect(sid, namespace=NAMESPACE)
        closed += 1
    return closed


def end_everywhere(app, socketio, conference_id: int, member_id: int, keep_sid: str | None = None,
                   token_issued_at: datetime | None = None) -> None:
    """end_local here, and in every other process through Redis when there is one."""
    issued = token_issued_at.isoformat() if token_issued_at is not None else None
    end_local(socketio, conference_id, member_id, keep_sid, issued)
    url = app.config.get("DELIBERATE_REDIS_URL")
    if url:
        message = json.dumps({"conference_id": conference_id, "member_id": member_id, "keep_sid": keep_sid,
                              "token_issued_at": issued})
        try:
            _redis(url).publish(CHANNEL, message)
        except Exception:  # Redis away: the other processes refuse the stale sockets' commands meanwhile
            log.exception("could not tell the other processes to close member %s's sockets", member_id)


_clients: dict[str, object] = {}


def _redis(url: str):
    from deliberate.services.analysis.requests import redis_client

    if url not in _clients:
        _clients[url] = redis_client(url)
    return _clients[url]


def listen(socketio, url: str, stopped: threading.Event | None = None) -> None:
    """This process's share of end_everywhere: close the sockets other processes name on CHANNEL. Runs as a
    background task for the life of the server; reconnects after a Redis outage."""
    delay = 1.0
    while stopped is None or not stopped.is_set():
        try:
            pubsub = _redis(url).pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(CHANNEL)
            delay = 1.0
            while stopped is None or not stopped.is_set():
                message = pubsub.get_message(timeout=1.0)
                if message is not None:
                    _apply(socketio, message.get("data"))
        except Exception as exc:
            log.warning("end-sockets channel: %s; listening again in %.0f s", exc, delay)
            time.sleep(delay)
            delay = min(30.0, delay * 2)


def _apply(socketio, data) -> None:
    try:
        message = json.loads(data)
        conference_id, member_id = int(message["conference_id"]), int(message["member_id"])
    except (TypeError, ValueError, KeyError):
        log.warning("ignored a message on %s: %r", CHANNEL, data)
        return
    end_local(socketio, conference_id, member_id, message.get("keep_sid"), message.get("token_issued_at"))


def sweep_expired(socketio, now=None) -> int:
    """Close this process's sockets whose session expired; how many."""
    namespace = compat.live_namespace(socketio, NAMESPACE)
    if namespace is None:
        return 0
    now = now or time.time()
    expired = namespace.connections.expired(now)
    for sid in expired:
        socketio.server.disconnect(sid, namespace=NAMESPACE)
    return len(expired)


def sweep_forever(socketio) -> None:
    while True:
        socketio.sleep(SWEEP_SECONDS)
        try:
            sweep_expired(socketio)
        except Exception:
            log.exception("the sweep of expired sockets failed")
