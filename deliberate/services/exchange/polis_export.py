"""Write a conference as a Pol.is export folder (the files of compdemocracy/openData).

Pol.is comments are votable statements, so only arguments of kind `argument` are written (questions to the
experts and key questions are not). Participants appear by member id only: no display name, token, invite
code or secret. Votes use Pol.is' own values, which are ours: 1 agree, -1 disagree, 0 pass.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import Argument, Conference, Kind, Member, Status, Vote
from deliberate.services.exchange.csv_safe import safe_cell

COMMENT_COLUMNS = ("timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
                   "comment-body")
VOTE_COLUMNS = ("timestamp", "datetime", "comment-id", "voter-id", "vote")
MATRIX_COLUMNS = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


def milliseconds(moment: datetime) -> int:
    """Pol.is times: milliseconds since the epoch. Our datetimes are naive UTC."""
    return int(moment.replace(tzinfo=timezone.utc).timestamp() * 1000)


def human_time(moment: datetime) -> str:
    return moment.strftime("%a %b %d %H:%M:%S UTC %Y")  # the shape Pol.is writes, in UTC


def _write(path: Path, header, rows) -> None:
    # Pol.is writes UTF-8 without a byte-order mark and with LF line ends.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if header is not None:
            writer.writerow(header)
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)


def export_polis(conference: Conference, out_dir: Path) -> dict:
    """Write comments.csv, votes.csv, participants-votes.csv and summary.csv into `out_dir` (created if
    needed, files replaced); return the counts of comments, votes and participants written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    comments = db.session.scalars(select(Argument).where(
        Argument.conference_id == conference.id, Argument.kind == Kind.ARGUMENT).order_by(Argument.id)).all()
    votes = db.session.execute(
        select(Vote.argument_id, Vote.member_id, Vote.value, Vote.updated_at)
        .join(Argument, Argument.id == Vote.argument_id)
        .where(Vote.conference_id == conference.id, Argument.kind == Kind.ARGUMENT)
        .order_by(Vote.updated_at, Vote.id)).all()

    counts = Counter((v.argument_id, v.value) for v in votes)
    _write(out_dir / "comments.csv", COMMENT_COLUMNS, (
        [milliseconds(a.created_at), human_time(a.created_at), a.id, a.author_id, counts[a.id, 1], counts[a.id, -1],
         -1 if a.status is Status.HIDDEN else 1, a.text] for a in comments))
    _write(out_dir / "votes.csv", VOTE_COLUMNS, (
        [milliseconds(v.updated_at), human_time(v.updated_at), v.argument_id, v.member_id, v.value] for v in votes))

    by_member = defaultdict(dict)
    for v in votes:
        by_member[v.member_id][v.argument_id] = v.value
    authored = Counter(a.author_id for a in comments)
    participants = sorted(set(by_member) | set(authored))
    columns = [a.id for a in comments]
    rows = []
    for member in participants:
        mine = by_member.get(member, {})
        values = list(mine.values())
        rows.append([member, "", authored[member], len(values), values.count(1), values.count(-1)]
                    + [mine.get(c, "") for c in columns])
    _write(out_dir / "participants-votes.csv", list(MATRIX_COLUMNS) + columns, rows)

    members = db.session.scalar(select(func.count()).select_from(Member).where(Member.conference_id == conference.id))
    _write(out_dir / "summary.csv", None, [
        ("topic", conference.question), ("url", f"/c/{conference.slug}"),
        ("views", members),  # we do not count page views: everyone who joined
        ("voters", len(by_member)), ("voters-in-conv", len(by_member)), ("commenters", len(authored)),
        ("comments", len(comments)), ("groups", 0),  # Pol.is' groups are not ours to assert
        ("conversation-description", conference.description or ""),
    ])
    return {"comments": len(comments), "votes": len(votes), "participants": len(participants)}
