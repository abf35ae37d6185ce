"""`deliberate export SLUG --format pdf|json|md|polis --out PATH`: the report (or, with `polis`, the arguments
and votes as a Pol.is export folder) of a conference in any phase: the latest published version, or with
`--version N` an earlier one; before publication the live document, marked as a draft.

Prints {"slug", "format", "status", "version", "out"} on stdout; on refusal exits 1 with
{"error": {"code", "message"}} on stderr."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

FORMATS = ("pdf", "json", "md", "polis")  # as report_export.FORMATS (kept here: the CLI starts light)


@click.command("export")
@click.argument("slug")
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="What to write.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The file to write (pdf, json, md), or the folder (polis).")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="A published version (default: the latest; a draft before publication).")
def export_command(slug: str, fmt: str, out: Path, version: int | None) -> None:
    """Export a conference's report as PDF, JSON or Markdown, or its data as a Pol.is folder."""
    from deliberate.cli import _prepared_app  # deliberate.cli registers this command: import it late
    from deliberate.services.conferences import get_by_slug
    from deliberate.services.errors import ServiceError
    from deliberate.services import collaborators
    from deliberate.services.exchange.report_export import export_report, load_report
    from deliberate.web.exchange.report_pdf import report_pdf

    app = _prepared_app(development=True)
    with app.app_context():
        started = time.perf_counter()
        try:
            conference = get_by_slug(slug)
            status, number = "data", None
            if fmt != "polis":
                report = load_report(conference, version)
                status, number = report.status, report.version
            elif version is not None:
                raise ServiceError("invalid", "--version applies to the report, not to the Pol.is export")
            export_report(conference, fmt, out, version,
                          render_pdf=lambda r: report_pdf(r, collaborators.of(app).cache_folder))
        except ServiceError as exc:
            click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(json.dumps({"error": {"code": "invalid", "message": f"cannot write {out}: {exc}"}},
                                  ensure_ascii=False), err=True)
            sys.exit(1)
        click.echo(f"Wrote {out} in {time.perf_counter() - started:.1f} s", err=True)
        click.echo(json.dumps({"slug": slug, "format": fmt, "status": status, "version": number, "out": str(out)},
                              ensure_ascii=False))
