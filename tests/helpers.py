"""Helpers shared by the test modules (one place: test modules do not import from each other)."""
from __future__ import annotations

from flask import current_app

from deliberate.services.collaborators import Collaborators, of


def using(publisher=None) -> Collaborators:
    """The collaborators of the app in context, with `publisher` (a test's recorder) in place of its own."""
    deps = of(current_app)
    return deps if publisher is None else deps.but(publisher=publisher)
