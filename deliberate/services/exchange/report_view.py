"""The report as the page, the PDF and the Markdown render it: the public content (report_export.Report)
turned into labelled, numbered, cross-linked pieces in the current language. No markup here: the
templates under templates/report/ and report_markdown.py write it."""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import format_date, format_decimal, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from deliberate.services.exchange.report_charts import group_chart, theme_chart

ORIGIN_TAGS = {
    "software": _l("written by the software"),
    "facilitators": _l("written by the facilitators"),
    "expert": _l("corrected by an expert, accepted by the panel"),
}
LEGEND = [
    ("software", _l("Sentences marked “written by the software” were generated from the analysis of the arguments "
                    "and votes, then kept by the panel; they are not anyone's words.")),
    ("facilitators", _l("Sentences marked “written by the facilitators” were written or reworded by the "
                        "facilitators for the panel.")),
    ("expert", _l("Sentences marked “corrected by an expert” carry a correction of facts proposed by an expert "
                  "and accepted by the panel.")),
    ("quote", _l("Quotations are participants' exact words, attributed; each leads to its evidence: the "
                 "argument's votes, overall and by opinion group, and the experts' answers.")),
]
ROLES = {"organiser": _l("organiser"), "facilitator": _l("facilitator"), "expert": _l("expert"),
         "stakeholder": _l("stakeholder"), "panelist": _l("panelist"), "public": _l("public"),
         "observer": _l("observer")}
PHASES = {"preparation": _l("Preparation"), "hearing": _l("Hearing"), "deliberation": _l("Deliberation"),
          "drafting": _l("Drafting"), "review": _l("Review"), "published": _l("Published")}
STANCES = {"for": _l("For"), "against": _l("Against"), "nuance": _l("Nuance")}
KINDS = {"argument": _l("Argument"), "question": _l("Question to the experts"), "key_question": _l("Key question")}
AUDIENCES = {"panel": _l("Panel"), "public": _l("Public")}
ACTIONS = {"hide": _l("hidden"), "restore": _l("restored"), "merge": _l("merged as duplicates")}
CORRECTION_STATUS = {"accepted": _l("accepted by the panel"), "rejected": _l("rejected by the panel"),
                     "proposed": _l("awaiting the panel's decision")}
FIGURES = [("arguments", _l("arguments")), ("questions", _l("questions to the experts")),
           ("key_questions", _l("key questions proposed")), ("answers", _l("answers from the experts")),
           ("votes", _l("votes"))]


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def day(value: str | None) -> str:
    moment = parse_iso(value)
    return format_date(moment, "long") if moment else ""


def when(value: str | None) -> str:
    """A date and time in UTC, in the current language."""
    moment = parse_iso(value)
    if moment is None:
        return ""
    return _("%(date)s, %(time)s UTC", date=format_date(moment, "long"), time=format_time(moment, "HH:mm"))


def role_label(role: str | None) -> str:
    return str(ROLES.get(role, role or ""))


def person_label(person: dict | None) -> str:
    """"Name, role"; an erased participant is "participant erased, role"."""
    if not person:
        return ""
    if person.get("erased") or not person.get("name"):
        return _("participant erased, %(role)s", role=role_label(person.get("role")))
    return _("%(name)s, %(role)s", name=person["name"], role=role_label(person.get("role")))


def signature_label(signature: dict) -> str:
    role = role_label(signature.get("role"))
    if signature.get("anonymous"):
        return _("anonymous (%(role)s)", role=role)
    if signature.get("erased") or not signature.get("name"):
        return _("participant erased (%(role)s)", role=role)
    return _("%(name)s (%(role)s)", name=signature["name"], role=role)


def group_name(audience: str, label: str) -> str:
    return _("%(audience)s, group %(group)s", audience=AUDIENCES.get(audience, audience), group=label)


