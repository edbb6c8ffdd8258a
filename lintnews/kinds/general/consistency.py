"""consistency: pairs of alternatives (``either``) of which a draft should use only one.

``per: match`` (default): the first form a draft uses is its choice; every later use of the
other form is reported, pointing back at the first. ``per: block``: once both forms have
been seen, each block using either is reported once, at its last match (Vale's reading).
Options: ``either``, ``ignorecase``, ``nonword``, ``scope``. Message arguments:
``{match}``, ``{other}`` (the form chosen first).
"""

from __future__ import annotations

from ...document import Span
from ...findings import Hit
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    finditer,
    ignorecase_option,
    nonword_option,
    prepare_common,
    scope_option,
    scoped,
)


@options_dataclass
class ConsistencyOptions(Options):
    either: dict[str, str] = option({}, "form -> alternative form")
    ignorecase: bool = ignorecase_option()
    nonword: bool = nonword_option()
    scope: list[str] = scope_option()
    per: str = option(
        "match", "match: report each later use; block: once per block", ("match", "block")
    )


def _pattern(first: str, second: str, o):
    core = f"(?P<a>{first})|(?P<b>{second})"
    core = f"(?:{core})" if o["nonword"] else rf"\b(?:{core})\b"
    return compile_pattern(core, o["ignorecase"], "either")


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    if not options["either"]:
        raise ValueError("consistency needs a non-empty 'either' map", "either")
    for first, second in options["either"].items():
        _pattern(first, second, options)
    return options


def check(ctx: Context):
    o = ctx.prepared
    segs = scoped(ctx)
    for first, second in o["either"].items():
        pattern = _pattern(first, second, o)
        if o["per"] == "block":
            yield from _per_block(pattern, segs)
        else:
            yield from _per_match(pattern, segs)


def _per_match(pattern, segs):
    chosen = None  # (group name, span, text)
    for seg in segs:
        for m in finditer(pattern, seg.text):
            name = m.lastgroup
            span = Span(seg.start + m.start(), seg.start + m.end())
            if chosen is None:
                chosen = (name, span, m.group())
            elif name != chosen[0]:
                yield Hit(
                    span,
                    {"match": m.group(), "other": chosen[2]},
                    related=((chosen[1], f"'{chosen[2]}' is used first here"),),
                )


def _per_block(pattern, segs):
    seen: set[str] = set()
    for seg in segs:
        found = finditer(pattern, seg.text)
        for m in found:
            seen.add(m.lastgroup)
        if found and len(seen) == 2:
            last = found[-1].group()
            at = seg.text.find(last)
            other = next((m.group() for m in found if m.group() != last), "")
            yield Hit(
                Span(seg.start + at, seg.start + at + len(last)), {"match": last, "other": other}
            )


KIND = RuleKind(
    "consistency", check, ConsistencyOptions, __doc__.strip().splitlines()[0], prepare=prepare
)
