"""What one refresh hands to the next: the caller keeps an `OpinionState` between refreshes.

Pol.is' groups depend on history (who entered the conversation when, how base clusters grew, how long
a new number of groups has been winning), so a live service must carry this forward. The state is
plain data and round-trips through JSON (`to_dict` / `from_dict`) for a worker that persists it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Hashable

import numpy as np

from deliberate.analysis.opinions.groups import KSmoother


@dataclass
class OpinionState:
    in_conv: list = field(default_factory=list)                # participants admitted to clustering, in order
    component_comments: tuple = ()                             # comment ids the components are indexed by
    components: np.ndarray | None = None                       # (2, len(component_comments))
    base_labels: dict = field(default_factory=dict)            # participant -> base-cluster id
    group_labels: dict = field(default_factory=dict)           # k -> {base-cluster id -> group id}
    smoother: KSmoother = field(default_factory=KSmoother)
    public_labels: dict = field(default_factory=dict)          # participant -> published group id
    next_public_id: int = 0
    refreshes: int = 0

    def copy(self) -> "OpinionState":
        """An independent copy (shallow where values are immutable: ids and ints)."""
        return OpinionState(
            in_conv=list(self.in_conv), component_comments=self.component_comments,
            components=None if self.components is None else self.components.copy(),
            base_labels=dict(self.base_labels),
            group_labels={k: dict(m) for k, m in self.group_labels.items()},
            smoother=copy.copy(self.smoother), public_labels=dict(self.public_labels),
            next_public_id=self.next_public_id, refreshes=self.refreshes)

    def components_for(self, comments: tuple) -> np.ndarray | None:
        """Last components re-indexed to `comments` (0 for comments new since then), for warm starts."""
        if self.components is None:
            return None
        where = {c: j for j, c in enumerate(self.component_comments)}
        aligned = np.zeros((len(self.components), len(comments)))
        for j, comment in enumerate(comments):
            if comment in where:
                aligned[:, j] = self.components[:, where[comment]]
        return aligned

    def to_dict(self) -> dict:
        """JSON-ready; ids keep their type because mappings are stored as [key, value] pairs."""
        return {
            "in_conv": list(self.in_conv),
            "component_comments": list(self.component_comments),
            "components": None if self.components is None else self.components.tolist(),
            "base_labels": [[p, int(b)] for p, b in self.base_labels.items()],
            "group_labels": [[int(k), [[int(b), int(g)] for b, g in m.items()]] for k, m in self.group_labels.items()],
            "smoother": {"buffer": self.smoother.buffer, "last_k": self.smoother.last_k,
                         "last_k_count": self.smoother.last_k_count, "smoothed_k": self.smoother.smoothed_k},
            "public_labels": [[p, int(g)] for p, g in self.public_labels.items()],
            "next_public_id": self.next_public_id,
            "refreshes": self.refreshes,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "OpinionState":
        def key(value: Hashable) -> Hashable:
            return tuple(value) if isinstance(value, list) else value

        components = data.get("components")
        return cls(
            in_conv=[key(p) for p in data.get("in_conv", [])],
            component_comments=tuple(key(c) for c in data.get("component_comments", [])),
            components=None if components is None else np.asarray(components, dtype=float),
            base_labels={key(p): int(b) for p, b in data.get("base_labels", [])},
            group_labels={int(k): {int(b): int(g) for b, g in pairs} for k, pairs in data.get("group_labels", [])},
            smoother=KSmoother(**data.get("smoother", {})),
            public_labels={key(p): int(g) for p, g in data.get("public_labels", [])},
            next_public_id=int(data.get("next_public_id", 0)),
            refreshes=int(data.get("refreshes", 0)),
        )
