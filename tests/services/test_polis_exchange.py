"""Pol.is export and import: the files Pol.is writes, read back by our reader, and round trips that keep every
comment, moderation flag and last vote."""
import csv
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.services.conftest import row_count

from deliberate.analysis.polis_export import read_polis_export
from deliberate.extensions import db
from deliberate.models import (Argument, Conference, Kind, Member, ModerationDecision, Phase, PhaseChange, Role, Status,
                               Vote)
from deliberate.models.base import utcnow
from deliberate.services.room import arguments, moderation, votes
from deliberate.services.errors import ServiceError
from deliberate.services.exchange import polis_import
from deliberate.services.exchange.csv_safe import plain_cell, safe_cell
from deliberate.services.exchange.polis_export import export_polis
from deliberate.services.exchange.polis_import import import_polis, read_comment_rows
from tests.helpers import using

SEATTLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "polis" / "15-per-hour-seattle"
T0 = 1_700_000_000_000  # ms since the epoch: 2023-11-14 22:13:20 UTC
FRENCH = "Les cantines devraient proposer un menu végétarien chaque jour, à prix égal — « sans supplément »."
LONG = "Un long commentaire. " * 80  # 1,680 characters: beyond the 1,000 a member may post
SUMMARY = [("topic", "Quelle place pour la viande ?"), ("url", "https://pol.is/xyz"), ("views", "9"),
           ("voters", "4"), ("voters-in-conv", "4"), ("commenters", "5"), ("comments", "5"), ("groups", "0"),
           ("conversation-description", "Une conversation Pol.is,\nsur deux lignes.")]
COMMENTS = [  # comment-id, author-id, ms after T0, moderated, body
    ("1", "10", 0, "1", FRENCH),
    ("2", "11", 1_000, "-1", "Achetez mes steaks sur spam.example"),
    ("3", "12", 2_000, "0", "=cmd|' /C calc'!A0"),
    ("4", "13", 3_000, "1", LONG.strip()),        # 13 only commented, never voted
    ("x-5", "anon-7", 4_000, "1", "Identifiants qui ne sont pas des nombres."),
]
VOTES = [  # ms after T0, comment-id, voter-id, vote; not in time order in the file
    (400_000, "1", "11", "1"),                     # 11 changes their mind: this one wins
    (100_000, "1", "10", "1"),
    (200_000, "1", "11", "-1"),
    (300_000, "2", "10", "0"),
    (500_000, "3", "12", "-1"),
    (600_000, "x-5", "anon-7", "1"),
    (700_000, "1", "anon-7", "-1"),
]


def at(ms_after_t0: int) -> datetime:
    return datetime(1970, 1, 1) + timedelta(milliseconds=T0 + ms_after_t0)


