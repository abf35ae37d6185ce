"""Real-time plumbing: the Socket.IO server, the publisher services use, the post limiter, the coalesced
tally feed, the background analysis worker."""
from deliberate.extensions import socketio
from deliberate.services.analysis_worker import AnalysisScheduler
from deliberate.services.publisher import SocketIOPublisher
from deliberate.services.rate_limit import SlidingWindowLimiter


def init_app(app) -> None:
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=app.config.get("DELIBERATE_REDIS_URL"),
        # Same-origin only: a page on another site cannot drive a member's socket.
        cors_allowed_origins=app.config.get("DELIBERATE_CORS_ORIGINS"),
        max_http_buffer_size=64 * 1024,
    )
    app.extensions["deliberate.publisher"] = app.config.get("DELIBERATE_PUBLISHER") or SocketIOPublisher(socketio)
    app.extensions["deliberate.post_limiter"] = SlidingWindowLimiter(
        app.config["DELIBERATE_POST_LIMIT"], app.config["DELIBERATE_POST_WINDOW"]
    )
    interval = app.config.get("DELIBERATE_TALLY_INTERVAL", 0.25)
    if interval and interval > 0:
        from deliberate.services.tally_feed import TallyFeed
        from deliberate.services.votes import tally_items

        publisher = app.extensions["deliberate.publisher"]
        app.extensions["deliberate.tally_feed"] = TallyFeed(app, tally_items, publisher.publish, interval)
    if app.config.get("DELIBERATE_ANALYSIS", "thread") == "thread":
        from deliberate.services.analysis import refresh

        app.extensions["deliberate.analysis"] = AnalysisScheduler(
            app, refresh, quiet=app.config["DELIBERATE_ANALYSIS_QUIET"],
            max_wait=app.config["DELIBERATE_ANALYSIS_MAX_WAIT"])
