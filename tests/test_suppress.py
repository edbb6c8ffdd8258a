"""Inline suppression directives and the report of directives that suppress nothing."""

from __future__ import annotations

from conftest import lint

BODY = "# T\n\nPrimer párrafo de la nota.\n\n{d1}Foto: EFE\n\nSegundo párrafo.\n\n{d2}Foto: AP\n"


def rules_and_lines(result):
    return [(f.rule, f.line) for f in result.findings]


def test_disable_next_line_suppresses_only_that_line():
    text = BODY.format(d1="<!-- lintnews-disable-next-line stray-caption -->\n", d2="")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 10)]


def test_disable_next_line_skips_blank_lines():
    text = BODY.format(d1="<!-- lintnews-disable-next-line stray-caption -->\n\n", d2="")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 11)]


def test_disable_enable_region_and_all_rules():
    text = BODY.format(d1="<!-- lintnews-disable -->\n", d2="<!-- lintnews-enable -->\n")
    assert rules_and_lines(lint(text, "stray-caption")) == [("stray-caption", 11)]


def test_disable_other_rule_does_not_suppress_and_is_reported_unused():
    text = BODY.format(d1="<!-- lintnews-disable-next-line repeated-paragraph -->\n", d2="")
    got = rules_and_lines(lint(text, "stray-caption"))
    assert ("stray-caption", 6) in got and ("stray-caption", 10) in got
    unused = [f for f in lint(text, "stray-caption").findings if f.rule == "unused-suppression"]
    assert len(unused) == 1 and unused[0].level == "info" and unused[0].line == 5
