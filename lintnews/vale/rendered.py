"""Text as Vale sees it: the prose of a Markdown draft as rendered, with a map back.

Vale lints the rendered text of Markdown, not its source: markup (emphasis markers, link
targets, list and quote markers, comments) is gone, and a soft line break with the
indentation around it is one space. :func:`render` builds that text as a Document of its
own (same blocks, shorter prose) and keeps, for every character of it, the offset of the
source character it came from, so findings are reported where the source has them.

A code span's text is a run of ``*`` (as Vale substitutes it), its backticks gone; a table
keeps its rows (one a line), its cells apart; code blocks, HTML and front matter are left as
they are.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from .. import regexcache
from ..document import Block, Document, Inline, Span
from ..findings import Finding
from ..scopes import INLINE

#: between two cells of a row: whitespace to patterns (a phrase does not run from one cell
#: into the next, nor do spacing rules fire on the padding), but not a line break (a row
#: stays one line, the first the header)
CELL_BREAK = "\u2028"
#: blocks whose prose is rendered (a table keeps its rows, one a line)
RENDERED_KINDS = frozenset({"paragraph", "list_item", "blockquote", "heading", "table"})
_DELIMITER_ROW = regexcache.compile(r"[ \t|:-]*")


@dataclass(frozen=True)
class Rendered:
    doc: Document
    #: virtual offset -> source offset (one more entry than the rendered text: its end)
    origin: tuple[int, ...]

    def to_rendered(self, offset: int) -> int:
        """The rendered offset of a source offset (the next character kept)."""
        return _Shift(self.origin)(offset)

    def to_source(self, source: Document, finding: Finding) -> Finding:
        """The finding placed in the source draft."""
        start = self.origin[min(finding.start, len(self.origin) - 1)]
        if finding.end > finding.start:
            end = self.origin[min(finding.end, len(self.origin) - 1) - 1] + 1
        else:  # a place, not a match (metric, occurrence): the start of the draft stays
            start = end = 0 if finding.start == 0 else start
        line, column = source.locate(start)
        end_line, end_column = source.locate(end)
        return dataclasses.replace(
            finding,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )


def _table_kept(doc: Document, block: Block) -> list[tuple[int, str, str]]:
    """A table as rendered: the delimiter row left out, each row a line, the cells of a
    row apart by :data:`CELL_BREAK` (the pipes and the padding around them gone)."""
    chars: list[tuple[int, str, str]] = []
    start = block.span.start
    for line in doc.text[block.span.start : block.span.end].split("\n"):
        end = start + len(line)
        if line.strip() and not _DELIMITER_ROW.fullmatch(line):
            row: list[tuple[int, str, str]] = []
            cell_start = start
            for i in range(start, end + 1):
                pipe = i < end and doc.text[i] == "|" and doc.text[i - 1 : i] != "\\"
                if i == end or pipe:
                    cell = _kept(doc, block, cell_start, i)
                    if cell and row:
                        row.append((cell_start - 1, CELL_BREAK, CELL_BREAK))
                    row += cell
                    cell_start = i + 1
            if row and chars:
                chars.append((start - 1, "\n", "\n"))
            chars += row
        start = end + 1
    return chars


def _kept(
    doc: Document, block: Block, start: int | None = None, end: int | None = None
) -> list[tuple[int, str, str]]:
    """(source offset, text char, prose char) of a block (or of ``[start, end)`` in it)
    as rendered."""
    base = block.span.start if start is None else start
    stop = block.span.end if end is None else end
    source = doc.text[base:stop]
    prose_of = block.prose[base - block.span.start : stop - block.span.start]
    # a code span: its backticks are markup, its text is Vale's: one ``*`` a character (so
    # matches neither run through it nor see its words, and spacing around it stays)
    code = [False] * len(source)
    for m in INLINE["code"].finditer(source):
        for i in range(m.start(2), m.end(2)):
            code[i] = True
    chars: list[tuple[int, str, str]] = []
    pending: int | None = None  # source offset of a run of whitespace not yet written
    broken = False  # the run holds a line break
    started = False  # a character that is not whitespace was written
    for i, (src, prose) in enumerate(zip(source, prose_of, strict=True)):
        markup = prose == " " and not src.isspace() and not code[i]
        if markup:
            continue
        if code[i]:
            src = prose = "*"
        elif prose != src and not prose.isspace():
            src = prose  # the text reads as its prose (an HTML entity as its character)
        if src.isspace() and not code[i]:
            if pending is None:
                pending, broken = base + i, False
            broken = broken or src in "\r\n"
            if not broken:
                chars.append((base + i, src, prose))
            continue
        if pending is not None and not started:
            chars.clear()  # leading whitespace of the block (after its markers): dropped
        elif pending is not None and broken:
            # the spaces before the break were written: a break and its indentation is one
            while chars and chars[-1][0] >= pending:
                chars.pop()
            chars.append((pending, " ", " "))
        pending, started = None, True
        chars.append((base + i, src, prose))
    while chars and chars[-1][1].isspace():  # trailing whitespace of the block
        chars.pop()
    return chars


def render(doc: Document) -> Rendered:
    text: list[str] = []
    origin: list[int] = []
    placed: list[tuple[Block, Span, str]] = []  # each rendered block, its span and prose
    pos = 0  # next source offset to copy

    def copy(until: int) -> None:
        nonlocal pos
        text.append(doc.text[pos:until])
        origin.extend(range(pos, until))
        pos = until

    for block in doc.blocks:
        if block.kind not in RENDERED_KINDS:
            continue
        copy(block.span.start)
        kept = _table_kept(doc, block) if block.kind == "table" else _kept(doc, block)
        start = len(origin)
        text.append("".join(c[1] for c in kept))
        origin.extend(c[0] for c in kept)
        pos = block.span.end
        prose = "".join(c[2] for c in kept)
        placed.append((block, Span(start, start + len(kept)), prose))
    copy(len(doc.text))
    origin.append(len(doc.text))
    rendered_text = "".join(text)
    # blocks in their new places: the rendered ones from the list, the others shifted
    shift = _Shift(origin)
    new_blocks = []
    rendered = {id(b): (span, prose) for b, span, prose in placed}
    for block in doc.blocks:
        # the inline markup the parser recorded, at its place in the rendered text
        inlines = tuple(
            Inline(i.kind, shift.span(i.span), shift.span(i.inner)) for i in block.inlines
        )
        if id(block) in rendered:
            span, prose = rendered[id(block)]
            new_blocks.append(
                dataclasses.replace(block, span=span, prose=prose, sentences=(), inlines=inlines)
            )
        else:
            span = shift.span(block.span)
            new_blocks.append(dataclasses.replace(block, span=span, sentences=(), inlines=inlines))
    virtual = Document.build(doc.path, rendered_text, doc.language, doc.front_matter, new_blocks)
    return Rendered(virtual, tuple(origin))


class _Shift:
    """Source offset -> rendered offset (of the first character kept at or after it)."""

    def __init__(self, origin):
        self.origin = origin

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self.origin, offset)

    def span(self, span: Span) -> Span:
        return Span(self(span.start), self(span.end))
