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
    """The fixed text, how many of the draft's findings were fixed, and what is left."""

    text: str
    #: findings of the draft as first linted whose fix was applied (in any pass); a finding
    #: that a fix itself brought about and the next pass fixed is not counted again
    applied: int
    remaining: int  # fixable findings left (unsafe ones when only safe were asked, overlaps)
    #: of ``remaining``, the ones whose fix is unsafe
    unsafe_left: int = 0
    #: the rule of each finding counted in ``applied``
    rules: tuple[str, ...] = ()


def wanted(findings: tuple[Finding, ...] | list[Finding], unsafe: bool) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def apply(text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[Fix]]:
    """Apply non-overlapping fixes in one pass; return (text, applied, skipped). A fix made
    of ``parts`` is applied part by part."""
    edits = {edit for fix in fixes for edit in fix.edits()}
    ordered = sorted(edits, key=lambda f: (f.span.start, f.span.end, f.replacement))
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
    counted: list[str] = []
    #: the first lint's findings not fixed yet, as (rule, start, end) in the current text
    waiting = {(f.rule, f.start, f.end) for f in findings if wanted([f], unsafe)}
    result = None
    for _ in range(MAX_PASSES):
        fixes = wanted(findings, unsafe)
        if not fixes:
            break
        text, applied, _ = apply(text, fixes)
        done = set(applied)
        for f in findings:
            made = f.fix is not None and any(e in done for e in f.fix.edits())
            if made and (f.rule, f.start, f.end) in waiting:
                counted.append(f.rule)
                waiting.discard((f.rule, f.start, f.end))
        waiting = {moved for key in waiting if (moved := _moved(key, applied)) is not None}
        result = relint(text)
        findings = result.findings
    left = [f for f in findings if f.fix is not None]
    unsafe_left = sum(1 for f in left if not f.fix.safe)
    return FixOutcome(text, len(counted), len(left), unsafe_left, tuple(counted)), result


def _moved(key: tuple[str, int, int], applied: list[Fix]) -> tuple[str, int, int] | None:
    """``key``'s span after ``applied`` (sorted, non-overlapping) edits; None if one cut it."""
    rule, start, end = key
    shift = 0
    for fix in applied:
        if fix.span.end <= start:
            shift += len(fix.replacement) - (fix.span.end - fix.span.start)
        elif fix.span.start < end:
            return None
    return rule, start + shift, end + shift


def unified_diff(path: str, before: str, after: str) -> str:
    """The fix as a unified diff, each line of the draft made printable (no terminal escape,
    no CI command: see ``errors.printable``) and ended by one newline."""
    lines = difflib.unified_diff(
        before.splitlines(),
        after.splitlines(),
        fromfile=f"a/{printable(path)}",
        tofile=f"b/{printable(path)}",
        lineterm="",
    )
    return "".join(f"{line[:1]}{printable(line[1:])}\n" for line in lines)
