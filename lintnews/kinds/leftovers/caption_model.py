"""The leftover-line classifier: boosted decision trees read from a JSON weights file.

The weights are data shipped in ``rules/models/`` and written by
``scripts/train_leftover_model.py``; inference walks small trees in pure Python, so nothing
is downloaded or imported at run time. The file holds::

    {"kind": "trees", "features": [names...], "base": b, "threshold": t, "proposed": {...},
     "trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...],
                "value": [...]}, ...], "cv": {...}}

Each tree is a list of nodes: node ``k`` splits on ``feature[k]`` (an index into
``features``) at ``threshold[k]`` and goes ``left[k]`` when the value is at most the
threshold, ``right[k]`` otherwise; a leaf has ``left[k] == -1``. ``value[k]`` is the node's
contribution to the log-odds (internal nodes too, so a score can be explained: the change
from a node to the child taken is credited to the node's feature). The score is the sigmoid
of ``base`` plus the leaves' values. ``proposed`` holds a lower threshold for lines that a
shape heuristic proposed (``{"rule_salad": 0.5}``), where the out-of-fold scores showed one.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from ...cachefolder import derived
from ...records import frozen
from .caption_features import FEATURES

_INDEX = {name: i for i, name in enumerate(FEATURES)}
MAX_TREES = 2000
MAX_NODES = 1 << 12
MAX_DEPTH = 32


@frozen
class LineModel:
    """Trees, prior and threshold of the line classifier. Each tree is kept as nested
    ``(feature, threshold, left, right, value)`` tuples with float leaves, which a walk
    reads faster than node lists (``value``: the node's own log-odds, for ``reasons``)."""

    roots: tuple
    base: float
    threshold: float
    path: str = ""
    #: a lower bar for lines a shape heuristic proposed, by heuristic ("rule_salad")
    proposed: tuple[tuple[str, float], ...] = ()
    #: a digest of what the model was built from (the weights file, ``FEATURES``)
    digest: str = ""

    def fingerprint(self) -> str:
        """What the result cache's key takes from the model (its trees are thousands of
        numbers: writing them out on every run cost a one-file check ~3 ms)."""
        return self.digest

    def bar(self, heuristic: str) -> float:
        """The score a line needs, given the heuristic that proposed it ("" for none)."""
        return dict(self.proposed).get(heuristic, self.threshold)

    def score(self, x: list[float]) -> float:
        """Probability that a line is a leftover, from its feature vector (``FEATURES``)."""
        z = self.base
        for node in self.roots:
            while node.__class__ is tuple:
                feature, threshold, left, right, _ = node
                node = left if x[feature] <= threshold else right
            z += node
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def reasons(self, x: list[float], top: int = 3) -> list[str]:
        """The features that pushed this line's score up most, strongest first: each step
        down a tree credits the change in value to the feature it split on."""
        push: dict[int, float] = {}
        for node in self.roots:
            while node.__class__ is tuple:
                feature, threshold, left, right, value = node
                node = left if x[feature] <= threshold else right
                after = node[4] if node.__class__ is tuple else node
                push[feature] = push.get(feature, 0.0) + after - value
        ranked = sorted(((p, f) for f, p in push.items() if p > 0.1), reverse=True)
        return [FEATURES[f] for _, f in ranked[:top]]


def load_model(path: Path) -> LineModel:
    """Read a weights file; raise ValueError with a readable message when it is not one.
    The trees built from it are kept in the cache folder (while the file and ``FEATURES``
    are the same): a one-file run does not parse and build them again."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read model '{path.name}': {exc}") from None
    source = "trees-v1\0" + "\n".join(FEATURES) + "\0" + text
    roots, base, threshold, proposed = derived(
        f"leftover-model:{path}", source, lambda: _build(path, text)
    )
    digest = hashlib.sha256(source.encode()).hexdigest()
    return LineModel(roots, base, threshold, str(path), proposed, digest)


def _build(path: Path, text: str) -> tuple:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"cannot read model '{path.name}': {exc}") from None
    try:
        if data.get("kind") != "trees":
            raise ValueError("kind")
        index = [_INDEX[str(n)] for n in data["features"]]
        base, threshold = float(data["base"]), float(data["threshold"])
        raw = data["trees"]
        if not isinstance(raw, list) or len(raw) > MAX_TREES:
            raise ValueError("trees")
        roots = tuple(_tree(t, index) for t in raw)
        proposed = tuple(
            (str(k), float(v)) for k, v in (data.get("proposed") or {}).items() if k in _INDEX
        )
    except (AttributeError, KeyError, TypeError, ValueError, IndexError, RecursionError):
        raise ValueError(
            f"model '{path.name}' is not a leftover-line model of this version "
            "(needs kind: trees, features, base, threshold, trees)"
        ) from None
    return roots, base, threshold, proposed


def _tree(raw: dict, index: list[int]):
    """A tree from the file's node lists, its features mapped to ``FEATURES``. Children
    come after their parent and the depth is bounded, so every walk ends at a leaf."""
    feature, threshold = raw["feature"], raw["threshold"]
    left, right, value = raw["left"], raw["right"], raw["value"]
    n = len(left)
    if (
        not 0 < n <= MAX_NODES
        or not len(feature) == len(right) == len(threshold) == len(value) == n
    ):
        raise ValueError("size")

    def node(k: int, depth: int):
        if int(left[k]) < 0:
            return float(value[k])
        a, b, f = int(left[k]), int(right[k]), int(feature[k])
        if depth >= MAX_DEPTH or not (k < a < n and k < b < n and f >= 0):
            raise ValueError("links")
        return (
            index[f],
            float(threshold[k]),
            node(a, depth + 1),
            node(b, depth + 1),
            float(value[k]),
        )

    return node(0, 0)
