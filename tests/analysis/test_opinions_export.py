"""The Pol.is export reader and the `opinions` command (invoked directly with click's CliRunner)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from deliberate.analysis.opinions import build_vote_matrix
from deliberate.analysis.polis_export import PolisExportError, read_polis_export
from deliberate.commands.opinions import opinions
from tests.analysis.test_opinions_groups import planted_camps

FIXTURES = Path(__file__).parent / "fixtures"


def test_reads_votes_in_time_order_and_moderation():
    export = read_polis_export(FIXTURES / "polis_tiny")
    assert export.source == "votes.csv"
    times = [v.timestamp for v in export.votes]
    assert times == sorted(times) and times[0] == 1.0  # milliseconds -> seconds
    assert export.moderated_out == {2}
    assert export.comments == (0, 1, 2)
    assert export.polis_groups == {0: 0, 1: 1, 2: None}
    latest = {(v.participant, v.comment): v.value for v in export.latest_votes()}
    assert latest[(0, 1)] == 1  # the later vote (t=9 s) replaced the disagree at t=2 s
    matrix = build_vote_matrix(export.votes, export.moderated_out)
    assert matrix.comments == (0, 1, 2) and list(matrix.active) == [True, True, False]


def test_falls_back_to_the_participants_votes_matrix():
    export = read_polis_export(FIXTURES / "polis_matrix_only")
    assert export.source == "participants-votes.csv"
    assert sorted((v.participant, v.comment, v.value) for v in export.votes) == [
        (0, 0, 1), (0, 1, 1), (1, 0, -1), (1, 2, 0), (2, 0, 1), (2, 2, 1)]
    assert all(v.timestamp is None for v in export.votes)


def test_reader_errors_are_clear(tmp_path):
    with pytest.raises(PolisExportError, match="not a folder"):
        read_polis_export(tmp_path / "missing")
    with pytest.raises(PolisExportError, match="neither votes.csv nor participants-votes.csv"):
        read_polis_export(tmp_path)
    (tmp_path / "votes.csv").write_text("timestamp,comment-id,voter-id\n1,2,3\n")
    with pytest.raises(PolisExportError, match="missing column"):
        read_polis_export(tmp_path)
    (tmp_path / "votes.csv").write_text("timestamp,comment-id,voter-id,vote\n1,2,3,7\n")
    with pytest.raises(PolisExportError, match="line 2"):
        read_polis_export(tmp_path)


def write_export(folder: Path, votes) -> None:
    folder.mkdir()
    lines = ["timestamp,datetime,comment-id,voter-id,vote"]
    lines += [f"{int(t * 1000)},x,{c},{p[1:]},{v}" for p, c, v, t in votes]
    (folder / "votes.csv").write_text("\n".join(lines) + "\n")
    (folder / "comments.csv").write_text("comment-id,moderated,comment-body\n0,1,\"Zéro, le premier\"\n1,-1,Masqué\n")


def test_command_writes_the_contract_json(tmp_path):
    votes, _ = planted_camps(n_per_camp=30, n_comments=12)
    write_export(tmp_path / "export", votes)
    out = tmp_path / "out" / "opinions.json"
    result = CliRunner().invoke(opinions, [str(tmp_path / "export"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert set(data) == {"k", "participants", "groups", "comments"}
    assert data["k"] == 2 and len(data["groups"]) == 2
    participant_group = {p: g for p, g in data["participants"].items()}
    for group in data["groups"]:
        assert set(group) == {"id", "size", "representative", "representative_comments"}
        assert all(isinstance(c, int) for c in group["representative"])
        readable = group["representative_comments"]
        assert [r["id"] for r in readable] == group["representative"] and readable
        members = {p for p, g in participant_group.items() if g == group["id"]}
        for r in readable:
            assert r["direction"] in ("agree", "disagree")
            # The shares are the group members' own last votes on the comment, counted from the export.
            last = {}
            for p, c, v, _t in votes:
                if c == r["id"] and p[1:] in members:
                    last[p] = v
            assert r["votes_in_group"] == len(last) > 0
            assert r["agree_share"] == pytest.approx(sum(v == 1 for v in last.values()) / len(last), abs=1e-6)
            assert r["disagree_share"] == pytest.approx(sum(v == -1 for v in last.values()) / len(last), abs=1e-6)
            lean = r["agree_share"] if r["direction"] == "agree" else r["disagree_share"]
            assert lean > 0
            assert r["text"] == ("Zéro, le premier" if r["id"] == 0 else None)  # only comment 0 has a text here
    assert sum(g["size"] for g in data["groups"]) == sum(v is not None for v in data["participants"].values())
    assert set(data["participants"]) == {p[1:] for p, *_ in votes}
    assert "1" not in data["comments"]  # moderated out
    for summary in data["comments"].values():
        assert set(summary) == {"consensus", "consensus_disagree", "divisiveness", "agree_by_group"}
        assert set(summary["agree_by_group"]) == {str(g["id"]) for g in data["groups"]}
    assert "wrote" in result.output  # progress lines (stderr is mixed into output by CliRunner)


def test_command_without_replay_and_on_the_matrix_only_export(tmp_path):
    out = tmp_path / "tiny.json"
    for folder, extra in (("polis_matrix_only", []), ("polis_tiny", ["--no-replay"])):
        result = CliRunner().invoke(opinions, [str(FIXTURES / folder), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
        data = json.loads(out.read_text())
        assert set(data["participants"]) == {"0", "1", "2"} and "2" not in data["comments"]


def test_command_errors_on_a_missing_or_invalid_folder(tmp_path):
    result = CliRunner().invoke(opinions, [str(tmp_path / "nope"), "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "Error: " in result.output and "not a folder" in result.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "votes.csv").write_text("no,columns\n")
    result = CliRunner().invoke(opinions, [str(tmp_path / "bad"), "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "missing column" in result.output
    assert not (tmp_path / "x.json").exists()
