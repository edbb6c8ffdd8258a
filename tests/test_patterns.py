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
