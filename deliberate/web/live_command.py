"""How a /live command answers: through its acknowledgement, {"ok": true, ...} or {"ok": false, "error": {...}}."""
import functools

from deliberate.extensions import db
from deliberate.services.errors import ServiceError
from deliberate.web import socket_guard


def error_answer(exc: ServiceError) -> dict:
    return {"ok": False, "error": exc.as_dict()}


def command(handler):
    """Run a command, turning refusals into acks and rolling back anything half-done; an unexpected failure
    answers `internal` (and is logged) rather than leaving the client without an ack."""
    def wrapper(self, data=None):
        try:
            return handler(self, data)
        except ServiceError as exc:
            db.session.rollback()
            return error_answer(exc)
        except Exception:
            db.session.rollback()
            return socket_guard.internal_error(handler.__name__[3:])
    return functools.wraps(handler)(wrapper)
