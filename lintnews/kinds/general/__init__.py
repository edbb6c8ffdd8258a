"""General rule kinds: write house checks as YAML (the kinds Vale styles use, too).

Each lives in the module of its name and is imported when a rule uses it (``LazyKind``).
"""

from __future__ import annotations

from ...plugin import hookimpl
from ..base import LazyKind

NAMES = (
    "existence",
    "substitution",
    "occurrence",
    "repetition",
    "consistency",
    "conditional",
    "capitalization",
    "metric",
    "terms",
)

KINDS = [LazyKind(name, f"{__name__}.{name}") for name in NAMES]


@hookimpl
def lintnews_rule_kinds():
    return list(KINDS)
