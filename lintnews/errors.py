"""Errors that reach the user as one clear line (never a traceback)."""

from __future__ import annotations


class LintnewsError(Exception):
    """Base class: ``str(error)`` is the one-line message printed by the CLI."""


class ConfigError(LintnewsError):
    """A project config file (or preset) is invalid."""


class RuleError(LintnewsError):
    """A rule file is invalid, or a rule kind failed while checking a draft."""


class InputError(LintnewsError):
    """A draft cannot be read or decoded."""


def where(path: object, line: int | None = None) -> str:
    """``path`` or ``path:line``, the prefix every located error message starts with."""
    return f"{path}:{line}" if line else str(path)


def did_you_mean(word: str, known) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known``, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
