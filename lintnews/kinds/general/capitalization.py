"""capitalization: a scope (headings by default) in a given case.

``match``: ``$sentence`` (Spanish headlines), ``$title`` (``style``: AP or Chicago),
``$lower``, ``$upper``, or a pattern the text must match. Words matching ``exceptions`` and
words in capitals always pass; a word after one ending in an ``indicators`` suffix (such as
``:``) may be capitalized. The text passes when more than ``threshold`` of its words
comply. A numbering ("1. ") and a ``prefix`` pattern are left out; inline code counts as a
word that complies. Message arguments: ``{text}``, ``{match}``, ``{expected}`` (the text in
the case asked for: title-cased for ``$title``, a first capital for ``$sentence``).
"""

from __future__ import annotations

import regex

from ... import regexcache
from ...document import Span
from ...findings import Hit
from ..base import Context, Options, RuleKind, option, options_dataclass
from .common import (
    compile_pattern,
    exceptions_file_option,
    exceptions_option,
    exceptions_pattern,
    prepare_common,
    scoped,
    search,
)


@options_dataclass
class CapitalizationOptions(Options):
    match: str = option("$sentence", "$sentence, $title, $lower, $upper or a pattern")
    style: str = option("AP", "title-case style for $title: AP or Chicago", ("AP", "Chicago"))
    exceptions: list[str] = exceptions_option()
    exceptions_file: str = exceptions_file_option()
    indicators: list[str] = option([":"], "suffixes after which a capital is fine")
    threshold: float = option(0.8, "share of words that must comply")
    prefix: str = option("", "pattern of a prefix left out of the check (e.g. 'a. ')")
    scope: list[str] = option(["heading"], "scopes to check")


_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_NUMBERING = regexcache.compile(r"^\d+[.)]\s+")
SMALL_AP = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "if",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "so",
        "the",
        "to",
        "up",
        "v",
        "vs",
        "via",
        "yet",
    ]
)
SMALL_CHICAGO = SMALL_AP | frozenset(
    [
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "down",
        "during",
        "except",
        "from",
        "inside",
        "into",
        "like",
        "near",
        "off",
        "onto",
        "out",
        "outside",
        "over",
        "past",
        "since",
        "through",
        "throughout",
        "toward",
        "under",
        "underneath",
        "until",
        "upon",
        "with",
        "within",
        "without",
    ]
)


def prepare(options, base_dir):
    options = prepare_common(options, base_dir)
    if options["match"] not in ("$sentence", "$title", "$lower", "$upper"):
        compile_pattern(options["match"], key="match")
    if options["prefix"]:
        compile_pattern(options["prefix"], key="prefix")
    return options


def _tokens(text: str, except_re) -> list[str]:
    pattern = _WORD if except_re is None else f"{except_re.pattern}|{_WORD}"
    return [m.group() for m in regex.finditer(pattern, text, timeout=2.0)]


def _excepted(except_re, word: str) -> bool:
    return except_re is not None and search(except_re, word) is not None


def _go_title(word: str) -> str:
    """Capitalize each letter that follows a non-letter (the start of each word part)."""
    out, prev = [], " "
    for ch in word:
        out.append(ch.upper() if not (prev.isalnum() or prev == "_") else ch)
        prev = ch
    return "".join(out)


def is_sentence(text, indicators, except_re, threshold) -> bool:
    count = words = 0
    tokens = _tokens(text.rstrip("?!.:"), except_re)
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        word = token
        for mark in ("-", "'", "’"):
            if mark in word:
                word = word.split(mark)[0]
                break
        if (
            word == word.upper()
            or any(prev.endswith(s) for s in indicators)
            or _excepted(except_re, word)
            or (token != word and _excepted(except_re, token))  # "High-Def Render Pipeline"
        ):
            count += 1
        elif i == 0 and word != _go_title(word.lower()):
            return False
        elif i == 0 or word == word.lower():
            count += 1
        words += 1
    return words == 0 or count / words > threshold


def title_case(text: str, style: str) -> str:
    small = SMALL_CHICAGO if style == "Chicago" else SMALL_AP
    parts = text.split()
    out = []
    for i, word in enumerate(parts):
        bare = word.strip("\"'“”‘’()[]").lower()
        edge = i in (0, len(parts) - 1) or (i and parts[i - 1].endswith(":"))
        if bare in small and not edge:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def is_title(text, except_re, style, threshold) -> bool:
    expected = _tokens(title_case(text, style), except_re)
    count = words = 0
    for i, word in enumerate(_tokens(text, except_re)):
        if (
            i >= len(expected)
            or word == expected[i]
            or _excepted(except_re, word)
            or word == word.upper()
        ):
            count += 1
        words += 1
    return words == 0 or count / words > threshold


def complies(text: str, o) -> bool:
    except_re = exceptions_pattern(o["exceptions"])
    match = o["match"]
    if o["prefix"]:
        text = regex.sub(f"^(?:{o['prefix']})", "", text, timeout=2.0)
    if match == "$sentence":
        text = _NUMBERING.sub("", text)
        return is_sentence(text, o["indicators"], except_re, o["threshold"])
    if match == "$title":
        return is_title(text, except_re, o["style"], o["threshold"])
    if match == "$lower":
        return text == text.lower() or _excepted(except_re, text)
    if match == "$upper":
        return text == text.upper() or _excepted(except_re, text)
    return search(compile_pattern(match), text) is not None or _excepted(except_re, text)


def _with_code_as_stars(ctx: Context, seg) -> str:
    """The segment's text with inline code written as asterisks (a word that always passes)."""
    chars = list(seg.text)
    for block in ctx.doc.blocks:
        if block.span.start >= seg.end or block.span.end <= seg.start:
            continue
        for inline in block.inlines:
            if (
                inline.kind == "code"
                and seg.start <= inline.span.start <= inline.span.end <= seg.end
            ):
                for i in range(inline.span.start - seg.start, inline.span.end - seg.start):
                    chars[i] = "*"
    return "".join(chars)


def check(ctx: Context):
    for seg in scoped(ctx, "heading"):
        starred = _with_code_as_stars(ctx, seg)
        lead = len(starred) - len(starred.lstrip())
        span = Span(seg.start + lead, seg.start + len(starred.rstrip()))
        text = " ".join(seg.text.split())
        checked = " ".join(starred.split())
        if checked and not complies(checked, ctx.prepared):
            expected = _expected(text, ctx.prepared)
            yield Hit(span, {"text": text, "match": ctx.prepared["match"], "expected": expected})


def _expected(text: str, o) -> str:
    match = o["match"]
    if match == "$title":
        return title_case(text, o["style"])
    if match == "$sentence":
        return text[:1].upper() + text[1:].lower()
    if match == "$lower":
        return text.lower()
    if match == "$upper":
        return text.upper()
    return text


KIND = RuleKind(
    "capitalization", check, CapitalizationOptions, __doc__.strip().splitlines()[0], prepare=prepare
)
