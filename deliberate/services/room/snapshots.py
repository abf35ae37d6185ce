"""What a member sees on (re)joining: the whole current state, from committed data only."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import Argument, Member, Role, Status
from deliberate.services import rules
from deliberate.services.analysis.refresh import latest_public_themes, latest_report
from deliberate.services.document.consent import my_consents
from deliberate.services.document.publication import publication_dict, publications
from deliberate.services.document.view import document_view
from deliberate.services.method.agenda import agenda_payload
from deliberate.services.members.membership import members_with_roles
from deliberate.services.method.answers import answers_of
from deliberate.services.method.floor import queue_state, spotlight_state
from deliberate.services.room.participation import participation
from deliberate.services.permissions import capabilities
from deliberate.services.method.dossier import entries, glossary
from deliberate.services.method.notes import notes_of
from deliberate.services.serialize import (answer_dict, argument_dict, conference_dict, dossier_entry_dict,
                                           glossary_dict, hidden_placeholder, member_dict, note_dict, timer_dict)
from deliberate.services.room.votes import EMPTY, tallies, votes_of


def answerers(conference_id: int) -> list[dict]:
    """Experts and stakeholders, to whom a question can be addressed."""
    return [member_dict(m) for m in members_with_roles(conference_id, (Role.EXPERT, Role.STAKEHOLDER))]


def snapshot(member: Member) -> dict:
    conference = member.conference
    steer = member.role.can_steer
    arguments = db.session.scalars(select(Argument).where(Argument.conference_id == conference.id)
                                   .options(selectinload(Argument.author), selectinload(Argument.addressee))
                                   .order_by(Argument.id)).all()
    counts = tallies(conference.id)
    mine = votes_of(member)
    visible_ids = {a.id for a in arguments if a.status is Status.VISIBLE}
    listed = [argument_dict(a, include_moderation=steer) if steer or a.status is Status.VISIBLE
              # A participant keeps a hidden argument's place and reason, never its text.
              else hidden_placeholder(a) for a in arguments]
    return {
        "conference": conference_dict(conference),
        "phase": conference.phase.value,
        "me": {**member_dict(member), "can": capabilities(member)},
        "arguments": listed,
        "tallies": {str(a.id): counts.get(a.id, dict(EMPTY)) for a in arguments if steer or a.id in visible_ids},
        "my_votes": {str(k): v for k, v in mine.items() if k in visible_ids},
        "answers": [answer_dict(a) for a in answers_of(conference) if a.question_id in visible_ids or steer],
        "timer": timer_dict(conference),
        **queue_state(conference),
        "spotlight": spotlight_state(conference),
        **agenda_payload(conference),
        "glossary": [glossary_dict(t) for t in glossary(conference)],
        "dossier": [dossier_entry_dict(e, with_body=False) for e in entries(conference)],
        "answerers": answerers(conference.id),
        "moderation_reasons": list(conference.moderation_reasons or []),
        "tallies_after_vote": bool(conference.tallies_after_vote),
        "themes": latest_public_themes(conference.id),
        "rules": rules.rules_in_words(member),
        "my_notes": [note_dict(n) for n in notes_of(conference, author=member)],
        "document": document_view(conference),
        "my_consents": my_consents(member),
        "publications": [publication_dict(conference, p) for p in publications(conference)],
        **({"analysis": latest_report(conference.id), "participation": participation(conference.id)} if steer else {}),
    }
