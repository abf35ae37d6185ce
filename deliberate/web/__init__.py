"""Thin adapters: HTTP pages, the JSON API, and the Socket.IO namespace /live."""


def init_app(app) -> None:
    from deliberate.extensions import csrf, socketio
    from deliberate.web import api, console, dossier, errors, labels, live, pages, report

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(dossier.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(report.bp)
    csrf.exempt(api.bp)  # the API takes bearer tokens, never cookies
    errors.init_app(app)
    labels.init_app(app)
    # One handler per namespace even when several apps are created in one process (tests).
    socketio.namespace_handlers = [h for h in socketio.namespace_handlers if h.namespace != live.NAMESPACE]
    socketio.on_namespace(live.LiveNamespace(live.NAMESPACE))
