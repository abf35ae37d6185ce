"""CSV cells that a spreadsheet shows as text and never runs as a formula (CSV injection)."""

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value` unchanged, unless it is text a spreadsheet would run: then it gets a leading `'`.

    Numbers are left alone, so a vote of -1 stays a number. Text that already starts with quotes before a
    formula character gets one more, so that `plain_cell` can undo this exactly (`'=x` is not `=x`)."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def plain_cell(text: str) -> str:
    """Undo `safe_cell` on a text read back from a file we (or a tool that guards the same way) wrote."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
