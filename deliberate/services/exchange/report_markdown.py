"""The report as Markdown. Two rules a reader (and tests/services/test_report_exports.py) can check:

- every verbatim quote (an argument, a question, an expert's answer, a minority statement) is a blockquote holding
  the participant's exact text, every line prefixed by "> ", followed by its attribution on a line of its own
  outside the blockquote (after a blank line, so that Markdown does not pull it into the quote);
- nothing the software (or anyone else) wrote is ever inside a blockquote: the software's sentences are ordinary
  paragraphs in italics, marked "(written by the software)"; their Markdown characters are escaped.

A draft (not published) says DRAFT at the top."""
from __future__ import annotations

import re

from flask_babel import gettext as _

from deliberate.i18n import colon

from deliberate.services.exchange.report_view import report_model

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text: str | None) -> str:
    """Text someone wrote, as Markdown that shows it literally (never a quote: see `blockquote`)."""
    out = []
    for line in _SPECIAL.sub(r"\\\1", text or "").split("\n"):
        line = re.sub(r"^(\s*)([-+=])", r"\1\\\2", line)
        line = re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", line)
        out.append(line)
    return "\n".join(out)


def cell(text) -> str:
    return md(" ".join(str(text if text is not None else "").split()))


def blockquote(text: str) -> str:
    """A participant's exact words: every line, empty ones too, prefixed by "> "."""
    return "\n".join("> " + line for line in text.split("\n"))


def italics(text: str) -> str:
    return "\n".join(f"_{line}_" if line.strip() else "" for line in md(text).split("\n"))


def draft_word() -> str:
    word = _("DRAFT")
    return word if word == "DRAFT" else f"{word} (DRAFT)"


def _evidence_anchor(argument_id) -> str:
    return f"#argument-{argument_id}"


class _Writer:
    def __init__(self):
        self.blocks: list[str] = []

    def add(self, *blocks: str) -> None:
        self.blocks += [b for b in blocks if b is not None and b != ""]

    def text(self) -> str:
        return "\n\n".join(self.blocks).rstrip() + "\n"


def _quote(w: _Writer, q: dict) -> None:
    if q["status"] == "visible":
        w.add(blockquote(q["text"]),
              f"— {md(q['author_label'])} · [{_('evidence #%(id)s', id=q['argument_id'])}]"
              f"({_evidence_anchor(q['argument_id'])})")
    else:
        w.add(f"_\\[{md(q['hidden_label'])}\\]_ ([#{q['argument_id']}]({_evidence_anchor(q['argument_id'])}))")


def _answer(w: _Writer, a: dict, show_question: bool = True) -> None:
    link = f" ([#{a['question_id']}]({_evidence_anchor(a['question_id'])}))" if a.get("question_id") else ""
    if a.get("question") and show_question and not a.get("question_above"):
        w.add(colon(f"{_('Question')}{link}"), blockquote(a["question"]))
    head = (colon(f"{_('The answer to the question above')}{link}") if show_question and a.get("question_above")
            else colon(_('The answer')))
    w.add(head, blockquote(a["text"]), f"— {md(a['author_label'])}")


