"""Thin adapters: HTTP pages, the JSON API, and the Socket.IO namespace /live, grouped by area as the services are
(live/: the socket's plumbing; room/, method/, document/, members/, exchange/: each area's pages and commands)."""


def init_app(app) -> None:
    from deliberate.extensions import csrf, socketio
    from deliberate.web import api, errors, labels, security_headers
    from deliberate.web.exchange import report
    from deliberate.web.live import namespace as live, session as socket_session
    from deliberate.web.members import privacy
    from deliberate.web.method import dossier
    from deliberate.web.room import console, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(dossier.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(privacy.bp)
    csrf.exempt(api.bp)  # the API takes bearer tokens, never cookies
    errors.init_app(app)
    socket_session.init_app(app)
    labels.init_app(app)
    socketio.on_namespace(live.LiveNamespace(live.NAMESPACE))
    # Flask-SocketIO gives every Socket.IO event a request context for the connection's /socket.io/ URL (ws:// once
    # upgraded); without rules for it, Werkzeug searches every rule and raises NotFound or WebsocketMismatch on
    # every event (137 us, about a quarter of a vote's server time, measured). The Socket.IO middleware answers
    # that URL before Flask, so this view is never called.
    never_called = lambda: ("", 404)  # noqa: E731
    app.add_url_rule("/socket.io/", "socketio_path", never_called)
    app.add_url_rule("/socket.io/", "socketio_path", never_called, websocket=True)
    security_headers.init_app(app)  # last: its ProxyFix must wrap every other middleware
