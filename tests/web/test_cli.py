"""The command line contract of DESIGN.md section 5 (run in-process with Click's runner)."""
import json

import pytest
from click.testing import CliRunner

from deliberate.cli import main
from tests.conftest import ON_POSTGRES


@pytest.fixture
def env(tmp_path, monkeypatch, fresh_database):
    """A fresh instance folder, and on PostgreSQL an empty database of its own (the command line migrates it)."""
    monkeypatch.setenv("DELIBERATE_INSTANCE_PATH", str(tmp_path))
    for name in ("DELIBERATE_DATABASE_URL", "DELIBERATE_SECRET_KEY", "DELIBERATE_REDIS_URL", "DELIBERATE_ENV",
                 "DELIBERATE_EMBEDDER", "DELIBERATE_ANALYSIS"):
        monkeypatch.delenv(name, raising=False)
    if ON_POSTGRES:
        monkeypatch.setenv("DELIBERATE_DATABASE_URL", fresh_database(migrated=False))
    return tmp_path


def test_conference_create_prints_slug_and_invites_on_a_fresh_machine(env):
    result = CliRunner().invoke(main, ["conference", "create", "climat", "--title", "Climat",
                                       "--question", "Que faire ?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["slug"] == "climat"
    assert set(data["invites"]) == {"organiser", "facilitator", "expert", "stakeholder", "panelist", "public", "observer"}
    assert (env / "deliberate.sqlite3").exists() is not ON_POSTGRES  # the SQLite default, unless given PostgreSQL


def test_conference_create_refuses_bad_and_duplicate_slugs(env):
    runner = CliRunner()
    bad = runner.invoke(main, ["conference", "create", "Pas Bon", "--title", "T", "--question", "Q"])
    assert bad.exit_code == 1 and '"invalid"' in bad.output
    runner.invoke(main, ["conference", "create", "x", "--title", "T", "--question", "Q"])
    dup = runner.invoke(main, ["conference", "create", "x", "--title", "T", "--question", "Q"])
    assert dup.exit_code == 1 and '"conflict"' in dup.output


def test_db_upgrade(env):
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0 and "up to date" in result.output


def test_serve_needs_a_secret_key_outside_development(env):
    result = CliRunner().invoke(main, ["serve", "--port", "1"])
    assert result.exit_code != 0 and "DELIBERATE_SECRET_KEY" in result.output


@pytest.mark.parametrize("name, value, message", [
    ("DELIBERATE_EMBEDDER", "word2vec", "unknown embedder 'word2vec'"),
    ("DELIBERATE_ANALYSIS", "sometimes", "DELIBERATE_ANALYSIS must be one of process, worker, thread, off"),
])
def test_serve_refuses_a_bad_analysis_setting_before_serving(env, monkeypatch, name, value, message):
    monkeypatch.setenv("DELIBERATE_ENV", "development")
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["serve", "--port", "1"])
    assert result.exit_code == 1 and message in result.output
    assert "Serving on" not in result.output
