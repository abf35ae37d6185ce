"""Where services send events after a commit. Real: Socket.IO rooms; tests: a recorder."""
from __future__ import annotations

from dataclasses import dataclass, field

NAMESPACE = "/live"


def room_for(conference_id: int, audience: str = "all") -> str:
    """Room names: everyone in a conference, only those who steer it ("facilitators"), or one member's own
    sockets (member_audience)."""
    return f"conference:{conference_id}" if audience == "all" else f"conference:{conference_id}:{audience}"


def member_audience(member_id: int) -> str:
    """The audience of one member's own sockets, in every process."""
    return f"member:{member_id}"


class Publisher:
    def publish(self, event: str, payload: dict, conference_id: int, audience: str = "all") -> None:
        raise NotImplementedError


class SocketIOPublisher(Publisher):
    def __init__(self, socketio):
        self.socketio = socketio

    def publish(self, event, payload, conference_id, audience="all"):
        self.socketio.emit(event, payload, to=room_for(conference_id, audience), namespace=NAMESPACE)


@dataclass
class RecordingPublisher(Publisher):
    """Keeps every event; used by service tests to check what a use-case announced."""
    events: list[tuple[str, dict, int, str]] = field(default_factory=list)

    def publish(self, event, payload, conference_id, audience="all"):
        self.events.append((event, payload, conference_id, audience))

    def names(self) -> list[str]:
        return [e[0] for e in self.events]

    def clear(self) -> None:
        self.events.clear()

