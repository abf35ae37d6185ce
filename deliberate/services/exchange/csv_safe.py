"""CSV cells that a spreadsheet shows as text and never runs as a formula (CSV injection, OWASP's advice).

The one guard for every CSV the project writes: the moderation history download, the Pol.is export and
`deliberate cluster`'s output."""
import re

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-1", "+2.5", "-0,5", "1e-3") is a number to a spreadsheet, never a formula: left alone, so
# that values such as a stance of -1 or a theme of -1 read back as numbers.
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")


def safe_cell(value):
    """`value` unchanged, unless it is text a spreadsheet would run: then it gets a leading `'`.

    Numbers are left alone, so a vote of -1 stays a number. Text that already starts with quotes before a
    formula character gets one more, so that `plain_cell` can undo this exactly (`'=x` is not `=x`)."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def plain_cell(text: str) -> str:
    """Undo `safe_cell` on a text read back from a file we (or a tool that guards the same way) wrote."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
