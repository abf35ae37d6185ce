"""A real redis-server for the tests that need one: on a free loopback port, in a temporary folder, nothing saved.

Missing redis-server (or the `redis` package): the test is skipped, unless CI is set, then it fails.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

HOST = "127.0.0.1"
STARTUP_TIMEOUT = 60.0  # a busy 2-core machine can take that long to import torch and migrate


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def require_redis() -> None:
    """Skip (or, under CI, fail) when redis-server or the redis package is missing."""
    reasons = []
    if shutil.which("redis-server") is None:
        reasons.append("redis-server is not installed (Debian: apt-get install redis-server)")
    try:
        import redis  # noqa: F401
    except ImportError:
        reasons.append("the redis package is missing (pip install -e '.[scale]')")
    if reasons:
        if os.environ.get("CI"):
            pytest.fail("; ".join(reasons) + "; CI is set, so the Redis tests must run.")
        pytest.skip("; ".join(reasons))


def stop_process(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """Terminate one process we started, by its PID; kill it if it does not leave."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def start_redis(folder: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start redis-server and return once it answers PING."""
    import redis

    port = port or free_port()
    log = open(folder / f"redis-{port}.log", "wb")
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    url = f"redis://{HOST}:{port}/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"redis-server exited with {process.returncode}: "
                            f"{(folder / f'redis-{port}.log').read_text(errors='replace')[-2000:]}")
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not answer on {url} within {STARTUP_TIMEOUT:.0f} s")
                time.sleep(0.05)
    except BaseException:
        stop_process(process)
        raise
    finally:
        client.close()
    return process, url


@contextlib.contextmanager
def running_redis(folder: Path, port: int | None = None):
    require_redis()
    process, url = start_redis(folder, port)
    try:
        yield url
    finally:
        stop_process(process)
