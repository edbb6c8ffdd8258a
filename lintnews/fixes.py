"""Applying fixes: overlap resolution, one pass per lint, a bounded number of passes.

Fixes are edits of the decoded text. Overlapping fixes are resolved deterministically: in
order of (start, end, replacement) a fix is kept when it starts at or after the end of the
last kept one; the others wait for the next pass (the draft is linted again after each pass,
at most ``MAX_PASSES`` times, so a fix that another one made stale is never applied).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .errors import printable
from .findings import Finding, Fix

MAX_PASSES = 3


@dataclass(frozen=True)
class FixOutcome:
    """The fixed text and how many fixes were applied and left."""

    text: str
    applied: int
    remaining: int  # fixable findings left (unsafe ones when only safe were asked, overlaps)


def wanted(findings: tuple[Finding, ...] | list[Finding], unsafe: bool) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def apply(text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[Fix]]:
    """Apply non-overlapping fixes in one pass; return (text, applied, skipped)."""
    ordered = sorted(set(fixes), key=lambda f: (f.span.start, f.span.end, f.replacement))
    applied: list[Fix] = []
    skipped: list[Fix] = []
    last_end = -1
    for fix in ordered:
        if fix.span.start < last_end:
            skipped.append(fix)
            continue
        applied.append(fix)
        last_end = fix.span.end
    parts, cursor = [], 0
    for fix in applied:
        parts.append(text[cursor : fix.span.start])
        parts.append(fix.replacement)
        cursor = fix.span.end
    parts.append(text[cursor:])
    return "".join(parts), applied, skipped


def fix_text(text: str, findings, relint, unsafe: bool) -> tuple[FixOutcome, object]:
    """Fix ``text`` given its findings; ``relint(text)`` lints again. Returns (outcome, result)."""
    applied_total = 0
    result = None
    for _ in range(MAX_PASSES):
        fixes = wanted(findings, unsafe)
        if not fixes:
            break
        text, applied, _ = apply(text, fixes)
        applied_total += len(applied)
        result = relint(text)
        findings = result.findings
    remaining = sum(1 for f in findings if f.fix is not None)
    return FixOutcome(text, applied_total, remaining), result


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{printable(path)}",
            tofile=f"b/{printable(path)}",
        )
    )
