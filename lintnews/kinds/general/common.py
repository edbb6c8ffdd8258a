"""Shared pieces of the general rule kinds: option schemas, patterns run with a time limit,
exceptions, scope segments.

User patterns are compiled with the ``regex`` module and every search runs with a time
limit (``lintnews.patterns``), so a catastrophic pattern becomes a rule error, not a hang.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import regex

from ... import patterns, regexcache
from ...scopes import Segment, check_scopes, segments
from ..base import Context, Options, folder_of, option


def scope_option(default: tuple[str, ...] = ("text",)) -> Any:
    return option(list(default), "scopes to check (see lintnews.scopes)")


def ignorecase_option() -> Any:
    return option(False, "match without regard to case")


def nonword_option() -> Any:
    return option(False, "do not add word boundaries around the patterns")


def exceptions_option() -> Any:
    return option([], "patterns of matches that are never reported")


def exceptions_file_option() -> Any:
    return option(
        "", "file of accepted terms (one pattern a line) added to the exceptions", path=True
    )


def compile_pattern(pattern: str, ignorecase: bool = False, key: str = "") -> regex.Pattern:
    """Compile a user pattern; raise ValueError(message, key) when it is invalid."""
    flags = regex.M | (regex.I if ignorecase else 0)
    try:
        return regexcache.compile(pattern, flags)
    except (regex.error, TypeError, OverflowError) as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}", key) from None


def finditer(pattern: regex.Pattern, text: str, pos: int = 0) -> list:
    """All matches; a pattern that runs past the time limit stops the rule (PatternTimeout)."""
    return patterns.finditer(pattern, text, pos)


def search(pattern: regex.Pattern, text: str):
    return patterns.search(pattern, text)


def word_bounded(alternatives: list[str], nonword: bool) -> str:
    body = "|".join(a for a in alternatives if a.strip())
    return f"(?:{body})" if nonword else rf"\b(?:{body})\b"


def read_lines(name: str, base_dir: Path, key: str) -> list[str]:
    """Non-empty, non-comment lines of a file named relative to the file that named it."""
    path = (folder_of(name, base_dir) / name).resolve()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValueError(f"cannot read '{name}': {exc.strerror or exc}", key) from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def prepare_common(options: Options, base_dir: Path, **read: str) -> Options:
    """Check the scopes, fold an exceptions file into the exceptions, compile them.

    What the general kinds prepare is their options resolved: each file an option names read
    into the list it adds to (``read`` maps more list options to their file options, e.g.
    ``tokens="tokens_file"``). Checks read that (``ctx.prepared``).
    """
    changes: dict[str, Any] = {}
    if "scope" in options.specs():
        try:
            check_scopes(options.scope)
        except ValueError as exc:
            raise ValueError(exc.args[0], "scope") from None
    for key, file_key in {"exceptions": "exceptions_file", **read}.items():
        if options.get(file_key):
            extra = read_lines(options[file_key], base_dir, file_key)
            changes[key] = [*options[key], *extra]
            changes[file_key] = ""
    options = dataclasses.replace(options, **changes)
    if "exceptions" in options.specs():
        exceptions_pattern(options.exceptions)  # validate now, not per draft
    return options


_exception_cache: dict[tuple[str, ...], regex.Pattern | None] = {}


def exceptions_pattern(exceptions: list[str]) -> regex.Pattern | None:
    """Exceptions as one word-bounded pattern, longest first (None when there are none)."""
    key = tuple(exceptions)
    if key not in _exception_cache:
        items = sorted((e for e in exceptions if e.strip()), key=len, reverse=True)
        _exception_cache[key] = (
            compile_pattern(word_bounded(items, False), key="exceptions") if items else None
        )
    return _exception_cache[key]


def is_exception(
    options: Options, observed: str, text: str = "", start: int = 0, end: int = 0
) -> bool:
    """True when ``observed`` contains an exception, or ``text[start:end]`` lies inside one
    (the exception "Utilize Corp" covers "Utilize")."""
    pattern = exceptions_pattern(options.get("exceptions", []))
    if pattern is None:
        return False
    if search(pattern, observed) is not None:
        return True
    if text and (" " in "".join(options.get("exceptions", []))):
        lo, hi = max(0, start - 200), min(len(text), end + 200)
        for m in finditer(pattern, text[:hi], lo):
            if m.start() <= start and end <= m.end():
                return True
    return False


def scoped(ctx: Context, default: str = "text") -> list[Segment]:
    return segments(ctx.doc, ctx.options.get("scope") or [default])
