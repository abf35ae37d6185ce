"""Client-chosen idempotency keys: a retry after a lost acknowledgement gets the same answer and changes nothing.

A key is chosen by the client for one command (`post_argument`, `cast_vote`) and is scoped to the member who
sends it. Its row (CommandKey) is written in the same transaction as the command's own write, so a command is
either applied with its key or not at all; the unique constraint (member_id, key) settles concurrent retries.
"""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import CommandKey
from deliberate.services.errors import invalid

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def key_field(value) -> str | None:
    """None (no key), or a valid key; anything else is `invalid`."""
    if value is None:
        return None
    if not isinstance(value, str) or not KEY_PATTERN.fullmatch(value):
        raise invalid(_l("The key must be 1 to 64 letters, digits, “-” or “_”."))
    return value


def reused_for_another_command():
    return invalid(_l("This key was already used for another command."))


def stored(member_id: int, key: str, command: str) -> dict | None:
    """The stored result of the member's command with this key, or None if it was never applied."""
    row = db.session.execute(select(CommandKey.command, CommandKey.result)
                             .where(CommandKey.member_id == member_id, CommandKey.key == key)).first()
    if row is None:
        return None
    if row.command != command:
        raise reused_for_another_command()
    return row.result