def hidden_label(entry: dict) -> str:
    if entry.get("status") == "missing":
        return _("This argument no longer exists.")
    reason = entry.get("moderation_reason")
    return _("Hidden by the facilitators: %(reason)s", reason=reason) if reason else _("Hidden by the facilitators.")


def argument_anchor(argument_id) -> str:
    return f"a-{argument_id}"


def paragraph_anchor(number) -> str:
    return f"p-{number}"


def statement_anchor(statement_id) -> str:
    return f"s-{statement_id}"


def _tally(votes: dict | None) -> dict | None:
    """Columns: everyone, then each opinion group (short label, full name); rows: agree, disagree, pass."""
    if not votes:
        return None
    columns = [{"head": _("Everyone"), "title": _("Everyone who voted"), "agree": votes.get("agree", 0),
                "disagree": votes.get("disagree", 0), "pass": votes.get("pass", 0)}]
    columns += [{"head": g.get("label"), "title": group_name(g.get("audience"), g.get("label")),
                 "agree": g.get("agree", 0), "disagree": g.get("disagree", 0), "pass": g.get("pass", 0)}
                for g in votes.get("groups", [])]
    return {"agree": columns[0]["agree"], "disagree": columns[0]["disagree"], "pass": columns[0]["pass"],
            "columns": columns}


def _answer(answer: dict) -> dict:
    out = dict(answer)
    out["author_label"] = person_label(answer.get("author"))
    out["question_anchor"] = argument_anchor(answer["question_id"]) if answer.get("question_id") else None
    return out


def _paragraph(p: dict, entries: dict[int, dict]) -> dict:
    quotes = []
    for q in p["quotes"]:
        quote = dict(q, anchor=argument_anchor(q["argument_id"]))
        if q["status"] == "visible":
            quote["author_label"] = person_label(q.get("author"))
        else:
            quote["hidden_label"] = hidden_label(entries.get(q["argument_id"], q))
        quotes.append(quote)
    consent = dict(p["consent"])
    consent["objections"] = [dict(o, role_label=role_label(o.get("role"))) for o in consent.get("objections", [])]
    corrections = [dict(c, status_label=str(CORRECTION_STATUS.get(c["status"], c["status"])),
                        expert_label=person_label(c.get("expert")), decided_label=day(c.get("decided_at")))
                   for c in p["corrections"] if c["status"] != "proposed"]
    return {
        **p,
        "anchor": paragraph_anchor(p["number"]),
        "heading": p["kind"] == "heading",
        "tag": str(ORIGIN_TAGS.get(p["origin"], "")),
        "quotes": quotes,
        "answers": [_answer(a) for a in p["answers"] if a["status"] == "visible"],
        "evidence_links": [{"id": a, "anchor": argument_anchor(a)} for a in p["evidence"]["arguments"]],
        "consent": consent,
        "consented": p["kind"] != "heading" and (consent.get("given") or consent.get("panelists")),
        "corrections": corrections,
        "statement_links": [{"id": s, "anchor": statement_anchor(s)} for s in p["statements"]],
    }


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def flatten(value, prefix: str = "") -> list[tuple[str, str]]:
    """Nested parameters as "a.b = value" lines."""
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out += flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value) or "—"
    elif value is None:
        text = "—"
    elif isinstance(value, float):
        text = format_decimal(value, "#,##0.####")
    else:
        text = str(value)
    return [(prefix, text)]


