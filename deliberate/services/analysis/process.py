"""DELIBERATE_ANALYSIS=process: the live analysis in one child process of the web process.

    web process (gevent)                               child `deliberate worker --pipe` (real threads)
    request(id) -> sender --------- b"12\\n" -------->  stdin -> AnalysisScheduler -> refresh (numpy)
    relay <-- {"event", "payload", "conference_id", "audience"}\\n --  stdout (PipePublisher)
      '-> the app's publisher: Socket.IO rooms (through Redis when DELIBERATE_REDIS_URL is set)

numpy never runs in the web process, so a broadcast never waits for it; the web process only writes ids and
relays finished events. The child's stdout carries nothing but this protocol (the child moves its own fd 1 to
stderr, so a stray print cannot corrupt it); its logs go to the server's stderr. It exits when its stdin closes,
so it cannot outlive its server. A child that dies is restarted after 1, 2, 4 ... 30 s; a new child refreshes
every open conference at start, so requests lost with the old one cost nothing. `stop()` closes the pipe, then
terminates the child by its PID if it does not leave.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess  # gevent's, once the launcher has patched: waits and pipe reads are cooperative
import sys
import threading
import time

from deliberate.services.analysis.requests import RequestForwarder
from deliberate.services.publisher import Publisher

log = logging.getLogger(__name__)

AUDIENCES = ("all", "facilitators")


def encode_request(conference_id: int) -> bytes:
    return b"%d\n" % int(conference_id)


def decode_request(line: bytes) -> int | None:
    """A conference id, or None for a blank or unreadable line (logged)."""
    text = line.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        log.warning("ignored analysis request %r: not a conference id", text[:80])
        return None


def encode_event(event: str, payload: dict, conference_id: int, audience: str = "all") -> bytes:
    # json.dumps escapes newlines inside strings, so one event is always one line.
    return json.dumps({"event": event, "payload": payload, "conference_id": conference_id, "audience": audience},
                      ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def decode_event(line: bytes) -> tuple[str, dict, int, str] | None:
    """(event, payload, conference id, audience), or None for a line that is not one (logged)."""
    try:
        message = json.loads(line)
        event, payload = message["event"], message["payload"]
        conference_id, audience = message["conference_id"], message.get("audience", "all")
        if isinstance(event, str) and isinstance(payload, dict) and isinstance(conference_id, int) \
                and audience in AUDIENCES:
            return event, payload, conference_id, audience
    except (ValueError, TypeError, KeyError):
        pass
    log.warning("ignored a line from the analysis worker: %r", line[:200])
    return None


class PipePublisher(Publisher):
    """The child's publisher: each event one JSON line on the protocol stream."""

    def __init__(self, stream):
        self.stream = stream
        self._lock = threading.Lock()

    def publish(self, event, payload, conference_id, audience="all"):
        line = encode_event(event, payload, conference_id, audience)
        with self._lock:
            self.stream.write(line)
            self.stream.flush()


def worker_command() -> list[str]:
    """The child: `deliberate worker --pipe`, with this interpreter (no console script needed)."""
    return [sys.executable, "-m", "deliberate.launch", "worker", "--pipe"]


def child_environment(config) -> dict[str, str]:
    """The server's environment, pinned to its app's database, instance folder and embedder. The child computes
    in its own threads (`thread`) and answers only through the pipe (no Redis of its own)."""
    env = dict(os.environ)
    env.update({
        "DELIBERATE_INSTANCE_PATH": str(config["INSTANCE_PATH"]),
        "DELIBERATE_DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
        "DELIBERATE_EMBEDDER": config["DELIBERATE_EMBEDDER"],
        "DELIBERATE_ANALYSIS": "thread",
    })
    env.pop("DELIBERATE_REDIS_URL", None)
    if config.get("DEVELOPMENT"):  # `demo`: the secret key lives in the instance folder
        env["DELIBERATE_ENV"] = "development"
    return env


