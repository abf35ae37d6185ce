"""Use-cases of "what I still don't understand": panelists note what is unclear; the notes, grouped by
meaning with the conference's embedder, become candidate questions for the experts."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.analysis.notes import group_notes
from deliberate.extensions import db
from deliberate.models import Conference, DossierEntry, Member, UnclearNote
from deliberate.services import rules
from deliberate.services.analysis.embeddings import embed_cached
from deliberate.services.errors import not_found
from deliberate.services.permissions import ensure_can_steer
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import note_dict
from deliberate.services.validation import id_field, text_field

MAX_NOTE = 500


def add_note(actor: Member, text, entry_id=None, *, deps: Collaborators) -> UnclearNote:
    """Commit the note, then tell the facilitators (`note_added`); other participants do not see notes."""
    rules.check(actor, "note_unclear")
    clean = text_field(text, max_length=MAX_NOTE, name="text")
    entry = None
    if entry_id is not None:
        entry = db.session.get(DossierEntry, id_field(entry_id, name="entry_id"))
        if entry is None or entry.conference_id != actor.conference_id:
            raise not_found(_l("No such page in the dossier."))
    note = UnclearNote(conference_id=actor.conference_id, author_id=actor.id, text=clean,
                       entry_id=entry.id if entry else None)
    db.session.add(note)
    db.session.commit()
    deps.publisher.publish("note_added", {"note": note_dict(note)}, actor.conference_id,
                                               "facilitators")
    return note


def notes_of(conference: Conference, author: Member | None = None) -> list[UnclearNote]:
    query = (select(UnclearNote).where(UnclearNote.conference_id == conference.id)
             .options(selectinload(UnclearNote.author)).order_by(UnclearNote.id))
    if author is not None:
        query = query.where(UnclearNote.author_id == author.id)
    return db.session.scalars(query).all()


def note_groups(actor: Member, *, deps: Collaborators) -> list[dict]:
    """The conference's notes grouped by meaning, largest group first (facilitators and organisers)."""
    ensure_can_steer(actor)
    notes = notes_of(actor.conference)
    if not notes:
        return []
    embedder = deps.embedder()
    vectors = embed_cached(embedder, [n.text for n in notes])
    groups = group_notes(vectors, [n.text for n in notes], embedder_name=embedder.name)
    return [{"size": len(g["members"]), "candidate": note_dict(notes[g["central"]]), "machine_written": True,
             "keywords": g["keywords"], "notes": [note_dict(notes[i]) for i in g["members"]]} for g in groups]
