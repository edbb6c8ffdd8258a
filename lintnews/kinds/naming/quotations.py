"""Direct quotations in a draft: the source's words, which no unsafe naming fix rewrites.

A quotation is text between a pair of quote marks inside one prose block: straight double
quotes, typographic ones (“…”, „…“, „…”, ‘…’), angle quotes («…», ‹…›) and straight single
quotes that are not apostrophes (a letter on neither outer side). A name spelled the
minority way, a wrong article or a second wording inside a quotation is still reported;
its fix is not offered, because a quote is corrected against the source, not the draft.
A quotation that holds only the name (a title, a nickname: "The Big Show") is not one.
"""

from __future__ import annotations

import bisect

from ... import regexcache
from ...document import Document, Span
from ...findings import Fix
from ...language import DOUBLE_QUOTATION

_QUOTATION = regexcache.compile(
    DOUBLE_QUOTATION + r"|(?<![\p{L}\p{N}])‘[^’]{1,2000}’(?![\p{L}])"
    r"|(?<![\p{L}\p{N}])'[^'\n]{1,400}'(?![\p{L}\p{N}])"
)

_LETTER = regexcache.compile(r"[\p{L}\p{N}]")


def quotations(doc: Document) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends (document offsets, sorted) of the draft's quotations' insides."""

    def find():
        spans = []
        for block in doc.blocks:
            if block.is_prose:
                base = block.span.start
                found = _QUOTATION.finditer(block.prose)
                spans += [(base + m.start() + 1, base + m.end() - 1) for m in found]
        return tuple(s for s, _ in spans), tuple(e for _, e in spans)

    return doc.memo("quotations", find)


def quotation_at(doc: Document, span: Span) -> Span | None:
    """The inside of the quotation ``span`` lies in (or overlaps), or None."""
    starts, ends = quotations(doc)
    i = bisect.bisect_right(starts, span.end - 1) - 1
    if i < 0 or ends[i] <= span.start:
        return None
    return Span(starts[i], ends[i])


def quoted(doc: Document, span: Span) -> bool:
    """``span`` lies inside (or overlaps) a direct quotation. A name that is all its quote
    marks hold ("The Big Show", 'Friends') is a title or a nickname, not a quotation."""
    inside = quotation_at(doc, span)
    if inside is None:
        return False
    outside = doc.text[inside.start : span.start] + doc.text[span.end : inside.end]
    return _LETTER.search(outside) is not None


def unless_quoted(doc: Document, fix: Fix | None) -> Fix | None:
    """``fix``, or None when it would rewrite words inside a quotation."""
    return None if fix is None or quoted(doc, fix.span) else fix
