"""User regular expressions, guarded: every match runs with a time limit.

Patterns from YAML rules come from people the newsroom may not control. A pattern that
backtracks catastrophically ("(a|a)*$") stops after :func:`timeout` seconds (per 100 kB of
text searched) with
:class:`PatternTimeout`, which the engine reports as that rule's error for that draft.
Every kind that runs a pattern from YAML compiles it with :class:`UserPattern` (or runs a
compiled one through :func:`search` / :func:`finditer`).

Patterns use the regex module's version 1 syntax with simple case folding, as Python's
``re`` and Vale's Go engine fold case: with ``(?i)``, "ß" does not match "ss". (Full case
folding also makes the phrase packs compile more than twice as slowly, on every start.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import regex

from . import prefilter, regexcache

MATCH_TIMEOUT = 0.5  # seconds per search; LINTNEWS_REGEX_TIMEOUT changes it
#: what one rule's patterns may take together on one draft, in search limits: a pattern
#: tried once per match (an exception) cannot add up to minutes (see :func:`rule_budget`)
RULE_BUDGET = 10

#: when the running rule's budget ends (``time.perf_counter``), None outside a rule
_deadline: float | None = None

#: prefixed to every pattern: version 1 turns full case folding on with IGNORECASE
SIMPLE_CASE = "(?-f)"


class PatternTimeout(Exception):
    def __init__(self, pattern: str):
        if _deadline is not None and time.perf_counter() >= _deadline:
            super().__init__(
                f"its patterns took more than {RULE_BUDGET * timeout():g}s together on this "
                f"draft (the last: {pattern[:60]!r}); the rule was stopped"
            )
            return
        super().__init__(
            f"pattern {pattern[:60]!r} took more than {timeout():g}s on this draft "
            "(catastrophic backtracking?); the rule was stopped"
        )


class rule_budget:  # noqa: N801 - used as a context manager, like a function
    """``with rule_budget(text):`` one rule's run on one draft: every search inside gets at
    most what is left of :data:`RULE_BUDGET` search limits, then times out."""

    def __init__(self, text: str):
        self.seconds = RULE_BUDGET * _limit(text)

    def __enter__(self):
        global _deadline
        _deadline = time.perf_counter() + self.seconds

    def __exit__(self, *exc):
        global _deadline
        _deadline = None


def timeout() -> float:
    try:
        return float(os.environ.get("LINTNEWS_REGEX_TIMEOUT", MATCH_TIMEOUT))
    except ValueError:
        return MATCH_TIMEOUT


def _limit(text: str, base: float | None = None) -> float:
    """The time limit for one scan: longer texts get proportionally more (per 100 kB).
    ``base`` is :func:`timeout` as read when the pattern was compiled (reading the
    environment on every scan costs more than many scans)."""
    limit = (timeout() if base is None else base) * max(1.0, len(text) / 100_000)
    if _deadline is None:
        return limit
    return max(1e-9, min(limit, _deadline - time.perf_counter()))


def search(compiled: regex.Pattern, text: str, pos: int = 0, base=None, name: str = ""):
    """``compiled.search`` under the time limit (``base``: see _limit; ``name``: the pattern
    a timeout names, by default the compiled one)."""
    try:
        return compiled.search(text, pos, timeout=_limit(text, base))
    except TimeoutError:
        raise PatternTimeout(name or compiled.pattern) from None


def finditer(compiled: regex.Pattern, text: str, pos: int = 0, base=None, name: str = "") -> list:
    """All matches (a list: the time limit covers the whole scan)."""
    try:
        return list(compiled.finditer(text, pos, timeout=_limit(text, base)))
    except TimeoutError:
        raise PatternTimeout(name or compiled.pattern) from None


_UNREAD = object()
#: the most literals ``UserPattern.absent`` tests before a scan
MAX_LITERALS = 32


def literals(pattern: str, flags: int) -> tuple | None:
    """The clauses of literals every match of ``pattern`` holds (``lintnews.prefilter``;
    ``flags``: the compiled pattern's, or those it is compiled with when no inline flag
    outside a group sets one); None when unknown, or too many to test (a pattern with many
    of them is always scanned: testing them all would cost about as much)."""
    if flags & regex.X:
        return None
    needs = prefilter.required(pattern, bool(flags & regex.I))
    if needs is not None and sum(map(len, needs)) > MAX_LITERALS:
        return None
    return needs


class UserPattern:
    """A compiled pattern whose search, match, finditer and sub run under the time limit."""

    def __init__(self, source: str, flags: int = 0):
        try:
            # one compilation per pattern and flags in a process (regexcache keeps them): a
            # rule that checks its patterns when it loads hands them to its first draft
            self.compiled = regexcache.compile(SIMPLE_CASE + source, flags | regex.V1)
        except (regex.error, TypeError, OverflowError):
            try:  # the error again, with positions in the pattern as written
                regexcache.compile(source, flags | regex.V1)
            except (regex.error, TypeError, OverflowError) as exc:
                raise ValueError(f"invalid regular expression {source!r}: {exc}") from None
            raise
        self.pattern = source
        self.timeout = timeout()
        self._needs: tuple | None | object = _UNREAD

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r})"

    def needs(self) -> tuple | None:
        """The clauses of literals every match holds (``lintnews.prefilter``), read on the
        first call; None when unknown, or too many to test (a pattern with many of them is
        always scanned: testing them all would cost about as much)."""
        if self._needs is _UNREAD:
            self._needs = literals(self.pattern, self.compiled.flags)
        return self._needs

    def absent(self, text: str, folded: str | None = None) -> bool:
        """True when ``text`` lacks a literal every match needs (``folded``: its
        ``fold(text)``, if known): there is no match, and no scan is needed to know it."""
        needs = self.needs()
        return needs is not None and not prefilter.holds(needs, text, folded)

    def search(self, text: str, pos: int = 0):
        if self.absent(text):
            return None
        return search(self.compiled, text, pos, self.timeout, self.pattern)

    def match(self, text: str, pos: int = 0):
        try:
            return self.compiled.match(text, pos, timeout=_limit(text, self.timeout))
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None

    def finditer(self, text: str, pos: int = 0) -> list:
        if self.absent(text):
            return []
        return finditer(self.compiled, text, pos, self.timeout, self.pattern)

    def sub(self, repl, text: str) -> str:
        if self.absent(text):
            return text
        try:
            return self.compiled.sub(repl, text, timeout=_limit(text, self.timeout))
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None


#: what may tie an alternative to its neighbours in an alternation: references to groups
#: (numbers, names, recursion, conditionals), ``\G``, ``\K``, backtracking verbs, version or
#: reverse flags. A set holding one keeps its alternation whole. Escaped characters are
#: dropped before the parenthesised constructs are looked for (``\(?(?:`` is a literal).
_SHARED_ESCAPE = regexcache.compile(r"\\(?:[1-9]|g|G|K)")
_SHARED_GROUP = regexcache.compile(
    r"\(\?P[=>]|\(\?&|\(\?\(|\(\?(?:R|[+-]?\d+)\)|\(\*|\(\?[a-zA-Z-]*[Vr]"
)
_ESCAPED = regexcache.compile(r"\\.", regex.S)


def _stands_alone(pattern: str) -> bool:
    """True when ``pattern`` means the same inside an alternation and on its own."""
    if _SHARED_ESCAPE.search(pattern):
        return False
    return not _SHARED_GROUP.search(_ESCAPED.sub("", pattern))


#: what can make a pattern answer differently inside a longer text of lines joined by "\n"
#: than on one of those lines alone: string anchors, newline escapes, inline M/W flags;
#: and, with a negative lookaround, anything that matches a newline (``(?<!\W)`` holds at a
#: line's start but not after "\n"). See ``PatternSet.narrowed``.
_NOT_LINE_LOCAL = regexcache.compile(r"\\[AZzGnrRxX0uUNv]|\(\?[a-zA-Z-]*[mw]")
_NEGATIVE_LOOK = regexcache.compile(r"\(\?<?!")
_MATCHES_NEWLINE = regexcache.compile(r"\\[WsDPX]|\\p\{\^?[CZ]|\[\^")
_ESCAPED_BACKSLASH = regexcache.compile(r"\\\\")


#: a pattern that opens (inside non-capturing groups, optional or not) by looking around or
#: by passing over a run of any characters ("(?=[^\n]{0,300}$)...", "[^\n]{0,150}\b(?:click|
#: ...)", "(?:[^\n]{0,80}?\b)?(?:all rights reserved|...)"): tried at a place, it reads on
#: through the line (see ``PatternSet.for_lines`` and ``FirstMatch``)
_SCANS = regexcache.compile(r"(?:\(\?:)*(?:\(\?<?[=!]|(?:\.|\[\^[^\]]*\])(?:[*+]|\{\d*,\d*\}))")


def either(words) -> str:
    """The alternation of ``words`` as literals, the longest first (so that of two words one
    opens, the longer is tried first): a language list made a pattern."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _alternation(template: str, patterns) -> str:
    """``template`` around the alternation of ``patterns``, each in its own group."""
    return template.format("|".join(f"(?:{p})" for p in patterns))


