"""CSV injection: `deliberate cluster` and the shared guard (csv_safe) write no cell a spreadsheet would run."""
import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberate.commands.cluster import cluster
from deliberate.services.exchange.csv_safe import plain_cell, safe_cell

FIXTURE = Path(__file__).parent / "fixtures" / "themes_arguments.csv"
FORMULAS = ['=HYPERLINK("http://x.invalid","clic") ', "+33 6 12 34 56 78 ", "-2+3+cmd|' /C calc'!A0 ", "@SUM(A1) ",
            "\tLa tabulation ", "\rLe retour "]


@pytest.mark.parametrize("number", ["-1", "+1", "-0.5", "-0,5", "+2e10", "-.5", "1-2"])
def test_plain_numbers_stay_numbers(number):
    assert safe_cell(number) == number and plain_cell(number) == number


@pytest.mark.parametrize("text", ["-", "-1+1", "-1 %", "+33 6", "=1", "-1e", "--1", "'-1", "-1\t"])
def test_anything_else_starting_like_a_formula_is_quoted_and_comes_back(text):
    assert safe_cell(text) == "'" + text and plain_cell(safe_cell(text)) == text


def test_cluster_neutralises_every_text_cell_and_keeps_numbers(tmp_path):
    with open(FIXTURE, encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    numbers = {"for": "1", "against": "-1", "nuance": "0"}
    rows = [[r[0], r[1], numbers[r[2]], (FORMULAS[i] + r[3]) if i < len(FORMULAS) else r[3]]
            for i, r in enumerate(rows)]
    rows[-1][0] = "=1+1"  # an id column copied through is guarded too
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["@id"] + header[1:]] + rows)
    result = CliRunner().invoke(cluster, [str(source), "--text-column", "text", "--stance-column", "stance",
                                          "--embedder", "toy:64", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as handle:
        header_out, *rows_out = list(csv.reader(handle))
    assert header_out == ["'@id"] + header[1:] + ["theme", "theme_label", "point", "point_label"]
    for cells in [header_out] + rows_out:
        for cell in cells:  # what a spreadsheet sees: nothing it would run
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("+-").replace(".", "").isdigit()
    # Read back through the guard, every cell is what was written; the stances and ids are still numbers.
    assert [[plain_cell(c) for c in r[:4]] for r in rows_out] == rows
    assert {r[2] for r in rows_out} == {"1", "-1", "0"}
    assert all(int(r[4]) >= -1 and int(r[6]) >= -1 for r in rows_out)
