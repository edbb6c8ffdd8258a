"""Vale's ``spelling`` rules (and ``Vale.Spelling``): words checked against Hunspell
dictionaries by spylls, a pure-Python port of Hunspell.

A word is reported when no dictionary knows it, no filter pattern matches it (Vale's
default filters skip camel-case words, capitals, and words with anything but ASCII letters,
``_`` and apostrophes: numbers, hyphenated words, other scripts; ``custom: true`` turns
them off), it is not in an ``ignore`` file (one word a line, any case), and no accepted
vocabulary term matches it. Reported where the word is.

Dictionaries come from the style's folders or the system (``dicpath``, ``dic``/``aff``,
``StylesPath/config/dictionaries``, ``$DICPATH``, ``/usr/share/hunspell``,
``/usr/share/myspell``), never from the network.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .. import regexcache
from ..document import Span
from ..findings import Hit
from ..kinds.base import Context, Options, RuleKind, option, options_dataclass
from ..kinds.general.common import scope_option, scoped

#: Vale's default filters: camel case, words ending in capitals, and any character but an
#: ASCII letter, ``_`` or an apostrophe (so numbers, hyphenated words, other scripts)
DEFAULT_FILTERS = (r"[A-Z]{1}[a-z]+[A-Z]+\w+", r"[A-Z]+$", r"[^a-zA-Z_']")
#: longer "words" are not checked (Hunspell's own limit; and no draft makes a lookup slow)
MAX_WORD = 100
SYSTEM_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"))
_OPENERS = "([{<\"'“‘*_`«"
_CLOSERS = ")]}>\"'”’*_`».,;:!?…"


class DictionaryMissing(Exception):
    """No .dic/.aff pair of that name where dictionaries are looked for."""


def find_dictionary(name: str, folders: list[Path]) -> Path:
    """The path (without extension) of dictionary ``name`` in the first folder that has it."""
    env = os.environ.get("DICPATH", "")
    extra = [Path(p) for p in env.split(os.pathsep) if p]
    for folder in [*folders, *extra, *SYSTEM_FOLDERS, Path("/usr/share/myspell/dicts")]:
        base = folder / name
        if Path(f"{base}.dic").is_file() and Path(f"{base}.aff").is_file():
            return base
    raise DictionaryMissing(name)


_loaded: dict[str, Any] = {}
#: what Hunspell's affix conditions and patterns never hold, and spylls would compile as
#: a regular expression: repetition, groups, alternation, escapes
_REGEX_OPERATORS = regexcache.compile(r"[()*+?{}|\\]")
#: (directive, the fields of a table row that are patterns) of the .aff file
_PATTERN_FIELDS = {"PFX": (2, 3, 4), "SFX": (2, 3, 4), "REP": (1,), "ICONV": (1,), "OCONV": (1,)}


def _unsafe_affix_line(aff: Path) -> str | None:
    """The first row of ``aff`` whose pattern is not a Hunspell one (None when all are):
    spylls turns affix conditions and patterns into regular expressions, so a style's
    dictionary could otherwise make a lookup backtrack for ever."""
    try:
        raw = aff.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {aff}: {exc.strerror or exc}", "dictionaries") from None
    for line in raw.decode("utf-8", "replace").splitlines():
        fields = line.split()
        wanted = _PATTERN_FIELDS.get(fields[0] if fields else "", ())
        if not wanted or len(fields) <= max(wanted) or fields[1].isdigit():
            continue
        if fields[0] in ("PFX", "SFX") and len(fields) < 5:
            continue  # the header of an affix class
        for i in wanted:
            value = fields[i].split("/")[0] if i == 3 else fields[i]
            if _REGEX_OPERATORS.search(value):
                return line.strip()
    return None


def load_dictionary(base: Path):
    """A spylls Dictionary, read once per run and path."""
    key = str(base.resolve())
    if key not in _loaded:
        from spylls.hunspell import Dictionary

        unsafe = _unsafe_affix_line(Path(f"{base}.aff"))
        if unsafe is not None:
            raise ValueError(f"{base.name}.aff: not a Hunspell affix row: {unsafe}", "dictionaries")
        try:
            dictionary = Dictionary.from_files(str(base))
        except Exception as exc:  # a malformed dictionary is the style's error
            raise ValueError(f"cannot read dictionary {base}: {exc}", "dictionaries") from None
        # Vale checks a hyphenated word whole: Hunspell's BREAK would accept "human-friendly"
        # for "human" and "friendly"
        dictionary.aff.BREAK = []
        _loaded[key] = dictionary
    return _loaded[key]


def tokens(text: str):
    """(offset, word) of the words of a text, split as Vale's word tokenizer does."""
    for m in regexcache.compile(r"\S+").finditer(text):
        word, start = m.group(), m.start()
        while word and word[0] in _OPENERS:
            word, start = word[1:], start + 1
        while word and word[-1] in _CLOSERS:
            word = word[:-1]
        if word:
            yield start, word


