"""Import a Pol.is export folder as a new conference, in `deliberation`, in one transaction.

Every Pol.is participant (voter or comment author) becomes a pseudonymous `public` member, "Participant
<Pol.is id>", whose token nobody knows (no one can log in as them). Comments become arguments with their
full text and time; comments moderated out in Pol.is are hidden. Each (participant, comment) keeps its
last vote, first and last vote times (votes.csv), or the import time (participants-votes.csv only).
"""
from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from deliberate.analysis.polis_export import PolisExportError, identifier, read_polis_export
from deliberate.extensions import db
from deliberate.models import (Argument, Conference, Kind, Member, ModerationAction, ModerationDecision, Phase, Role,
                               Status, Vote)
from deliberate.models.base import utcnow
from deliberate.services.conferences import invite_codes, new_conference
from deliberate.services.errors import ServiceError, invalid
from deliberate.services.exchange.csv_safe import plain_cell
from deliberate.services.members.membership import MAX_NAME, hash_token
from deliberate.services.validation import clean_text

EPOCH = datetime(1970, 1, 1)
COMMENT_COLUMNS = ("comment-id", "author-id", "moderated", "comment-body")
TITLE_MAX = 200


@dataclass(frozen=True)
class PolisComment:
    id: int | str
    author: int | str
    created_at: datetime | None
    moderated_out: bool
    text: str


def from_milliseconds(value: float) -> datetime:
    return EPOCH + timedelta(milliseconds=round(value))  # exact: no float seconds on the way


def read_comment_rows(path: Path) -> list[PolisComment]:
    """comments.csv with bodies, authors and times; raises PolisExportError on a bad file."""
    if not path.is_file():
        raise PolisExportError(f"{path.parent}: comments.csv not found (it holds the comments' texts)")
    comments, seen = [], set()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COMMENT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PolisExportError(f"comments.csv: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            where = f"comments.csv line {line}"
            if any(row.get(c) is None for c in COMMENT_COLUMNS):
                raise PolisExportError(f"{where}: too few fields")
            comment, author = identifier(row["comment-id"]), identifier(row["author-id"])
            if comment == "" or author == "":
                raise PolisExportError(f"{where}: comment-id or author-id is empty")
            if comment in seen:
                raise PolisExportError(f"{where}: comment-id {comment!r} appears twice")
            seen.add(comment)
            text = clean_text(plain_cell(row["comment-body"]))  # as texts posted in the app, with no length limit
            if not text:
                raise PolisExportError(f"{where}: comment-body is empty")
            stamp = (row.get("timestamp") or "").strip()
            try:
                created_at = from_milliseconds(float(stamp)) if stamp else None
            except (ValueError, OverflowError):
                raise PolisExportError(f"{where}: timestamp {stamp!r} is not a number") from None
            comments.append(PolisComment(comment, author, created_at, row["moderated"].strip() == "-1", text))
    return comments


def read_summary(path: Path) -> dict[str, str]:
    """summary.csv: two columns, no header (topic, url, ..., conversation-description)."""
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {row[0].strip(): plain_cell(row[1]) for row in csv.reader(handle) if len(row) >= 2}


def _read(folder: Path):
    try:
        export = read_polis_export(folder)
        comments = read_comment_rows(folder / "comments.csv")
        summary = read_summary(folder / "summary.csv")
        known = {c.id for c in comments}
        unknown = sorted({str(v.comment) for v in export.votes if v.comment not in known})
        if unknown:
            raise PolisExportError("votes on comments missing from comments.csv ("
                                   + ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else "") + ")")
    except UnicodeDecodeError as exc:
        raise invalid(_l("Not a usable Pol.is export: %(reason)s", reason="the files are not UTF-8 text")) from exc
    except (PolisExportError, OSError, csv.Error) as exc:
        raise invalid(_l("Not a usable Pol.is export: %(reason)s", reason=str(exc))) from exc
    return export, comments, summary


def _order(identifier) -> tuple:
    return (isinstance(identifier, str), identifier)  # integers first, numerically, then text ids


