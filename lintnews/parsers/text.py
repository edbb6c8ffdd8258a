"""Plain-text drafts: paragraphs are runs of non-blank lines. Accepts any file (last resort)."""

from __future__ import annotations

import regex

from .. import regexcache
from ..document import Document
from ..plugin import hookimpl
from . import make_block

_PARAGRAPH = regexcache.compile(r"(?:^[^\S\n]*\S[^\n]*(?:\n|\Z))+", regex.M)


def parse(path: str, text: str) -> Document:
    blocks = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        block = make_block(text, "paragraph", start, end)
        if block.prose.strip():
            blocks.append(block)
    return Document.build(path, text, "", {}, blocks)


@hookimpl(trylast=True)
def lintnews_parse(path, text):
    return parse(path, text)
