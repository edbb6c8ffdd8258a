"""User regular expressions, guarded: every match runs with a time limit.

Patterns from YAML rules come from people the newsroom may not control. A pattern that
backtracks catastrophically ("(a|a)*$") stops after :func:`timeout` seconds (per 100 kB of
text searched) with
:class:`PatternTimeout`, which the engine reports as that rule's error for that draft.
Every kind that runs a pattern from YAML compiles it with :class:`UserPattern` (or runs a
compiled one through :func:`search` / :func:`finditer`).
"""

from __future__ import annotations

import os

import regex

MATCH_TIMEOUT = 0.5  # seconds per search; LINTNEWS_REGEX_TIMEOUT changes it


class PatternTimeout(Exception):
    def __init__(self, pattern: str):
        super().__init__(
            f"pattern {pattern[:60]!r} took more than {timeout():g}s on this draft "
            "(catastrophic backtracking?); the rule was stopped"
        )


def timeout() -> float:
    try:
        return float(os.environ.get("LINTNEWS_REGEX_TIMEOUT", MATCH_TIMEOUT))
    except ValueError:
        return MATCH_TIMEOUT


def _limit(text: str) -> float:
    """The time limit for one scan: longer texts get proportionally more (per 100 kB)."""
    return timeout() * max(1.0, len(text) / 100_000)


def search(compiled: regex.Pattern, text: str, pos: int = 0):
    try:
        return compiled.search(text, pos, timeout=_limit(text))
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


def finditer(compiled: regex.Pattern, text: str, pos: int = 0) -> list:
    """All matches (a list: the time limit covers the whole scan)."""
    try:
        return list(compiled.finditer(text, pos, timeout=_limit(text)))
    except TimeoutError:
        raise PatternTimeout(compiled.pattern) from None


class UserPattern:
    """A compiled pattern whose search, match, finditer and sub run under the time limit."""

    def __init__(self, source: str, flags: int = 0):
        try:
            self.compiled = regex.compile(source, flags | regex.V1)
        except (regex.error, TypeError, OverflowError) as exc:
            raise ValueError(f"invalid regular expression {source!r}: {exc}") from None
        self.pattern = source

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def search(self, text: str, pos: int = 0):
        return search(self.compiled, text, pos)

    def match(self, text: str, pos: int = 0):
        try:
            return self.compiled.match(text, pos, timeout=_limit(text))
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None

    def finditer(self, text: str, pos: int = 0) -> list:
        return finditer(self.compiled, text, pos)

    def sub(self, repl, text: str) -> str:
        try:
            return self.compiled.sub(repl, text, timeout=_limit(text))
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None
