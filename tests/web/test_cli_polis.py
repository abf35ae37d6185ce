"""`deliberate import-polis` (DESIGN.md section 5), and `deliberate opinions` reading what we export."""
import json

from click.testing import CliRunner
from sqlalchemy import func, select

from tests.services.test_polis_exchange import write_polis_folder

from deliberate import create_app
from deliberate.cli import main
from deliberate.extensions import db
from deliberate.models import Argument, Conference, Member, Role, Vote
from deliberate.services.conferences import get_by_slug
from deliberate.services.exchange.polis_export import export_polis
from tests.web.test_cli import env  # noqa: F401  (the fixture: a fresh instance folder)


def counts() -> list[int]:
    """Rows of the database the command line wrote (same environment)."""
    app = create_app({"DEVELOPMENT": True, "DELIBERATE_ANALYSIS": "off"})
    with app.app_context():
        result = [db.session.scalar(select(func.count()).select_from(m)) for m in (Conference, Member, Argument, Vote)]
    return result


def test_import_prints_slug_and_invites_then_refuses_the_same_slug(env):  # noqa: F811
    folder = write_polis_folder(env / "polis")
    runner = CliRunner()
    result = runner.invoke(main, ["import-polis", str(folder), "--slug", "polis-viande"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["slug"] == "polis-viande"
    assert set(data["invites"]) == {r.value for r in Role}
    assert "Imported 5 comments (1 hidden), 6 votes and 5 participants" in result.stderr
    assert counts() == [1, 5, 5, 6]

    again = runner.invoke(main, ["import-polis", str(folder), "--slug", "polis-viande", "--title", "Autre"])
    assert again.exit_code == 1 and again.stdout == ""
    error = json.loads(again.stderr)["error"]
    assert error["code"] == "conflict" and ("déjà" in error["message"] or "exists" in error["message"])
    assert counts() == [1, 5, 5, 6]


def test_a_folder_without_comments_or_votes_is_refused_and_creates_nothing(env):  # noqa: F811
    folder = write_polis_folder(env / "polis")
    (folder / "votes.csv").unlink()
    result = CliRunner().invoke(main, ["import-polis", str(folder), "--slug", "cassee"])
    assert result.exit_code == 1
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "invalid" and "neither votes.csv nor participants-votes.csv found" in error["message"]
    folder = write_polis_folder(env / "polis-sans-textes")
    (folder / "comments.csv").unlink()
    result = CliRunner().invoke(main, ["import-polis", str(folder), "--slug", "cassee"])
    assert result.exit_code == 1 and "comments.csv not found" in json.loads(result.stderr)["error"]["message"]
    assert counts() == [0, 0, 0, 0]


def test_opinions_reads_what_we_export(env):  # noqa: F811
    folder = write_polis_folder(env / "polis")
    assert CliRunner().invoke(main, ["import-polis", str(folder), "--slug", "aller"]).exit_code == 0
    app = create_app({"DEVELOPMENT": True, "DELIBERATE_ANALYSIS": "off"})
    with app.app_context():
        export_polis(get_by_slug("aller"), env / "export")
    for replay in ("--replay", "--no-replay"):
        result = CliRunner().invoke(main, ["opinions", str(env / "export"), "--out", str(env / "o.json"), replay])
        assert result.exit_code == 0, result.output
        out = json.loads((env / "o.json").read_text(encoding="utf-8"))
        assert set(out) == {"k", "participants", "groups", "comments"}
        assert len(out["participants"]) == 4  # the voters (13 only commented)
