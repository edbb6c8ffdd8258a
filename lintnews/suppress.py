"""Inline suppression directives, and the report of directives that suppress nothing.

In Markdown and text drafts (HTML comments, never shown to readers)::

    <!-- lintnews-disable rule-id, other-id -->   ... <!-- lintnews-enable -->
    <!-- lintnews-disable-next-line rule-id -->
    Foto: EFE <!-- lintnews-disable-line rule-id -->     (this line only)

Without ids a directive applies to every rule. ``disable-next-line`` covers the next
non-blank line, so it can sit above a paragraph separated by a blank line.
"""

from __future__ import annotations

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
    lines = doc.text.splitlines()
    open_ones: list[Directive] = []
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
            target = end_line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            d.first_line = d.last_line = target
            out.append(d)
        elif action == "disable":
            d.first_line, d.last_line = end_line, len(lines) + 1
            open_ones.append(d)
            out.append(d)
        else:  # enable: closes the matching open disables (all of them without ids)
            for o in open_ones:
                if o.last_line > len(lines) and (not rules or set(o.rules) & set(rules)):
                    o.last_line = line
            open_ones = [o for o in open_ones if o.last_line > len(lines)]
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
