"""`deliberate opinions POLIS_EXPORT_DIR --out OUT.json`: opinion groups of a Pol.is export.

The groups are the typical outcome of several clusterings Pol.is could have shown (see
deliberate.analysis.opinions.typical): batch clusterings of the final matrix and replays of the votes
under several refresh schedules, in time order with `votes.csv`, in join order with only
`participants-votes.csv`. Progress goes to stderr.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import click

from deliberate.analysis.opinions import OpinionResult, typical_groups
from deliberate.analysis.polis_export import PolisExportError, read_polis_export


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command("opinions")
@click.argument("polis_export_dir", type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the JSON result.")
@click.option("--replay/--no-replay", "use_replay", default=True, show_default=True,
              help="Also replay the votes under several refresh schedules (as Pol.is computed live).")
@click.option("--random-state", default=0, show_default=True, type=int)
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes for the replays (they are independent).")
def opinions(polis_export_dir: Path, out: Path, use_replay: bool, random_state: int, jobs: int) -> None:
    """Opinion groups, representative comments and consensus of a Pol.is export folder."""
    started = time.perf_counter()
    try:
        export = read_polis_export(polis_export_dir)
    except PolisExportError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{polis_export_dir}: cannot read ({exc.strerror or exc})") from exc
    participants = len({v.participant for v in export.votes})
    _say(f"read {len(export.votes)} votes by {participants} participants from {export.source}, "
         f"{len(export.moderated_out)} comments moderated out")
    model, candidates = typical_groups(export.votes, moderated_out=export.moderated_out,
                                       params={"random_state": random_state}, replays=use_replay,
                                       n_jobs=jobs, progress=_say)
    for candidate in candidates:
        _say(f"  {candidate.name}: agreement with the others {candidate.agreement:.3f}")
    _say(f"kept: {model.typical_}")
    result = OpinionResult.from_model(model)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result.to_dict(texts=export.texts), ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write ({exc.strerror or exc})") from exc
    clustered = sum(g is not None for g in result.participant_groups.values())
    _say(f"k={result.k}, {clustered} participants clustered; wrote {out} "
         f"in {time.perf_counter() - started:.1f} s")
