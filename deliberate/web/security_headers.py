"""Security headers on every response, and the reverse proxy's view of the client (DELIBERATE_BEHIND_PROXY).

The Content-Security-Policy allows only our own files: every script and style sheet is a file under /static
(no inline script, style attribute or event handler in the templates), fonts included; the socket connects to the
same origin. Pages may not be framed (clickjacking of the desks' buttons), except the public report: it is
read-only and public, so a city's or an association's site may show it in a frame. The projector screen is not
embeddable: it needs the facilitator's session cookie, which SameSite=Lax withholds from a frame on another site.
"""
from __future__ import annotations

import re

from flask import request

# Hosts as a browser sends them: a name or an address, and a port. Anything else is left out of the policy.
HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
          "connect-src 'self'{socket}; object-src 'none'; base-uri 'self'; form-action 'self'; "
          "frame-ancestors {ancestors}")
EMBEDDABLE = ("report.",)  # endpoint prefixes whose pages any site may frame


def _embeddable() -> bool:
    return (request.endpoint or "").startswith(EMBEDDABLE)


def _socket_source() -> str:
    # CSP 3 lets 'self' cover ws:/wss: of the same host, but older browsers (Safari before 15.4) need it said.
    if not HOST.match(request.host or ""):
        return ""
    return f" {'wss' if request.is_secure else 'ws'}://{request.host}"


def add_headers(response):
    embeddable = _embeddable()
    response.headers["Content-Security-Policy"] = POLICY.format(
        socket=_socket_source(), ancestors="*" if embeddable else "'none'")
    if not embeddable:
        response.headers["X-Frame-Options"] = "DENY"  # the same rule for browsers without frame-ancestors
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"  # invite codes in join URLs never leave the site
    return response


# The Socket.IO server's answers (polling, the WebSocket upgrade, errors) hold no page: nothing to load or frame.
SOCKET_HEADERS = (("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
                  ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"),
                  ("Referrer-Policy", "same-origin"))


class SocketResponseHeaders:
    """The Socket.IO middleware answers /socket.io/ before Flask, so `after_request` never sees those responses:
    this WSGI wrapper gives them the same headers (those the server set itself are kept)."""

    def __init__(self, wsgi_app, path: str = "/socket.io/"):
        self.wsgi_app, self.path = wsgi_app, path

    def __call__(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(self.path):
            return self.wsgi_app(environ, start_response)

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(n, v) for n, v in SOCKET_HEADERS if n.lower() not in present]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def init_app(app) -> None:
    app.after_request(add_headers)
    app.wsgi_app = SocketResponseHeaders(app.wsgi_app)
    proxies = app.config.get("DELIBERATE_BEHIND_PROXY") or 0
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, so that Socket.IO too sees the client's scheme and host (its same-origin check) and address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
        # Behind a proxy the public side is taken to be HTTPS: the session cookie only travels encrypted.
        app.config["SESSION_COOKIE_SECURE"] = True
