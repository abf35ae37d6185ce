"""Plain-dict views of models, as they travel in events, acks and JSON responses."""
from datetime import datetime

from deliberate.models import (AgendaItem, Answer, Argument, Conference, DossierEntry, GlossaryTerm, Member,
                               ModerationDecision, Status, UnclearNote)
from deliberate.models.base import utcnow


def iso(dt) -> str | None:
    return dt.isoformat(timespec="seconds") + "Z" if dt else None


def iso_ms(dt: datetime | None) -> str | None:
    """Milliseconds for deadlines: a countdown must not be a second off."""
    return dt.isoformat(timespec="milliseconds") + "Z" if dt else None


def member_dict(member: Member | None) -> dict | None:
    if member is None:
        return None
    data = {"id": member.id, "display_name": member.display_name, "role": member.role.value}
    if member.erased_at is not None:  # personal data erased: pages say "participant erased"
        data["erased"] = True
    return data


def conference_dict(conference: Conference) -> dict:
    return {
        "slug": conference.slug,
        "title": conference.title,
        "question": conference.question,
        "description": conference.description,
        "phase": conference.phase.value,
    }


def argument_dict(argument: Argument, include_moderation: bool = False) -> dict:
    data = {
        "id": argument.id,
        "text": argument.text,
        "stance": argument.stance.value if argument.stance else None,
        "kind": argument.kind.value,
        "author": member_dict(argument.author),
        "created_at": iso(argument.created_at),
        "addressee": member_dict(argument.addressee),
        "follows_answer_id": argument.follows_answer_id,
    }
    if include_moderation:
        data["status"] = argument.status.value
        data["moderation_reason"] = argument.moderation_reason
        data["duplicate_of"] = argument.duplicate_of_id
    return data


def hidden_placeholder(argument: Argument) -> dict:
    """What a participant gets of a hidden argument: its place and the published reason, never its text."""
    return {"id": argument.id, "status": Status.HIDDEN.value, "moderation_reason": argument.moderation_reason,
            "duplicate_of": argument.duplicate_of_id, "kind": argument.kind.value, "text": None,
            "created_at": iso(argument.created_at)}


def answer_dict(answer: Answer) -> dict:
    return {"id": answer.id, "question_id": answer.question_id, "text": answer.text,
            "author": member_dict(answer.author), "created_at": iso(answer.created_at)}


def timer_dict(conference: Conference) -> dict:
    """`ends_at` null: no timer running. `server_now` lets clients correct their clock."""
    running = conference.timer_ends_at is not None
    return {"label": conference.timer_label if running else None, "ends_at": iso_ms(conference.timer_ends_at),
            "seconds": conference.timer_seconds if running else 0, "item_id": conference.timer_item_id if running else None,
            "server_now": iso_ms(utcnow())}


def agenda_item_dict(item: AgendaItem) -> dict:
    return {"id": item.id, "position": item.position, "phase": item.phase.value, "title": item.title,
            "argument_id": item.argument_id, "planned_minutes": item.planned_minutes}


def decision_dict(decision: ModerationDecision) -> dict:
    return {"id": decision.id, "argument_id": decision.argument_id, "action": decision.action.value,
            "reason": decision.reason, "duplicate_of": decision.duplicate_of_id,
            "moderator": member_dict(decision.moderator), "created_at": iso(decision.created_at)}


def dossier_entry_dict(entry: DossierEntry, with_body: bool = True) -> dict:
    data = {"id": entry.id, "kind": entry.kind.value, "title": entry.title, "organisation": entry.organisation,
            "summary": entry.summary, "sources": list(entry.sources or []),
            "stakeholder": member_dict(entry.stakeholder), "entered_by": member_dict(entry.entered_by),
            "updated_at": iso(entry.updated_at)}
    if with_body:
        data["body"] = entry.body
    return data


def glossary_dict(term: GlossaryTerm) -> dict:
    return {"id": term.id, "term": term.term, "definition": term.definition}


def note_dict(note: UnclearNote) -> dict:
    return {"id": note.id, "text": note.text, "entry_id": note.entry_id, "author": member_dict(note.author),
            "created_at": iso(note.created_at)}
