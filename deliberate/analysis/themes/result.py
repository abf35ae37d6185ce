"""What a themes run produces: themes, points, and the machine-written labels that describe them.

Labels are chosen by software, so they are structures (keywords, the index of the most central
argument) flagged `machine_written`, never sentences presented as if a participant wrote them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

STANCE_NAMES = {1: "for", -1: "against", 0: "nuance", None: None}
_STANCE_VALUES = {"for": 1, "against": -1, "nuance": 0, "1": 1, "+1": 1, "-1": -1, "0": 0,
                  "1.0": 1, "-1.0": -1, "0.0": 0}


def parse_stance(value) -> int | None:
    """for / against / nuance, or 1 / -1 / 0 (strings or numbers) -> 1 / -1 / 0; None and "" -> None.

    Raises ValueError for anything else, so callers can list the bad values.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a stance: {value!r}")
    if isinstance(value, (int, float)) and value in (1, -1, 0):
        return int(value)
    text = str(value).strip().lower()
    if text == "":
        return None
    if text in _STANCE_VALUES:
        return _STANCE_VALUES[text]
    raise ValueError(f"not a stance: {value!r}")


@dataclass
class Label:
    keywords: list[str]
    central_argument_index: int  # position in the input of the argument closest to the cluster's centroid

    def to_dict(self) -> dict:
        return {"machine_written": True, "keywords": list(self.keywords),
                "central_argument_index": int(self.central_argument_index)}

    def keywords_text(self) -> str:
        """Keywords joined by commas, without quotation marks: nobody said this."""
        return ", ".join(self.keywords)


@dataclass
class Theme:
    id: int
    size: int
    label: Label
    by_stance: dict[str, int] = field(default_factory=dict)  # "for" / "against" / "nuance" / "none" -> count
    point_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "size": self.size, "by_stance": dict(self.by_stance),
                "label": self.label.to_dict(), "points": list(self.point_ids)}


@dataclass
class Point:
    id: int
    theme: int
    stance: int | None
    size: int  # arguments that make this point; the live service adds how many voters back them
    label: Label
    members: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "theme": self.theme, "stance": STANCE_NAMES[self.stance], "size": self.size,
                "label": self.label.to_dict(), "members": list(self.members)}
