"""The parsed draft: records with exact character offsets into the original text.

Every position in lintnews is a character offset into ``Document.text`` (the decoded file,
BOM removed, line endings untouched). Line and column are derived here, and only here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

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


#: Block kinds a parser may produce. Prose kinds are the ones rules read as text.
PROSE_KINDS = frozenset({"heading", "paragraph", "list_item", "blockquote", "image", "table"})
BLOCK_KINDS = PROSE_KINDS | {"code", "html", "front_matter"}


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into the document's text."""

    start: int
    end: int


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
    """

    kind: str
    span: Span
    prose: str
    level: int = 0
    sentences: tuple[Sentence, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text(self) -> str:
        """The prose with runs of whitespace folded: what an editor reads."""
        return " ".join(self.prose.split())

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


@dataclass(frozen=True)
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
