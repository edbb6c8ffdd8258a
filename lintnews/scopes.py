"""Scopes: the pieces of a Document a general rule looks at, with exact offsets.

A scope name picks segments of the draft. Names are dotted, and a name matches every
segment whose scope starts with it (``heading`` matches ``heading.h1`` and ``heading.h2``):

==================  ============================================================
``text``            all prose: headings, paragraphs, list items, quotes, tables, alt text
``heading.hN``      a heading of level N (``heading`` for every level)
``paragraph``       a plain paragraph
``list``            a list item
``blockquote``      a paragraph inside a block quote
``table.header``    the first row of a table; ``table.cell`` the other rows
``sentence``        each sentence of the paragraphs, list items and quotes
``summary``         body text: paragraphs, list items and quotes (no headings, tables)
``alt``             the alt text of a Markdown image (also ``caption``: the line after it)
``front_matter.K``  the value of front-matter key K (``front_matter`` for every key)
``raw``             the whole file, markup included
``code``            inline code spans and code blocks (Markdown)
``link``            the text of a Markdown link
``strong``          bold text; ``emphasis`` italic text
==================  ============================================================

A scope list is a union; an entry starting with ``~`` removes what it names
(``[text, ~heading]`` is all prose but headings).

Scopes read what the parser recorded: the blocks, their inline markup (``Block.inlines``)
and their neighbours (``Document.previous``); they never parse Markdown themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import regexcache
from .document import Block, Document
from .parsers import inline_pattern

TEXT_SCOPES = ("heading", "paragraph", "list", "blockquote", "table", "alt")
BODY_SCOPES = ("paragraph", "list", "blockquote")
INLINE_SCOPES = ("code", "link", "strong", "emphasis")
KNOWN_ROOTS = frozenset(
    {
        *TEXT_SCOPES,
        *INLINE_SCOPES,
        "text",
        "sentence",
        "summary",
        "alt",
        "caption",
        "front_matter",
        "raw",
    }
)
_KIND_SCOPE = {"paragraph": "paragraph", "list_item": "list", "blockquote": "blockquote"}
_LINE = regexcache.compile(r"[^\r\n]+")


class _Patterns(dict):
    """The parser's inline patterns by scope name, compiled on first use (the Vale layer
    searches a whole text with them)."""

    def __missing__(self, name: str):
        if name not in INLINE_SCOPES:
            raise KeyError(name)
        self[name] = inline_pattern(name)
        return self[name]


INLINE = _Patterns()


@dataclass(frozen=True)
class Segment:
    """A piece of the draft: ``text`` is ``doc.text[start:start+len(text)]`` with markup masked."""

    scope: str
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def trimmed(self) -> Segment:
        """The same segment without leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        return Segment(self.scope, self.start + lead, self.text.strip())


def check_scopes(names: list[str]) -> None:
    """Raise ValueError naming the first unknown scope."""
    for name in names:
        root = name.lstrip("~").split(".")[0]
        if root not in KNOWN_ROOTS:
            known = ", ".join(sorted(KNOWN_ROOTS))
            raise ValueError(f"unknown scope '{name}' (known: {known})")


def _matches(scope: str, name: str) -> bool:
    return scope == name or scope.startswith(name + ".")


def block_segments(doc: Document) -> list[Segment]:
    """One segment per prose unit, in document order (tables: one per row)."""
    out: list[Segment] = []
    for block in doc.blocks:
        if block.meta.get("scope"):  # a block that names its scope (an HTML table cell)
            out.append(Segment(block.meta["scope"], block.span.start, block.prose))
        elif block.kind == "front_matter":
            out.extend(_front_matter(doc, block))
        elif block.kind == "heading":
            out.append(Segment(f"heading.h{block.level}", block.span.start, block.prose))
        elif block.kind == "table":
            out.extend(_table_rows(block))
        elif block.kind == "image":
            out.append(Segment("alt", block.span.start, block.prose))
        elif block.kind in _KIND_SCOPE:
            scope = _KIND_SCOPE[block.kind]
            if block.kind == "paragraph" and _after_image(doc, block):
                scope = "paragraph.caption"
            out.append(Segment(scope, block.span.start, block.prose))
    return out


def _after_image(doc: Document, block: Block) -> bool:
    previous = doc.previous(block)
    return previous is not None and previous.kind == "image"


