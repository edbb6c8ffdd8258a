"""Parsers turn decoded text into a Document. Shared helpers for masking non-prose live here."""

from __future__ import annotations

import regex

from .. import regexcache
from ..document import Block, Span

_COMMENT = regexcache.compile(r"<!--.*?(?:-->|\Z)", regex.S)
_INLINE_CODE = regexcache.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.S)
_LINK_TARGET = regexcache.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = regexcache.compile(
    r"<(?:https?|ftp|mailto):[^>\s]*>|\bhttps?://[^\s<>\])]+|\bwww\.[^\s<>\])]+"
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
    """A block over ``source[start:end]`` whose prose is ``prose`` (default: comments masked)."""
    if prose is None:
        prose = mask_comments(source[start:end])
    assert len(prose) == end - start
    return Block(kind=kind, span=Span(start, end), prose=prose, level=level, meta=meta)
