"""Running rules on a Document: hits become findings, then suppressions apply."""

from __future__ import annotations

from . import noise, suppress
from .document import Document, Span
from .findings import Finding, Hit, Related
from .kinds.base import Context
from .language import UNKNOWN
from .patterns import PatternTimeout, rule_budget
from .ruleset import Rule, RuleSet


def lint(doc: Document, ruleset: RuleSet) -> tuple[list[Finding], list[str]]:
    """Run every enabled rule that applies to the document's language."""
    lang = ruleset.languages.get(doc.language, UNKNOWN)
    findings: list[Finding] = []
    errors: list[str] = []
    for rule in ruleset.rules:
        if not rule.applies_to(doc.language):
            continue
        if rule.kind.mapping:  # a kind of the dict contract gets its prepared dict
            ctx = Context(doc, rule.prepared, lang, ruleset.resources)
        else:
            ctx = Context(doc, rule.options, lang, ruleset.resources, rule.prepared)
        try:
            with rule_budget(doc.text):
                hits = list(rule.kind.run(ctx))
        except PatternTimeout as exc:
            errors.append(f"{doc.path}: rule {rule.id}: {exc}")
            continue
        except Exception as exc:  # a rule's bug is reported for this file, the run goes on
            errors.append(f"{doc.path}: rule {rule.id} failed: {exc!r}")
            continue
        findings.extend(make_finding(doc, rule, hit) for hit in hits)

    reporters = [r for r in ruleset.rules if r.kind.name == suppress.UNUSED_RULE]
    reporter = next((r for r in reporters if r.applies_to(doc.language)), None)

    def unused(start, end, what):
        message = reporter.format_message({"what": what}, doc.language)
        return _finding(doc, reporter.id, reporter.level, message, Span(start, end))

    ran = {r.id for r in ruleset.rules if r.applies_to(doc.language) and r not in reporters}
    known = {r.id for r in ruleset.available} or None
    findings = suppress.apply(doc, findings, unused if reporter else None, ran, known)
    kinds = {rule.id: rule.kind.name for rule in ruleset.rules}
    findings = noise.apply(doc, findings, kinds, lang.data.get("report-phrases"))
    findings.sort(key=Finding.sort_key)
    return findings, errors


def make_finding(doc: Document, rule: Rule, hit: Hit) -> Finding:
    """The hit as a finding: the rule's message in the draft's language and its technical
    detail, filled from the hit's values (and ``related_line``, the line of the first
    related place, which every rule's messages may use)."""
    related = tuple(_related(doc, span, message) for span, message in hit.related)
    args = hit.args
    if related and "related_line" not in args:
        args = {**args, "related_line": related[0].line}
    message = rule.format_message(args, doc.language)
    detail = rule.format_detail(args)
    return _finding(doc, rule.id, rule.level, message, hit.span, related, hit.fix, detail)


def _finding(doc, rule_id, level, message, span, related=(), fix=None, detail="") -> Finding:
    line, column = doc.locate(span.start)
    end_line, end_column = doc.locate(max(span.start, span.end - 1))
    return Finding(
        path=doc.path,
        rule=rule_id,
        level=level,
        message=message,
        start=span.start,
        end=span.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column + 1,
        related=related,
        fix=fix,
        detail=detail,
    )


def _related(doc: Document, span: Span, message: str) -> Related:
    line, column = doc.locate(span.start)
    end_line, end_column = doc.locate(max(span.start, span.end - 1))
    return Related(line, column, end_line, end_column + 1, message)
