"""Compiled regular expressions kept between runs, as Python keeps compiled modules.

The ``regex`` module compiles a pattern in Python (parse, optimise, emit code) and then
hands the code to its C engine. A run compiles about 130 patterns (the built-in kinds'
constants and the rules' phrase packs), which costs tens of milliseconds on every start: a
third of a one-file run. With a cache folder (:func:`load`; ``lintnews check`` uses its result
cache's folder), the arguments that ``regex`` passes to its engine are recorded once per
pattern and flags and saved (:func:`save`); later runs build the pattern from them directly.

This relies on a private step of ``regex`` (``regex._main`` calling ``_regex.compile``), so it
is guarded: the file is keyed by the regex and Python versions, a pattern is recorded only
when that step ran exactly once, and anything unexpected falls back to ``regex.compile``.
A pattern that does not compile is never recorded, so errors are always ``regex``'s own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

from .cachefolder import kept_entries, read_cache_value, write_cache_value

try:
    import regex._main as _main
except ImportError:  # another layout of the package: compile normally
    _main = None

FILE = "regex-compiled.bin"
MAX_PATTERNS = 3_000  # saved in the folder (a run of the built-in rules uses ~150)
MAX_LIVE = 2_000  # kept compiled in this process

_KEY = ("lintnews-regex/1", regex.__version__, tuple(sys.version_info[:2]))
_saved: dict[tuple[str, int], tuple] = {}
_new: dict[tuple[str, int], tuple] = {}
_used: set[tuple[str, int]] = set()  # saved entries this run used
_folder: Path | None = None
_live: dict[tuple[str, int], regex.Pattern] = {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - regex's name
    """``regex.compile(pattern, flags)``, from the saved engine arguments when there are."""
    key = (pattern, int(flags))
    compiled = _live.get(key)
    if compiled is None:
        if len(_live) >= MAX_LIVE:
            _live.clear()
        compiled = _live[key] = _compile(key)
    return compiled


def _compile(key: tuple[str, int]) -> regex.Pattern:
    pattern, flags = key
    args = _saved.get(key)
    if args is not None:
        try:
            compiled = _main._regex.compile(*args)
            if compiled.pattern == pattern:
                _used.add(key)
                return compiled
        except Exception:  # not what this regex version expects: compile as usual
            pass
        del _saved[key]
    if _folder is None or _main is None or not hasattr(_main, "_regex"):
        return regex.compile(pattern, flags)
    calls: list[tuple] = []
    engine = _main._regex
    _main._regex = _Recorder(engine, calls)
    try:  # past regex's own cache: the engine step must run to be recorded
        compiled = regex.compile(pattern, flags, cache_pattern=False)
    except TypeError:  # a regex without that argument: nothing is recorded
        calls.clear()
        compiled = regex.compile(pattern, flags)
    finally:
        _main._regex = engine
    if len(calls) == 1 and calls[0][0] == pattern:
        _new[key] = calls[0]
    return compiled


class _Recorder:
    """Stands in for the ``_regex`` engine module while one pattern compiles."""

    def __init__(self, engine, calls: list):
        self._engine = engine
        self._calls = calls

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def compile(self, *args):
        # flags arrive as enum members; marshal stores plain values only
        self._calls.append(tuple(int(a) if isinstance(a, int) else a for a in args))
        return self._engine.compile(*args)


def load(folder: Path | None) -> None:
    """Use ``folder`` for this run: read the patterns saved there (None: keep nothing)."""
    global _folder
    _folder = folder
    _saved.clear()
    _new.clear()
    _used.clear()
    _live.clear()
    if folder is None:
        return
    stored = read_cache_value(folder / FILE)
    if isinstance(stored, tuple) and len(stored) == 2:
        key, saved = stored
        if key == _KEY and isinstance(saved, dict):
            _saved.update(saved)


def saved() -> frozenset[tuple[str, int]]:
    """The (pattern, flags) of the patterns read from the folder this run."""
    return frozenset(_saved)


def save() -> None:
    """Add the patterns compiled in this run to the folder's file (atomically; a folder that
    cannot be written only means the next run compiles them again)."""
    if _folder is None or not _new:
        return
    # this run's patterns first; others saved earlier (other languages, other rule sets)
    # while there is room: edited rules never grow the file without bound
    first = {k: _saved[k] for k in _used} | dict(list(_new.items())[:MAX_PATTERNS])
    merged = kept_entries(first, _saved, MAX_PATTERNS)
    if not write_cache_value(_folder / FILE, (_KEY, merged)):
        return  # not written (or an argument marshal cannot store): keep what was there
    _saved.update(_new)
    _new.clear()
