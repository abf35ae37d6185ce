"""Read a Pol.is export folder (as published in compdemocracy/openData).

- `votes.csv` (timestamp ms, datetime, comment-id, voter-id, vote) is preferred: every vote event in
  time order, so a conversation can be replayed; a later vote replaces an earlier one downstream.
- otherwise the matrix in `participants-votes.csv` (one column per comment id, blank = unseen), which
  has only each participant's final votes and no times.
- `comments.csv`: `moderated` == -1 means moderated out.
- `participants-votes.csv` also carries Pol.is' own `group-id` (blank: not clustered), read as
  `polis_groups` for comparisons.
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from deliberate.analysis.opinions.votes import Vote

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # comment bodies can be long
MATRIX_LEADING = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


class PolisExportError(ValueError):
    """The folder is missing, or a file lacks a column or holds a value that is not what Pol.is writes."""


@dataclass(frozen=True)
class PolisExport:
    folder: Path
    source: str                                   # "votes.csv" or "participants-votes.csv"
    votes: tuple                                  # Vote events in time order (timestamps in seconds or None)
    moderated_out: frozenset = frozenset()
    comments: tuple = ()                          # comment ids listed in comments.csv
    polis_groups: dict = field(default_factory=dict)  # participant -> Pol.is group id or None
    texts: dict = field(default_factory=dict)         # comment id -> its text (`comment-body`), when listed

    def latest_votes(self) -> list[Vote]:
        """One vote per (participant, comment): the last one."""
        latest = {}
        for vote in self.votes:
            latest[(vote.participant, vote.comment)] = vote
        return list(latest.values())


def identifier(text: str):
    """A Pol.is id as written in its files: an int when it is one, else the stripped text."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return text


def _vote_value(text: str, where: str) -> int:
    try:
        value = int(float(text))
    except ValueError:
        raise PolisExportError(f"{where}: vote {text!r} is not 1, -1 or 0") from None
    if value not in (-1, 0, 1) or float(text) != value:
        raise PolisExportError(f"{where}: vote {text!r} is not 1, -1 or 0")
    return value


def _rows(path: Path, required: tuple[str, ...]):
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise PolisExportError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            if any(row.get(c) is None for c in required):
                raise PolisExportError(f"{path.name} line {line}: too few fields")
            yield line, row


def read_votes_csv(path: Path) -> list[Vote]:
    events = []
    for line, row in _rows(path, ("timestamp", "comment-id", "voter-id", "vote")):
        where = f"{path.name} line {line}"
        try:
            timestamp = float(row["timestamp"]) / 1000.0  # Pol.is writes milliseconds
        except ValueError:
            raise PolisExportError(f"{where}: timestamp {row['timestamp']!r} is not a number") from None
        events.append(Vote(identifier(row["voter-id"]), identifier(row["comment-id"]),
                           _vote_value(row["vote"], where), timestamp))
    events.sort(key=lambda vote: vote.timestamp)  # stable: equal times keep file order
    return events


def read_participants_votes(path: Path) -> tuple[list[Vote], dict]:
    votes, groups = [], {}
    for line, row in _rows(path, ("participant", "group-id")):
        participant = identifier(row["participant"])
        group = row["group-id"].strip()
        groups[participant] = int(group) if group else None
        for column, cell in row.items():
            if column in MATRIX_LEADING or column is None or cell is None or not cell.strip():
                continue
            votes.append(Vote(participant, identifier(column), _vote_value(cell, f"{path.name} line {line}")))
    return votes, groups


def read_comments(path: Path) -> tuple[tuple, frozenset, dict]:
    """Comment ids in order, those moderated out, and each comment's text (empty without `comment-body`)."""
    comments, moderated_out, texts = [], set(), {}
    for line, row in _rows(path, ("comment-id", "moderated")):
        comment = identifier(row["comment-id"])
        comments.append(comment)
        if row["moderated"].strip() == "-1":
            moderated_out.add(comment)
        if row.get("comment-body") is not None:
            texts[comment] = row["comment-body"]
    return tuple(comments), frozenset(moderated_out), texts


def read_polis_export(folder) -> PolisExport:
    """Read `folder`; raises PolisExportError with a message a user can act on."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PolisExportError(f"{folder}: not a folder")
    votes_file, matrix_file, comments_file = (folder / "votes.csv", folder / "participants-votes.csv",
                                              folder / "comments.csv")
    if not votes_file.is_file() and not matrix_file.is_file():
        raise PolisExportError(f"{folder}: neither votes.csv nor participants-votes.csv found")
    matrix_votes, groups = read_participants_votes(matrix_file) if matrix_file.is_file() else ([], {})
    if votes_file.is_file():
        source, votes = "votes.csv", read_votes_csv(votes_file)
    else:
        source, votes = "participants-votes.csv", matrix_votes
    comments, moderated_out, texts = (read_comments(comments_file) if comments_file.is_file()
                                      else ((), frozenset(), {}))
    return PolisExport(folder, source, tuple(votes), moderated_out, comments, groups, texts)
