"""Every verdict in the published report comes with the votes behind it."""
from deliberate.services.exchange.report_charts import theme_chart, verdict_label, verdict_with_counts


def test_a_verdict_is_written_with_each_groups_agree_and_disagree_votes():
    theme = {"verdict": "consensus", "keywords": ["cantine"], "size": 9, "groups": {
        "A": {"agree": 34, "disagree": 6, "pass": 2, "side": "agree", "size": 12},
        "B": {"agree": 21, "disagree": 4, "pass": 0, "side": "agree", "size": 8}}}
    # The verdict's words are translated (the app speaks French by default); the counts follow it.
    assert verdict_with_counts(theme) == (verdict_label(theme)
                                          + " — A\u00a0: 34 d’accord / 6 pas d’accord · B\u00a0: 21 / 4")
    assert theme_chart({"themes": [theme]})["rows"][0]["verdict_with_counts"] == verdict_with_counts(theme)


def test_a_verdict_without_groups_has_no_counts():
    theme = {"verdict": "insufficient", "groups": {}}
    assert verdict_with_counts(theme) == verdict_label(theme)