def write_csv(path: Path, header, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(header)
        writer.writerows(rows)


def write_polis_folder(folder: Path, comments=COMMENTS, votes_=VOTES, summary=SUMMARY) -> Path:
    """A small Pol.is export as Pol.is writes it (times in ms, several votes per participant and comment)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "comments.csv", ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                                        "moderated", "comment-body"],
              [[T0 + ms, "Tue Nov 14 22:13:20 UTC 2023", cid, author, 0, 0, mod, body]
               for cid, author, ms, mod, body in comments])
    write_csv(folder / "votes.csv", ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
              [[T0 + ms, "Tue Nov 14 22:13:20 UTC 2023", cid, voter, value] for ms, cid, voter, value in votes_])
    if summary is not None:
        write_csv(folder / "summary.csv", None, summary)
    return folder


def member_names(conference_id) -> dict[int, str]:
    return dict(db.session.execute(select(Member.id, Member.display_name)
                                   .where(Member.conference_id == conference_id)).all())


def read_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --- csv_safe -------------------------------------------------------------------------------------------------

def test_formula_text_is_quoted_and_comes_back_exactly():
    for text in ["=1+1", "+33 6", "-5 %", "@here", "\tx", "\rx", "'=déjà", "''-x"]:
        assert safe_cell(text) == "'" + text
        assert plain_cell(safe_cell(text)) == text


def test_numbers_and_ordinary_text_are_left_alone():
    for value in [-1, 0, 1, 2.5, -0.5, None, "", "Bonjour", "l'=", "'quoted'", "1-2"]:
        assert safe_cell(value) == value
        if isinstance(value, str):
            assert plain_cell(value) == value


# --- import ---------------------------------------------------------------------------------------------------

def test_import_keeps_texts_times_moderation_and_last_votes(tmp_path):
    conference, codes = import_polis(write_polis_folder(tmp_path / "polis"), "import-test", None)
    db.session.expire_all()
    conference = db.session.get(Conference, conference.id)
    assert (conference.title, conference.question) == ("Quelle place pour la viande ?", "Quelle place pour la viande ?")
    assert conference.description == "Une conversation Pol.is,\nsur deux lignes."
    assert conference.phase is Phase.DELIBERATION
    assert db.session.scalars(select(PhaseChange.phase).where(PhaseChange.conference_id == conference.id)).all() == [
        Phase.DELIBERATION]
    assert set(codes) == {r.value for r in Role}

    members = db.session.scalars(select(Member).where(Member.conference_id == conference.id)).all()
    by_name = {m.display_name: m for m in members}
    assert set(by_name) == {"Participant 10", "Participant 11", "Participant 12", "Participant 13",
                            "Participant anon-7"}
    assert {m.role for m in members} == {Role.PUBLIC}
    assert len({m.token_hash for m in members}) == 5 and all(len(m.token_hash) == 64 for m in members)

    args = db.session.scalars(select(Argument).where(Argument.conference_id == conference.id)
                              .order_by(Argument.id)).all()
    # Arguments are created in time order, each with its author, exact text and time.
    assert [(a.author.display_name, a.text, a.created_at) for a in args] == [
        ("Participant " + author, body, at(ms)) for _, author, ms, _, body in COMMENTS]
    assert len(args[3].text) > 1000
    assert {(a.kind, a.stance) for a in args} == {(Kind.ARGUMENT, None)}
    reason = str(_l("moderated out in Pol.is"))
    assert [(a.status, a.moderation_reason) for a in args] == [
        (Status.VISIBLE, None), (Status.HIDDEN, reason), (Status.VISIBLE, None), (Status.VISIBLE, None),
        (Status.VISIBLE, None)]
    decisions = db.session.scalars(select(ModerationDecision)).all()
    assert [(d.argument_id, d.reason, d.moderator_id) for d in decisions] == [(args[1].id, reason, None)]

    text_of = {a.id: a.text for a in args}
    names = member_names(conference.id)
    stored = {(names[v.member_id], text_of[v.argument_id]): (v.value, v.created_at, v.updated_at)
              for v in db.session.scalars(select(Vote))}
    assert stored == {
        ("Participant 10", FRENCH): (1, at(100_000), at(100_000)),
        ("Participant 11", FRENCH): (1, at(200_000), at(400_000)),  # first vote time, last vote and time
        ("Participant 10", "Achetez mes steaks sur spam.example"): (0, at(300_000), at(300_000)),
        ("Participant 12", "=cmd|' /C calc'!A0"): (-1, at(500_000), at(500_000)),
        ("Participant anon-7", "Identifiants qui ne sont pas des nombres."): (1, at(600_000), at(600_000)),
        ("Participant anon-7", FRENCH): (-1, at(700_000), at(700_000)),
    }


def test_import_from_the_matrix_alone_dates_votes_at_import(tmp_path):
    folder = write_polis_folder(tmp_path / "polis")
    (folder / "votes.csv").unlink()
    write_csv(folder / "participants-votes.csv",
              ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", "1", "2", "3", "4", "x-5"],
              [["10", "0", "1", "2", "1", "0", "1", "0", "", "", ""], ["anon-7", "", "1", "2", "1", "1", "-1", "", "",
                                                                        "", "1"]])
    before = utcnow() - timedelta(seconds=1)
    conference, _ = import_polis(folder, "matrix", "Titre donné")
    assert conference.title == "Titre donné" and conference.question == "Quelle place pour la viande ?"
    rows = db.session.scalars(select(Vote).where(Vote.conference_id == conference.id)).all()
    assert sorted(v.value for v in rows) == [-1, 0, 1, 1]
    assert all(v.created_at == v.updated_at and v.created_at >= before for v in rows)
    assert row_count(Member) == 5  # the voters and every comment author


def test_a_title_is_needed_when_the_export_has_no_topic(tmp_path):
    folder = write_polis_folder(tmp_path / "polis", summary=None)
    with pytest.raises(ServiceError) as err:
        import_polis(folder, "sans-titre", None)
    assert err.value.code == "invalid" and "--title" in str(err.value.message)
    assert row_count(Conference) == 0
    conference, _ = import_polis(folder, "sans-titre", "Un titre")
    assert (conference.title, conference.question, conference.description) == ("Un titre", "Un titre", "")


def test_the_same_slug_twice_is_refused_and_changes_nothing(tmp_path):
    folder = write_polis_folder(tmp_path / "polis")
    import_polis(folder, "deux-fois", None)
    counts = [row_count(m) for m in (Conference, Member, Argument, Vote)]
    with pytest.raises(ServiceError) as err:
        import_polis(folder, "deux-fois", None)
    assert err.value.code == "conflict"
    assert [row_count(m) for m in (Conference, Member, Argument, Vote)] == counts


@pytest.mark.parametrize("damage, message", [
    (lambda f: (f / "comments.csv").unlink(), "comments.csv not found"),
    (lambda f: (f / "votes.csv").unlink(), "neither votes.csv nor participants-votes.csv"),
    (lambda f: write_csv(f / "votes.csv", ["timestamp", "comment-id", "voter-id", "vote"], [[T0, "1", "10", "2"]]),
     "vote '2' is not 1, -1 or 0"),
    (lambda f: write_csv(f / "votes.csv", ["timestamp", "comment-id", "voter-id", "vote"], [[T0, "99", "10", "1"]]),
     "votes on comments missing from comments.csv (99)"),
    (lambda f: write_csv(f / "comments.csv", ["comment-id", "author-id", "moderated"], [["1", "10", "1"]]),
     "missing column(s) comment-body"),
    (lambda f: (f / "comments.csv").write_bytes(b"comment-id,author-id,moderated,comment-body\n1,2,1,\xff\xfe\n"),
     "not UTF-8"),
    (lambda f: shutil.rmtree(f), "not a folder"),
])
def test_a_bad_folder_is_refused_clearly_and_creates_nothing(tmp_path, damage, message):
    folder = write_polis_folder(tmp_path / "polis")
    damage(folder)
    with pytest.raises(ServiceError) as err:
        import_polis(folder, "casse", None)
    assert err.value.code == "invalid" and message in str(err.value.message)
    assert [row_count(m) for m in (Conference, Member, Argument, Vote)] == [0, 0, 0, 0]


def test_an_error_half_way_leaves_the_database_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(polis_import, "hash_token", lambda token: "0" * 64)  # the second member breaks a unique key
    with pytest.raises(IntegrityError):
        import_polis(write_polis_folder(tmp_path / "polis"), "a-moitie", None)
    assert [row_count(m) for m in (Conference, Member, Argument, Vote)] == [0, 0, 0, 0]


# --- export ---------------------------------------------------------------------------------------------------

@pytest.fixture
def seeded(conference, join, recorder):
    """A conference with arguments (one hidden, some starting with formula characters), a question to the experts,
    a key question and votes, one changed; returns (conference, tokens)."""
    (alice, t1), (bruno, t2), (carla, t3) = (join(conference, "panelist", "Alice Martin"),
                                             join(conference, "public", "Bruno Lefèvre"),
                                             join(conference, "public", "Carla Dupont"))
    fac, t4 = join(conference, "facilitator", "Fanny Animatrice")

    def post(who, text, kind="argument"):
        return arguments.post_argument(who, text, "for" if kind == "argument" else None, kind, deps=using(recorder))

    texts = ["Moins de viande à la cantine, plus de légumineuses.", "=HYPERLINK(\"http://evil\")",
             "+ de bio local", "-20 % de viande d'ici 2030", "@tout le monde : pensez aux éleveurs",
             "Un argument à masquer."]
    posted = [post(who, text) for who, text in zip([alice, bruno, carla, alice, bruno, carla], texts)]
    post(alice, "Quel est l'impact carbone du bœuf ?", "question")
    key = post(alice, "Comment aider les éleveurs ?", "key_question")
    for voter, values in ((alice, [1, -1, 0, 1, 1, -1]), (bruno, [1, 1, -1, None, 0, 1]), (carla, [-1, 0, 1, 1, None, 0])):
        for argument, value in zip(posted, values):
            if value is not None:
                votes.cast_vote(voter, argument.id, value, deps=using(recorder))
    votes.cast_vote(carla, posted[0].id, 1, deps=using(recorder))  # changed: -1 -> 1
    votes.cast_vote(bruno, key.id, 1, deps=using(recorder))         # on a key question: not a Pol.is comment
    moderation.moderate(fac, posted[5].id, "hide", "Hors sujet", deps=using(recorder))
    return conference, [t1, t2, t3, t4]


def test_export_writes_polis_files_with_safe_cells_and_no_secrets(seeded, tmp_path):
    conference, tokens = seeded
    out = tmp_path / "export"
    assert export_polis(conference, out) == {"comments": 6, "votes": 16, "participants": 3}

    comments = read_rows(out / "comments.csv")
    assert list(comments[0]) == ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                                 "moderated", "comment-body"]
    assert [c["comment-body"] for c in comments] == [
        "Moins de viande à la cantine, plus de légumineuses.", "'=HYPERLINK(\"http://evil\")", "'+ de bio local",
        "'-20 % de viande d'ici 2030", "'@tout le monde : pensez aux éleveurs", "Un argument à masquer."]
    assert [c["moderated"] for c in comments] == ["1"] * 5 + ["-1"]
    assert (comments[0]["agrees"], comments[0]["disagrees"]) == ("3", "0")  # carla's changed vote counts once
    db_args = db.session.scalars(select(Argument).where(Argument.kind == Kind.ARGUMENT).order_by(Argument.id)).all()
    assert [int(c["timestamp"]) for c in comments] == [
        int((a.created_at - datetime(1970, 1, 1)).total_seconds() * 1000) for a in db_args]

    vote_rows = read_rows(out / "votes.csv")
    assert [int(r["timestamp"]) for r in vote_rows] == sorted(int(r["timestamp"]) for r in vote_rows)
    assert {r["vote"] for r in vote_rows} == {"1", "-1", "0"}  # numbers, never quoted as text

    matrix = read_rows(out / "participants-votes.csv")
    assert list(matrix[0])[:6] == ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    assert all(row["group-id"] == "" for row in matrix)
    assert [(r["n-comments"], r["n-votes"], r["n-agree"], r["n-disagree"]) for r in matrix] == [
        ("2", "6", "3", "2"), ("2", "5", "3", "1"), ("2", "5", "3", "0")]
    assert matrix[1][comments[3]["comment-id"]] == ""  # bruno never saw it

    with (out / "summary.csv").open(newline="", encoding="utf-8") as handle:
        summary = dict(csv.reader(handle))
    assert list(summary) == ["topic", "url", "views", "voters", "voters-in-conv", "commenters", "comments", "groups",
                             "conversation-description"]
    assert (summary["topic"], summary["url"], summary["comments"]) == ("Quelle place pour la viande ?", "/c/viande", "6")

    written = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    secrets = tokens + list(conference.codes.values()) + [m.token_hash for m in db.session.scalars(select(Member))]
    assert not [s for s in secrets if s in written]
    assert not [n for n in ("Alice", "Bruno", "Carla", "Fanny") if n in written]
    assert "impact carbone" not in written and "éleveurs ?" not in written  # questions are not Pol.is comments

    export = read_polis_export(out)
    assert export.source == "votes.csv" and len(export.votes) == 16 and len(export.comments) == 6
    assert export.moderated_out == {db_args[5].id}
    assert {(v.participant, v.comment): v.value for v in export.latest_votes()} == {
        (v.member_id, v.argument_id): v.value for v in db.session.scalars(
            select(Vote).join(Argument, Argument.id == Vote.argument_id).where(Argument.kind == Kind.ARGUMENT))}


def _exported(folder: Path, names: dict[int, str] | None = None):
    """(comments, last votes) of an export folder, keyed by text, and by participant: a member id, or mapped
    back through the importer's "Participant <id>" names to the ids of the first export."""
    def who(member):
        return int(names[member].removeprefix("Participant ")) if names else member
    rows = read_rows(folder / "comments.csv")
    text_of = {int(r["comment-id"]): plain_cell(r["comment-body"]) for r in rows}
    comments = {plain_cell(r["comment-body"]): (who(int(r["author-id"])), r["moderated"], r["timestamp"])
                for r in rows}
    last = {(who(v.participant), text_of[v.comment]): (v.value, v.timestamp)
            for v in read_polis_export(folder).latest_votes()}
    return comments, last


def test_round_trip_keeps_every_comment_flag_and_last_vote(seeded, tmp_path):
    conference, _ = seeded
    export_polis(conference, tmp_path / "first")
    imported, _ = import_polis(tmp_path / "first", "aller-retour", None)
    assert imported.question == conference.question
    export_polis(imported, tmp_path / "second")
    first_comments, first_votes = _exported(tmp_path / "first")
    second_comments, second_votes = _exported(tmp_path / "second", member_names(imported.id))
    assert second_comments == first_comments and len(first_comments) == 6
    assert second_votes == first_votes and len(first_votes) == 16


@pytest.mark.skipif(not SEATTLE.is_dir(), reason="../shared/data/polis is not beside the clone")
def test_round_trip_of_a_real_polis_conversation(tmp_path):
    original = read_polis_export(SEATTLE)
    conference, _ = import_polis(SEATTLE, "seattle", None)
    assert conference.question == "$15/hour"
    out = tmp_path / "seattle"
    counts = export_polis(conference, out)
    assert counts["comments"] == len(original.comments) == 54
    assert counts["participants"] == 339

    # Comments map back to Pol.is ids by text (unique in this conversation), participants by their names.
    polis_id_of_text = {c.text: c.id for c in read_comment_rows(SEATTLE / "comments.csv")}
    comment_of = {int(r["comment-id"]): polis_id_of_text[plain_cell(r["comment-body"])]
                  for r in read_rows(out / "comments.csv")}
    names = member_names(conference.id)
    exported = read_polis_export(out)
    assert {comment_of[c] for c in exported.moderated_out} == original.moderated_out
    last = {(int(names[v.participant].removeprefix("Participant ")), comment_of[v.comment]): (v.value, v.timestamp)
            for v in exported.latest_votes()}
    assert last == {(v.participant, v.comment): (v.value, v.timestamp) for v in original.latest_votes()}
