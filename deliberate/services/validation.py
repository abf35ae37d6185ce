"""Checks of untrusted input shared by every use-case. Each failure is a ServiceError."""
import unicodedata
from enum import Enum

from flask_babel import LazyString, format_number, lazy_gettext as _l

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


# What the pages call each field, so an error says "Your text is empty", not "The field “text” is empty".
# Each label starts a sentence, and the French messages are worded so they agree with any of them.
FIELD_LABELS = {
    "text": _l("Your text"),
    "display_name": _l("Your name"),
    "reason": _l("The reason"),
    "reasons": _l("The list of reasons"),
    "body": _l("The text"),
    "note": _l("The note"),
    "title": _l("The title"),
    "question": _l("The question"),
    "description": _l("The description"),
    "summary": _l("The summary"),
    "organisation": _l("The organisation"),
    "sources": _l("A source"),
    "term": _l("The term"),
    "definition": _l("The definition"),
    "label": _l("The label"),
    "stance": _l("Your position"),
    "kind": _l("The kind of contribution"),
    "value": _l("Your answer"),
    "role": _l("The role"),
    "phase": _l("The phase"),
    "to": _l("The addressee"),
}


def _number(value: int) -> LazyString:
    """A count written in the reader's locale (5 000 in French, 5,000 in English) when the message is shown."""
    return LazyString(format_number, value)


def field_label(name: str):
    """The field as the page names it; ids and other fields no one types keep their technical name."""
    return FIELD_LABELS.get(name) or _l("The field “%(name)s”", name=name)


def text_field(value, *, max_length: int, name: str, allow_empty: bool = False) -> str:
    label = field_label(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise invalid(_l("%(label)s must be text.", label=label), name)
    if has_surrogate(value):
        raise invalid(_l("%(label)s contains invalid characters (lone surrogates).", label=label), name)
    cleaned = clean_text(value)
    if is_blank(cleaned):
        if cleaned and not allow_empty:
            raise invalid(_l("%(label)s has no visible character.", label=label), name)
        cleaned = ""
    if not cleaned and not allow_empty:
        raise invalid(_l("%(label)s is empty.", label=label), name)
    if len(cleaned) > max_length:
        raise ServiceError("too_long", _l("%(label)s is over the limit: %(length)s characters, at most %(max)s.",
                                          label=label, length=_number(len(cleaned)), max=_number(max_length)),
                           name)
    if longest_combining_run(cleaned) > MAX_COMBINING_RUN:
        raise invalid(_l("%(label)s stacks too many accents or marks on one character (at most %(max)d).",
                         label=label, max=MAX_COMBINING_RUN), name)
    return cleaned


def enum_field(value, enum_cls: type[Enum], *, name: str, optional: bool = False):
    if value is None and optional:
        return None
    if isinstance(value, str):
        for member in enum_cls:
            if member.value == value:
                return member
    allowed = ", ".join(m.value for m in enum_cls)
    raise invalid(_l("%(label)s must be one of: %(allowed)s.", label=field_label(name), allowed=allowed), name)


# Ids are INTEGER columns: 32 bits on PostgreSQL, where a larger number in a query is an error, not a miss.
MAX_ID = 2**31 - 1


def id_field(value, *, name: str) -> int:
    # bool is a subclass of int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0 or value > MAX_ID:
        raise invalid(_l("%(label)s must be a positive integer.", label=field_label(name)), name)
    return value
