"""Vale's inline comments in Markdown: turning rules off and on inside a draft.

``<!-- vale off -->`` / ``<!-- vale on -->`` (every rule), ``<!-- vale Style.Rule = NO -->``
/ ``= YES`` (one rule), ``<!-- vale Style.Rule["match"] = NO -->`` (one match of a rule),
``<!-- vale Style = NO -->`` / ``= YES`` (a whole style). A comment
takes effect from where it is written; comments inside code blocks are text, not comments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import regex

from .. import regexcache
from ..document import Document
from ..findings import Finding

_COMMENT = regexcache.compile(r"<!--\s*vale\s+(.*?)\s*-->", regex.S)
_SETTING = regexcache.compile(r"^([\w.-]+)(\[.+\])?\s*=\s*(YES|NO)$", regex.I)


@dataclass(frozen=True)
class Directive:
    offset: int
    target: str  # "*" (every rule), "Style" or "Style.Rule"
    on: bool


def parse(doc: Document) -> list[Directive]:
    if "vale" not in doc.text:
        return []
    code = [b.span for b in doc.blocks if b.kind == "code"]
    out = []
    for m in _COMMENT.finditer(doc.text):
        if any(s.start <= m.start() < s.end for s in code):
            continue
        body = m.group(1).strip()
        if body.lower() in ("off", "on"):
            out.append(Directive(m.start(), "*", body.lower() == "on"))
            continue
        setting = _SETTING.match(body)
        if setting and setting.group(2):
            on = setting.group(3).upper() == "YES"
            for match in _matches(setting.group(2)):
                out.append(Directive(m.start(), f"{setting.group(1)}[{match}]", on))
            continue
        for part in body.split(","):
            setting = _SETTING.match(part.strip())
            if setting:
                on = setting.group(3).upper() == "YES"
                out.append(Directive(m.start(), setting.group(1), on))
    return out


def _matches(bracketed: str) -> list[str]:
    try:
        values = json.loads(bracketed)
    except ValueError:
        return []
    return [str(v) for v in values] if isinstance(values, list) else []


def apply(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Drop the findings that a directive before them turned off."""
    directives = parse(doc)
    if not directives:
        return findings
    return [f for f in findings if _enabled(directives, f, doc.text[f.start : f.end])]


def _enabled(directives: list[Directive], finding: Finding, match: str) -> bool:
    everything, states = True, {}
    for d in directives:
        if d.offset > finding.start:
            break
        if d.target == "*":
            everything = d.on
        else:
            states[d.target] = d.on
    style = finding.rule.split(".")[0]
    rule_state = states.get(
        f"{finding.rule}[{match}]", states.get(finding.rule, states.get(style, True))
    )
    return everything and rule_state
