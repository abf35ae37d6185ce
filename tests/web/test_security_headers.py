"""Security headers on every response, the reverse proxy (DELIBERATE_BEHIND_PROXY: Secure cookie, the client's
address for the per-address join limit), and the refusal of a short DELIBERATE_SECRET_KEY by `deliberate serve`."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deliberate.extensions import db
from tests.conftest import csrf_token
from tests.services.test_limits import LIMITED, app_with


@pytest.fixture
def client(app):
    return app.test_client()


def assert_not_embeddable(response):
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy and response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_every_kind_of_response_carries_the_headers(app, client, conference, join):
    _, token = join(conference, "panelist", "Alice")
    responses = [client.get("/"), client.get("/c/viande/join"), client.get("/c/viande/facilitate"),
                 client.get("/c/viande/screen"), client.get("/nowhere"), client.get("/static/css/deliberate.css"),
                 client.get("/api/conferences/viande/snapshot"),
                 client.get("/api/conferences/viande/snapshot", headers={"Authorization": f"Bearer {token}"}),
                 client.post("/c/viande/join", data={})]  # a CSRF refusal
    assert {r.status_code for r in responses} >= {200, 302, 400, 401, 404}
    for response in responses:
        assert_not_embeddable(response)
        response.close()  # the static file's response holds the file open until closed
    room = client.post("/c/viande/join", data={"csrf_token": csrf_token(client, "/c/viande/join"),
                                               "invite_code": conference.codes["public"], "display_name": "Bruno"},
                       follow_redirects=True)
    assert room.status_code == 200 and 'id="live-config"' in room.get_data(as_text=True)
    assert_not_embeddable(room)
    assert "connect-src 'self' ws://localhost;" in room.headers["Content-Security-Policy"]


def test_the_public_report_may_be_embedded(client, conference):
    response = client.get("/c/viande/report")  # not yet published: the page that says so
    assert response.status_code == 404
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_hostile_host_header_stays_out_of_the_policy(client):
    response = client.get("/", headers={"Host": "evil.example;script-src *"})
    assert "evil" not in response.headers["Content-Security-Policy"]


@pytest.fixture
def proxied(tmp_path, database_url, conference):
    """The same database behind one reverse proxy, with 2 joins per address a minute."""
    app = app_with(tmp_path, database_url, **{**LIMITED, "DELIBERATE_LIMIT_JOIN_ADDRESS": "2/minute",
                                              "DELIBERATE_BEHIND_PROXY": 1})
    yield app
    with app.app_context():
        db.engine.dispose()


def join_through_proxy(app, conference, client_address, name, trusted=True):
    """The join page then its form, as a proxy at 10.0.0.2 forwards them for `client_address` over HTTPS (the
    app sees the forwarded host only when it trusts the proxy)."""
    client = app.test_client()
    request = {"headers": {"X-Forwarded-For": client_address, "X-Forwarded-Proto": "https",
                           "X-Forwarded-Host": "deliberate.example",
                           # CSRF's HTTPS check: the form came from the page of the same host
                           "Referer": f"https://{'deliberate.example' if trusted else 'localhost'}/c/viande/join"},
               "environ_base": {"REMOTE_ADDR": "10.0.0.2"}, "base_url": "https://localhost"}
    page = client.get("/c/viande/join", **request)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post("/c/viande/join", **request, data={
        "csrf_token": token, "invite_code": conference.codes["public"], "display_name": name})
    return page, response


def test_behind_a_proxy_cookies_are_secure_and_the_client_address_counts(proxied, conference):
    page, first = join_through_proxy(proxied, conference, "203.0.113.7", "Un")
    assert "Secure" in page.headers["Set-Cookie"] and "HttpOnly" in page.headers["Set-Cookie"]
    assert "connect-src 'self' wss://deliberate.example;" in page.headers["Content-Security-Policy"]
    assert first.status_code == 302
    assert join_through_proxy(proxied, conference, "203.0.113.7", "Deux")[1].status_code == 302
    # The third from that address is refused; other people behind the same proxy are not.
    assert join_through_proxy(proxied, conference, "203.0.113.7", "Trois")[1].status_code == 429
    assert join_through_proxy(proxied, conference, "198.51.100.4", "Quatre")[1].status_code == 302


@pytest.mark.parametrize("settings", [{**LIMITED, "DELIBERATE_LIMIT_JOIN_ADDRESS": "2/minute"}])
def test_without_a_proxy_forwarded_headers_are_not_trusted(settings, tmp_path, database_url, conference):
    app = app_with(tmp_path, database_url, **settings)
    page, first = join_through_proxy(app, conference, "203.0.113.7", "Un", trusted=False)
    assert "Secure" not in page.headers["Set-Cookie"] and first.status_code == 302
    assert join_through_proxy(app, conference, "203.0.113.8", "Deux", trusted=False)[1].status_code == 302
    # Both came from 10.0.0.2 whatever they claimed: the third is refused.
    assert join_through_proxy(app, conference, "203.0.113.9", "Trois", trusted=False)[1].status_code == 429


RANDOM_KEY = "3f9c1e7a5b2d8046c1e9f7a3b5d2086e4c1a9f7e3b5d2c80"  # 24 random bytes as hex: 48 bytes long


@pytest.mark.parametrize("key, refused", [("short", "length"), ("x" * 31, "length"), ("é" * 16, "guessable"),
                                          ("k" * 32, "guessable"), ("changeme" * 4, "guessable"),
                                          ("0123456789abcdef" * 2, "guessable"), (RANDOM_KEY, None),
                                          ("Ça-m3-dit/7 pâtés, vingt!_choux ; 41 brebis", None)])
def test_serve_refuses_a_short_or_guessable_secret_key(tmp_path, key, refused):
    env = {name: value for name, value in os.environ.items() if not name.startswith("DELIBERATE_")}
    # A bad DELIBERATE_ANALYSIS is checked after the key: reaching it means the key was accepted (nothing served).
    env.update({"DELIBERATE_INSTANCE_PATH": str(tmp_path), "DELIBERATE_SECRET_KEY": key,
                "DELIBERATE_ANALYSIS": "not-a-mode"})
    result = subprocess.run([str(Path(sys.executable).parent / "deliberate"), "serve", "--port", "1"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    if refused == "length":
        assert f"DELIBERATE_SECRET_KEY is {len(key.encode())} bytes long; it must be at least 32" in result.stderr
    elif refused == "guessable":
        assert "DELIBERATE_SECRET_KEY is too easy to guess" in result.stderr
    else:
        assert "DELIBERATE_SECRET_KEY" not in result.stderr and "DELIBERATE_ANALYSIS" in result.stderr


@pytest.mark.parametrize("query", ["EIO=4&transport=polling", "EIO=4&transport=polling&sid=unknown", "EIO=1"])
def test_socket_io_responses_carry_the_headers_too(client, query):
    """Answered by the Socket.IO server before Flask (a handshake, an unknown session, a bad protocol version)."""
    response = client.get(f"/socket.io/?{query}")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
