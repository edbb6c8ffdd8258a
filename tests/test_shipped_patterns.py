"""The shipped rules' patterns: a capital they ask for is a capital.

The leftover rules run their patterns case-insensitively, where ``\\p{Lu}`` matches any
letter: "Photo by \\p{Lu}..." took "Photo by night" for a credit. A pattern that means a
capital scopes it with ``(?-i:...)``.
"""

from __future__ import annotations

from pathlib import Path

import regex
import yaml

RULES = Path(__file__).resolve().parent.parent / "rules"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _strings(item)


def unscoped_capitals(pattern: str) -> list[int]:
    """Where ``pattern`` asks for ``\\p{Lu}`` (alone or in a class) outside a ``(?-i:...)``
    group."""
    found, groups, i = [], [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if pattern.startswith(r"\p{Lu}", i) and not any(groups):
                found.append(i)
            i += 2
        elif char == "[":
            j = i + 1 + (pattern[i + 1 : i + 2] == "^")
            j += pattern[j : j + 1] == "]"
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            if r"\p{Lu}" in pattern[i:j] and not any(groups):
                found.append(i)
            i = j + 1
        elif char == "(":
            groups.append(pattern.startswith("(?-i:", i))
            i += 1
        else:
            if char == ")" and groups:
                groups.pop()
            i += 1
    return found


def test_the_checker_tells_scoped_capitals_from_bare_ones():
    assert unscoped_capitals(r"by\s+\p{Lu}\w+") == [5]
    assert unscoped_capitals(r"[\p{Lu}][\p{L}]+") == [0]
    assert unscoped_capitals(r"by\s+(?-i:\p{Lu})\w+") == []
    assert unscoped_capitals(r"(?-i:[\p{Lu}d])\w+ (?:x|\p{Ll})") == []
    # what it guards against: a capital asked for case-insensitively is any letter
    assert regex.fullmatch(r"by \p{Lu}\w+", "by night", regex.I)
    assert not regex.fullmatch(r"by (?-i:\p{Lu})\w+", "by night", regex.I)


def test_shipped_patterns_scope_the_capitals_they_ask_for():
    bare = []
    for path in sorted([*RULES.glob("*.yaml"), *RULES.glob("languages/*.yaml")]):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if r"\p{Lu}" in text and unscoped_capitals(text):
                bare.append(f"{path.name}: {text[:80]}")
    assert not bare, bare
