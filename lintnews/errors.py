"""Errors that reach the user as one clear line (never a traceback)."""

from __future__ import annotations

import re


class LintnewsError(Exception):
    """Base class: ``str(error)`` is the one-line message printed by the CLI."""


class ConfigError(LintnewsError):
    """A project config file (or preset) is invalid."""


class RuleError(LintnewsError):
    """A rule file is invalid, or a rule kind failed while checking a draft."""


class InputError(LintnewsError):
    """A draft cannot be read or decoded."""


#: what must not reach a terminal, a CI log or an XML report raw: control characters (tab
#: aside), line and paragraph separators, bidirectional overrides, lone surrogates (a file
#: name that is not UTF-8) and the two non-characters XML rejects
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` with what :data:`_UNPRINTABLE` lists written as Python escapes (``\\n``,
    ``\\x1b``): a file name or a draft's words printed in a line stay in that line (a
    newline there cannot start a GitHub workflow command, an escape cannot drive the
    terminal), and the marks a CI runner reads as a command anywhere in a line (``##[``) or
    at its start (``::``) are broken by an escape too."""
    text = _UNPRINTABLE.sub(_escaped, text)
    if "##[" in text:
        text = text.replace("##[", "#\\x23[")
    if text.lstrip().startswith("::"):
        text = text.replace("::", "\\x3a:", 1)
    return text


def where(path: object, line: int | None = None) -> str:
    """``path`` or ``path:line``, the prefix every located error message starts with."""
    return f"{path}:{line}" if line else str(path)


def did_you_mean(word: str, known) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known``, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
