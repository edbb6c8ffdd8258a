"""occurrence: a pattern must occur at least ``min`` and at most ``max`` times per scope.

With ``token: "."`` and ``scope: [heading.h1]`` it limits a headline's characters; with
``token: '\\b\\w+\\b'`` and ``scope: [paragraph]`` a paragraph's words. A limit of 0 is no
limit. Reported at the first match; a segment with no match is reported at its start, or
with ``zero_at: file`` once at the file's start when the whole draft has too few.
Message arguments: ``{count}``, ``{min}``, ``{max}``.
"""

from __future__ import annotations

from ...document import Span
from ...findings import Hit
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    finditer,
    ignorecase_option,
    prepare_common,
    scope_option,
    scoped,
)


@options_dataclass
class OccurrenceOptions(Options):
    token: str = option("", "the pattern to count")
    min: int = option(0, "fewest occurrences (0: no minimum)")
    max: int = option(0, "most occurrences (0: no maximum)")
    ignorecase: bool = ignorecase_option()
    scope: list[str] = scope_option()
    zero_at: str = option(
        "scope", "where no occurrence is reported: scope or file", ("scope", "file")
    )


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    if not options["token"]:
        raise ValueError("occurrence needs a 'token' pattern", "token")
    compile_pattern(f"(?:{options['token']})", options["ignorecase"], "token")
    return options


def _violates(o, count: int) -> bool:
    return (o["max"] > 0 and count > o["max"]) or (o["min"] > 0 and count < o["min"])


def check(ctx: Context):
    o = ctx.prepared
    pattern = compile_pattern(f"(?:{o['token']})", o["ignorecase"])
    total, empty = 0, False
    for seg in scoped(ctx):
        seg = seg.trimmed()
        found = finditer(pattern, seg.text)
        total += len(found)
        if not _violates(o, len(found)):
            continue
        args = {"count": len(found), "min": o["min"], "max": o["max"]}
        if found:
            # the first match that is text: not markup masked to spaces, nor a code span
            # (its text a run of asterisks, as Vale renders it)
            first = next((m for m in found if m.group().strip(" *")), found[0])
            yield Hit(Span(seg.start + first.start(), max(seg.end, seg.start + first.end())), args)
        elif o["zero_at"] == "file":
            empty = True
        else:
            yield Hit(Span(seg.start, seg.end), args)
    if empty and _violates(o, total):
        yield Hit(Span(0, 0), {"count": total, "min": o["min"], "max": o["max"]})


KIND = RuleKind(
    "occurrence", check, OccurrenceOptions, __doc__.strip().splitlines()[0], prepare=prepare
)
