"""What stands between a raw Socket.IO message and a /live command, so that every message gets a clean answer.

python-socketio answers an unknown event with an empty acknowledgement, routes `connect` / `disconnect` sent as
plain events to the connection handlers, raises on extra positional arguments, and cannot decode JSON nested
deeper than Python's recursion limit (the message is dropped with a traceback and no acknowledgement).
The server decodes with SAFE_PACKET (its public `serializer` option); LiveNamespace.trigger_event uses these helpers to answer all of them with {"ok": false, "error": {...}}.
"""
import logging

from flask_babel import lazy_gettext as _l
from socketio import packet

from deliberate.services.errors import ServiceError

log = logging.getLogger(__name__)

RESERVED = ("connect", "disconnect")
# The event name given to a message whose JSON could not be decoded (too deep, malformed) or whose shape is not
# [name, ...]: no client can send it by name, since it holds a NUL.
UNREADABLE = "\x00unreadable"
# A message over MAX_COMMAND_BYTES is answered `too_long` (the name it is given holds a NUL, as UNREADABLE's);
# the transport accepts up to MAX_FRAME_BYTES (live_setup.py) so that such a message still gets its answer, and
# closes the connection beyond, the one case without an answer (docs/events.md).
TOO_LONG = "\x00too_long"
MAX_COMMAND_BYTES = 64 * 1024
MAX_FRAME_BYTES = 1024 * 1024
# Payloads are flat objects with a list or two inside; much more nesting is an attack, not a command.
MAX_DEPTH = 16
MAX_NODES = 10_000  # max_http_buffer_size (64 KB) bounds it too; this bounds the work of walking it


def safe_packet_class(base: type) -> type:
    """A packet class whose decoding never raises for an EVENT's data: the message becomes UNREADABLE instead,
    keeping its acknowledgement id, so the namespace can answer it."""
    if getattr(base, "_deliberate_safe", False):
        return base

    class SafePacket(base):
        _deliberate_safe = True

        def decode(self, encoded_packet):
            try:
                count = super().decode(encoded_packet)
            except (RecursionError, ValueError, TypeError) as exc:
                if self.packet_type != packet.EVENT:
                    raise
                log.info("Unreadable Socket.IO event (%s)", type(exc).__name__)
                self.data = [UNREADABLE]
                return 0
            if self.packet_type == packet.EVENT and not (
                    isinstance(self.data, list) and self.data and isinstance(self.data[0], str)):
                self.data = [UNREADABLE]
            elif self.packet_type == packet.EVENT and _size(encoded_packet) > MAX_COMMAND_BYTES:
                self.data = [TOO_LONG]
            return count

    return SafePacket


def _size(encoded) -> int:
    return len(encoded) if isinstance(encoded, bytes) else len(encoded.encode("utf-8", "surrogatepass"))


def check_payload(data) -> None:
    """Refuse payloads nested too deep or too big to be a command (walked without recursion)."""
    stack, seen = [(data, 0)], 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > MAX_NODES:
            raise ServiceError("invalid", _l("The command's payload is nested too deeply or too big."))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def refusal_of_name(event, commands) -> ServiceError | None:
    """Why an event name is not a command, or None when it is one."""
    if event == TOO_LONG:
        return ServiceError("too_long", _l("The message is over %(n)d KB: no command is that long.",
                                           n=MAX_COMMAND_BYTES // 1024))
    if event == UNREADABLE:
        return ServiceError("invalid", _l("The message could not be read: send a command name and one JSON object."))
    if event in RESERVED:
        return ServiceError("invalid", _l("“connect” and “disconnect” are not commands."))
    if not isinstance(event, str) or event not in commands:
        return ServiceError("not_found", _l("There is no such command."))
    return None


def payload_of(payloads: tuple):
    """The one payload of a command (None when none was sent); more than one is refused."""
    if len(payloads) > 1:
        raise ServiceError("invalid", _l("A command takes one payload (a JSON object), not %(n)d.", n=len(payloads)))
    return payloads[0] if payloads else None


def internal_error(event) -> dict:
    """The answer to a command that failed unexpectedly (the caller has rolled back); the traceback goes to the log."""
    log.exception("The /live command %r failed", event if isinstance(event, str) else type(event).__name__)
    return {"ok": False, "error": {"code": "internal", "message": str(_l(
        "The server could not carry out this command. Try again; if it keeps failing, tell the organisers."))}}


SAFE_PACKET = safe_packet_class(packet.Packet)  # the Socket.IO server's `serializer` (live_setup.py)
