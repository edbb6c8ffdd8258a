"""Markdown drafts (CommonMark + tables + YAML front matter) through markdown-it-py."""

from __future__ import annotations

import regex

from .. import regexcache
from ..document import Document
from ..errors import InputError
from ..plugin import hookimpl
from . import blank, make_block, mask_inline_markdown

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_QUOTE_PREFIX = regexcache.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", regex.M)
_LIST_MARKER = regexcache.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING_MARKS = regexcache.compile(
    r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$|^[=-]+[ \t]*$", regex.M
)
_TABLE_PIPES = regexcache.compile(r"\||^[ \t]*:?-{3,}:?[ \t]*$", regex.M)
_CONTAINERS = {"blockquote_open": "blockquote", "list_item_open": "list_item"}

_md = None


def _parser():
    global _md
    if _md is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        _md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
        # inline parsing (about half of markdown-it's time) is only needed to tell a
        # paragraph that is a lone image: _paragraph runs it for the candidates
        _md.disable(["inline", "text_join"])
    return _md


def parse(path: str, text: str) -> Document:
    starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]

    def offsets(line_map) -> tuple[int, int]:
        first, last = line_map
        start = starts[first] if first < len(starts) else len(text)
        end = starts[last] if last < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    simple = simple_blocks(path, text, offsets)
    if simple is not None:
        return Document.build(path, text, "", *simple)
    env: dict = {}  # link reference definitions, for the images parsed inline later
    tokens = _parser().parse(text, env)
    blocks, front_matter, containers, lists = [], {}, [], []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in _CONTAINERS:
            containers.append(_CONTAINERS[tok.type])
        elif tok.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(offsets(tok.map)[0] if tok.map else -1)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "front_matter" and tok.map:
            front_matter = _front_matter(path, tok.content, tok.map[0] + 2)
            start, end = offsets(tok.map)
            blocks.append(make_block(text, "front_matter", start, end, blank(text[start:end])))
        elif tok.type == "heading_open" and tok.map:
            blocks.append(_heading(text, *offsets(tok.map), int(tok.tag[1:])))
        elif tok.type == "paragraph_open" and tok.map:
            where = lists[-1] if lists else None
            blocks.append(
                _paragraph(text, *offsets(tok.map), tokens[i + 1], containers, env, where)
            )
        elif tok.type in ("fence", "code_block") and tok.map:
            start, end = offsets(tok.map)
            blocks.append(make_block(text, "code", start, end, blank(text[start:end])))
        elif tok.type == "html_block" and tok.map:
            start, end = offsets(tok.map)
            blocks.append(make_block(text, "html", start, end, blank(text[start:end])))
        elif tok.type == "table_open" and tok.map:
            start, end = offsets(tok.map)
            prose = mask_inline_markdown(_blank_pattern(_TABLE_PIPES, text[start:end]))
            blocks.append(make_block(text, "table", start, end, prose))
            while tokens[i].type != "table_close":
                i += 1
        i += 1
    return Document.build(path, text, "", front_matter, blocks)


#: what may open a line of a plain draft: anything else (quotes, lists, rules, fences,
#: tables, HTML, images, references, setext underlines, escapes...) goes to markdown-it
_PLAIN_LINE_STOP = frozenset(">-+*_=|<[`~!:\\")
_ORDERED = regexcache.compile(r"\d+[.)]")
_ATX = regexcache.compile(r"(#{1,6})(?:[ \t]|$)")


