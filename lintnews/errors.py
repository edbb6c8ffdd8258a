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
