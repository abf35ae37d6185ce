"""The one error type services raise: a stable code, a human message, an HTTP status."""
from flask_babel import lazy_gettext as _l

STATUS = {
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "invalid": 400,
    "too_long": 413,
    "wrong_phase": 409,
    "conflict": 409,
    "rate_limited": 429,
}


class ServiceError(Exception):
    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message  # may be a lazy string: translated when rendered

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 400)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self.message)}


def invalid(message) -> ServiceError:
    return ServiceError("invalid", message)


def not_found(message=None) -> ServiceError:
    return ServiceError("not_found", message or _l("Not found."))


def forbidden(message=None) -> ServiceError:
    return ServiceError("forbidden", message or _l("You are not allowed to do this."))