def method_model(method: dict) -> dict:
    participation = [{"role": r["role"], "label": role_label(r["role"]), "members": r["members"],
                      "active": r["active"]} for r in method.get("participation", [])]
    phases = [{"phase": p["phase"], "label": str(PHASES.get(p["phase"], p["phase"])), "from": when(p.get("from")),
               "until": when(p.get("until"))} for p in method.get("phases", [])]
    figures = method.get("figures") or {}
    moderation = method.get("moderation") or {}
    analysis = method.get("analysis")
    return {
        "participation": participation,
        "members": sum(r["members"] for r in participation),
        "active": sum(r["active"] for r in participation),
        "phases": phases,
        "figures": [{"key": key, "label": str(label), "value": figures.get(key, 0)} for key, label in FIGURES],
        "moderation": {
            "decisions": moderation.get("decisions", 0),
            "hidden_now": moderation.get("hidden_now", 0),
            "by_action": [{"label": str(ACTIONS.get(k, k)), "count": n}
                          for k, n in (moderation.get("by_action") or {}).items()],
            "reasons": moderation.get("reasons", []),
        },
        "analysis": None if not analysis else {
            "model": analysis.get("model"), "at": when(analysis.get("at")), "run_id": analysis.get("run_id"),
            "parameters": flatten(analysis.get("parameters") or {}),
            "inputs": flatten({k: v for k, v in (analysis.get("inputs") or {}).items()
                               if k in ("arguments", "votes", "key_questions", "selected")}),
        },
    }


def report_model(report) -> dict:
    """Everything the templates and the Markdown show, labelled and linked (see the module's doc)."""
    content = report.content
    entries = {a["id"]: a for a in content["arguments"]}
    answers = {a["answer_id"]: a for a in content["answers"]}
    paragraphs, above = [], set()
    for p in content["document"]["paragraphs"]:
        paragraph = _paragraph(p, entries)
        for a in paragraph["answers"]:  # the question was quoted just before: not again
            a["question_above"] = a.get("question_id") in above
        above = {q["argument_id"] for q in paragraph["quotes"] if q["status"] == "visible"}
        paragraphs.append(paragraph)
    cited_in: dict[int, list[dict]] = {}
    for p in paragraphs:
        ids = [*(q["argument_id"] for q in p["quotes"]), *p["evidence"]["arguments"],
               *(a["question_id"] for a in p["answers"] if a.get("question_id"))]
        for a in dict.fromkeys(ids):
            cited_in.setdefault(a, []).append({"number": p["number"], "anchor": p["anchor"]})
    evidence = []
    for entry in content["arguments"]:
        item = {"id": entry["id"], "anchor": argument_anchor(entry["id"]), "status": entry["status"],
                "cited_in": cited_in.get(entry["id"], [])}
        if entry["status"] == "visible":
            item.update(text=entry["text"], author_label=person_label(entry.get("author")),
                        kind_label=str(KINDS.get(entry.get("kind"), "")),
                        stance_label=str(STANCES.get(entry.get("stance"), "")) if entry.get("stance") else "",
                        tally=_tally(entry.get("votes")),
                        answers=[_answer(answers[a]) for a in entry.get("answers", []) if a in answers])
        else:
            item["hidden_label"] = hidden_label(entry)
        evidence.append(item)
    numbers = {p["id"]: p for p in paragraphs}
    statements = [{
        "id": s["id"], "anchor": statement_anchor(s["id"]), "text": s["text"],
        "signatures": [signature_label(x) for x in s["signatures"]],
        "paragraphs": [{"number": numbers[pid]["number"], "anchor": numbers[pid]["anchor"],
                        "excerpt": _excerpt(numbers[pid]["body"])} for pid in s["paragraph_ids"] if pid in numbers],
    } for s in content["statements"]]
    charts = content.get("charts") or {}
    versions = [dict(v, date=when(v.get("published_at")), current=v["number"] == report.version)
                for v in report.versions]
    return {
        "conference": content["conference"],
        "draft": report.draft,
        "status": report.status,
        "version": report.version,
        "published": when(report.published_at),
        "note": report.note,
        "versions": versions,
        "organisers": report.organisers,
        "legend": [(key, str(ORIGIN_TAGS[key]) if key in ORIGIN_TAGS else "", str(text)) for key, text in LEGEND],
        "paragraphs": paragraphs,
        "headings": [p for p in paragraphs if p["heading"]],
        "evidence": evidence,
        "statements": statements,
        "method": method_model(content.get("method") or {}),
        "theme_chart": theme_chart(charts),
        "group_chart": group_chart(charts),
    }
