"""What rules produce (Hit) and what the engine reports (Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Span

LEVELS = ("info", "warning", "error")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Fix:
    """A replacement of a span of the draft; ``safe`` fixes apply with ``--fix``."""

    span: Span
    replacement: str
    safe: bool


@dataclass(frozen=True)
class Hit:
    """What a rule kind yields: where, the values for the rule's message, related places."""

    span: Span
    args: dict[str, Any] = field(default_factory=dict, hash=False)
    related: tuple[tuple[Span, str], ...] = ()
    fix: Fix | None = None


@dataclass(frozen=True)
class Related:
    """Another place a finding points at (the earlier copy, the majority spelling)."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str


@dataclass(frozen=True)
class Finding:
    """A reported problem. Built only by the engine, which stamps rule id, level, positions."""

    path: str
    rule: str
    level: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    related: tuple[Related, ...] = ()
    fix: Fix | None = None

    def sort_key(self):
        return (self.line, self.column, self.rule)
