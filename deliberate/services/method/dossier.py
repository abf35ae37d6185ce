"""Use-cases of the dossier: background pages (organisers), stakeholders' contributions (stakeholders, or
organisers on their behalf), and the glossary. Bodies are Markdown; pages render them without raw HTML."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import ContributionKind, Conference, DossierEntry, GlossaryTerm, Member, Role
from deliberate.models.base import utcnow
from deliberate.services import rules
from deliberate.services.errors import ServiceError, invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.publisher import Publisher
from deliberate.services.serialize import dossier_entry_dict, glossary_dict
from deliberate.services.validation import id_field, text_field

MAX_BODY = 20_000
MAX_SOURCES = 20
MAX_SOURCE = 500
MAX_TERM = 80
MAX_DEFINITION = 600


def entries(conference: Conference, kind: ContributionKind | None = None) -> list[DossierEntry]:
    query = (select(DossierEntry).where(DossierEntry.conference_id == conference.id)
             .options(selectinload(DossierEntry.stakeholder), selectinload(DossierEntry.entered_by))
             .order_by(DossierEntry.kind, DossierEntry.position, DossierEntry.id))
    if kind is not None:
        query = query.where(DossierEntry.kind == kind)
    return db.session.scalars(query).all()


def glossary(conference: Conference) -> list[GlossaryTerm]:
    return db.session.scalars(select(GlossaryTerm).where(GlossaryTerm.conference_id == conference.id)
                              .order_by(func.lower(GlossaryTerm.term))).all()


def sources_field(value) -> list[str]:
    """A list of sources, or one text with a source per line (forms)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list):
        raise invalid(_l("The sources must be a list of texts."))
    cleaned = [text_field(v, max_length=MAX_SOURCE, name="sources", allow_empty=True) for v in value]
    cleaned = [c for c in cleaned if c]
    if len(cleaned) > MAX_SOURCES:
        raise invalid(_l("At most %(n)d sources.", n=MAX_SOURCES))
    return cleaned


def _entry(actor: Member, entry_id) -> DossierEntry:
    entry = db.session.get(DossierEntry, id_field(entry_id, name="entry_id"))
    if entry is None or entry.conference_id != actor.conference_id:
        raise not_found(_l("No such page in the dossier."))
    return entry


def _publish_dossier(conference: Conference, publisher: Publisher) -> None:
    publisher.publish(
        "dossier_changed", {"entries": [dossier_entry_dict(e, with_body=False) for e in entries(conference)]},
        conference.id)


def save_page(actor: Member, title, body, sources=None, entry_id=None, *, deps: Collaborators
              ) -> DossierEntry:
    """Create (or, with `entry_id`, edit) a background page of the dossier."""
    rules.check(actor, "edit_dossier")
    title = text_field(title, max_length=200, name="title")
    body = text_field(body, max_length=MAX_BODY, name="body")
    sources = sources_field(sources)
    if entry_id is None:
        last = db.session.scalar(select(func.max(DossierEntry.position)).where(
            DossierEntry.conference_id == actor.conference_id))
        entry = DossierEntry(conference_id=actor.conference_id, kind=ContributionKind.BACKGROUND,
                             position=(last or 0) + 1, entered_by_id=actor.id, summary="")
        db.session.add(entry)
    else:
        entry = _entry(actor, entry_id)
        if entry.kind is not ContributionKind.BACKGROUND:
            raise invalid(_l("A stakeholder's contribution is edited as a contribution."))
    entry.title, entry.body, entry.sources, entry.updated_at = title, body, sources, utcnow()
    db.session.commit()
    _publish_dossier(actor.conference, deps.publisher)
    return entry


