"""The first draft of the consensus document, extracted from the analysis: pure, no database, no model.

Sentences the software writes come from `say(key, **figures)` (the caller translates them) and are
marked `origin: software`; participants' words appear only as quotes, by argument or answer id.

Which arguments are quoted (stated in the draft's first paragraph, so a reader can check it):
- consensus: arguments of the theme that a majority of the voters of *every* opinion group agreed
  with (at least 3 voters overall), ranked by group-aware consensus, prod_g (agree_g+1)/(seen_g+2);
- disagreement: for each group, arguments of the theme it mostly agrees with while another group
  mostly disagrees, ranked by the gap between the two;
- answers: the experts' answers to the questions nearest in meaning to the theme.
No threshold is tuned: "a majority of every group" is the rule a panel can verify by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from deliberate.analysis.rates import smoothed_rate

MAX_QUOTES = 3
MAX_GROUP_QUOTES = 2
MIN_VOTERS = 3


@dataclass
class ThemeInput:
    id: int
    keywords: list[str]
    argument_ids: list[int]
    stances: dict[str, int]           # for / against / nuance -> count


@dataclass
class DraftInput:
    themes: list[ThemeInput]
    counts: dict[int, dict]           # argument id -> {"agree", "disagree", "pass", "groups": [...]} (see evidence)
    audience: str                     # whose opinion groups: "panel" or "public"
    group_sizes: dict[str, int]       # group label -> members
    key_questions: list[tuple[int, list[int]]] = field(default_factory=list)  # (key question id, its answer ids)
    theme_of_key_question: dict[int, int] = field(default_factory=dict)       # theme id -> key question id
    answers_of_theme: dict[int, list[int]] = field(default_factory=dict)      # theme id -> answer ids
    totals: dict = field(default_factory=dict)  # arguments, votes, voters, panelists, panel_voters


def _seen(cell: dict) -> int:
    return cell["agree"] + cell["disagree"] + cell["pass"]


def _groups(counts: dict, audience: str) -> list[dict]:
    return [g for g in counts.get("groups", []) if g["audience"] == audience]


def consensus_score(counts: dict, audience: str) -> float:
    cells = _groups(counts, audience) or [counts]
    score = 1.0
    for cell in cells:
        score *= smoothed_rate(cell["agree"], _seen(cell))
    return score


def is_consensus(counts: dict, audience: str) -> bool:
    """A majority of the voters of every group (that saw it) agreed, and enough people voted."""
    if _seen(counts) < MIN_VOTERS:
        return False
    cells = [c for c in (_groups(counts, audience) or [counts]) if _seen(c)]
    return bool(cells) and all(c["agree"] * 2 > _seen(c) for c in cells)


def group_positions(counts: dict, audience: str, label: str) -> float | None:
    """How far `label` agrees more than the group most against it (None unless it is a real split)."""
    cells = {c["label"]: c for c in _groups(counts, audience) if _seen(c)}
    mine = cells.get(label)
    if mine is None or mine["agree"] * 2 <= _seen(mine):
        return None
    against = [c for name, c in cells.items() if name != label and c["disagree"] * 2 > _seen(c)]
    if not against:
        return None
    return mine["agree"] / _seen(mine) - min(c["agree"] / _seen(c) for c in against)


def _paragraph(kind: str, body: str, source: dict, quotes=(), answers=(), evidence=()) -> dict:
    return {"kind": kind, "body": body, "quote_ids": list(quotes), "answer_ids": list(answers),
            "evidence_ids": list(evidence), "source": source}


def theme_paragraphs(theme: ThemeInput, data: DraftInput, say) -> list[dict]:
    src = {"theme": theme.id}
    counts = {a: data.counts[a] for a in theme.argument_ids if a in data.counts}
    out = [_paragraph("heading", say("theme_heading", keywords=", ".join(theme.keywords[:4])),
                      {**src, "part": "heading"})]
    agreed = sorted((a for a, c in counts.items() if is_consensus(c, data.audience)),
                    key=lambda a: (-consensus_score(counts[a], data.audience), a))
    if agreed:
        out.append(_paragraph("text", say("consensus", n=len(agreed), shown=min(len(agreed), MAX_QUOTES)),
                              {**src, "part": "consensus"}, quotes=agreed[:MAX_QUOTES], evidence=agreed))
    else:
        out.append(_paragraph("text", say("no_consensus"), {**src, "part": "consensus"}))
    for label, size in data.group_sizes.items():
        gaps = {a: gap for a, c in counts.items() if (gap := group_positions(c, data.audience, label)) is not None}
        if gaps:
            chosen = sorted(gaps, key=lambda a: (-gaps[a], a))
            out.append(_paragraph("text", say("group_holds", group=label, size=size),
                                  {**src, "part": "disagreement", "group": label},
                                  quotes=chosen[:MAX_GROUP_QUOTES], evidence=chosen))
    answers = data.answers_of_theme.get(theme.id, [])
    if answers:
        out.append(_paragraph("text", say("answers", n=len(answers)), {**src, "part": "answers"}, answers=answers))
    votes = sum(_seen(c) for c in counts.values())
    out.append(_paragraph("text", say("figures", arguments=len(theme.argument_ids), votes=votes,
                                      **{k: theme.stances.get(k, 0) for k in ("for", "against", "nuance")}),
                          {**src, "part": "figures"}, evidence=list(theme.argument_ids)))
    return out


def build_draft(data: DraftInput, say) -> list[dict]:
    """Paragraph specs in reading order: an introduction, then per key question its answers and the
    themes nearest to it, then the other themes."""
    out = [_paragraph("text", say("introduction", **data.totals), {"part": "introduction"})]
    placed = set()
    by_question: dict[int, list[ThemeInput]] = {}
    for theme in data.themes:
        question = data.theme_of_key_question.get(theme.id)
        if question is not None:
            by_question.setdefault(question, []).append(theme)
    for question_id, answer_ids in data.key_questions:
        src = {"key_question": question_id}
        out.append(_paragraph("heading", say("key_question_heading"), {**src, "part": "heading"},
                              quotes=[question_id]))
        if answer_ids:
            out.append(_paragraph("text", say("key_question_answers", n=len(answer_ids)),
                                  {**src, "part": "answers"}, answers=answer_ids))
        for theme in by_question.get(question_id, []):
            out += theme_paragraphs(theme, data, say)
            placed.add(theme.id)
    rest = [t for t in data.themes if t.id not in placed]
    if rest:
        if data.key_questions:
            out.append(_paragraph("heading", say("other_themes"), {"part": "heading"}))
        for theme in rest:
            out += theme_paragraphs(theme, data, say)
    return out
