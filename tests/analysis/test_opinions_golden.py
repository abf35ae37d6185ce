"""Golden test on a real Pol.is conversation ($15/hour, Seattle; CC BY 4.0, see fixtures/polis_seattle).

1. Our groups agree with Pol.is' own `group-id` (ARI measured 0.856 with `typical_groups`, what
   `deliberate opinions` runs; red-dwarf gets 0.46 and the cold Pol.is refresh alone 0.50 on the same data).
2. The whole output matches the stored golden file, to catch unintended changes. After an intended
   change, regenerate it with DELIBERATE_WRITE_GOLDEN=1 and review the diff.
"""
import json
import os
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from deliberate.analysis.opinions import OpinionResult, typical_groups
from deliberate.analysis.polis_export import read_polis_export

FOLDER = Path(__file__).parent / "fixtures" / "polis_seattle"
GOLDEN = FOLDER / "golden.json"
ARI_FLOOR = 0.80


@pytest.fixture(scope="module")
def seattle():
    export = read_polis_export(FOLDER)
    model, _ = typical_groups(export.votes, moderated_out=export.moderated_out)
    return export, OpinionResult.from_model(model)


def test_groups_agree_with_polis(seattle):
    export, result = seattle
    pairs = [(export.polis_groups[p], g) for p, g in result.participant_groups.items()
             if export.polis_groups.get(p) is not None]
    assert len(pairs) == 138  # every participant Pol.is clustered, we cluster too
    assert result.k == 2
    assert adjusted_rand_score(*zip(*pairs)) >= ARI_FLOOR


def golden_view(result: OpinionResult) -> dict:
    data = result.to_dict()
    data["representative_directions"] = {str(g.id): [r.direction for r in g.representative] for g in result.groups}
    return data


def test_output_matches_golden_file(seattle):
    _, result = seattle
    current = golden_view(result)
    if os.environ.get("DELIBERATE_WRITE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
    golden = json.loads(GOLDEN.read_text())
    assert current["k"] == golden["k"]
    assert current["participants"] == golden["participants"]
    assert current["groups"] == golden["groups"]
    assert current["representative_directions"] == golden["representative_directions"]
    assert current["comments"].keys() == golden["comments"].keys()
    for comment, summary in golden["comments"].items():
        ours = current["comments"][comment]
        for key in ("consensus", "consensus_disagree", "divisiveness"):
            assert ours[key] == pytest.approx(summary[key], abs=1e-6), (comment, key)
        assert ours["agree_by_group"] == pytest.approx(summary["agree_by_group"], abs=1e-6)
