"""`deliberate cluster`: IN.csv unchanged plus theme / point columns; clear errors for bad input.

The fixture's arguments were invented for this test suite. The toy embedder keeps the test fast and
offline; it knows nothing of meaning, so these tests check the contract, not the quality.
"""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberate.commands.cluster import cluster

FIXTURE = Path(__file__).parent / "fixtures" / "themes_arguments.csv"
NEW_COLUMNS = ["theme", "theme_label", "point", "point_label"]


def run(*args):
    return CliRunner().invoke(cluster, [str(a) for a in args], catch_exceptions=False)


def read(path, delimiter=","):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    return rows[0], rows[1:]


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out.csv"


def test_output_is_the_input_plus_four_columns_in_the_same_order(out):
    result = run(FIXTURE, "--text-column", "text", "--stance-column", "stance", "--embedder", "toy:64", "--out", out)
    assert result.exit_code == 0, result.output
    header_in, rows_in = read(FIXTURE)
    header, rows = read(out)
    assert header == header_in + NEW_COLUMNS
    assert [r[: len(header_in)] for r in rows] == rows_in
    themes = [int(r[4]) for r in rows]
    points = [int(r[6]) for r in rows]
    assert max(themes) >= 0
    for theme in set(themes) - {-1}:
        assert len({r[5] for r in rows if int(r[4]) == theme}) == 1  # one label per theme
    for point in set(points) - {-1}:
        members = [r for r in rows if int(r[6]) == point]
        assert len(members) >= 2
        assert len({r[4] for r in members}) == 1 and len({r[2] for r in members}) == 1  # one theme, one side
        assert members[0][7] in {r[3] for r in members}  # label = one of its own arguments
    assert all(r[5] == "" for r in rows if int(r[4]) == -1)
    assert "Wrote" in result.output


def test_groups_are_clustered_apart_with_ids_unique_across_the_file(out):
    result = run(FIXTURE, "--text-column", "text", "--group-column", "table", "--embedder", "toy:64", "--k", "2",
                 "--out", out)
    assert result.exit_code == 0, result.output
    _, rows = read(out)
    by_theme = {}
    for row in rows:
        if int(row[4]) >= 0:
            by_theme.setdefault(int(row[4]), set()).add(row[1])
    assert all(len(tables) == 1 for tables in by_theme.values())
    assert len(by_theme) == 4  # --k 2 in each of the two tables


def test_numeric_stances_and_semicolons_are_accepted(tmp_path, out):
    source = tmp_path / "in.csv"
    header, rows = read(FIXTURE)
    numbers = {"for": "1", "against": "-1", "nuance": "0"}
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows([r[:2] + [numbers[r[2]]] + r[3:] for r in rows])
    result = run(source, "--text-column", "text", "--stance-column", "stance", "--embedder", "toy:64", "--out", out)
    assert result.exit_code == 0, result.output
    header_out, rows_out = read(out, delimiter=";")
    assert header_out == header + NEW_COLUMNS and len(rows_out) == len(rows)


def test_bad_stances_are_listed(tmp_path, out):
    source = tmp_path / "in.csv"
    source.write_text("text,stance\nLa viande,for\nLe climat,maybe\nLa cantine,\nLes prairies,pour\n", encoding="utf-8")
    result = run(source, "--text-column", "text", "--stance-column", "stance", "--embedder", "toy:64", "--out", out)
    assert result.exit_code == 2
    assert "'maybe'" in result.output and "'pour'" in result.output and "(empty)" in result.output
    assert not out.exists()


@pytest.mark.parametrize("option", ["--text-column", "--stance-column", "--group-column"])
def test_a_missing_column_is_named_with_the_columns_available(out, option):
    args = ["--text-column", "text", option, "nope"] if option != "--text-column" else ["--text-column", "nope"]
    result = run(FIXTURE, *args, "--embedder", "toy:64", "--out", out)
    assert result.exit_code == 2
    assert "'nope'" in result.output and "'text'" in result.output


def test_missing_file_empty_file_and_empty_texts_are_clear_errors(tmp_path, out):
    assert run(tmp_path / "absent.csv", "--text-column", "text", "--out", out).exit_code == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = run(empty, "--text-column", "text", "--out", out)
    assert result.exit_code == 1 and "empty" in result.output
    holes = tmp_path / "holes.csv"
    holes.write_text("text\nLa viande\n   \nLe climat\n\"\"\n", encoding="utf-8")
    result = run(holes, "--text-column", "text", "--embedder", "toy:64", "--out", out)
    assert result.exit_code == 2 and "rows 2, 4" in result.output


def test_existing_output_columns_and_unknown_embedders_are_refused(tmp_path, out):
    clash = tmp_path / "clash.csv"
    clash.write_text("text,theme\nLa viande,3\n", encoding="utf-8")
    assert "theme" in run(clash, "--text-column", "text", "--out", out).output
    result = run(FIXTURE, "--text-column", "text", "--embedder", "nonsense", "--out", out)
    assert result.exit_code == 2 and "--embedder" in result.output
