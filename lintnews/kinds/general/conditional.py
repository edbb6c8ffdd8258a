"""conditional: a first form needs a second form (an acronym spelled out before first use).

``first`` is what needs support ("OTAN"); ``second`` is the support, with a group that
captures the supported text ("Organización del Tratado del Atlántico Norte (OTAN)").
A match of ``first`` is reported unless a ``second`` captured the same text, ``where``:
``before`` it (default), in the same or an earlier ``block``, or ``anywhere`` in the draft.
Without a group in ``second``, any ``second`` in the same segment is enough; with
``groups: first`` only the first group captures (as Vale reads it). Options: ``first``,
``second``, ``where``, ``groups``, ``ignorecase``, ``exceptions``, ``scope``. Message
arguments: ``{match}``.
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
    prepare_common,
    scope_option,
    scoped,
    search,
)

WHERE = ("before", "block", "anywhere")


@options_dataclass
class ConditionalOptions(Options):
    first: str = option("", "pattern of what needs support")
    second: str = option("", "pattern of the support, capturing the supported text")
    where: str = option("before", "where the support must be: before, block or anywhere", WHERE)
    ignorecase: bool = ignorecase_option()
    exceptions: list[str] = exceptions_option()
    exceptions_file: str = exceptions_file_option()
    scope: list[str] = scope_option()
    groups: str = option(
        "any", "which groups of 'second' capture the support: any, or the first", ("any", "first")
    )


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    for key in ("first", "second"):
        if not options[key]:
            raise ValueError(f"conditional needs a '{key}' pattern", key)
        compile_pattern(options[key], options["ignorecase"], key)
    return options


def check(ctx: Context):
    o = ctx.prepared
    first = compile_pattern(o["first"], o["ignorecase"])
    second = compile_pattern(o["second"], o["ignorecase"])
    segs = scoped(ctx)
    if second.groups == 0:
        for seg in segs:
            if search(second, seg.text) is None:
                yield from _report(o, seg, finditer(first, seg.text))
        return
    # (segment index, offset, captured text) of every support in the draft
    supports = [
        (i, seg.start + m.start(), text)
        for i, seg in enumerate(segs)
        for m in finditer(second, seg.text)
        for text in (m.groups() if o["groups"] == "any" else m.groups()[:1])
        if text
    ]
    for i, seg in enumerate(segs):
        unsupported = []
        for m in finditer(first, seg.text):
            at = seg.start + m.start()
            if not any(
                _counts(o["where"], text, m.group(), j, i, offset, at)
                for j, offset, text in supports
            ):
                unsupported.append(m)
        yield from _report(o, seg, unsupported)


def _counts(where, text, wanted, seg_index, current, offset, at) -> bool:
    if text != wanted:
        return False
    if where == "before":
        return offset <= at
    if where == "block":
        return seg_index <= current
    return True


def _report(o, seg, matches):
    for m in matches:
        if m.end() > m.start() and not is_exception(o, m.group(), seg.text, m.start(), m.end()):
            yield Hit(Span(seg.start + m.start(), seg.start + m.end()), {"match": m.group()})


KIND = RuleKind(
    "conditional", check, ConditionalOptions, __doc__.strip().splitlines()[0], prepare=prepare
)
