"""The report as open data (JSON): the conference, the document with each paragraph's evidence (argument ids,
answer ids, vote counts overall and by opinion group), consent counts, corrections, the cited arguments
(visible ones with their exact text; hidden ones as id, status and moderation reason only), the experts'
answers, the minority statements, the method statement and the charts' figures; `status` says whether this
is a published version (`version` its number) or a draft.

Built from report_export.public_content, which holds no invite code, token, hash or secret, no member id,
and no name of an erased participant, of an anonymous signatory or of an objector."""
from __future__ import annotations

import json
from datetime import datetime, timezone

JSON_FORMAT = 1


def report_json(report) -> dict:
    content = report.content
    return {
        "format": JSON_FORMAT,
        "report_format": content.get("format"),
        "status": report.status,
        "version": report.version,
        "published_at": report.published_at,
        "note": report.note or None,
        "versions": [{"number": v["number"], "published_at": v["published_at"], "note": v.get("note") or None,
                      "url": v.get("url")} for v in report.versions],
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "conference": {k: content["conference"].get(k) for k in ("slug", "title", "question", "description", "phase")},
        "organisers": list(report.organisers),
        "document": content["document"],
        "arguments": content["arguments"],
        "answers": content["answers"],
        "statements": content["statements"],
        "method": content["method"],
        "charts": content["charts"],
    }


def report_json_bytes(report) -> bytes:
    return (json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
