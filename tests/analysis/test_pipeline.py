"""`analyse_conference`: the whole analysis from arrays, public and panel apart, continued from its state."""
import json

import numpy as np

from deliberate.analysis import ConferenceInput, analyse_conference


def conference(seed=0, n_public=40, n_panel=8, n_arguments=24):
    rng = np.random.default_rng(seed)
    topics = np.repeat(np.eye(3, 16), n_arguments // 3, axis=0)
    vectors = topics + 0.05 * rng.standard_normal(topics.shape)
    texts = [f"argument {j} about subject {j // (n_arguments // 3)}" for j in range(n_arguments)]
    members = list(range(1, n_public + n_panel + 1))
    roles = ["participant"] * n_public + ["panelist"] * n_panel
    votes = np.full((len(members), n_arguments), np.nan)
    events = []
    for i, member in enumerate(members):
        camp = i % 2
        for j in range(n_arguments):
            value = 1 if (j % 2 == camp) else -1
            votes[i, j] = value
            events.append((member, 100 + j, value, float(i * n_arguments + j)))
    return ConferenceInput(list(range(100, 100 + n_arguments)), texts, [None] * n_arguments, vectors, members,
                           roles, votes, events)


def test_whole_analysis_from_arrays_with_the_panel_apart():
    analysis = analyse_conference(conference())
    report = analysis.report
    assert report["audience"] == "public" and "panel" in report
    assert len(report["themes"]) == 3  # the three planted subjects
    assert sorted(g["size"] for g in report["groups"]) == [20, 20]  # the two planted camps of the public
    assert set(analysis.audiences) == {"public", "panel"}
    assert {"themes_ms", "opinions_ms", "report_ms"} <= set(analysis.timings)
    json.dumps(analysis.state), json.dumps(analysis.parameters)  # stored as JSON with the run


def test_the_next_refresh_continues_from_the_state():
    data = conference()
    first = analyse_conference(data)
    again = analyse_conference(data, previous_state=json.loads(json.dumps(first.state)))
    assert [t["id"] for t in again.report["themes"]] == [t["id"] for t in first.report["themes"]]
    groups = first.audiences["public"][1].participant_groups
    assert again.audiences["public"][1].participant_groups == groups
