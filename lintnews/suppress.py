"""Inline suppression directives, and the report of directives that suppress nothing.

In Markdown and text drafts (HTML comments, never shown to readers)::

    <!-- lintnews-disable rule-id, other-id -->   ... <!-- lintnews-enable -->
    <!-- lintnews-disable-next-line rule-id -->
    Foto: EFE <!-- lintnews-disable-line rule-id -->     (this line only)

Without ids a directive applies to every rule. ``disable-next-line`` covers the next
non-blank line, so it can sit above a paragraph separated by a blank line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import regex

from . import regexcache
from .document import Document
from .findings import Finding

UNUSED_RULE = "unused-suppression"
_DIRECTIVE = regexcache.compile(
    r"<!--\s*lintnews-(disable-next-line|disable-line|disable|enable)\b(.*?)-->", regex.S
)


@dataclass
class Directive:
    """An inline comment that turns rules off or on for a stretch of the draft."""

    start: int
    end: int
    action: str
    rules: tuple[str, ...]
    first_line: int = 0
    last_line: int = 0
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        in_range = self.first_line <= finding.line <= self.last_line
        return in_range and (not self.rules or finding.rule in self.rules)


def parse_directives(doc: Document) -> list[Directive]:
    """The draft's directives with the lines each covers. Linear in the draft and its
    directives: open disables are kept by rule id, and the line after a blank run is found
    once per draft (a draft of thousands of directives is no quadratic search)."""
    lines = doc.text.splitlines()
    opened: dict[int, Directive] = {}  # open disables, by id(), in the order they opened
    by_rule: dict[str, set[int]] = defaultdict(set)
    next_text: list[int] | None = None
    out: list[Directive] = []
    for m in _DIRECTIVE.finditer(doc.text):
        action = m.group(1)
        rules = tuple(r for r in regex.split(r"[\s,]+", m.group(2).strip()) if r)
        line, _ = doc.locate(m.start())
        end_line, _ = doc.locate(m.end())
        d = Directive(m.start(), m.end(), action, rules)
        if action == "disable-line":
            d.first_line, d.last_line = line, end_line
            out.append(d)
        elif action == "disable-next-line":
            if next_text is None:
                next_text = _next_text_lines(lines)
            d.first_line = d.last_line = next_text[min(end_line, len(lines))]
            out.append(d)
        elif action == "disable":
            d.first_line, d.last_line = end_line, len(lines) + 1
            opened[id(d)] = d
            for r in rules:
                by_rule[r].add(id(d))
            out.append(d)
        else:  # enable: closes the matching open disables (all of them without ids)
            closing = list(opened) if not rules else set().union(*(by_rule[r] for r in rules))
            for key in closing:
                o = opened.pop(key, None)
                if o is not None:
                    o.last_line = line
                    for r in o.rules:
                        by_rule[r].discard(key)
    return out


def _next_text_lines(lines: list[str]) -> list[int]:
    """``[k]``: the 1-based number of the first line after line ``k`` that is not blank
    (``len(lines) + 1`` past the end)."""
    out = [0] * (len(lines) + 1)
    following = len(lines) + 1
    for k in range(len(lines), 0, -1):
        out[k] = following
        if lines[k - 1].strip():
            following = k
    out[0] = following
    return out


def apply(
    doc: Document, findings: list[Finding], make_unused=None, ran=None, known=None
) -> list[Finding]:
    """Drop suppressed findings; with ``make_unused`` (the ``unused-suppression`` rule is on),
    add a finding per idle directive. A directive is idle when it suppressed nothing and
    every rule it names either ran (``ran``) or is no rule at all (not in ``known``: a typo);
    one without ids, when some rule ran."""
    if "lintnews-" not in doc.text:
        return findings
    directives = parse_directives(doc)
    kept = []
    for f in findings:
        hit = [d for d in directives if d.covers(f)]
        for d in hit:
            d.used = True
        if not hit:
            kept.append(f)
    for d in directives:
        if make_unused is None or d.used:
            continue
        if ran is not None:
            named = [r for r in d.rules if known is None or r in known]
            if not all(r in ran for r in named) or (not d.rules and not ran):
                continue
        kept.append(make_unused(d.start, d.end, ", ".join(d.rules) if d.rules else "all rules"))
    return kept
