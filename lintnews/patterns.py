"""User regular expressions, guarded: every match runs with a time limit.

Patterns from YAML rules come from people the newsroom may not control. A pattern that
backtracks catastrophically ("(a+)+$") stops after ``MATCH_TIMEOUT`` seconds with
:class:`PatternTimeout`, which the engine reports as that rule's error for that draft.
"""

from __future__ import annotations

import regex

MATCH_TIMEOUT = 0.5  # seconds per search; raise it with LINTNEWS_REGEX_TIMEOUT


class PatternTimeout(Exception):
    def __init__(self, pattern: str):
        super().__init__(
            f"pattern {pattern!r} took more than {timeout():g}s on this draft "
            "(catastrophic backtracking?); the rule was stopped"
        )


def timeout() -> float:
    import os

    try:
        return float(os.environ.get("LINTNEWS_REGEX_TIMEOUT", MATCH_TIMEOUT))
    except ValueError:
        return MATCH_TIMEOUT


class UserPattern:
    """A compiled pattern whose search, finditer and sub run under the time limit."""

    def __init__(self, source: str, flags: int = 0):
        try:
            self.compiled = regex.compile(source, flags | regex.V1)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression {source!r}: {exc}") from None
        self.pattern = source

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def _guard(self, call, *args, **kwargs):
        try:
            return call(*args, timeout=timeout(), **kwargs)
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None

    def search(self, text: str, pos: int = 0):
        return self._guard(self.compiled.search, text, pos)

    def finditer(self, text: str):
        try:
            yield from self.compiled.finditer(text, timeout=timeout())
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None

    def sub(self, repl, text: str) -> str:
        return self._guard(self.compiled.sub, repl, text)
