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

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .caption_features import FEATURES

_INDEX = {name: i for i, name in enumerate(FEATURES)}
MAX_TREES = 2000
MAX_NODES = 1 << 12
MAX_DEPTH = 32


@dataclass(frozen=True)
class Tree:
    """One regression tree over feature vectors in ``FEATURES`` order."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]


@dataclass(frozen=True)
class LineModel:
    """Trees, prior and threshold of the line classifier."""

    trees: tuple[Tree, ...]
    base: float
    threshold: float
    path: str = ""
    #: a lower bar for lines a shape heuristic proposed, by heuristic ("rule_salad")
    proposed: tuple[tuple[str, float], ...] = ()
    #: the trees as nested ``(feature, threshold, left, right)`` tuples with float leaves,
    #: which a walk reads faster than the node lists
    roots: tuple = ()

    def bar(self, heuristic: str) -> float:
        """The score a line needs, given the heuristic that proposed it ("" for none)."""
        return dict(self.proposed).get(heuristic, self.threshold)

    def score(self, x: list[float]) -> float:
        """Probability that a line is a leftover, from its feature vector (``FEATURES``)."""
        z = self.base
        for node in self.roots:
            while node.__class__ is tuple:
                feature, threshold, left, right = node
                node = left if x[feature] <= threshold else right
            z += node
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def reasons(self, x: list[float], top: int = 3) -> list[str]:
        """The features that pushed this line's score up most, strongest first: each step
        down a tree credits the change in value to the feature it split on."""
        push: dict[int, float] = {}
        for tree in self.trees:
            node = 0
            while tree.left[node] >= 0:
                f = tree.feature[node]
                nxt = tree.left[node] if x[f] <= tree.threshold[node] else tree.right[node]
                push[f] = push.get(f, 0.0) + tree.value[nxt] - tree.value[node]
                node = nxt
        ranked = sorted(((p, f) for f, p in push.items() if p > 0.1), reverse=True)
        return [FEATURES[f] for _, f in ranked[:top]]


def load_model(path: Path) -> LineModel:
    """Read a weights file; raise ValueError with a readable message when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read model '{path.name}': {exc}") from None
    try:
        if data.get("kind") != "trees":
            raise ValueError("kind")
        names = [str(n) for n in data["features"]]
        base, threshold = float(data["base"]), float(data["threshold"])
        raw = data["trees"]
        if not isinstance(raw, list) or len(raw) > MAX_TREES:
            raise ValueError("trees")
        trees = tuple(_tree(t, names) for t in raw)
        proposed = tuple(
            (str(k), float(v)) for k, v in (data.get("proposed") or {}).items() if k in _INDEX
        )
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        raise ValueError(
            f"model '{path.name}' is not a leftover-line model of this version "
            "(needs kind: trees, features, base, threshold, trees)"
        ) from None
    return LineModel(trees, base, threshold, str(path), proposed, tuple(map(_nest, trees)))


def _nest(tree: Tree, k: int = 0, depth: int = 0):
    if tree.left[k] < 0:
        return tree.value[k]
    if depth >= MAX_DEPTH:
        raise ValueError("depth")
    left, right = _nest(tree, tree.left[k], depth + 1), _nest(tree, tree.right[k], depth + 1)
    return (tree.feature[k], tree.threshold[k], left, right)


def _tree(raw: dict, names: list[str]) -> Tree:
    """A tree from the file, its features mapped to ``FEATURES`` and its links checked, so
    a walk always ends at a leaf (children come after their parent)."""
    n = len(raw["left"])
    if not 0 < n <= MAX_NODES:
        raise ValueError("size")
    feature = tuple(_INDEX[names[int(i)]] if int(i) >= 0 else -1 for i in raw["feature"])
    left = tuple(int(i) for i in raw["left"])
    right = tuple(int(i) for i in raw["right"])
    threshold = tuple(float(t) for t in raw["threshold"])
    value = tuple(float(v) for v in raw["value"])
    if not (len(feature) == len(right) == len(threshold) == len(value) == n):
        raise ValueError("lengths")
    for k in range(n):
        if left[k] >= 0 and not (k < left[k] < n and k < right[k] < n and feature[k] >= 0):
            raise ValueError("links")
    return Tree(feature, threshold, left, right, value)
