"""The general rule kinds beyond their YAML cases: the example house style, the formula
evaluator, time limits on user patterns, option errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from lintnews.config import Config
from lintnews.errors import RuleError
from lintnews.kinds.general.expr import ExprError, evaluate
from lintnews.runner import Runner

STYLE = ROOT / "examples" / "styles" / "newsroom"


@pytest.fixture(scope="module")
def newsroom():
    return Runner(select=["*"], config=Config(rule_paths=(STYLE,), language="es"))


def _style_rules(runner):
    return [r for r in runner.ruleset.available if Path(r.path).parent == STYLE]


def test_example_style_loads_every_file(newsroom):
    assert {r.id for r in _style_rules(newsroom)} == {p.stem for p in STYLE.glob("*.yaml")}


@pytest.mark.parametrize("rule_id", sorted(p.stem for p in STYLE.glob("*.yaml")))
def test_example_style_docs_behave(newsroom, rule_id):
    rule = next(r for r in newsroom.ruleset.available if r.id == rule_id)
    for section in ("what", "why", "fail", "pass"):
        assert rule.docs.get(section, "").strip(), f"{rule_id} lacks docs.{section}"
    bad = newsroom.lint_text(rule.docs["fail"], "draft.md")
    good = newsroom.lint_text(rule.docs["pass"], "draft.md")
    assert [f for f in bad.findings if f.rule == rule_id], f"{rule_id}: fail example passes"
    assert not [f.message for f in good.findings if f.rule == rule_id]


def test_example_style_fixes_are_safe(newsroom):
    result = newsroom.lint_text(
        "# Cumbre\n\nLa Otan habló a nivel de empleo el el lunes.\n", "d.md"
    )
    fixes = {f.rule: f.fix for f in result.findings if f.fix}
    assert fixes["house-terms"].replacement == "OTAN"
    assert fixes["house-forms"].replacement == "en"
    assert fixes["doubled-word"].replacement == ""
    assert all(fix.safe for fix in fixes.values())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("words / sentences", 5.0),
        ("(words + 2) * 2 - 1", 23.0),
        ("sqrt(16) + math.floor(2.7)", 6.0),
        ("max(words, 3) % 7", 3.0),
        ("10 > 3 && !(2 >= 5)", True),
        ("1 / 0", float("inf")),
        ("-2 ** 2", -4.0),
    ],
)
def test_expression_evaluator(text, value):
    assert evaluate(text, {"words": 10.0, "sentences": 2.0}) == value


@pytest.mark.parametrize(
    "text", ["__import__('os')", "words.__class__", "open", "1 +", "words words", "x" * 600]
)
def test_expression_evaluator_rejects_anything_else(text):
    with pytest.raises(ExprError):
        evaluate(text, {"words": 1.0})


def test_invalid_pattern_names_the_option(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "id: bad\nkind: existence\nmessage: x\noptions:\n  tokens: ['(unclosed']\n", "utf-8"
    )
    with pytest.raises(RuleError, match=r"bad.yaml:5: invalid rule: invalid pattern"):
        Runner(select=["bad"], config=Config(rule_paths=(tmp_path,)))


def test_unknown_scope_is_an_option_error(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "id: bad\nkind: existence\nmessage: x\noptions:\n  tokens: [a]\n  scope: [nowhere]\n",
        "utf-8",
    )
    with pytest.raises(RuleError, match="unknown scope 'nowhere'"):
        Runner(select=["bad"], config=Config(rule_paths=(tmp_path,)))


def test_general_kinds_are_imported_only_when_a_rule_uses_them(tmp_path):
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from lintnews.runner import Runner\n"
        "r = Runner(config_path=sys.argv[1] if len(sys.argv) > 1 else None)\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "             if m.startswith('lintnews.kinds.general.')))\n"
        "print(sorted(k for k in r.kinds if k in ('metric', 'existence')))\n"
    )
    plain = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert plain.stdout.splitlines() == ["[]", "['existence', 'metric']"], plain.stderr
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "long.yaml").write_text(
        "id: long\nkind: metric\nmessage: x\noptions:\n  formula: words\n  condition: '> 10'\n"
    )
    (tmp_path / "c.yaml").write_text("rule-paths: [rules]\n")
    used = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "c.yaml")], capture_output=True, text=True
    )
    assert "'metric'" in used.stdout.splitlines()[0], used.stderr
    assert "'existence'" not in used.stdout.splitlines()[0]
