"""What the use-cases act through, built once by the app factory (live_setup.init_app) and handed to every use-case
by its caller (the web layer, the command line, the worker, a test) as `deps`: no use-case reaches for a Flask
global. A test that wants to see what a use-case announced hands in a copy with a recording publisher
(`deps.but(publisher=recorder)`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deliberate.services.limits import Limits
    from deliberate.services.publisher import Publisher
    from deliberate.services.room.group_commit import GroupCommit
    from deliberate.services.room.tally_feed import TallyFeed


@dataclass
class Collaborators:
    publisher: Publisher
    # Where votes are committed together (room/group_commit.py); None outside a running app (scripts).
    vote_commit: GroupCommit | None = None
    # Coalesced tallies (room/tally_feed.py); None: one `tally_changed` per vote (DELIBERATE_TALLY_INTERVAL=0).
    tally_feed: TallyFeed | None = None
    # Abuse limits (limits.py); None: nothing is limited.
    limits: Limits | None = None
    # Whatever takes `request(conference_id)` for the live analysis (a scheduler, a child process, Redis); None: off.
    analysis: Any = None
    embedder_name: str = "hashing"
    session_days: int = 30
    # The conference's language: the drafted document is written in it, whatever the organiser's browser says.
    default_locale: str = "fr"
    # Where rendered report PDFs are kept (None: not cached).
    cache_folder: Path | None = None

    def but(self, **changes) -> Collaborators:
        """A copy with some collaborators replaced (a test's recording publisher, the worker's own)."""
        return dataclasses.replace(self, **changes)

    def request_refresh(self, conference_id: int) -> None:
        """Ask for the live analysis to catch up with a change (debounced by whoever runs it); no-op when off."""
        if self.analysis is not None:
            self.analysis.request(conference_id)

    def hit(self, *uses: tuple[str, object]) -> None:
        """Count uses against the abuse limits, all or none (limits.Limits.hit_all)."""
        if self.limits is not None:
            self.limits.hit_all(*uses)

    def embedder(self):
        """The configured embedder, loaded now if it was not (one instance per process; ~2 s once for the USE)."""
        from deliberate.analysis.embeddings import get_embedder

        embedder = get_embedder(self.embedder_name)
        embedder.load()
        return embedder


def from_config(config, publisher: Publisher, instance_path: str | None = None, **parts) -> Collaborators:
    """The collaborators of an app, from its configuration; `parts` are the live ones (vote_commit, limits…)."""
    cache = Path(instance_path) / "cache" if instance_path else None
    return Collaborators(publisher=publisher, embedder_name=config["DELIBERATE_EMBEDDER"],
                         session_days=config["DELIBERATE_SESSION_DAYS"],
                         default_locale=config["BABEL_DEFAULT_LOCALE"], cache_folder=cache, **parts)


def of(app) -> Collaborators:
    """The collaborators the app factory built for `app` (the command line's and the worker's way in)."""
    return app.extensions["deliberate"]
