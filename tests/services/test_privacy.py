"""Privacy use-cases: a member's own data (theirs and nobody else's), erasing one's own name, and purging a
conference (every row of every table goes, other conferences untouched, the slug free again)."""
import json

import numpy as np
from sqlalchemy import func, select, text

from deliberate.extensions import db
from deliberate.models import (AgendaItem, AnalysisRun, Base, CommandKey, Conference, DossierEntry, EmbeddingCache,
                               FloorTurn, GlossaryTerm, Member, Publication, QueueEntry, UnclearNote)
from deliberate.models.enums import ContributionKind
from deliberate.services import conferences
from deliberate.services.members import erasure, privacy
from deliberate.services.analysis.embeddings import embed_cached
from deliberate.analysis.embeddings import text_hash
from tests.report_conference import CAMP_A, PANEL, STATEMENT, build
from tests.services.conftest import refused
from tests.helpers import using


def counts() -> dict[str, int]:
    """Rows in every table the models declare (new tables are covered without editing this test)."""
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


class ToyEmbedder:
    name, dim = "toy-test", 4

    def embed(self, texts):
        return np.ones((len(texts), self.dim), dtype=np.float32)


def fill(slug: str, codes: dict, recorder) -> dict:
    """A published conference with a row in every table: the report's conference (tests/report_conference.py)
    plus the rows it does not make (dossier, glossary, notes, agenda, queue, floor, idempotency keys, analysis,
    embeddings of its texts)."""
    built = build(slug, codes, recorder)
    conference = db.session.scalar(select(Conference).where(Conference.slug == slug))
    cid, panelist = conference.id, built["panel_ids"][0]
    entry = DossierEntry(conference_id=cid, kind=ContributionKind.BACKGROUND, title="Fiche", body="Texte")
    db.session.add(entry)
    db.session.flush()
    db.session.add_all([
        GlossaryTerm(conference_id=cid, term="Flexitarien", definition="Mange peu de viande."),
        UnclearNote(conference_id=cid, author_id=panelist, entry_id=entry.id, text=f"Je ne comprends pas ({slug})."),
        AgendaItem(conference_id=cid, position=0, title="Point", argument_id=built["question_id"]),
        QueueEntry(conference_id=cid, member_id=panelist),
        FloorTurn(conference_id=cid, member_id=panelist, given_by_id=built["fac_id"]),
        CommandKey(member_id=panelist, key=f"k-{slug}", command="post_argument",
                   result={"ok": True, "argument": {"id": built["multi_id"],
                                                    "author": {"id": panelist, "display_name": PANEL[0]}}}),
        AnalysisRun(conference_id=cid, inputs={}, parameters={}, model="toy", timings={}, result={}),
    ])
    db.session.commit()
    texts = [a for (a,) in db.session.execute(text("SELECT text FROM argument WHERE conference_id = :c"), {"c": cid})]
    embed_cached(ToyEmbedder(), texts + [f"Je ne comprends pas ({slug})."])
    return built


def test_purge_deletes_every_row_of_the_conference_and_nothing_else(app, other_conference, recorder):
    fill(other_conference.slug, other_conference.codes, recorder)
    before = counts()
    _conference, codes = conferences.create_conference("viande", "Conférence purgée", "Quelle place ?")
    built = fill("viande", codes, recorder)
    # One argument's text only this conference holds, with its cached vector.
    unique_text = "Seulement dans la conférence purgée."
    db.session.execute(text("UPDATE argument SET text = :t WHERE id = :i"), {"t": unique_text, "i": built["insult_id"]})
    db.session.add(EmbeddingCache(model="toy-test", text_hash=text_hash(unique_text), dim=4, vector=b"\0" * 16))
    db.session.commit()
    full = counts()
    empty = sorted(name for name in full if full[name] <= before[name] and name != "embedding_cache")
    assert empty == [], f"the test conference has no row in {empty}: add one in fill() so the purge is tested there"
    organiser = db.session.get(Member, built["org_id"])

    deleted = privacy.purge_conference(organiser, "viande", "viande")

    assert deleted["members"] == 12 and deleted["arguments"] > 0 and deleted["votes"] > 0
    after = counts()
    assert after == before, {t: (before[t], after[t]) for t in after if after[t] != before[t]}
    hashes = set(db.session.scalars(select(EmbeddingCache.text_hash)))
    assert text_hash(unique_text) not in hashes  # only the purged conference held it
    assert text_hash(CAMP_A[1]) in hashes  # the other conference holds the same argument: its vector stays
    assert refused(conferences.get_by_slug, "viande") == "not_found"
    assert db.session.scalar(select(func.count()).select_from(Conference)) == 1
    again, _codes = conferences.create_conference("viande", "De nouveau", "Une question ?")
    assert again.slug == "viande"  # the slug is free


