"""The parsed draft: records with exact character offsets into the original text.

Every position in lintnews is a character offset into ``Document.text`` (the decoded file,
BOM removed, line endings untouched). Line and column are derived here, and only here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from .records import frozen

_NEWLINE = re.compile("\n")


class Memo:
    """Values worked out from a record, kept on it for as long as it lives: what one rule
    derives from a draft (or a language) is there for the next rule that asks, and goes
    with the record (no module-level cache keyed on identity)."""

    def memo(self, key, make):
        """The value kept under ``key``, made by ``make()`` the first time."""
        kept = self.__dict__.setdefault("_memo", {})  # beside the fields, as cached_property
        if key not in kept:
            kept[key] = make()
        return kept[key]


#: the most words of an image's caption (``Document.caption_start``; a wire photo's caption
#: with its credit runs to 70)
CAPTION_WORDS = 80

#: Block kinds a parser may produce. Prose kinds are the ones rules read as text.
PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "blockquote", "image", "table"})
BLOCK_KINDS = PROSE_KINDS | {"code", "html", "front_matter"}


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into the document's text."""

    start: int
    end: int


class Inline:
    """Inline markup inside a block, as its parser found it: ``kind`` is ``code`` (a code
    span), ``link`` (a link's text), ``strong``, ``emphasis`` or ``image`` (an image inside
    a paragraph); ``span`` covers the markup, ``inner`` the text it holds (the code, the
    link's text, the alt text). A plain class, not a dataclass: the parser module defines
    it on every start."""

    __slots__ = ("kind", "span", "inner")

    def __init__(self, kind: str, span: Span, inner: Span):
        self.kind, self.span, self.inner = kind, span, inner

    def __eq__(self, other) -> bool:
        return isinstance(other, Inline) and (self.kind, self.span, self.inner) == (
            other.kind,
            other.span,
            other.inner,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.span, self.inner))

    def __repr__(self) -> str:
        return f"Inline({self.kind!r}, {self.span!r}, {self.inner!r})"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a block: where it is and its text (whitespace collapsed)."""

    span: Span
    text: str


@dataclass(frozen=True)
class Block:
    """A structural unit of the draft.

    ``prose`` has exactly the length of the source span: markup that is not prose (emphasis
    markers, link targets, inline code, HTML comments, list and quote markers) is replaced by
    spaces, so an offset into ``prose`` plus ``span.start`` is an offset into the document.
    ``inlines`` is the inline markup the parser found in a prose block (see :class:`Inline`),
    in order; ``meta`` what else it knows (a list item's ``list``: where its list opens).
    What is around a block is the document's to say: ``doc.previous(block)``,
    ``doc.next(block)``, ``doc.run(block, belongs)``, ``doc.list_of(block)``.
    """

    kind: str
    span: Span
    prose: str
    level: int = 0
    sentences: tuple[Sentence, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    inlines: tuple[Inline, ...] = field(default=(), compare=False, hash=False, repr=False)

    @property
    def text(self) -> str:
        """The prose with runs of whitespace folded: what an editor reads."""
        return " ".join(self.prose.split())

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    def prose_of(self, span: Span) -> str:
        """The block's prose over a span of the document inside it (a sentence's)."""
        return self.prose[span.start - self.span.start : span.end - self.span.start]


@frozen
class Document(Memo):
    """A parsed draft: its text, language, front matter and blocks."""

    path: str
    text: str
    language: str
    front_matter: dict[str, Any]
    blocks: tuple[Block, ...]
    line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def build(cls, path, text, language, front_matter, blocks) -> Document:
        starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        return cls(path, text, language, front_matter, tuple(blocks), tuple(starts))

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; column counts characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_span(self, line: int) -> Span:
        """The span of a 1-based line, without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return Span(start, end)

    @property
    def prose_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_prose)

    # A block's neighbours: the one place kinds and scopes learn what is around a block.

    def index(self, block: Block) -> int:
        """The position of ``block`` in ``blocks`` (ValueError for a block not in it)."""
        at = self.memo("block-index", lambda: {b.span: i for i, b in enumerate(self.blocks)})
        i = at.get(block.span)
        if i is None or self.blocks[i] is not block and self.blocks[i] != block:
            raise ValueError("block not in this document")
        return i

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds ``offset`` (the last to start before it), or None."""
        starts = self.memo("block-starts", lambda: [b.span.start for b in self.blocks])
        at = bisect.bisect_right(starts, offset) - 1
        if at < 0 or offset >= self.blocks[at].span.end:
            return None
        return self.blocks[at]

    def previous(self, block: Block) -> Block | None:
        """The block before ``block`` (of any kind), or None for the first."""
        i = self.index(block)
        return self.blocks[i - 1] if i > 0 else None

    def next(self, block: Block) -> Block | None:
        """The block after ``block`` (of any kind), or None for the last."""
        i = self.index(block) + 1
        return self.blocks[i] if i < len(self.blocks) else None

    def run(self, block: Block, belongs) -> tuple[Block, ...]:
        """The stretch of adjacent blocks around ``block`` for which ``belongs(b)`` holds
        (a run of short lines: ``belongs`` says what a short line is); empty when ``block``
        does not belong itself."""
        i = self.index(block)
        if not belongs(block):
            return ()
        first, last = i, i
        while first > 0 and belongs(self.blocks[first - 1]):
            first -= 1
        while last + 1 < len(self.blocks) and belongs(self.blocks[last + 1]):
            last += 1
        return self.blocks[first : last + 1]

    def caption_start(self, block: Block) -> int | None:
        """Where the caption of a Markdown image starts in ``block``, or None: right after
        the image when the image opens the paragraph and text follows it ("![...](...)" and
        "*The mayor on Tuesday. Photo: Jane Roe*" on the next line), the paragraph's start
        when it is a short one right below an image of its own. A caption is at most
        ``CAPTION_WORDS`` words: a longer text below an image is the article going on.
        (Found for all blocks at the first call: most drafts have no image.)"""
        return self.memo("image-captions", self._image_captions).get(block.span)

    def _image_captions(self) -> dict[Span, int]:
        found: dict[Span, int] = {}
        before = None
        for block in self.blocks:
            if block.kind == "paragraph":
                start = _caption_in(block, before)
                if start is not None:
                    found[block.span] = start
            before = block
        return found

    def list_of(self, block: Block) -> tuple[Block, ...]:
        """The items of the list ``block`` is an item of, in order (nested lists are lists
        of their own); empty for a block that is not a list item."""
        where = block.meta.get("list") if block.kind == "list_item" else None
        if where is None:
            return ()
        return tuple(
            b for b in self.blocks if b.kind == "list_item" and b.meta.get("list") == where
        )


def _caption_in(block: Block, before: Block | None) -> int | None:
    """``Document.caption_start`` of a paragraph, given the block before it."""
    image = next((i for i in block.inlines if i.kind == "image"), None)
    if image is not None:
        opens = not block.prose[: image.span.start - block.span.start].strip()
        after = block.prose[image.span.end - block.span.start :]
        if opens and after.strip() and len(after.split()) <= CAPTION_WORDS:
            return image.span.end + len(after) - len(after.lstrip())
        return None
    if before is not None and before.kind == "image":
        return block.span.start if len(block.prose.split()) <= CAPTION_WORDS else None
    return None
