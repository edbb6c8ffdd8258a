"""What rules produce (Hit), what the engine reports (Finding), and a run's results: one
:class:`FileResult` per file and the run's :class:`Summary` (what formatters are handed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Span
from .records import frozen

LEVELS = ("info", "warning", "error")


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Fix:
    """A replacement of a span of the draft; ``safe`` fixes apply with ``--fix``. A fix that
    stands for several places (the noise policy's merged finding) holds their own edits in
    ``parts``, which the fixer applies one by one (another finding's fix between them does
    not wait for a pass of its own); its ``span`` and ``replacement`` are the first's."""

    span: Span
    replacement: str
    safe: bool
    parts: tuple[Fix, ...] = ()

    def edits(self) -> tuple[Fix, ...]:
        """The edits the fix makes: its parts, or itself."""
        return self.parts or (self,)


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
    #: the technical detail behind the message (scores, measures, evidence): shown with
    #: --verbose, in JSON and SARIF; "" when the rule gives none
    detail: str = ""

    def sort_key(self):
        return (self.line, self.column, self.rule)


@frozen
class FileResult:
    """Everything known about one file after linting; formatters read only this."""

    path: str
    language: str = ""
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()
    #: remarks that are not errors, e.g. a binary file skipped
    notes: tuple[str, ...] = ()
    #: fixes applied to this file, and fixable findings left
    fixed: int = 0
    #: the rule of each fixed finding (``--show-fixes``)
    fixed_rules: tuple[str, ...] = ()
    fixable: int = 0
    #: of ``fixable``, the findings whose fix is unsafe
    unsafe_fixable: int = 0
    #: with --diff: the unified diff the fixes would make
    diff: str = field(default="", repr=False)
    #: sha256 of the file's bytes as read (the cache key)
    digest: str = ""
    source: str = field(default="", repr=False)


@dataclass
class Summary:
    """Counts over a run's results: files, findings by level, errors, fixes."""

    files: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    #: input, config or rule errors (not findings)
    failures: int = 0
    fixed: int = 0
    fixed_files: int = 0
    fixable: int = 0
    unsafe_fixable: int = 0

    def add(self, result) -> None:
        self.files += 1
        self.failures += len(result.errors)
        self.fixed += result.fixed
        self.fixed_files += bool(result.fixed)
        self.fixable += result.fixable
        self.unsafe_fixable += result.unsafe_fixable
        for f in result.findings:
            self.findings += 1
            if f.level == "error":
                self.errors += 1
            elif f.level == "warning":
                self.warnings += 1
            else:
                self.infos += 1
