"""The extractive draft's rules, on hand-made counts: who is quoted as consensus and as a group's view."""
from deliberate.analysis.draft import DraftInput, ThemeInput, build_draft, group_positions, is_consensus


def cell(label, agree, disagree, passed=0, audience="panel"):
    return {"audience": audience, "label": label, "agree": agree, "disagree": disagree, "pass": passed}


def counts(*groups):
    return {"agree": sum(g["agree"] for g in groups), "disagree": sum(g["disagree"] for g in groups),
            "pass": sum(g["pass"] for g in groups), "groups": list(groups)}


def say(key, **figures):
    return f"[{key}]"


def test_consensus_needs_a_majority_in_every_group():
    assert is_consensus(counts(cell("P1", 3, 1), cell("P2", 2, 1)), "panel")
    assert not is_consensus(counts(cell("P1", 4, 0), cell("P2", 1, 1)), "panel")  # a tie is no majority
    assert not is_consensus(counts(cell("P1", 2, 0)), "panel")                     # too few voters
    # Without opinion groups, the whole room is one group.
    assert is_consensus({"agree": 3, "disagree": 1, "pass": 0, "groups": []}, "panel")


def test_a_group_position_is_a_real_split():
    split = counts(cell("P1", 3, 0), cell("P2", 0, 3))
    assert group_positions(split, "panel", "P1") == 1.0
    assert group_positions(split, "panel", "P2") is None
    assert group_positions(counts(cell("P1", 3, 0), cell("P2", 3, 0)), "panel", "P1") is None


def test_the_draft_quotes_ids_and_places_themes_under_key_questions():
    data = DraftInput(
        themes=[ThemeInput(1, ["cantine"], [10, 11], {"for": 2}), ThemeInput(2, ["élevage"], [12], {"against": 1})],
        counts={10: counts(cell("P1", 3, 0), cell("P2", 3, 0)), 11: counts(cell("P1", 3, 0), cell("P2", 0, 3)),
                12: counts(cell("P1", 1, 2), cell("P2", 1, 2))},
        audience="panel", group_sizes={"P1": 3, "P2": 3},
        key_questions=[(99, [7])], theme_of_key_question={1: 99}, answers_of_theme={2: [8]},
        totals={"arguments": 3, "votes": 18, "voters": 6, "panel_voters": 6, "panelists": 6})
    specs = build_draft(data, say)
    parts = [(s["body"], s["source"].get("theme"), s["quote_ids"], s["answer_ids"]) for s in specs]
    assert parts[0][0] == "[introduction]"
    assert parts[1] == ("[key_question_heading]", None, [99], [])
    assert parts[2] == ("[key_question_answers]", None, [], [7])
    theme1 = [p for p in parts if p[1] == 1]
    assert ("[consensus]", 1, [10], []) in theme1
    assert ("[group_holds]", 1, [11], []) in theme1   # P1 holds 11, P2 rejects it
    assert [p[0] for p in parts].index("[other_themes]") < [p[1] for p in parts].index(2)
    theme2 = [p for p in parts if p[1] == 2]
    assert ("[no_consensus]", 2, [], []) in theme2 and ("[answers]", 2, [], [8]) in theme2
    assert all(s["body"].startswith("[") for s in specs)  # every sentence is the software's own
