"""existence: report every match of a list of words or patterns.

Options: ``tokens`` (words or patterns, word-bounded unless ``nonword``), ``raw`` (pattern
pieces joined as they are, before the tokens or after them with ``append``), ``tokens_file``
(a list of rejected terms, one a line), ``ignorecase``, ``exceptions``, ``scope``.
Message arguments: ``{match}``.
"""

from __future__ import annotations

from ...document import Span
from ...findings import Hit
from ..base import Context, Option, RuleKind
from .common import (
    EXCEPTIONS,
    EXCEPTIONS_FILE,
    IGNORECASE,
    NONWORD,
    SCOPE,
    compile_pattern,
    finditer,
    is_exception,
    prepare_common,
    read_lines,
    scoped,
    word_bounded,
)

OPTIONS = {
    "tokens": Option([], ("list", str), "words or patterns to report"),
    "tokens_file": Option("", str, "file of rejected terms, one a line"),
    "raw": Option([], ("list", str), "pattern pieces joined as they are"),
    "append": Option(False, bool, "put the raw pieces after the tokens"),
    "nonword": NONWORD,
    "ignorecase": IGNORECASE,
    "exceptions": EXCEPTIONS,
    "exceptions_file": EXCEPTIONS_FILE,
    "scope": SCOPE,
}


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    if options["tokens_file"]:
        options["tokens"] = [
            *options["tokens"],
            *read_lines(options["tokens_file"], base_dir, "tokens_file"),
        ]
        options["tokens_file"] = ""
    if not options["tokens"] and not options["raw"]:
        raise ValueError("existence needs 'tokens' or 'raw'", "tokens")
    options["pattern"] = build_pattern(options)
    compile_pattern(options["pattern"], options["ignorecase"], "tokens")
    return options


def build_pattern(options) -> str:
    tokens = [t for t in options["tokens"] if t.strip()]
    raw = "".join(options["raw"])
    core = word_bounded(tokens, options["nonword"] or not tokens) if tokens else ""
    return core + raw if options["append"] else raw + core


def check(ctx: Context):
    o = ctx.options
    pattern = compile_pattern(o["pattern"], o["ignorecase"])
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
    {**OPTIONS, "pattern": Option("", str, "(computed)")},
    __doc__.strip().splitlines()[0],
    prepare=prepare,
)
