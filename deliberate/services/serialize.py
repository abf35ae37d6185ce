"""Plain-dict views of models, as they travel in events, acks and JSON responses."""
from deliberate.models import Argument, Conference, Member


def iso(dt) -> str | None:
    return dt.isoformat(timespec="seconds") + "Z" if dt else None


def member_dict(member: Member) -> dict:
    return {"id": member.id, "display_name": member.display_name, "role": member.role.value}


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
    }
    if include_moderation:
        data["status"] = argument.status.value
        data["moderation_reason"] = argument.moderation_reason
    return data
