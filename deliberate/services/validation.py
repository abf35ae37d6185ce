"""Checks of untrusted input shared by every use-case. Each failure is a ServiceError."""
from enum import Enum

from flask_babel import lazy_gettext as _l

from deliberate.services.errors import ServiceError, invalid


def require_mapping(data) -> dict:
    if not isinstance(data, dict):
        raise invalid(_l("The request must be a JSON object."))
    return data


def text_field(value, *, max_length: int, name: str, allow_empty: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(_l("The field “%(name)s” must be text.", name=name))
    # Drop control characters other than line breaks and tabs; they only ever hide content.
    cleaned = "".join(ch for ch in value if ch in "\n\t" or ch.isprintable()).strip()
    if not cleaned and not allow_empty:
        raise invalid(_l("The field “%(name)s” is empty.", name=name))
    if len(cleaned) > max_length:
        raise ServiceError("too_long", _l("The field “%(name)s” is too long (%(length)d characters, at most %(max)d).",
                                          name=name, length=len(cleaned), max=max_length))
    return cleaned


def enum_field(value, enum_cls: type[Enum], *, name: str, optional: bool = False):
    if value is None and optional:
        return None
    if isinstance(value, str):
        for member in enum_cls:
            if member.value == value:
                return member
    allowed = ", ".join(m.value for m in enum_cls)
    raise invalid(_l("The field “%(name)s” must be one of: %(allowed)s.", name=name, allowed=allowed))


def id_field(value, *, name: str) -> int:
    # bool is a subclass of int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0 or value > 2**62:
        raise invalid(_l("The field “%(name)s” must be a positive integer.", name=name))
    return value
