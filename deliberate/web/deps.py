"""The web layer's way to the collaborators the app factory built (services/collaborators.py): request handlers
hand them to the use-cases they call, which never reach for a Flask global themselves."""
from flask import current_app

from deliberate.services.collaborators import Collaborators


def deps() -> Collaborators:
    return current_app.extensions["deliberate"]