@options_dataclass
class SpellingOptions(Options):
    dictionaries: list[str] = option([], "dictionary paths (without .dic/.aff)")
    filters: list[str] = option([], "patterns of words never reported")
    custom: bool = option(False, "turn off the default filters")
    ignored: list[str] = option([], "words never reported (any case)")
    exceptions: list[str] = option([], "accepted vocabulary terms (patterns)")
    scope: list[str] = scope_option()


@dataclass(frozen=True)
class Prepared:
    options: SpellingOptions
    dictionaries: tuple
    filters: tuple
    ignored: frozenset
    exceptions: Any
    #: word -> whether a dictionary knows it, filled as words are checked
    known: dict = field(default_factory=dict, compare=False)


def prepare(options, base_dir):
    filters = []
    for pattern in options.filters:
        try:
            filters.append(regexcache.compile(pattern))
        except regex.error:
            continue  # as Vale: a malformed filter is left out
    if not options.custom:
        filters += [regexcache.compile(p, regex.ASCII) for p in DEFAULT_FILTERS]
    exceptions = None
    if options.exceptions:
        try:
            exceptions = regexcache.compile("(?i)" + "|".join(options.exceptions))
        except regex.error as exc:
            raise ValueError(f"invalid vocabulary term: {exc}", "exceptions") from None
    return Prepared(
        options,
        tuple(load_dictionary(Path(d)) for d in options.dictionaries),
        tuple(filters),
        frozenset(w.lower() for w in options.ignored),
        exceptions,
    )


def _known(prepared: Prepared, word: str) -> bool:
    if word.lower() in prepared.ignored:
        return True
    if word not in prepared.known:  # a draft repeats its words: each is looked up once
        prepared.known[word] = any(d.lookup(word) for d in prepared.dictionaries)
    return prepared.known[word]


def check(ctx: Context):
    p: Prepared = ctx.prepared
    for seg in scoped(ctx):
        # a typeset apostrophe (’, or ‘ typed for it) is an apostrophe, as the ICONV of
        # Vale's dictionary makes it before the words are split and filtered
        text = seg.text.replace("’", "'").replace("‘", "'")
        for offset, word in tokens(text):
            if len(word) > MAX_WORD or not any(c.isalpha() for c in word):
                continue  # a word with no letter ("--", "★", "2024") is never misspelled
            if any(f.search(word, timeout=1.0) for f in p.filters):
                continue
            if _known(p, word) or (p.exceptions and p.exceptions.search(word, timeout=1.0)):
                continue
            start = seg.start + offset
            yield Hit(Span(start, start + len(word)), {"match": word})


KIND = RuleKind(
    "vale-spelling",
    check,
    SpellingOptions,
    "words no Hunspell dictionary knows (Vale's spelling)",
    prepare=prepare,
)
