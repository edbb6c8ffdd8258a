"""terms: the house's accepted terms, always written the house's way.

Each entry of ``terms`` (or of the file ``terms_file``, one a line) is matched without
regard to case; a match written differently is reported ("Use 'OTAN' instead of 'Otan'").
An entry starting with ``(?i)`` accepts any casing and is never reported. Options:
``terms``, ``terms_file``, ``nonword``, ``scope``. Message arguments: ``{expected}``,
``{observed}``. The fix (safe) writes the term as accepted.
"""

from __future__ import annotations

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    finditer,
    nonword_option,
    prepare_common,
    scope_option,
    scoped,
)


@options_dataclass
class TermsOptions(Options):
    terms: list[str] = option([], "accepted terms, as they must be written")
    terms_file: str = option("", "file of accepted terms, one a line", path=True)
    nonword: bool = nonword_option()
    scope: list[str] = scope_option()


_META = regexcache.compile(r"[\\^$.|?*+()\[\]{}]")


def prepare(options, base_dir):
    options = prepare_common(options, base_dir, terms="terms_file")
    for term in options["terms"]:
        compile_pattern(term, True, "terms")
    return options


def _pattern(terms: list[str], nonword: bool):
    checked = sorted((t for t in terms if not t.startswith("(?i)")), key=len, reverse=True)
    if not checked:
        return None, []
    parts = [f"(?P<t{i}>{t})" for i, t in enumerate(checked)]
    body = "|".join(parts)
    return compile_pattern(f"(?:{body})" if nonword else rf"\b(?:{body})\b", True), checked


def check(ctx: Context):
    pattern, checked = _pattern(ctx.prepared["terms"], ctx.prepared["nonword"])
    if pattern is None:
        return
    exact = [compile_pattern(f"(?:{t})", False) for t in checked]
    for seg in scoped(ctx):
        for m in finditer(pattern, seg.text):
            observed = m.group()
            index = int(m.lastgroup[1:])
            expected = checked[index]
            if any(p.fullmatch(observed) for p in exact):
                continue
            span = Span(seg.start + m.start(), seg.start + m.end())
            fix = None if _META.search(expected) else Fix(span, expected, safe=True)
            yield Hit(span, {"expected": expected, "observed": observed}, fix=fix)


KIND = RuleKind(
    "terms", check, TermsOptions, __doc__.strip().splitlines()[0], fixes="safe", prepare=prepare
)
