"""Translated strings for the facilitator's console and the projector view (static/js/console.js, screen.js)."""
from flask_babel import gettext as _


def console_strings() -> dict:
    return {
        "analysis": _("Live analysis"),
    }