def _paragraph(w: _Writer, p: dict) -> None:
    tag = f"_({md(p['tag'])})_" if p["tag"] else ""
    if p["heading"]:
        w.add(f"### §{p['number']} {cell(p['body'])}", tag)
    elif p["body"]:
        body = italics(p["body"]) if p["origin"] == "software" else md(p["body"])
        w.add(f"**§{p['number']}** {body} {tag}".rstrip())
    elif tag:
        w.add(f"**§{p['number']}** {tag}")
    for q in p["quotes"]:
        _quote(w, q)
    for a in p["answers"]:
        _answer(w, a)
    meta = []
    c = p["consent"]
    if p["consented"]:
        line = (f"{colon(_('Consent of the panel'))} {_('%(n)s agree', n=c['agree'])} · "
                f"{_('%(n)s can live with it', n=c['live_with'])} · {_('%(n)s object', n=c['object'])}")
        if c.get("pending"):
            line += f" ({_('%(n)s of %(of)s panelists did not say', n=c['pending'], of=c['panelists'])})"
        meta.append(line)
    if p["evidence_links"]:
        meta.append(f"{colon(_('Evidence'))} " + ", ".join(f"[#{e['id']}](#argument-{e['id']})" for e in p["evidence_links"]))
    if p["statement_links"]:
        meta.append(f"{colon(_('Minority statements on this paragraph'))} " + ", ".join(
            f"[{_('statement %(n)s', n=s['id'])}](#statement-{s['id']})" for s in p["statement_links"]))
    if meta:
        w.add("  \n".join(meta))
    if c.get("objections") and p["consented"]:
        w.add("\n".join(f"- {_('Objection (%(role)s): %(reason)s', role=md(o['role_label']), reason=cell(o['reason']))}"
                        for o in c["objections"]))
    for correction in p["corrections"]:
        head = f"{_('Correction by %(expert)s', expert=md(correction['expert_label']))} — {md(correction['status_label'])}"
        if correction.get("decided_label"):
            head += f", {correction['decided_label']}"
        lines = [head, _("Reason: %(reason)s", reason=cell(correction["reason"]))]
        if correction.get("decision_note"):
            lines.append(_("Panel's note: %(note)s", note=cell(correction["decision_note"])))
        w.add("  \n".join(lines))
        removed, added = _("removed"), _("added")
        marks = {"removed": lambda t: f"- ~~{t}~~ ({removed})", "added": lambda t: f"- **{t}** ({added})",
                 "same": lambda t: f"- {t}"}
        w.add("\n".join(marks.get(d["op"], marks["same"])(cell(d["text"])) for d in correction.get("diff", [])))


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _charts(w: _Writer, model: dict) -> None:
    w.add(f"## {_('Charts')}")
    tc, gc = model["theme_chart"], model["group_chart"]
    w.add(f"### {_('Themes')}", _("Keywords found by the software."))
    if tc["rows"]:
        w.add(_table([_("Theme"), _("Arguments"), _("Verdict"), _("Votes by group: agree / disagree / pass")], [
            [f"{r['number']}. {r['keywords']}", r["size"], r["verdict_with_counts"], "; ".join(
                _("%(group)s: %(agree)s / %(disagree)s / %(passed)s (%(share)s agree)", group=g["label"],
                  agree=g["agree"], disagree=g["disagree"], passed=g["pass"], share=g["share"])
                for g in r["groups"])] for r in tc["rows"]]))
    else:
        w.add(_("The analysis found no theme."))
    w.add(f"### {_('Opinion groups')}")
    rows = [[s["label"], row["label"], row["size"]] for s in gc["sections"] for row in s["rows"]]
    w.add(_table([_("Audience"), _("Group"), _("Members")], rows) if rows else _("Too few votes for opinion groups."))


def _method(w: _Writer, m: dict) -> None:
    w.add(f"## {_('Method statement')}", f"### {_('Who took part')}")
    w.add(_table([_("Role"), _("Members who joined"), _("Took part (posted, voted or answered)")],
                 [[r["label"], r["members"], r["active"]] for r in m["participation"]]
                 + [[_("Total"), m["members"], m["active"]]]))
    w.add(f"### {_('What was said')}", "\n".join(f"- {f['value']} {md(f['label'])}" for f in m["figures"]))
    w.add(f"### {_('The phases')}")
    if m["phases"]:
        w.add("\n".join(f"{i + 1}. **{md(p['label'])}**{colon()} " + (
            _("from %(start)s to %(end)s", start=p["from"], end=p["until"]) if p["until"]
            else _("since %(start)s", start=p["from"])) for i, p in enumerate(m["phases"])))
    mod = m["moderation"]
    w.add(f"### {_('Moderation')}", _("%(n)s moderation decisions; %(hidden)s arguments hidden at the time of this "
                                      "version.", n=mod["decisions"], hidden=mod["hidden_now"]))
    if mod["by_action"]:
        w.add("\n".join(f"- {colon(md(a['label']))} {a['count']}" for a in mod["by_action"]))
    if mod["reasons"]:
        w.add("\n".join(f"- {md(_('“%(reason)s”: %(n)s', reason=r['reason'], n=r['count']))}" for r in mod["reasons"]))
    w.add(f"### {_('The analysis')}")
    analysis = m["analysis"]
    if analysis:
        w.add(md(_("Model: %(model)s; analysis run %(run)s of %(at)s.", model=analysis["model"],
                   run=analysis["run_id"], at=analysis["at"])))
        w.add("\n".join(f"- `{key}`: {cell(value)}" for key, value in analysis["inputs"] + analysis["parameters"]))
    else:
        w.add(_("No analysis was run."))


