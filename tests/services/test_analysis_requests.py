"""DELIBERATE_ANALYSIS=worker, the Redis side, on a real redis-server: web processes push conference ids without
waiting, the worker pops them, refreshes, and emits on the channel every Flask-SocketIO server listens to."""
import json
import threading
import time

import pytest

from deliberate.live_setup import external_publisher
from deliberate.services.room import arguments
from deliberate.services.analysis.refresh import refresher
from deliberate.services.analysis.requests import REDIS_KEY, RedisRequests, RedisRequestSource, RequestForwarder
from deliberate.services.analysis.worker import AnalysisScheduler, Worker, redis_feed
from deliberate.services.collaborators import of
from deliberate.services.publisher import NAMESPACE
from tests.redis_server import free_port, require_redis, running_redis, start_redis, stop_process
from tests.services.test_analysis_process import WaitingPublisher, analysis_covering
from tests.helpers import using


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis(redis_url):
    import redis as redis_py

    client = redis_py.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


def drain(source, timeout=10.0, until=None):
    """Pop ids until `until` (a set) is covered or nothing comes for a second."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conference_id = source.pop(timeout=1)
        if conference_id is None:
            if until is None:
                break
            continue
        seen.append(conference_id)
        if until is not None and until <= set(seen):
            break
    return seen


def test_a_request_never_waits_for_its_sender():
    """request() only notes the id: while the sender is stuck (a slow pipe, Redis away), callers go on."""
    gate, sending, sent, arrived = threading.Event(), threading.Event(), [], threading.Condition()

    def send(ids):
        sending.set()
        assert gate.wait(60)
        with arrived:
            sent.append(ids)
            arrived.notify_all()

    forwarder = RequestForwarder(send, name="test-forwarder")
    try:
        forwarder.request(5)
        assert sending.wait(60), "the sender never started"
        for _ in range(200):  # every call returns although the sender is blocked
            forwarder.request(5)
        forwarder.request(6)
        assert sent == []
        gate.set()
        with arrived:
            arrived.wait_for(lambda: len(sent) >= 2, timeout=60)
        assert sent == [[5], [5, 6]]  # 202 requests, two messages
    finally:
        forwarder.stop()


def test_requests_are_coalesced_pushed_and_popped(redis_url, redis):
    requests = RedisRequests(redis_url)
    try:
        for _ in range(200):
            requests.request(5)
        requests.request(6)
        seen = drain(RedisRequestSource(redis_url), until={5, 6})
        assert set(seen) == {5, 6}
        assert len(seen) < 50  # coalesced: far fewer messages than requests
    finally:
        requests.stop()


def test_a_long_outage_keeps_only_the_newest_requests(redis_url, redis):
    requests = RedisRequests(redis_url, backlog=3)
    try:
        for conference_id in range(1, 11):
            requests._push([conference_id])
        assert redis.llen(REDIS_KEY) == 3
        assert drain(RedisRequestSource(redis_url)) == [8, 9, 10]
    finally:
        requests.stop()


def test_requests_made_while_redis_is_down_arrive_once_it_is_up(tmp_path):
    require_redis()
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    requests = RedisRequests(url, retry=0.2)
    process = None
    try:
        requests.request(9)  # Redis is not there: the caller is not bothered, the sender retries
        deadline = time.monotonic() + 10
        while requests.failures == 0:
            assert time.monotonic() < deadline, "the sender never tried"
            time.sleep(0.05)
        process, _ = start_redis(tmp_path, port)
        assert drain(RedisRequestSource(url), timeout=30, until={9}) == [9]
    finally:
        requests.stop()
        if process is not None:
            stop_process(process)


def test_the_external_publisher_speaks_flask_socketio_s_message_queue(redis_url, redis):
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe("flask-socketio")  # the channel every `deliberate serve` with DELIBERATE_REDIS_URL listens on
    try:
        external_publisher(redis_url).publish("analysis_updated", {"run_id": 3}, 12, "facilitators")
        message = None
        deadline = time.monotonic() + 10
        while message is None and time.monotonic() < deadline:
            message = pubsub.get_message(timeout=1)
        assert message is not None, "nothing was published"
        data = json.loads(message["data"])
        assert (data["method"], data["event"], data["data"], data["namespace"], data["room"]) == \
            ("emit", "analysis_updated", [{"run_id": 3}], NAMESPACE, "conference:12:facilitators")
    finally:
        pubsub.close()


def test_the_worker_refreshes_what_the_web_processes_push(app, conference, join, redis_url, redis):
    """The worker loop in this process: ids from Redis, the real refresh, events to the publisher."""
    publisher = WaitingPublisher()
    of(app).publisher = publisher
    of(app).analysis = AnalysisScheduler(app, refresher(app), quiet=0.1, max_wait=0.3)
    author, _ = join(conference, "facilitator", "Fatou")
    worker = Worker(app)
    runner = threading.Thread(target=worker.run, args=(redis_feed(RedisRequestSource(redis_url)),))
    runner.start()
    requests = RedisRequests(redis_url)
    try:
        publisher.wait_for(lambda event, *_: event == "analysis_updated")  # open conferences, at start
        # Posted without the local scheduler hearing of it: only the request through Redis can bring it in.
        scheduler, of(app).analysis = of(app).analysis, None
        argument = arguments.post_argument(author, "Les protéines végétales suffisent à un adulte.", deps=using())
        of(app).analysis = scheduler
        requests.request(conference.id)
        publisher.wait_for(analysis_covering(conference.id, argument.id))
    finally:
        requests.stop()
        worker.stop("end of test")
        runner.join(30)
        of(app).analysis = None
    assert not runner.is_alive()
