"""Co-writing: facilitators add, reword, reorder and delete paragraphs; every version is kept and
everyone in the room sees the document change (`document_changed`)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import (Argument, Member, Origin, Paragraph, ParagraphKind, ParagraphVersion, Phase,
                               Status)
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.document.view import document_view, live_paragraphs, paragraph_view_of, person
from deliberate.services.errors import invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import iso, member_dict
from deliberate.services.validation import enum_field, id_field, text_field

MAX_BODY = 5000
MAX_QUOTES = 20


def check_can_edit(actor: Member) -> None:
    """Facilitators write in drafting; after publication only organisers correct, for a new version."""
    rules.check(actor, "revise_published" if actor.conference.phase is Phase.PUBLISHED else "edit_document")


def get_paragraph(actor: Member, paragraph_id) -> Paragraph:
    paragraph_id = id_field(paragraph_id, name="paragraph_id")
    paragraph = db.session.get(Paragraph, paragraph_id)
    if paragraph is None or paragraph.conference_id != actor.conference_id or paragraph.deleted_at is not None:
        raise not_found(_l("No such paragraph in this document."))
    return paragraph


def record_version(paragraph: Paragraph, change: str, editor: Member | None, correction_id: int | None = None):
    db.session.add(ParagraphVersion(
        paragraph_id=paragraph.id, version=paragraph.version, change=change, body=paragraph.body,
        origin=paragraph.origin, quote_ids=list(paragraph.quote_ids), answer_ids=list(paragraph.answer_ids),
        position=paragraph.position, editor_id=editor.id if editor else None, correction_id=correction_id))


def announce(conference, change: str, actor: Member | None, publisher: Publisher, *,
             paragraph: Paragraph | None = None) -> None:
    """After commit: one paragraph changed (consent, a correction) or the whole document did."""
    payload = {"change": change, "by": member_dict(actor)}
    if paragraph is not None:
        payload["paragraph"] = paragraph_view_of(conference, paragraph)
    else:
        payload["document"] = document_view(conference)
    publisher.publish("document_changed", payload, conference.id)


def _quote_ids(actor: Member, value) -> list[int]:
    if not isinstance(value, list) or len(value) > MAX_QUOTES:
        raise invalid(_l("“quote_ids” must be a list of at most %(n)d argument ids.", n=MAX_QUOTES))
    ids = list(dict.fromkeys(id_field(v, name="quote_ids") for v in value))
    found = set(db.session.scalars(select(Argument.id).where(Argument.id.in_(ids),
                                                             Argument.conference_id == actor.conference_id,
                                                             Argument.status == Status.VISIBLE)))
    if missing := [i for i in ids if i not in found]:
        raise not_found(_l("No visible argument %(id)s in this conference to quote.", id=missing[0]))
    return ids


def _renumber(ordered: list[Paragraph]) -> None:
    for index, paragraph in enumerate(ordered):
        paragraph.position = index


def add_paragraph(actor: Member, body, after_id=None, kind="text", quote_ids=None,
                  *, deps: Collaborators) -> Paragraph:
    check_can_edit(actor)
    kind = enum_field(kind, ParagraphKind, name="kind")
    body = text_field(body, max_length=200 if kind is ParagraphKind.HEADING else MAX_BODY, name="body")
    quotes = _quote_ids(actor, quote_ids) if quote_ids else []
    ordered = live_paragraphs(actor.conference_id)
    index = len(ordered)
    if after_id is not None:
        after = get_paragraph(actor, after_id)
        index = ordered.index(after) + 1
    paragraph = Paragraph(conference_id=actor.conference_id, kind=kind, body=body, origin=Origin.FACILITATORS,
                          quote_ids=quotes, answer_ids=[], evidence_ids=[], source={}, position=index)
    ordered.insert(index, paragraph)
    _renumber(ordered)
    db.session.add(paragraph)
    db.session.flush()
    record_version(paragraph, "added", actor)
    db.session.commit()
    announce(actor.conference, "added", actor, deps.publisher)
    return paragraph


def reword_paragraph(actor: Member, paragraph_id, body, quote_ids=None,
                     *, deps: Collaborators) -> Paragraph:
    """A new wording is a new version: consent given to the old one no longer counts."""
    check_can_edit(actor)
    paragraph = get_paragraph(actor, paragraph_id)
    limit = 200 if paragraph.kind is ParagraphKind.HEADING else MAX_BODY
    body = text_field(body, max_length=limit, name="body", allow_empty=bool(paragraph.quote_ids))
    quotes = _quote_ids(actor, quote_ids) if quote_ids is not None else list(paragraph.quote_ids)
    if body == paragraph.body and quotes == list(paragraph.quote_ids):
        raise invalid(_l("Nothing changed: the paragraph already says this."))
    paragraph.body, paragraph.quote_ids = body, quotes
    paragraph.origin = Origin.FACILITATORS
    paragraph.version += 1
    paragraph.updated_at = utcnow()
    record_version(paragraph, "reworded", actor)
    db.session.commit()
    announce(actor.conference, "reworded", actor, deps.publisher, paragraph=paragraph)
    return paragraph


def move_paragraph(actor: Member, paragraph_id, position, *, deps: Collaborators) -> Paragraph:
    check_can_edit(actor)
    paragraph = get_paragraph(actor, paragraph_id)
    ordered = live_paragraphs(actor.conference_id)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < len(ordered):
        raise invalid(_l("“position” must be a whole number from 0 to %(last)d.", last=len(ordered) - 1))
    if ordered.index(paragraph) == position:
        raise invalid(_l("The paragraph is already at this place."))
    ordered.remove(paragraph)
    ordered.insert(position, paragraph)
    _renumber(ordered)
    record_version(paragraph, "moved", actor)
    db.session.commit()
    announce(actor.conference, "moved", actor, deps.publisher)
    return paragraph


def delete_paragraph(actor: Member, paragraph_id, *, deps: Collaborators) -> Paragraph:
    """Deleted paragraphs leave the document but keep their history, consent and corrections."""
    check_can_edit(actor)
    paragraph = get_paragraph(actor, paragraph_id)
    paragraph.deleted_at = utcnow()
    record_version(paragraph, "deleted", actor)
    _renumber([p for p in live_paragraphs(actor.conference_id) if p.id != paragraph.id])
    db.session.commit()
    announce(actor.conference, "deleted", actor, deps.publisher)
    return paragraph


def history(actor: Member, paragraph_id) -> list[dict]:
    """Every version of a paragraph, oldest first (any member of the conference may read it)."""
    paragraph_id = id_field(paragraph_id, name="paragraph_id")
    paragraph = db.session.get(Paragraph, paragraph_id)
    if paragraph is None or paragraph.conference_id != actor.conference_id:
        raise not_found(_l("No such paragraph in this document."))
    versions = db.session.scalars(select(ParagraphVersion).where(ParagraphVersion.paragraph_id == paragraph.id)
                                  .order_by(ParagraphVersion.id)).all()
    return [{"version": v.version, "change": v.change, "body": v.body, "origin": v.origin.value,
             "quote_ids": list(v.quote_ids), "position": v.position, "editor": person(v.editor),
             "correction_id": v.correction_id, "at": iso(v.created_at)} for v in versions]
