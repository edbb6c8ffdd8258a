"""The prose of the HTML blocks of a Markdown draft, scoped as Vale scopes it.

Vale renders Markdown to HTML and walks the result, so a raw HTML block is linted like the
rest: the text of a ``<td>`` is ``table.cell``, of a ``<th>`` ``table.header``, of a
``<caption>`` ``table.caption``, of an ``<li>`` ``list``, of an ``<hN>`` ``heading.hN``, of a
``<blockquote>`` ``blockquote``; other text is a paragraph. The elements Vale skips
(``SkippedScopes``: ``script``, ``style``, ``pre``, ``figure``... and those of a class in
``IgnoredClasses``) give no prose. :func:`html_prose` turns each HTML block into blocks of
those kinds, over the same source (tags are markup: spaces in the prose), so findings are
placed where the source has them; an entity reads as the character it stands for. The
parse is Python's ``html.parser`` (no network, no code run, linear in the block).
"""

from __future__ import annotations

import dataclasses
import html
from html.parser import HTMLParser

from ..document import Block, Document, Span

#: elements whose text is its own block, and the (kind, level, scope) they give
_BLOCK_TAGS = {
    "td": ("paragraph", 0, "table.cell"),
    "th": ("paragraph", 0, "table.header"),
    "caption": ("paragraph", 0, "table.caption"),
    "figcaption": ("paragraph", 0, "figure.caption"),
    "li": ("list_item", 0, None),
    "blockquote": ("blockquote", 0, None),
    **{f"h{n}": ("heading", n, None) for n in range(1, 7)},
}
#: elements that end a block of text (when opened or closed) without a scope of their own
_BREAKS = frozenset(
    {"p", "div", "table", "tr", "ul", "ol", "dl", "dt", "dd", "section", "article", "br",
     "hr", "header", "footer", "nav", "aside", "main", "thead", "tbody", "tfoot", "details",
     "summary"}
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})


class _Walker(HTMLParser):
    def __init__(self, text: str, base: int, skipped: set[str], classes: set[str]):
        super().__init__(convert_charrefs=False)
        self.text, self.base = text, base
        self.skipped, self.classes = skipped, classes
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        #: the text of the open block: source spans, each with the character it reads as
        #: (an entity) or None (text as it is)
        self.pieces: list[tuple[int, int, str | None]] = []
        self.blocks: list[tuple[tuple[str, int, str | None], list]] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _shape(self) -> tuple[str, int, str | None]:
        for tag, _ in reversed(self.stack):
            if tag in _BLOCK_TAGS:
                return _BLOCK_TAGS[tag]
        return ("paragraph", 0, None)

    def _flush(self) -> None:
        if self.pieces and any(self.text[s:e].strip() for s, e, _ in self.pieces):
            self.blocks.append((self.current, self.pieces))
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        skip = tag in self.skipped or bool(
            self.classes & set((dict(attrs).get("class") or "").split())
        )
        if tag in _BLOCK_TAGS or tag in _BREAKS:
            self._flush()
        if tag not in _VOID:
            self.stack.append((tag, skip or any(s for _, s in self.stack)))

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS or tag in _BREAKS:
            self._flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def _text(self, length: int, char: str | None = None) -> None:
        if self.stack and self.stack[-1][1]:
            return
        start = self._offset()
        if not self.pieces:
            self.current = self._shape()
        self.pieces.append((start, start + length, char))

    def handle_data(self, data):
        self._text(len(data))

    def _entity(self, raw: str) -> None:
        char = html.unescape(raw)
        if len(char) != 1 or not self.text.startswith(raw, self._offset()):
            char = None  # not an entity html knows (or not where the parser says): as it is
        self._text(len(raw), char)

    def handle_entityref(self, name):
        self._entity(f"&{name};")

    def handle_charref(self, name):
        self._entity(f"&#{name};")


def _blocks_of(doc: Document, block: Block, skipped: set[str], classes: set[str]) -> list[Block]:
    source = doc.text[block.span.start : block.span.end]
    walker = _Walker(source, block.span.start, skipped, classes)
    walker.feed(source)
    walker.close()
    walker._flush()
    out = []
    for (kind, level, scope), pieces in walker.blocks:
        start, end = pieces[0][0], pieces[-1][1]
        prose = [c if c in "\r\n" else " " for c in source[start:end]]
        for s, e, char in pieces:
            # an entity reads as its character, the rest of it is markup (Vale decodes it)
            prose[s - start : e - start] = source[s:e] if char is None else char.ljust(e - s)
        meta = {"scope": scope} if scope else {}
        span = Span(block.span.start + start, block.span.start + end)
        out.append(Block(kind=kind, span=span, prose="".join(prose), level=level, meta=meta))
    return out


def html_prose(doc: Document, skipped: list[str], classes: list[str]) -> Document:
    """``doc`` with each HTML block replaced by the prose blocks of its elements."""
    if not any(b.kind == "html" for b in doc.blocks):
        return doc
    blocks: list[Block] = []
    for block in doc.blocks:
        if block.kind != "html":
            blocks.append(block)
            continue
        blocks += _blocks_of(doc, block, set(skipped), set(classes))
    return dataclasses.replace(doc, blocks=tuple(blocks))
