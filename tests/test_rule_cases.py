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
        ends: [8]                # optional: the findings' last lines, in order
        messages: [...]          # optional: the findings' messages, in order
        details: [...]           # optional: the findings' technical details, in order

``rule`` may also be a whole rule definition (a mapping with ``id``, ``kind``, ``message``...)
for kinds that no built-in rule uses, e.g. the general kinds (existence, substitution...).
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
            rule = data["rule"]
            if isinstance(rule, dict):
                case = {**case, "_definition": rule}
                rule = rule["id"]
            yield pytest.param(rule, case, id=f"{path.stem}: {case['name']}")


def _lint_inline(definition: dict, case: dict):
    """Lint with a rule defined in the case file (written to a temporary rule folder)."""
    import json
    import tempfile

    from lintnews.config import Config
    from lintnews.runner import Runner

    key = json.dumps([definition, case.get("options"), case.get("lang", "")], sort_keys=True)
    if key not in _INLINE_RUNNERS:
        folder = Path(tempfile.mkdtemp(prefix="lintnews-rule-"))
        (folder / f"{definition['id']}.yaml").write_text(yaml.safe_dump(definition), "utf-8")
        overrides = {definition["id"]: {"options": case["options"]}} if case.get("options") else {}
        config = Config(rules=overrides, language=case.get("lang", ""), rule_paths=(folder,))
        _INLINE_RUNNERS[key] = Runner(select=[definition["id"]], config=config)
    return _INLINE_RUNNERS[key].lint_text(case["text"], case.get("path", "draft.md"))


_INLINE_RUNNERS: dict = {}


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_case(rule, case):
    if "_definition" in case:
        result = _lint_inline(case["_definition"], case)
    else:
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
    if "ends" in case:  # a finding over several lines (a widget and its links)
        assert [f.end_line for f in result.findings if f.rule == rule] == case["ends"], messages
    if "related" in case:  # the other places of each finding (one cause in several places)
        related = [[r.line for r in f.related] for f in result.findings if f.rule == rule]
        assert related == case["related"], messages
    if "messages" in case:
        assert [f.message for f in result.findings if f.rule == rule] == case["messages"]
    if "details" in case:
        assert [f.detail for f in result.findings if f.rule == rule] == case["details"]
