"""The `deliberate` command: calls services, never raw SQL."""
from __future__ import annotations

import json
import sys

import click

from deliberate import create_app
from deliberate.config import ConfigError


def _app(development: bool | None = None):
    try:
        app = create_app({"DEVELOPMENT": development} if development is not None else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    context = click.get_current_context(silent=True)
    if context is not None:  # the command's database connections are closed when it ends, not left to the GC
        context.call_on_close(lambda: _close_database(app))
    return app


def _close_database(app) -> None:
    from deliberate.extensions import db

    with app.app_context():
        db.engine.dispose()


def _prepared_app(development: bool | None = None):
    """An app whose database exists and is at the latest migration."""
    from deliberate.migrate import upgrade

    app = _app(development)
    upgrade(app)
    return app


ANALYSIS_AT_WORK = {
    "process": "Analysis: in worker process {pid} (DELIBERATE_ANALYSIS=process)",
    "worker": "Analysis: by `deliberate worker`, through Redis (DELIBERATE_ANALYSIS=worker)",
    "thread": "Analysis: in this process (DELIBERATE_ANALYSIS=thread)",
    "off": "Analysis: off (DELIBERATE_ANALYSIS=off)",
}


def _stop_on_sigterm(signum, frame):
    """SIGTERM ends the server like Ctrl+C: `finally` blocks run and the analysis worker is stopped. A second
    SIGTERM kills at once."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise SystemExit(0)


def _serve(app, host: str, port: int) -> None:
    import gc
    import signal
    import threading

    from deliberate.extensions import socketio
    from deliberate.analysis.embeddings import get_embedder
    from deliberate.services import collaborators
    from deliberate.services.analysis.refresh import refresh_open_conferences

    mode = app.config.get("DELIBERATE_ANALYSIS")
    if mode != "off":
        try:  # the name only: the model loads where the analysis runs (the worker, unless `thread`)
            get_embedder(app.config["DELIBERATE_EMBEDDER"])
        except ValueError as exc:
            raise click.ClickException(f"DELIBERATE_EMBEDDER: {exc}") from exc
    deps = collaborators.of(app)
    analysis = deps.analysis
    if mode == "thread":
        with app.app_context():
            refresh_open_conferences(deps)  # in the background: loads the embedder, brings analyses up to date
    elif mode == "process":
        analysis.start()  # the child loads the embedder and brings every open conference up to date

    click.echo(f"Serving on http://{host}:{port}/ with {socketio.async_mode}  (Ctrl+C to stop)")
    click.echo(ANALYSIS_AT_WORK.get(mode, mode).format(pid=getattr(analysis, "pid", None)))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # What start-up loaded (Flask, SQLAlchemy, numpy and scikit-learn imported by the services: ~190,000 objects)
    # lives as long as the process. Frozen, the garbage collector stops walking it: a full collection took 145 ms,
    # during which nothing is broadcast (the one-post stalls of the 1,000-client fan-out benchmark).
    gc.collect()
    gc.freeze()
    try:
        # allow_unsafe_werkzeug only matters for DELIBERATE_SERVER=threading (a comparison and debugging mode).
        socketio.run(app, host=host, port=port, debug=False, use_reloader=False, log_output=False,
                     allow_unsafe_werkzeug=True)
    finally:
        if analysis is not None:
            analysis.stop()


@click.group()
def main() -> None:
    """deliberate: live consensus conferences."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host: str, port: int) -> None:
    """Create the database if needed, seed the French demo conference, print its invites, serve."""
    from deliberate.services.demo.seed import ensure_demo_conference

    app = _prepared_app(development=True)
    with app.app_context():
        conference, codes, created = ensure_demo_conference()
        slug, title = conference.slug, conference.title
    base = f"http://{host}:{port}"
    click.echo(("Created" if created else "Reusing") + f" the demo conference « {title} »")
    click.echo(f"Database: {app.config['SQLALCHEMY_DATABASE_URI']}")
    click.echo(f"Home page:        {base}/")
    click.echo(f"Join page:        {base}/c/{slug}/join")
    click.echo(f"Facilitator desk: {base}/c/{slug}/facilitate")
    click.echo("Invite codes:")
    for role, code in codes.items():
        click.echo(f"  {role:<12} {code}   {base}/c/{slug}/join?code={code}")
    _serve(app, host, port)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Bring the database up to date and serve the application."""
    _serve(_prepared_app(), host, port)


@main.group()
def db() -> None:
    """Database commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply all pending migrations."""
    app = _prepared_app(development=True)
    click.echo(f"Database is up to date: {app.config['SQLALCHEMY_DATABASE_URI']}")


@main.group()
def conference() -> None:
    """Manage conferences."""


@conference.command("create")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--question", required=True)
@click.option("--description", default="")
def conference_create(slug: str, title: str, question: str, description: str) -> None:
    """Create a conference and print its slug and invite codes as JSON."""
    from deliberate.services.conferences import create_conference
    from deliberate.services.errors import ServiceError

    app = _prepared_app(development=True)
    with app.app_context():
        try:
            conf, codes = create_conference(slug, title, question, description)
        except ServiceError as exc:
            click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
            sys.exit(1)
        click.echo(json.dumps({"slug": conf.slug, "invites": codes}, ensure_ascii=False))


@conference.command("invites")
@click.argument("slug")
@click.option("--rotate", "rotate", multiple=True, metavar="ROLE", help="Give the role a new code (the old one stops).")
@click.option("--close", "close", multiple=True, metavar="ROLE", help="Close the role's code: nobody joins with it.")
@click.option("--open", "reopen", multiple=True, metavar="ROLE", help="Reopen the role's code.")
@click.option("--cap", "caps", multiple=True, nargs=2, metavar="ROLE N",
              help="At most N members join with the role's code (N `none`: no cap).")
def conference_invites(slug: str, rotate, close, reopen, caps) -> None:
    """Rotate, close, reopen or cap invite codes, then print every code's state as JSON."""
    from deliberate.services import conferences
    from deliberate.services.errors import ServiceError
    from deliberate.services.serialize import iso

    app = _prepared_app(development=True)
    with app.app_context():
        try:
            conf = conferences.get_by_slug(slug)
            for role in rotate:
                conferences.rotate_invite(None, role, conf)
            for role in close:
                conferences.close_invite(None, role, conf)
            for role in reopen:
                conferences.open_invite(None, role, conf)
            for role, n in caps:
                cap = None if n.lower() in ("none", "") else (int(n) if n.isascii() and n.isdigit() else n)
                conferences.cap_invite(None, role, cap, conf)
            states = conferences.invite_states(None, conf)
        except ServiceError as exc:
            click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
            sys.exit(1)
        invites = [{**s, "rotated_at": iso(s["rotated_at"]), "closed_at": iso(s["closed_at"])} for s in states]
        click.echo(json.dumps({"slug": conf.slug, "invites": invites}, ensure_ascii=False))


@conference.command("purge")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Confirm: the conference and everything in it are deleted for good.")
def conference_purge(slug: str, yes: bool) -> None:
    """Delete a conference and everything in it (members, arguments, votes, document, reports); prints JSON."""
    from deliberate.services.errors import ServiceError
    from deliberate.services.members.privacy import purge_conference

    if not yes:
        raise click.UsageError(f"This deletes the conference {slug} and everything in it for good; "
                               "add --yes to confirm.")
    app = _prepared_app(development=True)
    with app.app_context():
        try:
            deleted = purge_conference(None, slug, slug)
        except ServiceError as exc:
            click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
            sys.exit(1)
        click.echo(json.dumps({"slug": slug, "purged": True, "deleted": deleted}, ensure_ascii=False))


def _add_analysis_commands() -> None:
    from deliberate.commands.backup import backup_command, restore_command
    from deliberate.commands.cluster import cluster
    from deliberate.commands.document import document, member
    from deliberate.commands.exchange import import_polis_command
    from deliberate.commands.export import export_command
    from deliberate.commands.opinions import opinions
    from deliberate.commands.worker import worker_command

    main.add_command(cluster)
    main.add_command(document)
    main.add_command(member)
    main.add_command(opinions)
    main.add_command(import_polis_command)
    main.add_command(export_command)
    main.add_command(worker_command)
    main.add_command(backup_command)
    main.add_command(restore_command)


_add_analysis_commands()

if __name__ == "__main__":
    main()