def import_polis(folder: Path, slug: str, title: str | None = None) -> tuple[Conference, dict[str, str]]:
    """Create conference `slug` from the Pol.is export in `folder`; return it with its invite codes.

    All or nothing: on any error the database is unchanged."""
    export, comments, summary = _read(Path(folder))
    topic = clean_text(summary.get("topic", ""))
    title = clean_text(title or "") or topic
    if not title:
        raise invalid(_l("The Pol.is export has no topic in summary.csv: give the conference a title (--title)."))
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX - 1].rstrip() + "…"
    now = utcnow()

    # First and last time of each (participant, comment): the reader gives votes in time order.
    first, last = {}, {}
    for vote in export.votes:
        key = (vote.participant, vote.comment)
        first.setdefault(key, vote.timestamp)
        last[key] = vote

    def moment(seconds: float | None) -> datetime:
        return from_milliseconds(seconds * 1000) if seconds is not None else now

    seen_at: dict = {}  # participant -> first comment or vote: when the member "joined"
    for participant, when in [(c.author, c.created_at or now) for c in comments] + [
            (participant, moment(seconds)) for (participant, _), seconds in first.items()]:
        seen_at[participant] = min(seen_at.get(participant, when), when)

    try:
        conference = new_conference(slug, title, topic or title, summary.get("conversation-description", ""),
                                    phase=Phase.DELIBERATION)
        db.session.flush()
        participants = sorted(seen_at, key=_order)
        member_ids = db.session.scalars(insert(Member).returning(Member.id, sort_by_parameter_order=True), [
            {"conference_id": conference.id, "role": Role.PUBLIC, "display_name": f"Participant {p}"[:MAX_NAME],
             # A hash of a token nobody is given: no one can log in as an imported participant.
             "token_hash": hash_token(secrets.token_urlsafe(32)), "created_at": seen_at[p]}
            for p in participants]).all()
        member_of = dict(zip(participants, member_ids))

        comments = sorted(comments, key=lambda c: c.created_at or now)  # ids follow time, as if posted live
        reason = str(_l("moderated out in Pol.is"))
        argument_ids = db.session.scalars(insert(Argument).returning(Argument.id, sort_by_parameter_order=True), [
            {"conference_id": conference.id, "author_id": member_of[c.author], "text": c.text, "stance": None,
             "kind": Kind.ARGUMENT, "status": Status.HIDDEN if c.moderated_out else Status.VISIBLE,
             "moderation_reason": reason if c.moderated_out else None,
             "moderated_at": now if c.moderated_out else None, "created_at": c.created_at or now}
            for c in comments]).all()
        argument_of = {c.id: a for c, a in zip(comments, argument_ids)}
        hidden = [argument_of[c.id] for c in comments if c.moderated_out]
        if hidden:  # the moderation history says where the decision came from
            db.session.execute(insert(ModerationDecision), [
                {"conference_id": conference.id, "argument_id": a, "action": ModerationAction.HIDE, "reason": reason,
                 "moderator_id": None, "created_at": now} for a in hidden])
        if last:
            db.session.execute(insert(Vote), [
                {"conference_id": conference.id, "argument_id": argument_of[comment], "member_id": member_of[voter],
                 "value": vote.value, "created_at": moment(first[voter, comment]), "updated_at": moment(vote.timestamp)}
                for (voter, comment), vote in last.items()])
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        if db.session.scalar(select(Conference.id).where(Conference.slug == slug)) is not None:
            # A concurrent import or create took the slug.
            raise ServiceError("conflict", _l("A conference with this slug already exists.")) from exc
        raise
    except BaseException:
        db.session.rollback()
        raise
    return conference, invite_codes(conference)


def imported_counts(conference: Conference) -> dict:
    """What the import created, for the command line to print."""
    def count(model, *where):
        return db.session.scalar(select(func.count()).select_from(model).where(model.conference_id == conference.id,
                                                                                *where))
    return {"comments": count(Argument), "hidden": count(Argument, Argument.status == Status.HIDDEN),
            "votes": count(Vote), "participants": count(Member)}
