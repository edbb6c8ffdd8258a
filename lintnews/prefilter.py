"""Literals a pattern's matches must hold: a test that rules a pattern out without a scan.

``required(pattern, ignore_case)`` reads a regular expression (the ``regex`` module's
syntax) and returns clauses: every match of the pattern holds, for each clause, one of the
clause's literals (``(text, case_sensitive)``). ``holds(clauses, text, folded)`` is then a
few substring tests, where a scan of the regex engine costs a pass over the text with its
work at every position. A pattern the reader does not fully understand gets no clauses
(``None``): the test is only ever a necessary condition, never a guess.

How it reads a pattern:

* a run of plain ASCII characters in a row (letters, digits, space, escaped punctuation)
  that every match passes through is a literal; a run inside a group that a quantifier may
  skip (``?``, ``*``, ``{0,n}``) is not;
* a group every match passes through adds its own clauses; an alternation is one clause,
  the union of the best clause of each branch (a branch without one leaves none);
* lookarounds, anchors and character classes add nothing;
* comments, nested sets in a class, full case folding (``(?f)``) and a quantifier after an
  inline flag are not read (no clauses);
* a literal is case-sensitive only where the case is known to be sensitive: not under the
  ``ignore_case`` flag, ``(?i:...)``, nor after an inline ``(?i)``; or where it has no
  letters (":", "//").

Case-insensitive literals are looked for in ``fold(text)``: ``str.casefold``, without the
combining dot above that it writes after a dotted capital I and with the dotless ı read as
i (under IGNORECASE the regex module matches "İ" for "i" and "ı" for "I"). Then every
character the regex module matches an ASCII character with, under simple or full case
folding, folds to what that ASCII character folds to (tests/test_prefilter.py checks all).
"""

from __future__ import annotations

Clause = frozenset  # of (literal, case_sensitive)

#: escapes that stand for one character class position, never a literal
_CLASS_ESCAPES = set("dDwWsShHvVX")
#: zero-width escapes
_ASSERT_ESCAPES = set("bBAZzmM")
#: escapes of punctuation that stand for the character itself
_PUNCTUATION = set(r"""\.^$|?*+()[]{}/-'"#:,!@%&=<>~`;_ """)
#: characters that are a literal when they appear unescaped
_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,:;'\"!@%&=<>~`_/-")


class _Unsure(Exception):
    """A construct the reader does not understand: no clauses for this pattern."""


def required(pattern: str, ignore_case: bool) -> tuple[Clause, ...] | None:
    """The clauses every match of ``pattern`` satisfies, or None if there are none known."""
    try:
        reader = _Reader(pattern, ignore_case)
        clauses = reader.alternation()
        if reader.at < len(pattern):
            raise _Unsure  # an unbalanced ")"
    except (_Unsure, IndexError, ValueError):
        return None
    # clauses of case-sensitive literals first: they are tested without folding the text;
    # then the clauses with fewest literals, the fewest scans of a text that holds none
    return (
        tuple(sorted(clauses, key=lambda c: (not all(sensitive for _, sensitive in c), len(c))))
        or None
    )


def fold(text: str) -> str:
    """What case-insensitive literals are looked for in (see the module docstring)."""
    return text.casefold().replace("\u0307", "").replace("ı", "i")


def holds(clauses: tuple[Clause, ...], text: str, folded: str | None = None) -> bool:
    """Whether ``text`` has a literal of every clause (``folded``: ``fold(text)``, if the
    caller has it; it is made only when a case-insensitive literal needs it)."""
    for clause in clauses:
        for lit, sensitive in clause:
            if sensitive:
                if lit in text:
                    break
            else:
                if folded is None:
                    folded = fold(text)
                if lit in folded:
                    break
        else:
            return False
    return True


def _caseless(literal: str) -> bool:
    """ASCII without letters: IGNORECASE matches each of its characters with itself alone."""
    return not any(c.isalpha() for c in literal)


def best(clauses) -> Clause:
    """The clause likeliest to rule a text out: its shortest literal is the longest."""
    return max(clauses, key=lambda c: (min(len(lit) for lit, _ in c), -len(c)))


