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


def init_app(app) -> None:
    app.after_request(add_headers)
    proxies = app.config.get("DELIBERATE_BEHIND_PROXY") or 0
    if proxies > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, so that Socket.IO too sees the client's scheme and host (its same-origin check) and address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
        # Behind a proxy the public side is taken to be HTTPS: the session cookie only travels encrypted.
        app.config["SESSION_COOKIE_SECURE"] = True
