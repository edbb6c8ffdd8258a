"""The lines of a draft's body and the features the leftover-line classifier reads.

A leftover line (caption, credit, alt text, widget) differs from prose in shape more than in
words: it is short, often has no final stop, few stopwords, many capitalised words or none,
sits next to other short lines, and repeats words the draft capitalises elsewhere. Every
feature here is a number in [0, 1] with a name, so the weights file says what each one
weighs and an editor can be shown why a line scored high.

Language-specific words come from the language data (``caption-words``, ``position-words``
in ``languages/<code>.yaml``), never from code.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ... import regexcache
from ...document import Document, Span
from ...language import WORD, Language, split_words
from ...language.normalize import fold, fold_confusables

_LINE = regexcache.compile(r"[^\r\n]+")
_END_STOP = regexcache.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_END_COLON = regexcache.compile(r"[:;]\s*$")
_PAREN_END = regexcache.compile(r"\(([^()]{1,60})\)\s*$")
_CAPS_RUN_END = regexcache.compile(r"(?:\s+[\p{Lu}][\p{Lu}.'-]+){2,}\s*$")
_HANDLE = regexcache.compile(r"(?:^|\s)[@#]\w+|\bURL\b|https?:|www\.|pic\.twitter")
_DATELINE = regexcache.compile(r"^[\p{Lu}][\p{L} ,.'()-]{1,50}?\s*(?:[-—–]|\.-|\.—)\s*$")
#: a dateline opening a lede: "MADRID (EFE).- ", "LOS ANGELES (Reuters) - ", "París, 3 jun (AFP) -"
DATELINE_START = regexcache.compile(
    r"^(?:[\p{Lu}][\p{L}'’.-]*\s*){1,4}(?:\([^()\n]{1,30}\)\s*)*"
    r"(?:,\s*[\p{L}\p{N} .]{1,25}?\s*)?(?:\([^()\n]{1,30}\)\s*)?(?:\.\s*)?[-—–]+\s+\S"
)
_QUOTE_START = regexcache.compile(r"^[\"“«'‘—–-]")
_NUMBER = regexcache.compile(r"\d|\bNUMBER\b")
_NAME_COMMA = regexcache.compile(r"^(?:[\p{Lu}][\p{L}'’.-]*\s+){0,3}[\p{Lu}][\p{L}'’.-]*,\s+\p{Ll}")

#: feature names, in the order of the weights file
FEATURES = (
    "log_words",
    "short",
    "long",
    "end_stop",
    "end_colon",
    "stopwords",
    "capitalised",
    "all_lower",
    "all_upper",
    "digits",
    "top",
    "second",
    "rel_position",
    "prev_short",
    "next_short",
    "prev_dateline",
    "caption_word",
    "position_word",
    "agency",
    "paren_end",
    "caps_run_end",
    "handle_or_link",
    "capitalised_elsewhere",
    "repeated",
    "name_only",
    "one_word",
    "byline_top",
    "name_comma",
    "quote_start",
    "starts_lower",
    "rule",
    "rule_neighbour",
)


@dataclass
class Line:
    """One line of a body paragraph: where it is, what it says (``text`` is folded)."""

    span: Span
    raw: str
    text: str
    block: int
    words: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class Body:
    """Body lines plus the draft-wide facts their features need."""

    lines: list[Line]
    blocks: int
    capitalised: set[str]
    counts: Counter


def body(doc: Document, skip_after_image: bool = False) -> Body:
    """The lines of the body's plain paragraphs (headings, lists, quotes are not body lines).

    Both leftover rules read the same lines: they are split and folded once per document
    (kept on it); each call gets its own ``Line`` records, since a rule writes its verdict
    into ``Line.rule``.
    """
    b = doc.memo(("leftover-body", skip_after_image), lambda: _split_body(doc, skip_after_image))
    lines = [Line(ln.span, ln.raw, ln.text, ln.block, ln.words) for ln in b.lines]
    return Body(lines, b.blocks, b.capitalised, b.counts)


def _split_body(doc: Document, skip_after_image: bool) -> Body:
    lines: list[Line] = []
    index = 0
    after_image = False
    for block in doc.blocks:
        if block.kind in ("front_matter", "heading"):
            continue
        index += 1
        if block.kind != "paragraph":
            after_image = block.kind == "image"
            continue
        if after_image and skip_after_image:
            after_image = False
            continue
        after_image = False
        for m in _LINE.finditer(block.prose):
            raw = m.group().strip()
            if not raw:
                continue
            start = block.span.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            text = fold_confusables(raw)
            lines.append(Line(Span(start, start + len(raw)), raw, text, index, split_words(text)))
    return Body(lines, index, _capitalised_words(lines), Counter(_key(ln.text) for ln in lines))


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _capitalised_words(lines: list[Line]) -> set[str]:
    """Folded words the draft writes capitalised somewhere other than a line's start (a
    sentence start inside a line counts too: words never end with the stop before it)."""
    return {fold(w) for w in {w for line in lines for w in line.words[1:] if w[:1].isupper()}}


def is_short(line: Line, max_words: int) -> bool:
    return 0 < len(line.words) <= max_words and not _END_STOP.search(line.text)


def features(
    body_: Body, i: int, lang: Language, agencies: frozenset[str], max_words: int = 12
) -> dict[str, float]:
    """The named features of line ``i`` of the body, each in [0, 1]."""
    line = body_.lines[i]
    text, words = line.text, line.words
    n = len(words)
    lower = list(map(fold, words))
    letters = list(filter(str.isalpha, text))
    upper = sum(map(str.isupper, letters))
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    stop = sum(1 for w in words if w.lower() in lang.stopwords)
    prev = body_.lines[i - 1] if i > 0 else None
    nxt = body_.lines[i + 1] if i + 1 < len(body_.lines) else None
    caption_words = word_set(lang, "caption-words")
    position_words = word_set(lang, "position-words")
    lowercase_words = [fold(w) for w in words if w.islower() and len(w) > 2]
    paren = _PAREN_END.search(text)
    f = {
        "log_words": min(1.0, math.log1p(n) / math.log1p(80)),
        "short": float(0 < n <= max_words),
        "long": float(n >= 30),
        "end_stop": float(bool(_END_STOP.search(text))),
        "end_colon": float(bool(_END_COLON.search(text))),
        "stopwords": stop / n if n else 0.0,
        "capitalised": caps / (n - 1) if n > 1 else float(bool(words) and words[0][:1].isupper()),
        "all_lower": float(bool(letters) and upper == 0),
        "all_upper": float(len(letters) > 2 and upper / len(letters) > 0.8),
        "digits": float(bool(_NUMBER.search(text))),
        "top": float(line.block == 1),
        "second": float(line.block == 2),
        "rel_position": line.block / max(1, body_.blocks),
        "prev_short": float(prev is not None and is_short(prev, max_words)),
        "next_short": float(nxt is not None and is_short(nxt, max_words)),
        "prev_dateline": float(prev is not None and bool(_DATELINE.match(prev.text))),
        "caption_word": float(bool(lower) and lower[0] in caption_words),
        "position_word": float(any(w in position_words for w in lower)),
        "agency": float(_has_agency(_without_dateline(text, lower), agencies)),
        "paren_end": float(bool(paren) and not _END_STOP.search(text[: paren.start()][-1:])),
        "caps_run_end": float(bool(_CAPS_RUN_END.search(text)) and upper != len(letters)),
        "handle_or_link": float(bool(_HANDLE.search(text))),
        "capitalised_elsewhere": (
            sum(1 for w in lowercase_words if w in body_.capitalised) / len(lowercase_words)
            if lowercase_words
            else 0.0
        ),
        "repeated": float(body_.counts[_key(text)] > 1 and n <= max_words * 2),
        "name_only": float(1 <= n <= 4 and _is_name(words)),
        "one_word": float(n == 1),
        "byline_top": float(
            line.block == 2 and n <= 4 and (upper == len(letters) or _is_name(words))
        ),
        "name_comma": float(n <= max_words and bool(_NAME_COMMA.match(text))),
        "quote_start": float(bool(_QUOTE_START.match(text))),
        "starts_lower": float(text[:1].islower()),
        "rule": float(bool(line.rule)),
        "rule_neighbour": float(
            (prev is not None and bool(prev.rule)) or (nxt is not None and bool(nxt.rule))
        ),
    }
    return f


def _is_name(words: tuple[str, ...]) -> bool:
    return bool(words) and all(w[:1].isupper() for w in words)


def _without_dateline(text: str, folded: list[str]) -> list[str]:
    """The folded words of ``text`` after its dateline (``folded``: those of all of it)."""
    m = DATELINE_START.match(text)
    return list(map(fold, WORD.findall(text[m.end() - 1 :]))) if m else folded


def _has_agency(words: list[str], agencies: frozenset[str]) -> bool:
    if not agencies.isdisjoint(words):
        return True
    folded = " " + " ".join(words) + " "
    return any(" " + a + " " in folded for a in agencies if " " in a)


def word_set(lang: Language, key: str) -> frozenset[str]:
    """Folded words of a language-data list, kept on the language."""
    return lang.memo(
        ("word-set", key), lambda: frozenset(fold(w) for w in lang.data.get(key, []) or [])
    )
