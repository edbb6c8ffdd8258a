"""Output formats. A formatter writes what it is handed; it never re-runs rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any


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

    def add(self, result) -> None:
        self.files += 1
        self.failures += len(result.errors)
        self.fixed += result.fixed
        self.fixed_files += bool(result.fixed)
        self.fixable += result.fixable
        for f in result.findings:
            self.findings += 1
            if f.level == "error":
                self.errors += 1
            elif f.level == "warning":
                self.warnings += 1
            else:
                self.infos += 1


class Formatter:
    """Life cycle: ``start()``, ``handle(result)`` per file, ``finish(summary)``."""

    def __init__(self, stream: IO[str], options: dict[str, Any] | None = None):
        self.stream = stream
        self.options = options or {}

    def start(self) -> None:
        pass

    def handle(self, result) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass
