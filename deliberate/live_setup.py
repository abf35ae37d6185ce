"""Real-time plumbing: the Socket.IO server, the publisher services use, the abuse limits, the coalesced
tally feed, and where the live analysis runs (DELIBERATE_ANALYSIS: process, worker, thread or off)."""
from deliberate.extensions import socketio
from deliberate.services.analysis.worker import AnalysisScheduler
from deliberate.services.publisher import SocketIOPublisher
from deliberate.services import collaborators, limits
from deliberate.web.live import compat
from deliberate.web.live.guard import MAX_FRAME_BYTES, SAFE_PACKET


def async_mode() -> str:
    """gevent when the launcher patched the standard library for it (`deliberate serve`), else threading
    (tests, the Flask test client, scripts): the mode must match what the process really runs on."""
    try:
        from gevent import monkey
    except ImportError:
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


def init_app(app) -> None:
    # Flask-SocketIO keeps the options of earlier init_app calls on the shared extension: an earlier app's message
    # queue (its client manager) would otherwise serve this app too, whatever its DELIBERATE_REDIS_URL.
    socketio.server_options.pop("client_manager", None)
    socketio.init_app(
        app,
        async_mode=async_mode(),
        message_queue=app.config.get("DELIBERATE_REDIS_URL"),
        # Same-origin only: a page on another site cannot drive a member's socket.
        cors_allowed_origins=app.config.get("DELIBERATE_CORS_ORIGINS"),
        # Over guard.MAX_COMMAND_BYTES a command is answered `too_long`; only beyond this is a message dropped
        # with its connection (Engine.IO's own limit).
        max_http_buffer_size=MAX_FRAME_BYTES,
        # Packets whose decoding never raises: an unreadable message still gets its answer (web/live/guard.py).
        serializer=SAFE_PACKET,
        # A connection's events are handled one after the other, in the order they were sent: a member's
        # second vote can never overtake the first (each event in its own thread or greenlet could).
        async_handlers=False,
    )
    compat.close_connections_without_namespace(socketio.server, app.config.get("DELIBERATE_CONNECT_TIMEOUT", 10))
    app.wsgi_app = _EndWebSockets(app.wsgi_app)
    # The collaborators every use-case is handed (services/collaborators.py), built here once.
    from deliberate.services.room.group_commit import GroupCommit
    from deliberate.services.room.votes import write_votes

    publisher = app.config.get("DELIBERATE_PUBLISHER") or SocketIOPublisher(socketio)
    deps = collaborators.from_config(app.config, publisher, app.instance_path,
                                     limits=limits.from_config(app.config), vote_commit=GroupCommit(write_votes))
    interval = app.config.get("DELIBERATE_TALLY_INTERVAL", 0.25)
    if interval and interval > 0:
        from deliberate.services.room.tally_feed import TallyFeed
        from deliberate.services.room.votes import tally_items

        deps.tally_feed = TallyFeed(app, tally_items, publisher.publish, interval)
    deps.analysis = _analysis(app, deps)
    app.extensions["deliberate"] = deps


class _EndWebSockets:
    """Under gevent's WSGI server, a WebSocket that Engine.IO has closed still holds its TCP connection: the server
    reads the "next request" from it (keep-alive) and simple-websocket's reader waits on a duplicate of the socket,
    both for as long as the client keeps it open. Shutting the connection down once the WebSocket handler has
    returned (its close frame is sent by then) releases both."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        result = self.wsgi_app(environ, start_response)
        if environ.get("HTTP_UPGRADE", "").lower() == "websocket" and \
                environ.get("SERVER_SOFTWARE", "").startswith("gevent"):
            _shutdown(environ)
        return result


def _shutdown(environ) -> None:
    import socket

    # The socket behind gevent's wsgi.input, found as simple-websocket finds it.
    stream = environ.get("wsgi.input")
    stream = getattr(stream, "rfile", stream) if not hasattr(stream, "raw") else stream
    connection = getattr(getattr(stream, "raw", None), "_sock", None)
    if connection is not None:
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already gone


def _analysis(app, deps: collaborators.Collaborators):
    """Whatever takes `request(conference_id)` in this mode (DELIBERATE_ANALYSIS); None when off."""
    mode = app.config.get("DELIBERATE_ANALYSIS", "process")
    if mode == "thread":  # here, in a background thread (a greenlet under gevent)
        from deliberate.services.analysis.refresh import refresher

        return AnalysisScheduler(app, refresher(app),
                                 quiet=app.config["DELIBERATE_ANALYSIS_QUIET"],
                                 max_wait=app.config["DELIBERATE_ANALYSIS_MAX_WAIT"])
    if mode == "process":  # in a child `deliberate worker --pipe`, started by `serve`
        from deliberate.services.analysis.process import AnalysisProcess

        return AnalysisProcess(app, deps.publisher)
    if mode == "worker":  # in a separate `deliberate worker`, through Redis
        from deliberate.services.analysis.requests import RedisRequests

        return RedisRequests(app.config["DELIBERATE_REDIS_URL"])
    return None


def external_publisher(redis_url: str) -> SocketIOPublisher:
    """A publisher for a process that serves no client (`deliberate worker`): it only writes to the message queue
    every web process listens to. Write-only: unlike the app's own Socket.IO server, it never subscribes, so the
    worker does not receive (and decode) every broadcast of every web process."""
    from flask_socketio import SocketIO

    # Threading: the worker is not patched by gevent, and the emitter needs no event loop.
    return SocketIOPublisher(SocketIO(message_queue=redis_url, async_mode="threading"))
