"""A logistic model over string features, stored as JSON (feature -> weight); inference is a dict lookup."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any


@dataclass
class LinearModel:
    weights: dict[str, float]
    thresholds: dict[str, float] = field(default_factory=lambda: {"hybrid_add": 0.5, "model_add": 0.5})
    lexicon: dict[str, float] | None = None  # learned cue lexicon: lemma -> rate of being a gold cue
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, feats: Iterable[str]) -> float:
        z = sum(map(self.weights.get, feats, repeat(0.0)))  # the same sum, left to right, without a generator
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: str | Path) -> None:
        data = {
            "format": "claims-linear-1",
            "meta": self.meta,
            "thresholds": self.thresholds,
            "lexicon": self.lexicon,
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5},
        }
        Path(path).write_text(json.dumps(data, indent=0, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != "claims-linear-1":
            raise ValueError(f"{path}: not a claims linear model")
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
            lexicon=data.get("lexicon"),
            meta=data.get("meta", {}),
        )
