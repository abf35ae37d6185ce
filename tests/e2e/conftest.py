"""Fixtures for the end-to-end tests: a real `deliberate serve` subprocess and Debian's headless Chromium.

Playwright never downloads a browser here: Chromium is launched from CHROMIUM_PATH. The fixtures use
`playwright.sync_api.sync_playwright` directly, not pytest-playwright's `browser`/`page` fixtures (which would look
for Playwright's own downloaded browsers).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SLUG = "e2e"
TITLE = "Conférence E2E"
QUESTION = "Quelle place pour la viande ?"
HOST = "127.0.0.1"  # loopback only
STARTUP_TIMEOUT = 60.0  # a busy 2-core machine can take that long to import torch and migrate
BIN_DIR = Path(sys.executable).parent


def socket_client():
    """A python-socketio client (no automatic reconnection) whose disconnect() also closes its WebSocket.
    python-engineio's client leaves the WebSocket of a connection the server dropped or refused open until garbage
    collection (engineio/client.py, the end of _read_loop_websocket), which warns ResourceWarning, an error here."""
    import socketio

    class Client(socketio.Client):
        def disconnect(self):
            super().disconnect()
            ws = getattr(self.eio, "ws", None)
            if ws is not None:
                ws.close()

    return Client(reconnection=False)


def chromium_missing_reason() -> str | None:
    if CHROMIUM_PATH.exists():
        return None
    return f"{CHROMIUM_PATH} is missing (install Debian's `chromium` package to run the e2e tests)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "<no output>"
    return text[-limit:] or "<empty>"


@dataclass
class LiveServer:
    base_url: str
    invites: dict[str, str]
    process: subprocess.Popen
    stderr_path: Path
    env: dict
    instance: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def database_url(self) -> str:
        """The server's database, for tests that write into it through the services from this process."""
        return self.env.get("DELIBERATE_DATABASE_URL") or f"sqlite:///{self.instance / 'deliberate.sqlite3'}"


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def start_server(env: dict, instance: Path) -> tuple[subprocess.Popen, str, Path]:
    """Start `deliberate serve` on a free loopback port; return once it answers HTTP."""
    executable = str(BIN_DIR / "deliberate")
    port = _free_port()
    stdout_path = instance / f"server-{port}.stdout.log"
    stderr_path = instance / f"server-{port}.stderr.log"
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        process = subprocess.Popen(
            [executable, "serve", "--host", HOST, "--port", str(port)],
            env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
        )
    base_url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        last_error: Exception | None = None
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"`deliberate serve` exited early with code {process.returncode}.\n"
                    f"stderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}"
                )
            try:
                with urllib.request.urlopen(base_url + "/", timeout=2) as response:
                    if response.status < 500:
                        break
            except urllib.error.HTTPError as exc:  # an HTTP answer, even an error page, means the server is up
                if exc.code < 500:
                    break
                last_error = exc
            except (urllib.error.URLError, OSError) as exc:
                last_error = exc
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`deliberate serve` did not answer HTTP on {base_url} within {STARTUP_TIMEOUT:.0f} s "
                    f"(last error: {last_error!r}).\nstderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}"
                )
            time.sleep(0.2)
    except BaseException:
        stop_server(process)
        raise
    return process, base_url, stderr_path


@pytest.fixture(scope="module")
def server_database(postgres):
    """None (the servers use the SQLite file of their instance folder) or, when DELIBERATE_TEST_DATABASE_URL is
    set, the URL of an empty PostgreSQL database for this module's servers (dropped after the module): give it to
    the subprocesses as DELIBERATE_DATABASE_URL; the first `deliberate` command migrates it."""
    if postgres is None:
        yield None
        return
    url = postgres.create(migrated=False)
    yield url
    postgres.drop(url)


@pytest.fixture(scope="module")
def live_server(request, tmp_path_factory, server_database) -> LiveServer:
    """A fresh instance folder and database per test module, a conference `e2e`, and a running server (with the
    module's `SERVER_ENV` settings, if it has any)."""
    instance = tmp_path_factory.mktemp("deliberate-instance")
    env = dict(os.environ)
    env.update({"DELIBERATE_ENV": "development", "DELIBERATE_INSTANCE_PATH": str(instance)})
    for name in ("DELIBERATE_DATABASE_URL", "DELIBERATE_REDIS_URL", "DELIBERATE_SECRET_KEY"):
        env.pop(name, None)  # the instance folder decides: nothing leaks in from the developer's shell
    if server_database:
        env["DELIBERATE_DATABASE_URL"] = server_database  # the suite runs on PostgreSQL
    env.update(getattr(request.module, "SERVER_ENV", {}))
    executable = str(BIN_DIR / "deliberate")

    created = subprocess.run(
        [executable, "conference", "create", SLUG, "--title", TITLE, "--question", QUESTION],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert created.returncode == 0, (
        f"`deliberate conference create` failed ({created.returncode}):\n"
        f"stdout:\n{created.stdout}\nstderr:\n{created.stderr}"
    )
    # Migration logs may precede the JSON: the JSON is the last non-empty line.
    last_line = [line for line in created.stdout.splitlines() if line.strip()][-1]
    data = json.loads(last_line)
    assert data["slug"] == SLUG
    invites = data["invites"]

    process, base_url, stderr_path = start_server(env, instance)
    try:
        yield LiveServer(base_url=base_url, invites=invites, process=process, stderr_path=stderr_path,
                         env=env, instance=instance)
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (sync API). Never a downloaded browser."""
    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so the e2e tests must run.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_context(chromium):
    """Factory of isolated browser contexts (one per person); all closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "fr-FR")
        context = chromium.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