def _line_local(pattern: str) -> bool:
    """True when every match ``pattern`` has on a line is also a match in the text of
    several lines joined by "\n", searched with MULTILINE (conservative: False when unsure)."""
    source = _ESCAPED_BACKSLASH.sub("", pattern)
    if _NOT_LINE_LOCAL.search(source):
        return False
    return not (_NEGATIVE_LOOK.search(source) and _MATCHES_NEWLINE.search(source))


def join_lines(lines: list[str]) -> tuple[str, str]:
    """Lines joined by "\n", and that text folded as the prefilter reads it: what
    ``PatternSet.narrowed`` and ``for_lines`` test a draft's lines with (a caller that asks
    both, or several sets, about the same lines makes it once)."""
    joined = "\n".join(lines)
    return joined, prefilter.fold(joined)


class _Alternation:
    """The alternation of a set of patterns (``pattern``, ``flags``), compiled when first
    asked for: most drafts are answered from its parts."""

    pattern: str
    flags: int
    _whole: UserPattern | None

    def whole(self) -> UserPattern:
        if self._whole is None:
            self._whole = UserPattern(self.pattern, self.flags)
        return self._whole


class PatternSet(_Alternation):
    """Patterns run as their alternation ``template.format("(?:p1)|(?:p2)|...")`` would be,
    with the same answers, but one pattern at a time.

    The regex module scans a text for a long alternation of phrase patterns tens of times
    slower than for the same patterns one by one (each on its own keeps its literal and
    first-character scans); ``matches``, which tries one place only, runs the alternation.
    Answers are rebuilt exactly: a match exists when one pattern matches, and ``finditer``
    takes at each step the leftmost match, the earliest pattern first at equal starts. A
    pattern whose meaning depends on its neighbours (see ``_stands_alone``), a pattern that
    does not compile alone, or an empty match falls back to the alternation.
    The time limit covers the patterns together, and a timeout names the alternation.
    """

    def __init__(self, patterns: tuple[str, ...], template: str, flags: int = 0):
        self.pattern = _alternation(template, patterns)
        self.sources = patterns
        self.template = template
        self.flags = flags
        self.timeout = timeout()
        self._whole: UserPattern | None = None
        # see narrowed: per part, its multiline pattern, True before it is compiled, or None
        self._probes: list[UserPattern | bool | None] | None = None
        self._split: tuple | None | object = _UNREAD  # see for_lines
        self.whole_fails = False  # the alternation does not compile (its parts do)
        self.parts: list[UserPattern] | None = None
        if all(_stands_alone(p) for p in patterns):
            try:
                self.parts = [UserPattern(template.format(f"(?:{p})"), flags) for p in patterns]
            except ValueError:
                self.parts = None
        if self.parts is None:
            self.whole()  # raises ValueError as the alternation always did

    def __repr__(self) -> str:
        return f"PatternSet({self.pattern!r})"

    def narrowed(
        self, lines: list[str] | tuple = (), joined: tuple[str, str] | None = None
    ) -> PatternSet:
        """The set without the patterns that match on none of ``lines`` (texts without a
        newline; or ``joined``, as ``join_lines`` gives them, when the caller has it): one
        scan of the joined lines per pattern, instead of one per line, so that a draft's
        many lines are then tried against the few patterns that can match. Answers on those
        lines are unchanged (see ``_line_local``). A pattern ``absent`` from the lines is
        dropped unscanned."""
        if self.parts is None or not self.parts:
            return self
        if self._probes is None:  # each compiled when a draft first holds its literals
            self._probes = [_line_local(p.pattern) or None for p in self.parts]
        joined, folded = joined or join_lines(lines)
        clock = _Budget(self.pattern, joined, self.timeout)
        keep = []
        for i, part in enumerate(self.parts):
            if part.absent(joined, folded):
                continue
            probe = self._probes[i]
            if probe is True:
                probe = self._probes[i] = UserPattern(part.pattern, self.flags | regex.M)
            if probe is None or clock.run(probe.compiled.search, joined, 0):
                keep.append(part)
        if len(keep) == len(self.parts):
            return self
        narrow = object.__new__(PatternSet)
        narrow.__dict__.update(self.__dict__)
        narrow.parts, narrow._probes = keep, None
        return narrow

    def for_lines(
        self, lines: list[str] | tuple = (), joined: tuple[str, str] | None = None
    ) -> Callable[[str], bool]:
        """``matches`` for the texts of ``lines`` (a draft's lines; or ``joined``, as
        ``join_lines`` gives them), with the same answers.
        The patterns that pass over a line before reaching the literals they need (see
        ``_SCANS``) cost most of the alternation's time on every line, and their literals are
        rare: they are left out of an alternation of the others, compiled once, and tried
        one by one on a line that holds their literals, in a draft whose lines hold them
        (one test of the joined lines; most drafts then never run them). Only a yes or no is
        answered, so which pattern matches first does not matter."""
        split = self._scanning()
        if split is None:
            return self.matches
        rest, scanning = split
        joined, folded = joined or join_lines(lines)
        scanning = [p for p in scanning if not p.absent(joined, folded)]

        def matches(text: str) -> bool:
            clock = _Budget(self.pattern, text, self.timeout)
            if rest is not None and clock.run(rest.compiled.match, text, 0):
                return True
            if not scanning:
                return False
            folded = prefilter.fold(text)
            return any(
                not p.absent(text, folded) and clock.run(p.compiled.match, text, 0)
                for p in scanning
            )

        return matches

    def _scanning(self) -> tuple[UserPattern | None, list[UserPattern]] | None:
        """(the alternation of the other patterns, the scanning patterns), or None when
        no pattern scans (or the set runs as its alternation): see ``for_lines``."""
        if self._split is _UNREAD:
            self._split = self._split_scanning()
        return self._split

    def _split_scanning(self) -> tuple[UserPattern | None, list[UserPattern]] | None:
        if not self.parts:
            return None
        scans = [
            bool(_SCANS.match(source)) and part.needs() is not None
            for source, part in zip(self.sources, self.parts, strict=True)
        ]
        scanning = [part for part, scan in zip(self.parts, scans, strict=True) if scan]
        rest = [source for source, scan in zip(self.sources, scans, strict=True) if not scan]
        if not scanning:
            return None
        if not rest:
            return None, scanning
        try:
            alternation = _alternation(self.template, rest)
            return UserPattern(alternation, self.flags), scanning
        except ValueError:  # it does not compile: ``matches`` answers
            return None

    def matches(self, text: str) -> bool:
        """Whether the alternation matches at the start of ``text``: the alternation itself
        runs here (measured: a few times faster than the patterns one by one, since a match
        at one place needs no scan; the patterns one by one if it does not compile)."""
        if self.parts is not None and self._whole is None:
            try:
                self.whole()
            except ValueError:
                self.whole_fails = True
        if self.whole_fails:
            clock = _Budget(self.pattern, text, self.timeout)
            return any(clock.run(p.compiled.match, text, 0) for p in self.parts)
        return bool(self.whole().match(text))

    def found_in(self, text: str) -> bool:
        """Whether the alternation matches anywhere in ``text``."""
        if self.parts is None:
            return bool(self.whole().search(text))
        clock = _Budget(self.pattern, text, self.timeout)
        return any(not p.absent(text) and clock.run(p.compiled.search, text, 0) for p in self.parts)

    def finditer(self, text: str, pos: int = 0) -> list:
        """The alternation's matches from ``pos`` (a list, as :func:`finditer`)."""
        if self.parts is None:
            return self.whole().finditer(text, pos)
        clock = _Budget(self.pattern, text, self.timeout)
        parts = [p for p in self.parts if not p.absent(text)]
        found = [clock.run(p.compiled.search, text, pos) for p in parts]
        out = []
        while True:
            best = None
            for m in found:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return out
            if best.end() == best.start():  # empty matches: the engine's own rules apply
                return self.whole().finditer(text, pos)
            out.append(best)
            at = best.end()
            found = [
                m if m is None or m.start() >= at else clock.run(p.compiled.search, text, at)
                for p, m in zip(parts, found, strict=True)
            ]


