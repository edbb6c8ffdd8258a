"""A logistic-regression line classifier, read from a small JSON weights file.

The weights are data shipped in ``rules/models/`` and written by
``scripts/train_caption_classifier.py``; inference is a dot product and a sigmoid in pure
Python, so nothing is downloaded or imported at run time. The file holds::

    {"features": [names...], "weights": [...], "bias": b, "threshold": t, "cv": {...}}

Features are in [0, 1] (see ``caption_features``), so a weight reads directly as how much a
feature moves the log-odds of "this line is a leftover".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .caption_features import FEATURES


@dataclass(frozen=True)
class LineModel:
    """Weights and threshold of the logistic line classifier."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    path: str = ""

    def score(self, values: dict[str, float]) -> float:
        """Probability that a line is a leftover, from its named feature values."""
        z = self.bias + sum(
            w * values.get(n, 0.0) for n, w in zip(self.features, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def reasons(self, values: dict[str, float], top: int = 3) -> list[str]:
        """The features that pushed this line's score up most, strongest first."""
        pushes = [
            (w * values.get(n, 0.0), n)
            for n, w in zip(self.features, self.weights, strict=True)
            if w > 0
        ]
        return [n for push, n in sorted(pushes, reverse=True)[:top] if push > 0.25]


def load_model(path: Path) -> LineModel:
    """Read a weights file; raise ValueError with a readable message when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read model '{path}': {exc}") from None
    try:
        names = tuple(str(n) for n in data["features"])
        weights = tuple(float(w) for w in data["weights"])
        bias, threshold = float(data["bias"]), float(data["threshold"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"model '{path}' needs features, weights, bias and threshold") from None
    unknown = [n for n in names if n not in FEATURES]
    if unknown or len(names) != len(weights):
        raise ValueError(f"model '{path}' does not fit this version: features {unknown}")
    return LineModel(names, weights, bias, threshold, str(path))