def test_purge_needs_the_typed_slug_and_an_organiser(conference, join):
    organiser, _ = join(conference, "organiser", "Orga")
    facilitator, _ = join(conference, "facilitator", "Anim")
    before = counts()
    assert refused(privacy.purge_conference, organiser, "viande", "") == "invalid"
    assert refused(privacy.purge_conference, organiser, "viande", "autre") == "invalid"
    assert refused(privacy.purge_conference, facilitator, "viande", "viande") == "forbidden"
    assert counts() == before


def test_an_organiser_cannot_purge_another_conference(conference, other_conference, join):
    organiser, _ = join(conference, "organiser", "Orga")
    before = counts()
    assert refused(privacy.purge_conference, organiser, "autre", "autre") == "forbidden"
    assert counts() == before


def test_my_data_holds_my_texts_and_nobody_elses_personal_data(conference, recorder):
    built = build(conference.slug, conference.codes, recorder, publish=False)
    author = db.session.get(Member, built["panel_ids"][4])  # wrote the minority statement, voted, posted
    data = privacy.my_data(author)
    dumped = json.dumps(data, ensure_ascii=False)
    assert data["membership"]["display_name"] == PANEL[4] and data["membership"]["role"] == "panelist"
    assert data["membership"]["joined"] and data["membership"]["ended"] is None
    assert [s["text"] for s in data["statements"]] == [STATEMENT]
    assert data["signatures"] and data["signatures"][0]["statement_id"] == built["statement_id"]
    assert {v["value"] for v in data["votes"]} <= {1, -1, 0} and len(data["votes"]) >= 5
    assert all(set(v) == {"argument_id", "value", "created_at", "updated_at"} for v in data["votes"])
    mine = {a["text"] for a in data["arguments"]}
    assert mine and all(a["text"] for a in data["arguments"])
    others = [name for name in PANEL + ["Odile Organisatrice", "Fabien Animateur", "Dr Justine Martin", "Paul Public"]
              if name != PANEL[4]]
    assert not [name for name in others if name in dumped]
    expert = db.session.get(Member, built["expert_id"])
    expert_data = privacy.my_data(expert)
    assert expert_data["answers"] and expert_data["corrections"] and expert_data["arguments"] == []
    objector = privacy.my_data(db.session.get(Member, built["panel_ids"][1]))
    assert [c["value"] for c in objector["consents"]] == ["object"] and objector["consents"][0]["reason"]


def test_erasing_my_own_name_needs_no_organiser_and_scrubs_stored_copies(conference, recorder):
    built = build(conference.slug, conference.codes, recorder)  # published: version 1 holds the names
    me = db.session.get(Member, built["panel_ids"][0])  # the author of the quoted multi-line argument
    db.session.add(CommandKey(member_id=me.id, key="k1", command="post_argument",
                              result={"ok": True, "argument": {"id": built["multi_id"],
                                                               "author": {"id": me.id, "display_name": PANEL[0]}}}))
    db.session.commit()
    recorder.clear()
    erasure.erase_own_name(me, deps=using(recorder))
    assert me.display_name == "" and me.erased_at is not None
    assert "member_erased" in recorder.names()
    stored = json.dumps([p.content for p in db.session.scalars(select(Publication))], ensure_ascii=False)
    assert PANEL[0] not in stored  # the frozen version too, not only its rendering
    assert PANEL[0] not in json.dumps(db.session.scalar(select(CommandKey.result).where(CommandKey.key == "k1")))
    assert refused(erasure.erase_own_name, me, deps=using()) == "conflict"
    # their arguments and votes stay
    assert privacy.my_data(me)["arguments"] and privacy.my_data(me)["votes"]


def test_erasing_another_member_still_needs_an_organiser(conference, join):
    zoe, _ = join(conference, "panelist", "Zoé")
    bob, _ = join(conference, "panelist", "Bob")
    assert refused(erasure.erase_member, bob, zoe.id, deps=using()) == "forbidden"
    assert db.session.get(Member, zoe.id).display_name == "Zoé"


def test_erasing_finds_a_non_ascii_name_in_stored_json(conference, join, recorder):
    """Stored answers are JSON with non-ASCII escaped (json.dumps): the search must look for that spelling."""
    me, _ = join(conference, "panelist", "Zoé « Ça » Lambert_%")
    other, _ = join(conference, "panelist", "Bob")
    db.session.add_all([
        CommandKey(member_id=me.id, key="k1", command="post_argument",
                   result={"argument": {"author": {"id": me.id, "display_name": "Zoé « Ça » Lambert_%"}}}),
        CommandKey(member_id=other.id, key="k2", command="post_argument",
                   result={"argument": {"author": {"id": other.id, "display_name": "Bob"}}}),
    ])
    db.session.commit()
    erasure.erase_own_name(me, deps=using(recorder))
    db.session.expire_all()
    results = dict(db.session.execute(select(CommandKey.key, CommandKey.result)).all())
    assert results["k1"]["argument"]["author"] == {"id": me.id, "display_name": "", "erased": True}
    assert results["k2"]["argument"]["author"]["display_name"] == "Bob"
