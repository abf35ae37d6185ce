"""A small conference with something for every command to act on (arguments, a question, a key question, a hidden
argument, paragraphs, a minority statement, a correction, dossier entries), put in any phase; and a fingerprint of
the whole database, to check that a refused command changed nothing."""
import hashlib

from sqlalchemy import select

from deliberate.extensions import db, socketio
from deliberate.models import (
    Argument,
    Base,
    Conference,
    Correction,
    Member,
    MinorityStatement,
    Paragraph,
    Phase,
    Role,
    Status,
)
from deliberate.services.room import arguments
from deliberate.services.members import membership
from deliberate.services.method import answers, dossier
from tests.helpers import using

NS = "/live"
ROLES = [r.value for r in Role]


def build(app, conference, phase: str) -> dict:
    """Members of every role (plus spare panelists to give the floor to, erase or revoke), their tokens, and the
    ids of the targets, in `phase`. Returns {"members": {role: id}, "tokens": {role: token}, "t": {name: id}}."""
    with app.app_context():
        made = {role: membership.join(conference.slug, conference.codes[role], f"{role}-1", deps=using()) for role in ROLES}
        spares = [membership.join(conference.slug, conference.codes["panelist"], f"spare-{i}", deps=using())[0] for i in range(3)]
        get = lambda role: db.session.get(Member, made[role][0].id)
        panelist, expert, organiser = get("panelist"), get("expert"), get("organiser")
        post = lambda text_, stance="for", kind="argument": arguments.post_argument(panelist, text_, stance, kind, deps=using()).id
        t = {"argument": post("Cible."), "to_hide": post("À cacher."), "duplicate": post("Cible, encore."),
             "question": post("Question ?", None, "question"), "key": post("Clé ?", None, "key_question"),
             "hidden": post("Déjà caché.")}
        t["answer"] = answers.answer_question(expert, t["question"], "Une réponse.", deps=using()).id
        argument = db.session.get(Argument, t["hidden"])
        argument.status, argument.moderation_reason = Status.HIDDEN, "Hors sujet"
        t["page"] = dossier.save_page(organiser, "Une page", "Un texte de fond.", "", deps=using()).id
        # The document's targets, made directly: the services only write them from drafting on.
        first, spare = (Paragraph(conference_id=conference.id, position=i, body=body, quote_ids=[], answer_ids=[],
                                  evidence_ids=[], source={}) for i, body in enumerate(("Premier.", "Second.")))
        db.session.add_all([first, spare])
        db.session.flush()
        statement = MinorityStatement(conference_id=conference.id, author_id=panelist.id, text="Minorité.")
        correction = Correction(conference_id=conference.id, paragraph_id=first.id, expert_id=expert.id,
                                paragraph_version=1, original="Premier.", text="Premier, corrigé.", reason="Fait.")
        db.session.add_all([statement, correction])
        db.session.flush()
        t.update(paragraph=first.id, spare_paragraph=spare.id, statement=statement.id, correction=correction.id,
                 speaker=spares[0].id, to_erase=spares[1].id, to_revoke=spares[2].id)
        db.session.get(Conference, conference.id).phase = Phase(phase)
        db.session.commit()
        world = {"members": {role: made[role][0].id for role in ROLES},
                 "tokens": {role: made[role][1] for role in ROLES}, "t": t}
        db.session.remove()
    return world


def connect_all(app, world, slug) -> dict:
    """One joined /live client per role."""
    clients = {}
    for role, token in world["tokens"].items():
        client = socketio.test_client(app, namespace=NS, auth={"token": token})
        ack = client.emit("join", {"conference": slug}, namespace=NS, callback=True)
        assert ack["ok"], ack
        client.snapshot = ack["snapshot"]
        client.get_received(NS)
        clients[role] = client
    return clients


def disconnect_all(clients) -> None:
    for client in clients.values():
        if client.is_connected(NS):
            client.disconnect(NS)


def fingerprint(app) -> str:
    """A digest of every row of every table (in id order): equal digests, same database."""
    digest = hashlib.sha256()
    with app.app_context():
        for table in Base.metadata.sorted_tables:
            rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{table.name}:{len(rows)}:{rows!r}".encode("utf-8", "surrogatepass"))
        db.session.remove()
    return digest.hexdigest()

