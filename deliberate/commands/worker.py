"""`deliberate worker`: the live analysis in its own process, in the foreground (docs/scaling.md).

With DELIBERATE_REDIS_URL (DELIBERATE_ANALYSIS=worker on the web processes): takes the conference ids the web
processes push to Redis, refreshes them, and emits `analysis_updated` / `arguments_assigned` through
Flask-SocketIO's message queue, which every web process relays to its facilitators. `--pipe` is the child that
`deliberate serve` starts itself (DELIBERATE_ANALYSIS=process): ids on stdin, events as JSON lines on stdout.
Stops cleanly on SIGTERM and SIGINT (the refresh in progress finishes first, for a few seconds at most).
"""
from __future__ import annotations

import logging
import os
import signal
import sys

import click

log = logging.getLogger("deliberate.worker")


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not an SQLAlchemy-style URL: say only where it points
        return url.rsplit("@", 1)[-1]


def _protocol_stream():
    """The pipe to the server, taken from fd 1; fd 1 then points to stderr, so nothing else can write to it."""
    sys.stdout.flush()
    stream = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    return stream


@click.command("worker")
@click.option("--pipe", is_flag=True, hidden=True,
              help="Serve one `deliberate serve` over stdin/stdout (it starts this itself).")
@click.option("--nice", default=10, show_default=True, type=click.IntRange(0, 19),
              help="Lower this process's CPU priority, so that on a shared machine the web processes come first.")
def worker_command(pipe: bool, nice: int) -> None:
    """Run the live analysis for web processes joined by Redis (DELIBERATE_REDIS_URL)."""
    from deliberate import create_app
    from deliberate.config import ConfigError
    from deliberate.services import collaborators
    from deliberate.services.analysis.worker import Worker, lines_feed, redis_feed

    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format=f"%(asctime)s analysis worker [{os.getpid()}] %(levelname)s: %(message)s")
    protocol = _protocol_stream() if pipe else None
    try:
        app = create_app({"DELIBERATE_ANALYSIS": "thread"})  # this process computes
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if pipe:
        from deliberate.services.analysis.process import PipePublisher

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the server, which stops this child
        collaborators.of(app).publisher = PipePublisher(protocol)
        feed, source_name = lines_feed(sys.stdin.buffer), "the server's pipe"
    else:
        url = app.config.get("DELIBERATE_REDIS_URL")
        if not url:
            raise click.ClickException(
                "`deliberate worker` needs DELIBERATE_REDIS_URL, the Redis its web processes share (for example "
                "redis://127.0.0.1:6379/0), and those run with DELIBERATE_ANALYSIS=worker. On one machine "
                "`deliberate serve` starts its own worker (DELIBERATE_ANALYSIS=process, the default).")
        from deliberate.live_setup import external_publisher
        from deliberate.services.analysis.requests import RedisRequestSource

        try:
            source = RedisRequestSource(url)
            source.ping()
        except Exception as exc:
            raise click.ClickException(f"cannot reach Redis at {_hide_password(url)}: {exc}") from exc
        collaborators.of(app).publisher = external_publisher(url)
        feed, source_name = redis_feed(source), f"Redis {_hide_password(url)}"
    if nice:
        os.nice(nice)

    worker = Worker(app)
    signal.signal(signal.SIGTERM, lambda signum, frame: worker.stop("SIGTERM"))
    if not pipe:
        signal.signal(signal.SIGINT, lambda signum, frame: worker.stop("SIGINT"))
    log.info("started: database %s, embedder %s, requests from %s",
             _hide_password(app.config["SQLALCHEMY_DATABASE_URI"]), app.config["DELIBERATE_EMBEDDER"], source_name)
    try:
        worker.run(feed)
    except Exception as exc:  # typically a database that was never migrated
        log.exception("the worker failed")
        raise click.ClickException(f"the analysis worker failed: {exc} (is the database migrated? "
                                   "`deliberate db upgrade`)") from exc
    log.info("stopped")
