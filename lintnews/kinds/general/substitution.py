"""substitution: suggest the preferred form for each pattern of a map.

``swap`` maps a pattern to its preferred form; ``a|b`` offers several, and ``$1`` (or
``\\1``) brings back what the pattern's first group captured. Nothing is reported when the
text already is the preferred form, case included (a form may also be a pattern).
Options: ``swap``, ``ignorecase``, ``nonword``, ``exceptions``, ``scope``, ``capitalize``,
``conjunction``. Message arguments: ``{expected}`` (the preferred form quoted,
``'a' or 'b'`` for several; unquoted with ``quote_choices: false``), ``{observed}``.
The fix (safe) writes the first preferred form.
"""

from __future__ import annotations

import regex

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    exceptions_file_option,
    exceptions_option,
    finditer,
    ignorecase_option,
    is_exception,
    nonword_option,
    prepare_common,
    scope_option,
    scoped,
    word_bounded,
)


@options_dataclass
class SubstitutionOptions(Options):
    swap: dict[str, str] = option({}, "pattern -> preferred form (a|b for several)")
    ignorecase: bool = ignorecase_option()
    nonword: bool = nonword_option()
    exceptions: list[str] = exceptions_option()
    exceptions_file: str = exceptions_file_option()
    scope: list[str] = scope_option()
    capitalize: bool = option(
        False, "capitalize the suggestion when the match starts with a capital"
    )
    conjunction: str = option("or", "the word between several forms ('o' in Spanish)")
    quote_choices: bool = option(True, "{expected} is quoted: 'a', or 'a' or 'b' for several forms")


_BACKREF = regexcache.compile(r"\$(\d)|\\(\d)")


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    if not options["swap"]:
        raise ValueError("substitution needs a non-empty 'swap' map", "swap")
    for key in options["swap"]:
        compile_pattern(key, options["ignorecase"], "swap")
    _combined(tuple(options["swap"]), options["nonword"], options["ignorecase"])
    return options


_cache: dict = {}


def _combined(keys: tuple[str, ...], nonword: bool, ignorecase: bool):
    """One pattern with a named group per key, and each key's first inner group number."""
    cache_key = (keys, nonword, ignorecase)
    if cache_key not in _cache:
        # longest pattern first, so "MPL 2.0" wins over "MPL" (greedy alternation)
        order = sorted(range(len(keys)), key=lambda i: -len(keys[i]))
        parts = [f"(?P<s{i}>{keys[i]})" for i in order]
        pattern = compile_pattern(word_bounded(parts, nonword), ignorecase, "swap")
        firsts = [pattern.groupindex[f"s{i}"] for i in range(len(keys))]
        _cache[cache_key] = (pattern, firsts)
    return _cache[cache_key]


def _expand(template: str, m, first_group: int) -> str:
    def group(g):
        number = int(g.group(1) or g.group(2))
        try:
            return m.group(first_group + number) or ""
        except IndexError:
            return g.group()

    return _BACKREF.sub(group, template)


def is_preferred(choices: list[str], observed: str) -> bool:
    """True when ``observed`` already is one of the preferred forms, case included.

    A form is also a pattern that may match the whole of ``observed`` ("MPL 2.0" is preferred
    to "mpl 2.0" and to "MPL2.0" even with ``ignorecase``, which only widens what is found).
    """
    for choice in choices:
        if choice == observed:
            return True
        try:
            if regex.fullmatch(f"(?:{choice})", observed, timeout=1.0):
                return True
        except (regex.error, TimeoutError):
            continue
    return False


def sentence_of(choices: list[str], conjunction: str = "or") -> str:
    quoted = [f"'{c}'" for c in choices]
    if len(quoted) <= 2:
        return f" {conjunction} ".join(quoted)
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]


def check(ctx: Context):
    o = ctx.prepared
    keys = tuple(o["swap"])
    pattern, firsts = _combined(keys, o["nonword"], o["ignorecase"])
    for seg in scoped(ctx):
        for m in finditer(pattern, seg.text):
            index = next(i for i in range(len(keys)) if m.group(f"s{i}") is not None)
            observed = m.group().strip()
            expected = _expand(o["swap"][keys[index]], m, firsts[index])
            choices = expected.split("|")
            if o["capitalize"] and observed[:1].isupper():
                choices = [c[:1].upper() + c[1:] for c in choices]
                expected = "|".join(choices)
            if is_preferred(choices, observed) or is_exception(
                o, observed, seg.text, m.start(), m.end()
            ):
                continue
            span = Span(seg.start + m.start(), seg.start + m.end())
            shown = sentence_of(choices, o["conjunction"]) if o["quote_choices"] else expected
            yield Hit(
                span,
                {"expected": shown, "observed": observed, "choices": choices},
                fix=Fix(span, _match_case(choices[0], observed), safe=True),
            )


def _match_case(replacement: str, observed: str) -> str:
    if observed[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


KIND = RuleKind(
    "substitution",
    check,
    SubstitutionOptions,
    __doc__.strip().splitlines()[0],
    fixes="safe",
    prepare=prepare,
)