class FirstMatch(_Alternation):
    """``UserPattern(template.format("(?:p1)|(?:p2)|..."), flags).match``, the same match
    for less. An alternative that opens by passing over the text before the literals it
    needs (``_SCANS``: "[^\n]{0,80}?" then a phrase) reads on at every try, and its
    literals are rare. A text that lacks them gives it no match, so the alternation without
    it finds the same first match; the whole alternation runs only on a text that holds the
    literals of one of them. Alternatives whose meaning depends on their neighbours
    (``_stands_alone``: group numbers, references) keep the alternation whole."""

    def __init__(self, patterns: tuple[str, ...], template: str, flags: int = 0):
        self.pattern = _alternation(template, patterns)
        self.flags = flags
        self._whole: UserPattern | None = None
        self._needs: tuple | None | object = _UNREAD
        self.scanning: list[UserPattern] = []
        apart = set()  # the scanning alternatives as written
        if len(patterns) >= 2 and all(_stands_alone(p) for p in patterns):
            for p in patterns:
                if _SCANS.match(p):
                    part = UserPattern(template.format(f"(?:{p})"), flags)
                    if part.needs() is not None:
                        self.scanning.append(part)
                        apart.add(p)
        if not self.scanning:
            self.rest: UserPattern | None = self.whole()
            return
        # the alternation of the others; the whole one is compiled only for a text that
        # holds a scanning alternative's literals (most drafts have none)
        rest = [p for p in patterns if p not in apart]
        self.rest = None
        if rest:
            self.rest = UserPattern(_alternation(template, rest), flags)
            self.rest.pattern = self.pattern  # a timeout names the rule's alternation

    def __repr__(self) -> str:
        return f"FirstMatch({self.pattern!r})"

    def absent(self, text: str, folded: str | None = None) -> bool:
        """``UserPattern.absent`` of the whole alternation (its literals are read from its
        source: it need not be compiled)."""
        if self._needs is _UNREAD:
            self._needs = literals(self.pattern, self.flags)
        needs = self._needs
        return needs is not None and not prefilter.holds(needs, text, folded)

    def match(self, text: str):
        if self.scanning:
            folded = prefilter.fold(text)
            if any(not part.absent(text, folded) for part in self.scanning):
                return self.whole().match(text)
        return self.rest.match(text) if self.rest is not None else None


class _Budget:
    """One time limit shared by the searches of one scan."""

    def __init__(self, pattern: str, text: str, base: float):
        self.pattern = pattern
        self.limit = _limit(text, base)
        self.start = time.perf_counter()

    def run(self, method, text: str, pos: int):
        left = self.limit - (time.perf_counter() - self.start)
        if left <= 0:
            raise PatternTimeout(self.pattern)
        try:
            return method(text, pos, timeout=left)
        except TimeoutError:
            raise PatternTimeout(self.pattern) from None
