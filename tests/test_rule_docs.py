"""Every built-in rule is documented, and its documented examples behave as documented."""

from __future__ import annotations

import pytest

from conftest import ROOT, lint
from lintnews.ruleset import DOC_SECTIONS
from lintnews.runner import Runner

RUNNER = Runner(select=["*"])
RULES = sorted(RUNNER.ruleset.available, key=lambda r: r.id)


def test_every_rule_file_is_loaded():
    files = {p.stem for p in (ROOT / "rules").glob("*.yaml")}
    assert files == {r.id for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_every_doc_section(rule):
    missing = [s for s in DOC_SECTIONS if not rule.docs.get(s, "").strip()]
    assert not missing, f"{rule.path} lacks docs: {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_example_fails_and_passing_example_passes(rule):
    lang = rule.languages[0] if rule.languages else ""
    bad = lint(rule.docs["fail"], rule.id, language=lang)
    good = lint(rule.docs["pass"], rule.id, language=lang)
    assert [f for f in bad.findings if f.rule == rule.id], f"{rule.id}: fail example passes"
    assert not [f for f in good.findings if f.rule == rule.id], [f.message for f in good.findings]
