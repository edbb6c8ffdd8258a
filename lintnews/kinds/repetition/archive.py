"""Draft paragraphs that repeat a paragraph of a published article (the archive index).

The index (``lintnews.archive``) proposes a few archived paragraphs per draft paragraph;
each is compared with the same ``relate`` and thresholds as paragraphs within a draft. The
finding names the article and line in its message: a related location can only point into
the draft itself.
"""

from __future__ import annotations

import os

from ...document import Span
from ...findings import Hit
from ..base import Context
from .units import Unit, describe, make_unit, relate


def archive_hits(ctx: Context, archive, units: list[Unit], skip: set[int]):
    """Hits for paragraphs (not in ``skip``, already repeats within the draft) found in
    the archive."""
    o = ctx.options
    for unit in units:
        if unit.index in skip or unit.kind == "heading":
            continue
        if unit.nwords < o["min_verbatim_words"] and len(unit.stems) < o["min_content_words"]:
            continue
        best = None  # ranked as within a draft (Relation.rank); a tie keeps the first
        for para in archive.candidates(unit.text, exclude_path=ctx.doc.path):
            other = make_unit(ctx.lang, -1, Span(0, 0), "paragraph", para.text)
            rel = relate(unit, other, o)
            if rel and (best is None or rel.rank() > best[1].rank()):
                best = (para, rel)
        if best:
            para, rel = best
            where = f"{_display(para.path)} line {para.line} (archive)"
            yield Hit(
                unit.span,
                {
                    "message": describe(rel, where),
                    "article": _display(para.path),
                    "article_line": para.line,
                },
            )


def _display(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return path