def submit_contribution(actor: Member, organisation, summary, body, sources=None, title=None, stakeholder_id=None,
                        entry_id=None, *, deps: Collaborators) -> DossierEntry:
    """A stakeholder's written contribution, attributed to them; an organiser may enter it for a stakeholder
    (`stakeholder_id`) or for an organisation that has no account. A stakeholder edits only their own."""
    rules.check(actor, "submit_contribution")
    organisation = text_field(organisation, max_length=200, name="organisation")
    summary = text_field(summary, max_length=1000, name="summary")
    body = text_field(body, max_length=MAX_BODY, name="body")
    sources = sources_field(sources)
    title = text_field(title, max_length=200, name="title", allow_empty=True) or organisation
    if actor.role is Role.STAKEHOLDER:
        if stakeholder_id not in (None, actor.id):
            raise ServiceError("forbidden", _l("A stakeholder submits contributions in their own name."))
        stakeholder = actor
    elif stakeholder_id is not None:
        stakeholder = db.session.get(Member, id_field(stakeholder_id, name="stakeholder_id"))
        if stakeholder is None or stakeholder.conference_id != actor.conference_id:
            raise not_found(_l("No such stakeholder in this conference."))
        if stakeholder.role is not Role.STAKEHOLDER:
            raise invalid(_l("Contributions are attributed to a stakeholder."))
    else:
        stakeholder = None
    if entry_id is None:
        last = db.session.scalar(select(func.max(DossierEntry.position)).where(
            DossierEntry.conference_id == actor.conference_id))
        entry = DossierEntry(conference_id=actor.conference_id, kind=ContributionKind.CONTRIBUTION,
                             position=(last or 0) + 1, entered_by_id=actor.id)
        db.session.add(entry)
    else:
        entry = _entry(actor, entry_id)
        if entry.kind is not ContributionKind.CONTRIBUTION:
            raise invalid(_l("This page is not a contribution."))
        if actor.role is Role.STAKEHOLDER and entry.stakeholder_id != actor.id:
            raise ServiceError("forbidden", _l("You can only edit your own contribution."))
    entry.title, entry.organisation, entry.summary, entry.body = title, organisation, summary, body
    entry.sources, entry.stakeholder_id, entry.updated_at = sources, stakeholder.id if stakeholder else None, utcnow()
    db.session.commit()
    _publish_dossier(actor.conference, deps.publisher)
    return entry


def delete_entry(actor: Member, entry_id, *, deps: Collaborators) -> None:
    rules.check(actor, "edit_dossier")
    entry = _entry(actor, entry_id)
    db.session.delete(entry)
    db.session.commit()
    _publish_dossier(actor.conference, deps.publisher)


def _publish_glossary(conference: Conference, publisher: Publisher) -> None:
    publisher.publish("glossary_changed",
                                               {"glossary": [glossary_dict(t) for t in glossary(conference)]},
                                               conference.id)


def save_term(actor: Member, term, definition, term_id=None, *, deps: Collaborators) -> GlossaryTerm:
    rules.check(actor, "edit_dossier")
    term = text_field(term, max_length=MAX_TERM, name="term")
    if "\n" in term:
        raise invalid(_l("A glossary term fits on one line."))
    definition = text_field(definition, max_length=MAX_DEFINITION, name="definition")
    if term_id is None:
        item = GlossaryTerm(conference_id=actor.conference_id)
        db.session.add(item)
    else:
        item = db.session.get(GlossaryTerm, id_field(term_id, name="term_id"))
        if item is None or item.conference_id != actor.conference_id:
            raise not_found(_l("No such glossary term."))
    item.term, item.definition = term, definition
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise ServiceError("conflict", _l("This term is already in the glossary.")) from exc
    _publish_glossary(actor.conference, deps.publisher)
    return item


def delete_term(actor: Member, term_id, *, deps: Collaborators) -> None:
    rules.check(actor, "edit_dossier")
    item = db.session.get(GlossaryTerm, id_field(term_id, name="term_id"))
    if item is None or item.conference_id != actor.conference_id:
        raise not_found(_l("No such glossary term."))
    db.session.delete(item)
    db.session.commit()
    _publish_glossary(actor.conference, deps.publisher)
