"""repetition: the same word twice in a row ("el el", "the the").

Consecutive matches of ``tokens`` that are equal (``ignorecase`` folds case) within one
sentence are reported from the first to the second. ``adjacent`` (default) requires only
whitespace between them; ``alpha`` only reports words made of letters; ``max`` repeats are
allowed; ``exceptions`` are never reported. Message arguments: ``{match}``. The fix
(safe) removes the second copy.
"""

from __future__ import annotations

from ...document import Span
from ...findings import Fix, Hit
from ...language.sentences import split
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    exceptions_file_option,
    exceptions_option,
    finditer,
    is_exception,
    prepare_common,
    scope_option,
    scoped,
)

WORD = r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*"


@options_dataclass
class RepetitionOptions(Options):
    tokens: list[str] = option([WORD], "patterns of the units compared")
    max: int = option(0, "repeats allowed before one is reported")
    ignorecase: bool = option(True, "compare without regard to case")
    alpha: bool = option(True, "only words made of letters")
    adjacent: bool = option(True, "only whitespace may separate the two copies")
    exceptions: list[str] = exceptions_option()
    exceptions_file: str = exceptions_file_option()
    scope: list[str] = scope_option()


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    compile_pattern(_pattern(options), options["ignorecase"], "tokens")
    return options


def _pattern(o) -> str:
    return "(" + "|".join(o["tokens"]) + ")"


def check(ctx: Context):
    o = ctx.prepared
    pattern = compile_pattern(_pattern(o), o["ignorecase"])
    abbreviations = ctx.lang.abbreviations
    for seg in scoped(ctx):
        prev, prev_m, count = "", None, 0
        for m in finditer(pattern, seg.text):
            curr = m.group().strip()
            same = curr.casefold() == prev.casefold() if o["ignorecase"] else curr == prev
            hit = same and curr != "" and (not o["alpha"] or curr.isalpha())
            if hit and o["adjacent"] and seg.text[prev_m.end() : m.start()].strip():
                hit = False
            if hit:
                count += 1
            if hit and count > o["max"]:
                between = seg.text[prev_m.start() : m.end()]
                if len(split(between, abbreviations)) == 1 and not is_exception(o, between):
                    start, end = seg.start + prev_m.start(), seg.start + m.end()
                    fix = Fix(Span(seg.start + prev_m.end(), end), "", safe=True)
                    yield Hit(Span(start, end), {"match": curr}, fix=fix)
                    count = 0
            prev, prev_m = curr, m


KIND = RuleKind(
    "repetition",
    check,
    RepetitionOptions,
    __doc__.strip().splitlines()[0],
    fixes="safe",
    prepare=prepare,
)
