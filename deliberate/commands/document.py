"""`deliberate document draft SLUG` and `deliberate member erase SLUG MEMBER_ID`: the organisers'
document and privacy tasks from the command line (the operator of the server acts, no member)."""
from __future__ import annotations

import json
import sys

import click


def _fail(exc) -> None:
    click.echo(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), err=True)
    sys.exit(1)


@click.group("document")
def document() -> None:
    """The consensus document."""


@document.command("draft")
@click.argument("slug")
@click.option("--replace", is_flag=True, help="Replace the existing draft (its paragraphs keep their history).")
def document_draft(slug: str, replace: bool) -> None:
    """Generate the first draft from the analysis (the conference must be in drafting)."""
    from deliberate.cli import _prepared_app
    from deliberate.services import collaborators
    from deliberate.services.conferences import get_by_slug
    from deliberate.services.document.draft import draft_document
    from deliberate.services.errors import ServiceError

    app = _prepared_app(development=True)
    with app.app_context():
        try:
            click.echo("Reading the analysis and drafting…", err=True)
            created = draft_document(None, replace=replace, conference=get_by_slug(slug), deps=collaborators.of(app))
        except ServiceError as exc:
            _fail(exc)
        click.echo(json.dumps({"slug": slug, "paragraphs": len(created)}))


@click.group("member")
def member() -> None:
    """Members of a conference."""


@member.command("erase")
@click.argument("slug")
@click.argument("member_id", type=int)
def member_erase(slug: str, member_id: int) -> None:
    """Erase a participant's personal data (display name); their arguments and votes stay, anonymised."""
    from deliberate.cli import _prepared_app
    from deliberate.services import collaborators
    from deliberate.services.conferences import get_by_slug
    from deliberate.services.members.erasure import erase_member
    from deliberate.services.errors import ServiceError

    app = _prepared_app(development=True)
    with app.app_context():
        try:
            erased = erase_member(None, member_id, conference_id=get_by_slug(slug).id, deps=collaborators.of(app))
        except ServiceError as exc:
            _fail(exc)
        click.echo(json.dumps({"slug": slug, "member_id": erased.id, "erased": True}))
