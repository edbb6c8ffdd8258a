"""Parsers turn decoded text into a Document. Shared helpers live here: masking non-prose,
and the inline markup of a block (:func:`inlines`), which every parser records on its prose
blocks through :func:`make_block` so that nothing downstream parses Markdown again."""

from __future__ import annotations

from functools import cache

import regex

from .. import regexcache
from ..document import PROSE_KINDS, Block, Inline, Span

_COMMENT = regexcache.compile(r"<!--.*?(?:-->|\Z)", regex.S)
#: a code span, a link's address, strong text: each bounded (``INLINE_SPAN`` characters), so
#: a draft of many unclosed backticks, asterisks or "<http:" is read in linear time, not
#: every opening against the rest of the draft
INLINE_SPAN = 1000
_INLINE_CODE = regexcache.compile(rf"(?<!`)(`+)(?!`).{{1,{INLINE_SPAN}}}?(?<!`)\1(?!`)", regex.S)
_LINK_TARGET = regexcache.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = regexcache.compile(
    rf"<(?:https?|ftp|mailto):[^>\s<]{{0,{INLINE_SPAN}}}>|\bhttps?://[^\s<>\])]+|\bwww\.[^\s<>\])]+"
)
_HTML_TAG = regexcache.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MARKERS = regexcache.compile(
    r"!\[|(?<!\\)[\[\]]|\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|\\(?=[\p{P}\p{S}])"
)


def blank(text: str) -> str:
    """Spaces for every character but line breaks (so offsets and lines are kept)."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)
    return "".join(c if c in "\r\n" else " " for c in text)


def _sub_blank(pattern, text: str) -> str:
    return pattern.sub(lambda m: blank(m.group()), text)


def mask_comments(text: str) -> str:
    return _sub_blank(_COMMENT, text)


def mask_inline_markdown(text: str) -> str:
    """Blank out inline Markdown that is not prose, keeping every offset."""
    for pattern in (_COMMENT, _INLINE_CODE, _LINK_TARGET, _AUTOLINK, _HTML_TAG, _MARKERS):
        text = _sub_blank(pattern, text)
    return text


def make_block(
    source: str, kind: str, start: int, end: int, prose: str | None = None, level: int = 0, **meta
) -> Block:
    """A block over ``source[start:end]`` whose prose is ``prose`` (default: comments masked),
    with the inline markup of a prose block (but a lone image) recorded."""
    if prose is None:
        prose = mask_comments(source[start:end])
    assert len(prose) == end - start
    found = inlines(source, start, end) if kind in PROSE_KINDS and kind != "image" else ()
    return Block(
        kind=kind, span=Span(start, end), prose=prose, level=level, meta=meta, inlines=found
    )


#: inline markup by kind: the pattern, and the characters a text needs for it to match
#: (most blocks have none of them, and are not searched)
INLINE_SOURCES = {
    "code": (rf"(?<!`)(`+)(?!`)(.{{1,{INLINE_SPAN}}}?)(?<!`)\1(?!`)", regex.S, ("`",)),
    "link": (r"(?<!!)\[([^\[\]]+)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)", 0, ("](",)),
    "strong": (rf"(\*\*|__)(?!\s)(.{{1,{INLINE_SPAN}}}?)(?<!\s)\1", regex.S, ("**", "__")),
    "emphasis": (
        r"(?<![*\w])(\*)(?![*\s])([^*\n]+?)(?<![\s*])\*(?!\*)"
        r"|(?<![_\w])(_)(?![_\s])([^_\n]+?)(?<![\s_])_(?![_\w])",
        0,
        ("*", "_"),
    ),
    "image": (r"!\[([^\[\]]+)\]\(", 0, ("![",)),
}


@cache
def inline_pattern(kind: str):
    """The compiled pattern of an inline kind (compiled when a draft first needs it)."""
    pattern, flags, _ = INLINE_SOURCES[kind]
    return regexcache.compile(pattern, flags)


def inlines(source: str, start: int, end: int) -> tuple[Inline, ...]:
    """The inline markup of ``source[start:end]``, by kind in the order of INLINE_SOURCES,
    each kind in text order. ``inner`` is the last group that matched (the code, the
    link's text, the emphasized words, the alt text)."""
    text = source[start:end]
    if not ("`" in text or "*" in text or "_" in text or "](" in text):
        return ()  # what every kind needs: most blocks
    out = []
    for kind, (_, _, needs) in INLINE_SOURCES.items():
        if not any(map(text.__contains__, needs)):
            continue
        for m in inline_pattern(kind).finditer(text):
            group = next(i for i in range(len(m.groups()), 0, -1) if m.group(i) is not None)
            out.append(
                Inline(
                    kind,
                    Span(start + m.start(), start + m.end()),
                    Span(start + m.start(group), start + m.end(group)),
                )
            )
    return tuple(out)
