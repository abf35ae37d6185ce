"""`deliberate document draft` and `deliberate member erase` on a database the command line created."""
import json

from click.testing import CliRunner

from deliberate.cli import _prepared_app, main
from deliberate.extensions import db
from deliberate.models import Member, Paragraph
from deliberate.services import conferences
from deliberate.services.room import arguments, votes
from deliberate.services.members import membership
from tests.web.test_cli import env  # noqa: F401  (the fixture: a fresh instance folder)
from tests.helpers import using


def seed(tmp_path, monkeypatch):
    monkeypatch.setenv("DELIBERATE_EMBEDDER", "toy:32")
    monkeypatch.setenv("DELIBERATE_ANALYSIS", "off")
    created = CliRunner().invoke(main, ["conference", "create", "viande", "--title", "Viande", "--question", "Q ?"])
    codes = json.loads(created.output.strip().splitlines()[-1])["invites"]
    app = _prepared_app(development=True)
    with app.app_context():
        org, _ = membership.join("viande", codes["organiser"], "Orga", deps=using())
        panel = [membership.join("viande", codes["panelist"], f"P{i}", deps=using())[0] for i in range(4)]
        posted = [arguments.post_argument(panel[i], text, "for", deps=using()) for i, text in enumerate(
            ["Moins de viande à la cantine.", "Soutenir les éleveurs locaux.", "Connaître l'origine."])]
        for member in panel:
            for argument in posted:
                votes.cast_vote(member, argument.id, 1, deps=using())
        return app, org.id, panel[0].id


def test_document_draft_needs_drafting_then_writes_the_draft(env, monkeypatch):  # noqa: F811
    app, org_id, _ = seed(env, monkeypatch)
    early = CliRunner().invoke(main, ["document", "draft", "viande"])
    assert early.exit_code == 1 and '"wrong_phase"' in early.output
    with app.app_context():
        conferences.set_phase(db.session.get(Member, org_id), "drafting", deps=using())
    result = CliRunner().invoke(main, ["document", "draft", "viande"])
    assert result.exit_code == 0, result.output
    count = json.loads(result.output.strip().splitlines()[-1])["paragraphs"]
    with app.app_context():
        assert count > 0 and db.session.query(Paragraph).count() == count
    again = CliRunner().invoke(main, ["document", "draft", "viande"])
    assert again.exit_code == 1 and '"conflict"' in again.output
    assert CliRunner().invoke(main, ["document", "draft", "nope"]).exit_code == 1


def test_member_erase_blanks_the_name_and_keeps_the_arguments(env, monkeypatch):  # noqa: F811
    app, _, member_id = seed(env, monkeypatch)
    result = CliRunner().invoke(main, ["member", "erase", "viande", str(member_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        member = db.session.get(Member, member_id)
        assert member.display_name == "" and member.erased_at is not None
    again = CliRunner().invoke(main, ["member", "erase", "viande", str(member_id)])
    assert again.exit_code == 1 and '"conflict"' in again.output
