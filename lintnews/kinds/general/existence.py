"""existence: report every match of a list of words or patterns.

Options: ``tokens`` (words or patterns, word-bounded unless ``nonword``), ``raw`` (pattern
pieces joined as they are, before the tokens or after them with ``append``), ``tokens_file``
(a list of rejected terms, one a line), ``ignorecase``, ``exceptions``, ``scope``.
Message arguments: ``{match}``.
"""

from __future__ import annotations

from ...document import Span
from ...findings import Hit
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
class ExistenceOptions(Options):
    tokens: list[str] = option([], "words or patterns to report")
    tokens_file: str = option("", "file of rejected terms, one a line", path=True)
    raw: list[str] = option([], "pattern pieces joined as they are")
    append: bool = option(False, "put the raw pieces after the tokens")
    nonword: bool = nonword_option()
    ignorecase: bool = ignorecase_option()
    exceptions: list[str] = exceptions_option()
    exceptions_file: str = exceptions_file_option()
    scope: list[str] = scope_option()


def prepare(options, base_dir):
    options = prepare_common(options, base_dir, tokens="tokens_file")
    if not options["tokens"] and not options["raw"]:
        raise ValueError("existence needs 'tokens' or 'raw'", "tokens")
    compile_pattern(build_pattern(options), options["ignorecase"], "tokens")
    return options


def build_pattern(options) -> str:
    tokens = [t for t in options["tokens"] if t.strip()]
    raw = "".join(options["raw"])
    core = word_bounded(tokens, options["nonword"] or not tokens) if tokens else ""
    return core + raw if options["append"] else raw + core


def check(ctx: Context):
    o = ctx.prepared
    pattern = compile_pattern(build_pattern(o), o["ignorecase"])
    for seg in scoped(ctx):
        for m in finditer(pattern, seg.text):
            if m.end() == m.start() or is_exception(
                o, m.group().strip(), seg.text, m.start(), m.end()
            ):
                continue
            yield Hit(Span(seg.start + m.start(), seg.start + m.end()), {"match": m.group()})


KIND = RuleKind(
    "existence",
    check,
    ExistenceOptions,
    __doc__.strip().splitlines()[0],
    prepare=prepare,
)
