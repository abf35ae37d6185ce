"""`deliberate worker` and the analysis modes at the command line: clear refusals before anything starts."""
import pytest
from click.testing import CliRunner

from deliberate.cli import main
from tests.redis_server import free_port
from tests.web.test_cli import env  # noqa: F401  (fixture)


def test_worker_needs_redis(env, monkeypatch):
    monkeypatch.setenv("DELIBERATE_ENV", "development")
    result = CliRunner().invoke(main, ["worker"])
    assert result.exit_code == 1
    assert "needs DELIBERATE_REDIS_URL" in result.output and "DELIBERATE_ANALYSIS=process" in result.output


def test_worker_says_when_redis_cannot_be_reached(env, monkeypatch):
    pytest.importorskip("redis")
    monkeypatch.setenv("DELIBERATE_ENV", "development")
    monkeypatch.setenv("DELIBERATE_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nobody listens there
    result = CliRunner().invoke(main, ["worker", "--nice", "0"])
    assert result.exit_code == 1 and "cannot reach Redis at redis://127.0.0.1:" in result.output


def test_serve_in_worker_mode_needs_redis(env, monkeypatch):
    monkeypatch.setenv("DELIBERATE_ENV", "development")
    monkeypatch.setenv("DELIBERATE_ANALYSIS", "worker")
    result = CliRunner().invoke(main, ["serve", "--port", "1"])
    assert result.exit_code == 1 and "DELIBERATE_ANALYSIS=worker needs DELIBERATE_REDIS_URL" in result.output
    assert "Serving on" not in result.output
