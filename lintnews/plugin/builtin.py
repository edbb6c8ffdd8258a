"""Registers the built-in rule folder, exactly as a third-party plugin would."""

from __future__ import annotations

from pathlib import Path

from . import hookimpl


def builtin_rules_dir() -> Path:
    """``rules/`` inside the installed wheel, or beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("lintnews built-in rules folder is missing from this installation")


@hookimpl
def lintnews_rule_paths():
    return [builtin_rules_dir()]
