"""The ReDoS guard on user regular expressions."""

from __future__ import annotations

import time

import pytest

from lintnews.patterns import PatternTimeout, UserPattern


def test_catastrophic_pattern_is_stopped(monkeypatch):
    monkeypatch.setenv("LINTNEWS_REGEX_TIMEOUT", "0.2")
    pattern = UserPattern(r"(a|a)*$")
    start = time.perf_counter()
    with pytest.raises(PatternTimeout, match=r"took more than 0.2s"):
        pattern.search("a" * 40 + "b")
    assert time.perf_counter() - start < 5
    with pytest.raises(PatternTimeout):
        list(pattern.finditer("a" * 40 + "b"))


def test_ordinary_patterns_work_and_invalid_ones_are_value_errors():
    pattern = UserPattern(r"\bfoto\s*:", flags=0)
    assert pattern.search("Una foto: EFE").start() == 4
    assert [m.group() for m in UserPattern(r"\d+").finditer("1 y 22")] == ["1", "22"]
    assert UserPattern(r"(\w+)@").sub(r"<\1>", "ana@") == "<ana>"
    with pytest.raises(ValueError, match="invalid regular expression"):
        UserPattern("(unclosed")


@pytest.mark.parametrize(
    "rule",
    [
        "id: slow\nkind: existence\nmessage: x\noptions:\n  raw: ['(a|a)*$']\n  nonword: true\n",
        "id: slow\nkind: leftover\nmessage: x\noptions:\n  markers: {'*': ['(a|a)*$']}\n",
    ],
)
def test_catastrophic_user_rule_is_a_one_line_rule_error(cli, tmp_path, rule):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".lintnews.yaml").write_text("rule-paths: [rules]\n", encoding="utf-8")
    draft = tmp_path / "d.md"
    draft.write_text("# T\n\nTexto.\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    start = time.perf_counter()
    proc = cli(
        "check",
        "--no-cache",
        "--select",
        "slow",
        str(draft),
        cwd=tmp_path,
        env={"LINTNEWS_REGEX_TIMEOUT": "0.2"},
    )
    assert time.perf_counter() - start < 30
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "rule slow: pattern" in proc.stderr and "took more than 0.2s" in proc.stderr
