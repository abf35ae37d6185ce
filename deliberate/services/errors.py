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
    def __init__(self, code: str, message, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message  # may be a lazy string: translated when rendered
        self.field = field  # the payload field at fault, so a page can mark its input

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 400)

    def as_dict(self) -> dict:
        out = {"code": self.code, "message": str(self.message)}
        if self.field:
            out["field"] = self.field
        return out


def invalid(message, field: str | None = None) -> ServiceError:
    return ServiceError("invalid", message, field)


def not_found(message=None) -> ServiceError:
    return ServiceError("not_found", message or _l("Not found."))


def forbidden(message=None) -> ServiceError:
    return ServiceError("forbidden", message or _l("You are not allowed to do this."))
