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


# Characters that draw nothing on their own: format characters (zero-width space, joiners, word joiner, BOM, soft
# hyphen, tags), separators, combining marks (variation selectors among them), and the blank "letters" used to fake
# an empty name (Hangul fillers, braille blank). A text made only of these looks empty on every screen.
BLANK_CATEGORIES = {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"}
BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800\u034f")
# A letter carries a few combining marks at most (Vietnamese two, pointed Hebrew or Tibetan stacks four or five);
# dozens of them stacked on one letter ("Zalgo") overflow the card into the text around it.
MAX_COMBINING_RUN = 8


def has_surrogate(value: str) -> bool:
    """Lone surrogates are not characters: no database stores them (UTF-8 cannot encode them)."""
    return any("\ud800" <= ch <= "\udfff" for ch in value)


def is_blank(value: str) -> bool:
    return all(unicodedata.category(ch) in BLANK_CATEGORIES or ch in BLANK_LETTERS for ch in value)


def longest_combining_run(value: str) -> int:
    """The most combining marks stacked on one character (format characters in between do not end the stack)."""
    longest = run = 0
    for ch in value:
        category = unicodedata.category(ch)
        if category in ("Mn", "Me"):
            run += 1
            longest = max(longest, run)
        elif category != "Cf":
            run = 0
    return longest


def text_field(value, *, max_length: int, name: str, allow_empty: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(_l("The field “%(name)s” must be text.", name=name))
    if has_surrogate(value):
        raise invalid(_l("The field “%(name)s” contains invalid characters (lone surrogates).", name=name))
    cleaned = clean_text(value)
    if is_blank(cleaned):
        if cleaned and not allow_empty:
            raise invalid(_l("The field “%(name)s” has no visible character.", name=name))
        cleaned = ""
    if not cleaned and not allow_empty:
        raise invalid(_l("The field “%(name)s” is empty.", name=name))
    if len(cleaned) > max_length:
        raise ServiceError("too_long", _l("The field “%(name)s” is too long (%(length)d characters, at most %(max)d).",
                                          name=name, length=len(cleaned), max=max_length))
    if longest_combining_run(cleaned) > MAX_COMBINING_RUN:
        raise invalid(_l("The field “%(name)s” stacks too many accents or marks on one character (at most %(max)d).",
                         name=name, max=MAX_COMBINING_RUN))
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
