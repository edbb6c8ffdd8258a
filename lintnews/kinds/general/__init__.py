"""General rule kinds: write house checks as YAML (the kinds Vale styles use, too)."""

from __future__ import annotations

from ...plugin import hookimpl
from . import (
    capitalization,
    conditional,
    consistency,
    existence,
    metric,
    occurrence,
    repetition,
    substitution,
    terms,
)

KINDS = [
    module.KIND
    for module in (
        existence,
        substitution,
        occurrence,
        repetition,
        consistency,
        conditional,
        capitalization,
        metric,
        terms,
    )
]


@hookimpl
def lintnews_rule_kinds():
    return list(KINDS)