class _Reader:
    def __init__(self, pattern: str, ignore_case: bool):
        self.p = pattern
        self.at = 0
        self.ci = ignore_case

    def alternation(self) -> list[Clause]:
        """Branches up to the end of the pattern or of the enclosing group (an inline flag
        that turns case-insensitivity on lasts to the group's end, later branches included)."""
        branches = [self.sequence()]
        while self.at < len(self.p) and self.p[self.at] == "|":
            self.at += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if not all(branches):
            return []
        return [frozenset().union(*map(best, branches))]

    def sequence(self) -> list[Clause]:
        clauses: list[Clause] = []
        run: list[str] = []
        run_ci = False

        def end_run():
            nonlocal run_ci
            if run:
                text = "".join(run)
                run_ci = run_ci and not _caseless(text)
                clauses.append(frozenset({(fold(text) if run_ci else text, not run_ci)}))
                run.clear()
            run_ci = False

        p = self.p
        while self.at < len(p) and p[self.at] not in "|)":
            kind, value = self.atom()
            low, high = self.quantifier()
            if kind == "assert" and (low, high) != (1, 1):
                raise _Unsure  # after an inline flag, it repeats the atom before the flag
            if kind == "char" and low >= 1 and high == 1:
                run_ci = run_ci or self.ci
                run.append(value)
                continue
            end_run()
            if kind == "char" and low >= 1:
                ci = self.ci and not _caseless(value)
                clauses.append(frozenset({(fold(value) if ci else value, not ci)}))
            elif kind == "group" and low >= 1:
                clauses += value
        end_run()
        return clauses

    def atom(self) -> tuple[str, object]:
        """("char", c), ("group", clauses), ("other", None) or ("assert", None)."""
        p = self.p
        c = p[self.at]
        self.at += 1
        if c == "\\":
            e = p[self.at]
            self.at += 1
            if e in _PUNCTUATION:
                return ("char", e)
            if e in _CLASS_ESCAPES:
                return ("other", None)
            if e in _ASSERT_ESCAPES:
                return ("assert", None)
            if e in "pP":
                if p[self.at] == "{":
                    self._skip_past("}")
                else:
                    self.at += 1
                return ("other", None)
            raise _Unsure  # \1, \g, \K, \G, \N, \x, \u, \L, \Q ...
        if c == "[":
            self._skip_class()
            return ("other", None)
        if c == "(":
            return self.group()
        if c == ".":
            return ("other", None)
        if c in "^$":
            return ("assert", None)
        if c in "?*+{":
            raise _Unsure  # a quantifier with nothing to repeat, or a literal brace
        if c in _PLAIN:
            return ("char", c)
        return ("other", None)  # any other character: one position, not a literal

    def group(self) -> tuple[str, object]:
        p = self.p
        saved = self.ci
        if p[self.at] != "?":
            clauses = self.alternation()
        else:
            self.at += 1
            c = p[self.at]
            if c == "#":
                raise _Unsure  # a comment: what ends it, and what a quantifier after it repeats
            if c in "=!" or (c == "<" and p[self.at + 1] in "=!"):
                self.at += 1 if c in "=!" else 2
                self.alternation()  # a lookaround: matches hold nothing of it
                self._close()
                self.ci = saved
                return ("assert", None)
            if c == ":" or c == ">" or c == "|":
                self.at += 1
                clauses = self.alternation()
            elif c == "<" or (c == "P" and p[self.at + 1] == "<"):  # a named group
                self._skip_past(">")
                clauses = self.alternation()
            else:
                flags = self._flags()
                if p[self.at] == ")":  # an inline flag: to the end of the enclosing group
                    self.at += 1
                    if "i" in flags.partition("-")[0]:
                        self.ci = True
                    return ("assert", None)
                if p[self.at] != ":":
                    raise _Unsure
                self.at += 1
                on, _, off = flags.partition("-")
                self.ci = ("i" in on) or (saved and "i" not in off)
                clauses = self.alternation()
        self._close()
        self.ci = saved
        return ("group", clauses)

    def _flags(self) -> str:
        start = self.at
        while self.p[self.at] in "aiLmsuxfwVbre0123456789-":
            self.at += 1
        flags = self.p[start : self.at]
        # verbose, version, reverse, fuzzy and best-match modes change what a pattern means
        if not flags or not all(f in "aiLmsufw-" for f in flags):
            raise _Unsure
        if "f" in flags.partition("-")[0]:
            raise _Unsure  # full case folding: regex's tables may be newer than casefold's
        return flags

    def quantifier(self) -> tuple[int, int]:
        """(least, most) repeats of the atom just read; most is 2 for "more than one"."""
        p = self.p
        if self.at >= len(p):
            return 1, 1
        c = p[self.at]
        if c in "?*+":
            self.at += 1
            low, high = {"?": (0, 1), "*": (0, 2), "+": (1, 2)}[c]
        elif c == "{":
            end = p.index("}", self.at)
            body = p[self.at + 1 : end]
            low_s, comma, high_s = body.partition(",")
            if not (low_s.isdigit() or low_s == "") or not (high_s.isdigit() or high_s == ""):
                raise _Unsure
            if not low_s and not comma:
                raise _Unsure
            low = int(low_s or 0)
            most = int(high_s) if high_s else (2 if comma else low)
            high = 1 if most <= 1 else 2
            self.at = end + 1
        else:
            return 1, 1
        if self.at < len(p) and p[self.at] in "?+":
            self.at += 1  # lazy or possessive: the same repeats
        return low, high

    def _close(self) -> None:
        if self.p[self.at] != ")":
            raise _Unsure
        self.at += 1

    def _skip_past(self, char: str) -> None:
        self.at = self.p.index(char, self.at) + 1

    def _skip_class(self) -> None:
        """Past the ``]`` closing a class (escapes, a leading ``]`` or ``^``); a nested set
        (V1 set operations, POSIX classes) is not read."""
        p = self.p
        if p[self.at] == "^":
            self.at += 1
        if p[self.at] == "]":
            self.at += 1
        while True:
            c = p[self.at]
            self.at += 1
            if c == "\\":
                self.at += 1
            elif c == "[":
                raise _Unsure
            elif c == "]":
                return
