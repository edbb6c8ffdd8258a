"""Rule behaviour as data: every case in tests/rules/*.yaml is one test.

A case file::

    rule: repeated-paragraph
    cases:
      - name: a verbatim copy is reported at the later copy
        lang: es                 # optional: forces the language
        path: draft.md           # optional: .md (default) or .txt
        options: {...}           # optional: rule options for this case
        text: |
          ...
        expect: [5]              # 1-based lines of the findings, in order ([] = quiet)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import lint

CASES_DIR = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case):
    result = lint(
        case["text"],
        rule,
        path=case.get("path", "draft.md"),
        options=case.get("options"),
        language=case.get("lang", ""),
    )
    assert not result.errors, result.errors
    got = [f.line for f in result.findings if f.rule == rule]
    messages = [f"{f.line}: {f.message}" for f in result.findings if f.rule == rule]
    assert got == case["expect"], messages
