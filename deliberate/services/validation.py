"""Checks of untrusted input shared by every use-case. Each failure is a ServiceError."""
import unicodedata
from enum import Enum

from flask_babel import lazy_gettext as _l

from deliberate.services.errors import ServiceError, invalid


def require_mapping(data) -> dict:
    if not isinstance(data, dict):
        raise invalid(_l("The request must be a JSON object."))
    return data


# Bidirectional overrides can make a text display differently from what it says.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: str) -> str:
    """Drop control characters (but line breaks and tabs) and bidi overrides; keep every other
    character, including the narrow no-break spaces of French typography and emoji joiners."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch for ch in value if ch in "\n\t" or (unicodedata.category(ch) != "Cc"
                                                             and ch not in BIDI_CONTROLS)).strip()


def text_field(value, *, max_length: int, name: str, allow_empty: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(_l("The field “%(name)s” must be text.", name=name))
    cleaned = clean_text(value)
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


# Ids are INTEGER columns: 32 bits on PostgreSQL, where a larger number in a query is an error, not a miss.
MAX_ID = 2**31 - 1


def id_field(value, *, name: str) -> int:
    # bool is a subclass of int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0 or value > MAX_ID:
        raise invalid(_l("The field “%(name)s” must be a positive integer.", name=name))
    return value