def simple_blocks(path: str, text: str, offsets):
    """(front matter, blocks) of a draft made only of paragraphs, ATX headings and a plain
    front matter (``---`` lines), which is most drafts; None for anything else.

    Built here as markdown-it builds them (tests compare both on real drafts and on
    generated ones), without importing it: a one-file run of such a draft starts ~20 ms
    sooner, and the draft parses in a fraction of the time. Every line is checked first;
    one that could open any other construct sends the whole draft to markdown-it.
    """
    if "\0" in text or text.count("\r") != text.count("\r\n"):
        return None  # markdown-it normalizes these first
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    blocks, front_matter, first = [], {}, 0
    if lines[0].startswith("-"):
        close = _front_matter_end(lines)
        if close is None:
            return None
        front_matter = _front_matter(path, "\n".join(lines[1:close]), 2)
        start, end = offsets((0, close + 1))
        blocks.append(make_block(text, "front_matter", start, end, blank(text[start:end])))
        first = close + 1
    paragraph = None  # first line of the paragraph being read
    for i in range(first, len(lines) + 1):
        line = lines[i] if i < len(lines) else ""
        body = line.lstrip(" ")
        if not body.strip(" \t"):
            kind = "blank"
        elif len(line) - len(body) > 3 or body[0] in _PLAIN_LINE_STOP or body[0] == "\t":
            return None
        elif body[0] == "#" and (heading := _ATX.match(body)):
            kind = "heading"
        elif body[0].isdigit() and _ORDERED.match(body):
            return None
        else:
            kind = "text"
        if kind != "text" and paragraph is not None:
            start, end = offsets((paragraph, i))
            prose = mask_inline_markdown(text[start:end])
            blocks.append(make_block(text, "paragraph", start, end, prose))
            paragraph = None
        if kind == "heading":
            blocks.append(_heading(text, *offsets((i, i + 1)), len(heading.group(1))))
        elif kind == "text" and paragraph is None:
            paragraph = i
    return front_matter, blocks


def _heading(text: str, start: int, end: int, level: int):
    prose = mask_inline_markdown(_blank_pattern(_HEADING_MARKS, text[start:end]))
    return make_block(text, "heading", start, end, prose, level=level)


def _front_matter_end(lines: list[str]) -> int | None:
    """The line closing a front matter opened by a line ``---``, when both are plainly
    written (a closing line of exactly ``---``, and no ``...`` end marker or other line of
    dashes before it); None otherwise."""
    if lines[0] != "---":
        return None
    for i in range(1, len(lines)):
        line = lines[i]
        if line == "---":
            return i
        if line.startswith("...") or (
            line.lstrip(" ").startswith("---") and not line.strip(" \t-")
        ):
            return None
    return None


def _paragraph(text, start, end, inline, containers, env, list_start=None):
    """A paragraph, list item or quote (``list_start``: where the innermost list opens)."""
    source = text[start:end]
    prose = _blank_pattern(_QUOTE_PREFIX, source) if "blockquote" in containers else source
    kind = containers[-1] if containers else "paragraph"
    meta = {}
    if kind == "list_item":
        prose = _blank_pattern(_LIST_MARKER, prose)
        meta["list"] = list_start
    prose = mask_inline_markdown(prose)
    if not inline.content.lstrip().startswith("!["):  # a lone image opens with one
        return make_block(text, kind, start, end, prose, **meta)
    parsed: list = []
    _parser().inline.parse(inline.content, _parser(), env, parsed)
    children = [
        c
        for c in parsed
        if c.type != "softbreak" and not (c.type == "text" and not c.content.strip())
    ]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        return make_block(
            text, "image", start, end, prose, alt=image.content, src=image.attrs.get("src", "")
        )
    return make_block(text, kind, start, end, prose, **meta)


def _blank_pattern(pattern, text: str) -> str:
    return pattern.sub(lambda m: blank(m.group()), text)


def _front_matter(path: str, content: str, first_line: int) -> dict:
    from ..yamlload import load_kept

    try:
        data = load_kept(content, path, InputError)
    except InputError as exc:
        # load_yaml numbers lines inside the front matter; report them in the file.
        message = str(exc)
        m = regex.match(rf"{regex.escape(str(path))}:(\d+): (.*)", message)
        if m:
            line = int(m.group(1)) + first_line - 1
            raise InputError(f"{path}:{line}: invalid front matter: {m.group(2)}") from None
        raise InputError(f"{path}: invalid front matter: {message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}:{first_line}: invalid front matter: expected a mapping")
    return dict(data)


@hookimpl
def lintnews_parse(path, text):
    if str(path).lower().endswith(SUFFIXES):
        return parse(path, text)
    return None
