"""Settings of the live room that organisers and facilitators choose for the participants."""
from flask_babel import lazy_gettext as _l

from deliberate.extensions import db
from deliberate.models import Member
from deliberate.services import rules
from deliberate.services.errors import invalid
from deliberate.services.collaborators import Collaborators


def set_tally_visibility(actor: Member, after_vote, *, deps: Collaborators) -> bool:
    """after_vote=True: a participant sees an argument's counts only once they have voted on it, so a lay
    panel forms its own view before seeing the crowd's. Facilitators and observers always see the counts."""
    rules.check(actor, "set_tally_visibility")
    if not isinstance(after_vote, bool):
        raise invalid(_l("Choose whether the counts appear only after one's own vote (true or false)."), "after_vote")
    conference = actor.conference
    conference.tallies_after_vote = after_vote
    db.session.commit()
    deps.publisher.publish("tally_visibility_changed", {"after_vote": after_vote},
                                               conference.id)
    return after_vote
