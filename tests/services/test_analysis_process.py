"""DELIBERATE_ANALYSIS=process: a real `deliberate worker --pipe` child, fed conference ids through its stdin, whose
events come back as JSON lines and are relayed to the app's publisher. No mocks: the child reads and writes the
test's database."""
import os
import signal
import subprocess
import threading
import time

import pytest

from deliberate.extensions import db
from deliberate.services.room import arguments
from deliberate.services.analysis.process import (AnalysisProcess, PipePublisher, child_environment,
                                                  decode_event, decode_request, encode_event, encode_request,
                                                  worker_command)
from deliberate.services.publisher import RecordingPublisher
from tests.helpers import using

START_TIMEOUT = 60.0  # a child imports numpy, scikit-learn and Flask; a busy 2-core machine


class WaitingPublisher(RecordingPublisher):
    """Records events and lets a test wait for one."""

    def __init__(self):
        super().__init__()
        self.arrived = threading.Condition()

    def publish(self, event, payload, conference_id, audience="all"):
        with self.arrived:
            super().publish(event, payload, conference_id, audience)
            self.arrived.notify_all()

    def wait_for(self, predicate, timeout=START_TIMEOUT):
        with self.arrived:
            assert self.arrived.wait_for(lambda: any(predicate(*e) for e in self.events), timeout), \
                f"no such event within {timeout:.0f} s; got {[e[0] for e in self.events]}"
            return next(e for e in self.events if predicate(*e))


def wait_until(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)


def analysis_covering(conference_id, argument_id):
    return lambda event, payload, cid, audience: (
        event == "analysis_updated" and cid == conference_id and audience == "facilitators"
        and any(m["argument_id"] == argument_id for m in payload["map"]))


@pytest.fixture
def worker(app):
    """The process-mode analysis of the test app, with a recording publisher; stopped after the test."""
    app.config["DEVELOPMENT"] = True  # the child reads the secret key from the instance folder (tmp_path)
    publisher = WaitingPublisher()
    process = AnalysisProcess(app, publisher, first_delay=0.1)
    yield process, publisher
    process.stop()


def test_the_protocol_is_one_line_per_message_and_skips_what_it_cannot_read():
    line = encode_event("analysis_updated", {"text": "deux\nlignes é"}, 3, "facilitators")
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    assert decode_event(line) == ("analysis_updated", {"text": "deux\nlignes é"}, 3, "facilitators")
    for bad in (b"Loading model...\n", b'{"event": 1}\n', b'{"event": "x", "payload": {}, "conference_id": 1, '
                b'"audience": "everyone"}\n', b"[]\n"):
        assert decode_event(bad) is None
    assert [decode_request(encode_request(n)) for n in (1, 42)] == [1, 42]
    assert decode_request(b"\n") is None and decode_request(b"drop table\n") is None


def test_pipe_publisher_lines_read_back_through_a_real_pipe():
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as out:
        publisher = PipePublisher(out)
        publisher.publish("arguments_assigned", {"assignments": []}, 7, "facilitators")
        publisher.publish("analysis_updated", {"run_id": 1}, 7, "facilitators")
    with os.fdopen(read_end, "rb") as stream:
        assert [decode_event(line) for line in stream] == [
            ("arguments_assigned", {"assignments": []}, 7, "facilitators"),
            ("analysis_updated", {"run_id": 1}, 7, "facilitators")]


def test_requests_before_start_are_dropped_and_start_no_child(app):
    process = AnalysisProcess(app, RecordingPublisher())
    process.request(1)
    assert process.pid is None and not process.running
    process.stop()


def test_the_child_refreshes_what_the_server_asks_and_its_events_are_relayed(app, conference, join, worker):
    process, publisher = worker
    author, _ = join(conference, "facilitator", "Fatou")
    first = arguments.post_argument(author, "Moins de viande à la cantine, c'est mieux pour le climat.", deps=using())
    process.start()
    assert process.running and process.pid != os.getpid()
    # At start the child brings every open conference up to date by itself.
    publisher.wait_for(analysis_covering(conference.id, first.id))
    second = arguments.post_argument(author, "Les éleveurs locaux font vivre nos campagnes.", deps=using())
    db.session.commit()
    process.request(conference.id)  # what `request_refresh` does after a post
    _, payload, _, _ = publisher.wait_for(analysis_covering(conference.id, second.id))
    assert payload["model"] == "toy:32" and payload["run_id"] >= 2
    assert process.relayed >= 2


def test_a_crashed_child_is_restarted_and_a_stopped_one_leaves_when_its_pipe_closes(app, conference, join, worker):
    process, publisher = worker
    author, _ = join(conference, "facilitator", "Fatou")
    process.start()
    publisher.wait_for(lambda event, *_: event == "analysis_updated")
    crashed = process.pid
    os.kill(crashed, signal.SIGKILL)
    wait_until(lambda: process.restarts == 1 and process.running, START_TIMEOUT, "the child was not restarted")
    assert process.pid != crashed
    argument = arguments.post_argument(author, "Un repas végétarien par semaine devrait être obligatoire.", deps=using())
    db.session.commit()
    process.request(conference.id)
    publisher.wait_for(analysis_covering(conference.id, argument.id))

    child = process._process
    process.stop(timeout=30)
    assert child.returncode == 0  # it left on its own when its stdin closed: not terminated, not killed
    assert process.restarts == 1  # and was not restarted


def test_the_child_exits_when_the_server_dies(app):
    """No server to close the pipe politely: its end of the pipe closes with it, and the child leaves."""
    app.config["DEVELOPMENT"] = True
    child = subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=child_environment(app.config))
    try:
        child.stdin.close()  # what the kernel does when the server process dies
        assert child.wait(timeout=START_TIMEOUT) == 0
        assert child.stdout.read() == b""  # nothing but protocol lines ever reach stdout
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
