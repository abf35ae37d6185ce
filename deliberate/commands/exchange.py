"""`deliberate import-polis POLIS_EXPORT_DIR --slug SLUG [--title T]`: a Pol.is export as a new conference.

Prints the same JSON as `deliberate conference create` ({"slug", "invites"}) on stdout, a one-line summary
on stderr; on refusal, exits 1 with {"error": {"code", "message"}} on stderr and changes nothing.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click


@click.command("import-polis")
@click.argument("polis_export_dir", type=click.Path(path_type=Path))
@click.option("--slug", required=True, help="Slug of the new conference (lowercase letters, digits, dashes).")
@click.option("--title", default=None, help="Title of the conference (default: the Pol.is topic).")
def import_polis_command(polis_export_dir: Path, slug: str, title: str | None) -> None:
    """Import a Pol.is export folder as a new conference in deliberation; print its slug and invite codes."""
    from deliberate.cli import _prepared_app  # deliberate.cli registers this command: import it late
    from deliberate.services.errors import ServiceError
    from deliberate.services.exchange.polis_import import import_polis, imported_counts

    app = _prepared_app(development=True)
    with app.app_context():
        started = time.perf_counter()
        try:
            conference, codes = import_polis(polis_export_dir, slug, title)
        except ServiceError as exc:
            click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
            sys.exit(1)
        counts = imported_counts(conference)
        click.echo(f"Imported {counts['comments']} comments ({counts['hidden']} hidden), {counts['votes']} votes "
                   f"and {counts['participants']} participants in {time.perf_counter() - started:.1f} s", err=True)
        click.echo(json.dumps({"slug": conference.slug, "invites": codes}, ensure_ascii=False))