def _table_rows(block: Block) -> list[Segment]:
    rows = []
    for i, m in enumerate(_LINE.finditer(block.prose)):
        if m.group().strip(" \t:-|"):  # not the delimiter row
            scope = "table.header" if i == 0 else "table.cell"
            rows.append(Segment(scope, block.span.start + m.start(), m.group()))
    return rows


def _front_matter(doc: Document, block: Block) -> list[Segment]:
    source = doc.text[block.span.start : block.span.end]
    out = []
    for key in doc.front_matter:
        if not isinstance(key, str) or not isinstance(doc.front_matter[key], str):
            continue
        m = regex.search(rf"(?m)^{regex.escape(key)}[ \t]*:[ \t]*(.*?)[ \t]*$", source)
        if m and m.group(1):
            value = m.group(1)
            start = m.start(1)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value, start = value[1:-1], start + 1
            out.append(Segment(f"front_matter.{key}", block.span.start + start, value))
    return out


def _sentences(doc: Document) -> list[Segment]:
    out = []
    for block in doc.blocks:
        if block.kind in _KIND_SCOPE:
            for s in block.sentences:
                text = block.prose_of(s.span)
                out.append(Segment("sentence", s.span.start, text))
    return out


def _inline(doc: Document, name: str) -> list[Segment]:
    """Inline markup the parser recorded in the prose blocks (and code blocks for code)."""
    out = []
    for block in doc.blocks:
        if name == "code" and block.kind == "code":
            lines = doc.text[block.span.start : block.span.end].split("\n")
            fenced = lines[0].lstrip().startswith(("```", "~~~"))
            body = lines[1:-1] if fenced and len(lines) > 1 else lines
            start = block.span.start + (len(lines[0]) + 1 if fenced else 0)
            out.append(Segment("code", start, "\n".join(body)))
            continue
        out.extend(_inner(doc, block, name))
    return out


def _inner(doc: Document, block: Block, kind: str, scope: str = "") -> list[Segment]:
    """A segment for the text held by each inline markup of ``kind`` in ``block``."""
    return [
        Segment(scope or kind, i.inner.start, doc.text[i.inner.start : i.inner.end])
        for i in block.inlines
        if i.kind == kind
    ]


def _inline_alt(doc: Document) -> list[Segment]:
    """Alt text of images inside paragraphs (an image alone in a block is a block of its own)."""
    return [s for block in doc.blocks for s in _inner(doc, block, "image", "alt")]


def _select(doc: Document, name: str, blocks: list[Segment]) -> list[Segment]:
    if name in INLINE_SCOPES:
        return _inline(doc, name)
    if name == "alt":
        return [s for s in blocks if s.scope == "alt"] + _inline_alt(doc)
    if name == "raw":
        return [Segment("raw", 0, doc.text)]
    if name == "sentence":
        return _sentences(doc)
    if name == "text":
        return [s for s in blocks if s.scope.split(".")[0] in TEXT_SCOPES]
    if name == "summary":
        return [s for s in blocks if s.scope.split(".")[0] in BODY_SCOPES]
    if name == "caption":
        return [s for s in blocks if s.scope == "paragraph.caption"]
    return [s for s in blocks if _matches(s.scope, name)]


def segments(doc: Document, names: list[str] | tuple[str, ...]) -> list[Segment]:
    """The segments a scope list selects, in document order, each once."""
    blocks = block_segments(doc)
    wanted = [n for n in names if not n.startswith("~")] or ["text"]
    removed = [n[1:] for n in names if n.startswith("~")]
    seen: dict[tuple[int, int, str], Segment] = {}
    for name in wanted:
        for seg in _select(doc, name, blocks):
            if seg.text.strip() and not any(_excluded(seg, r) for r in removed):
                seen.setdefault((seg.start, seg.end, seg.scope), seg)
    return sorted(seen.values(), key=lambda s: (s.start, -s.end))


def _excluded(seg: Segment, name: str) -> bool:
    if name == "text":
        return seg.scope.split(".")[0] in TEXT_SCOPES
    if name == "summary":
        return seg.scope.split(".")[0] in BODY_SCOPES
    if name == "caption":
        return seg.scope == "paragraph.caption"
    return _matches(seg.scope, name)