class AnalysisProcess:
    """The collaborators' `analysis` in `process` mode. Idle until `start()` (`deliberate serve` and
    `demo` call it): other commands that build the app never start a child, and their requests are dropped."""

    def __init__(self, app, publisher: Publisher, command: list[str] | None = None, env: dict | None = None,
                 first_delay: float = 1.0, max_delay: float = 30.0, healthy_after: float = 60.0,
                 stop_timeout: float = 5.0):
        self.app = app
        self.publisher = publisher
        self.command = command or worker_command()
        self.env = env
        self.first_delay, self.max_delay, self.healthy_after = first_delay, max_delay, healthy_after
        self.stop_timeout = stop_timeout
        self._forwarder = RequestForwarder(self._write, name="analysis-pipe")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._process: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self.restarts = 0  # for tests and logs
        self.relayed = 0

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    @property
    def running(self) -> bool:
        process = self._process
        return process is not None and process.poll() is None

    def start(self) -> None:
        """Start the child now (raises OSError if it cannot be); it loads the embedder and refreshes every open
        conference while the server starts."""
        if self._thread is not None:
            return
        process = self._spawn()
        self._thread = threading.Thread(target=self._supervise, args=(process,), name="analysis-process",
                                        daemon=True)
        self._thread.start()

    def request(self, conference_id: int) -> None:
        if self._thread is not None and not self._stop.is_set():
            self._forwarder.request(conference_id)

    def stop(self, timeout: float | None = None) -> None:
        """Close the child's stdin (it finishes the refresh in progress and exits), then terminate it by PID."""
        with self._lock:
            self._stop.set()
            process = self._process
        self._forwarder.stop()
        if process is None or process.poll() is not None:
            return
        try:
            process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(self.stop_timeout if timeout is None else timeout)
        except subprocess.TimeoutExpired:
            log.warning("the analysis worker (pid %s) did not stop; terminating it", process.pid)
            process.terminate()
            try:
                process.wait(2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(2)

    def _spawn(self) -> subprocess.Popen:
        with self._lock:
            if self._stop.is_set():
                raise RuntimeError("stopped")
            # stderr is inherited: the child's logs go where the server's go.
            self._process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             env=self.env or child_environment(self.app.config), close_fds=True)
            log.info("analysis worker started (pid %s)", self._process.pid)
            return self._process

    def _write(self, ids: list[int]) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            # Between a crash and the restart: the new child refreshes every open conference anyway.
            log.debug("analysis worker not running: requests %s dropped", ids)
            return
        process.stdin.write(b"".join(encode_request(i) for i in ids))
        process.stdin.flush()

    def _relay(self, process: subprocess.Popen) -> None:
        for line in iter(process.stdout.readline, b""):
            message = decode_event(line)
            if message is None:
                continue
            try:
                self.publisher.publish(*message)
                self.relayed += 1
            except Exception:  # one failed broadcast must not stop the relay
                log.exception("could not publish %s from the analysis worker", message[0])

    def _supervise(self, process: subprocess.Popen) -> None:
        failures = 0
        while True:
            started = time.monotonic()
            self._relay(process)  # until the child's stdout closes: it exited
            code = process.wait()
            process.stdout.close()
            try:
                process.stdin.close()  # the dead child's pipe (a write racing it fails alone: see _write's caller)
            except OSError:
                pass
            if self._stop.is_set():
                return
            failures = 1 if time.monotonic() - started > self.healthy_after else failures + 1
            delay = min(self.max_delay, self.first_delay * 2 ** (failures - 1))
            log.error("the analysis worker (pid %s) exited with code %s; restarting it in %.0f s",
                      process.pid, code, delay)
            while True:
                if self._stop.wait(delay):
                    return
                try:
                    process = self._spawn()
                    break
                except RuntimeError:
                    return
                except OSError as exc:
                    delay = min(self.max_delay, delay * 2)
                    log.error("could not start the analysis worker (%s); trying again in %.0f s", exc, delay)
            self.restarts += 1