def _evidence(w: _Writer, model: dict) -> None:
    w.add(f"## {_('Evidence')}", _("In the tables: everyone who voted, then each opinion group, the panel's (P1, P2…) "
                                   "and the public's (A, B…)."))
    for e in model["evidence"]:
        w.add(f"### {_('Argument #%(id)s', id=e['id'])}")
        if e["status"] != "visible":
            w.add(f"_\\[{md(e['hidden_label'])}\\]_")
        else:
            kind = " · ".join(x for x in (e.get("kind_label"), e.get("stance_label")) if x)
            if kind:
                w.add(f"_{md(kind)}_")
            w.add(blockquote(e["text"]), f"— {md(e['author_label'])}")
            t = e.get("tally")
            if t:
                w.add(_table([""] + [col["head"] for col in t["columns"]],
                             [[label] + [col[key] for col in t["columns"]]
                              for key, label in (("agree", _("Agree")), ("disagree", _("Disagree")),
                                                 ("pass", _("Pass")))]))
            for a in e.get("answers", []):
                _answer(w, a, show_question=False)
        if e["cited_in"]:
            w.add(f"{colon(_('Cited in'))} " + ", ".join(f"§{c['number']}" for c in e["cited_in"]))


def report_markdown(report) -> str:
    model = report_model(report)
    c = model["conference"]
    w = _Writer()
    if model["draft"]:
        w.add(f"**{draft_word()}** — " + md(_("This document is not published: the panel is still writing it. "
                                              "Do not quote it as the panel's opinion.")))
    w.add(f"# {cell(c['title'])}", f"**{colon(_('Question'))}** {md(c['question'])}")
    facts = [_("Version %(n)s, published on %(date)s", n=model["version"], date=model["published"])
             if not model["draft"] else draft_word()]
    if model["note"]:
        facts.append(_("What this version changes: %(note)s", note=cell(model["note"])))
    if model["organisers"]:
        facts.append(_("Organised by %(names)s", names=md(", ".join(model["organisers"]))))
    if len(model["versions"]) > 1:
        facts.append(f"{colon(_('Versions'))} " + "; ".join(f"{v['number']} ({v['date']})" for v in model["versions"]))
    w.add("  \n".join(facts))

    w.add(f"## {_('The consensus document')}", f"**{_('How to read this document')}**")
    w.add("\n".join(f"- {md(text)}" for _key, _tag, text in model["legend"]))
    for p in model["paragraphs"]:
        _paragraph(w, p)

    w.add(f"## {_('Dissent annex: minority statements')}")
    if not model["statements"]:
        w.add(_("No minority statement was written."))
    for s in model["statements"]:
        w.add(f"### {_('Statement %(n)s', n=s['id'])}", blockquote(s["text"]),
              f"{colon(_('Signed by'))} " + md(", ".join(s["signatures"])))
        if s["paragraphs"]:
            w.add(f"{colon(_('About'))} " + "; ".join(f"§{p['number']} {md(p['excerpt'])}" for p in s["paragraphs"]))
    _charts(w, model)
    _method(w, m=model["method"])
    _evidence(w, model)
    return w.text()
