"""Publication: with a confirmation, freeze the report as a numbered version and open it to the public.
A corrected document is published again as the next version; every old one stays readable."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Conference, Member, Phase, Publication
from deliberate.services import rules
from deliberate.services.document.report import apply_erasures, erased_members, report_content
from deliberate.services.document.view import live_paragraphs
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import iso, member_dict
from deliberate.services.validation import MAX_ID, text_field


def publish(actor: Member, confirm, note=None, *, deps: Collaborators) -> Publication:
    rules.check(actor, "publish_document")
    if confirm is not True:
        raise invalid(_l("Publishing makes the report public and freezes this version: "
                         "confirm it (send “confirm”: true)."))
    note = text_field(note, max_length=1000, name="note", allow_empty=True)
    conference = actor.conference
    if not live_paragraphs(conference.id):
        raise ServiceError("conflict", _l("There is no document to publish yet: draft it first."))
    number = (db.session.scalar(select(func.max(Publication.number))
                                .where(Publication.conference_id == conference.id)) or 0) + 1
    if number > 1 and not note:
        raise invalid(_l("Say what this new version corrects (“note”)."))
    previous = conference.phase
    if previous is not Phase.PUBLISHED:
        from deliberate.services.conferences import move_to

        move_to(conference, Phase.PUBLISHED, actor)
    publication = Publication(conference_id=conference.id, number=number, content=report_content(conference),
                              note=note, published_by_id=actor.id)
    db.session.add(publication)
    db.session.commit()
    if previous is not Phase.PUBLISHED:
        from deliberate.services.conferences import announce_phase

        announce_phase(conference, previous, actor, deps.publisher)
    deps.publisher.publish(
        "document_changed", {"change": "published", "by": member_dict(actor),
                             "publication": publication_dict(conference, publication)}, conference.id)
    return publication


def publication_dict(conference: Conference, publication: Publication) -> dict:
    return {"number": publication.number, "published_at": iso(publication.published_at), "note": publication.note,
            "url": f"/c/{conference.slug}/report/v/{publication.number}"}


def publications(conference: Conference) -> list[Publication]:
    return db.session.scalars(select(Publication).where(Publication.conference_id == conference.id)
                              .order_by(Publication.number)).all()


def published_report(conference: Conference, number: int | None = None) -> tuple[Publication, dict]:
    """A published version (the latest by default), with later erasures applied."""
    query = select(Publication).where(Publication.conference_id == conference.id)
    query = query.where(Publication.number == number) if number is not None else query.order_by(
        Publication.number.desc()).limit(1)
    # A number beyond the INTEGER column cannot be a version (and PostgreSQL refuses it in a query).
    publication = db.session.scalars(query).first() if number is None or 0 < number <= MAX_ID else None
    if publication is None:
        raise not_found(_l("This report has not been published.") if number is None
                        else _l("There is no version %(n)d of this report.", n=number))
    return publication, apply_erasures(publication.content, erased_members(conference.id))


def published_conferences(limit: int = 20) -> list[dict]:
    """The conferences whose report is public (at least one version published), newest first: what the home
    page lists. `published_at` is the first version's date (naive UTC), when the conference was published."""
    first = (select(Publication.conference_id, func.min(Publication.published_at).label("published_at"))
             .group_by(Publication.conference_id).subquery())
    rows = db.session.execute(select(Conference, first.c.published_at)
                              .join(first, first.c.conference_id == Conference.id)
                              .order_by(first.c.published_at.desc(), Conference.id.desc())
                              .limit(max(0, int(limit)))).all()
    return [{"slug": conference.slug, "title": conference.title, "question": conference.question,
             "published_at": published_at} for conference, published_at in rows]
