"""Leftover lines: stray image captions, photo credits, alt text and CMS widgets in the body.

Each line of a body paragraph is checked, after look-alike letters are folded to Latin:

* ``markers``: phrases that open a leftover line ("Foto:", "Imagen relacionada", "Lee
  también:"), per language in YAML (``"*"`` applies to every language);
* ``lines``: patterns a whole leftover line matches (an ad label, a tweet signature);
* ``inline``: a credit glued to the end of a paragraph ("... durante el acto. Foto: EFE"),
  reported as just that span;
* ``keyword_salad``: a short line of lowercase words with few stopwords and no sentence
  punctuation ("apoyo corea norte rusia seguridad");
* ``file_names``: an image file name in a short line ("IMG_2034.jpeg");
* ``short_unpunctuated``: a short line without final punctuation in the body, the shape
  of an unmarked photo description.

Headings, list items, quotes, the line under the headline (the dek) and datelines at the top
are never leftovers. Removing the line is offered as an unsafe fix.
"""

from __future__ import annotations

import regex

from ..document import Span
from ..findings import Fix, Hit
from ..language import WORD
from ..language.normalize import fold_confusables, has_confusables
from ..plugin import hookimpl
from .base import Context, Option, RuleKind

_FILE_NAME = regex.compile(r"\b[\w-]+\.(?:jpe?g|png|gif|webp|tiff?|bmp|heic|svg)\b", regex.I)
_END_PUNCT = regex.compile(r"[.!?…:;»\"”’)\]]\s*$")
_LINE = regex.compile(r"[^\r\n]+")

PHRASES = ("dict", ("list", str))
OPTIONS = {
    "markers": Option({}, PHRASES, "per language: phrases that open a leftover line"),
    "lines": Option({}, PHRASES, "per language: patterns a whole leftover line matches"),
    "inline": Option({}, PHRASES, "per language: patterns of a credit glued to a line's end"),
    "keyword_salad": Option(False, bool, "report lines of lowercase keywords"),
    "file_names": Option(False, bool, "report image file names in short lines"),
    "short_unpunctuated": Option(False, bool, "report short body lines with no final stop"),
    "max_words": Option(12, int, "longest line (in words) the line heuristics consider"),
    "min_salad_words": Option(3, int, "fewest words in a keyword-salad line"),
    "max_stopword_ratio": Option(0.2, float, "most stopwords in a keyword-salad line"),
    "skip_top_blocks": Option(1, int, "body blocks after the headline never reported (dek)"),
    "after_image_ok": Option(False, bool, "a line right after a Markdown image is its caption"),
}


def _compile(per_language: dict, lang: str, template: str) -> regex.Pattern | None:
    pats = list(per_language.get("*", [])) + list(per_language.get(lang, []))
    if not pats:
        return None
    return regex.compile(template.format("|".join(f"(?:{p})" for p in pats)), regex.I | regex.V1)


_patterns_cache: dict = {}


def _patterns(options: dict, lang: str):
    key = (lang, repr(options["markers"]), repr(options["lines"]), repr(options["inline"]))
    if key not in _patterns_cache:
        _patterns_cache[key] = (
            _compile(options["markers"], lang, r"^\W{{0,3}}(?:{})"),
            _compile(options["lines"], lang, r"^\s*(?:{})\s*$"),
            _compile(options["inline"], lang, r"(?<=[.!?…\"”»])\s*(?:{})\s*$"),
        )
    return _patterns_cache[key]


def body_lines(ctx: Context):
    """(span, text, position) for each line of the body's plain paragraphs."""
    skip = ctx.options["skip_top_blocks"]
    seen_body = 0
    after_image = False
    for block in ctx.doc.blocks:
        if block.kind in ("front_matter", "heading"):
            continue
        if block.kind != "paragraph":
            after_image = block.kind == "image"
            seen_body += 1
            continue
        seen_body += 1
        if seen_body <= skip or (after_image and ctx.options["after_image_ok"]):
            after_image = False
            continue
        after_image = False
        for m in _LINE.finditer(block.prose):
            text = m.group().strip()
            if text:
                start = block.span.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                yield Span(start, start + len(text)), text


def check(ctx: Context):
    o = ctx.options
    markers, lines, inline = _patterns(o, ctx.doc.language)
    for span, raw in body_lines(ctx):
        text = fold_confusables(raw)
        lookalike = (
            " (written with look-alike letters)"
            if any(has_confusables(w) for w in raw.split())
            else ""
        )
        reason = None
        if markers and markers.search(text):
            reason = "marker"
        elif lines and lines.search(text):
            reason = "pattern"
        else:
            reason = _heuristic(ctx, text)
        if reason:
            yield _hit(ctx, span, raw, reason + lookalike, whole_line=True)
            continue
        if inline:
            m = inline.search(text)
            if m and len(text) == len(raw):
                glued = Span(span.start + m.start(), span.end)
                while ctx.doc.text[glued.start].isspace():
                    glued = Span(glued.start + 1, glued.end)
                yield _hit(ctx, glued, raw[m.start() :].strip(), "credit at the end of a line")


def _heuristic(ctx: Context, text: str) -> str | None:
    o = ctx.options
    words = WORD.findall(text)
    if not words or len(words) > o["max_words"]:
        return None
    if o["file_names"] and _FILE_NAME.search(text):
        return "image file name"
    if _END_PUNCT.search(text):
        return None
    if o["keyword_salad"] and len(words) >= o["min_salad_words"] and text == text.lower():
        stop = sum(1 for w in words if w.lower() in ctx.lang.stopwords)
        if stop / len(words) <= o["max_stopword_ratio"]:
            return "keyword-salad alt text"
    if o["short_unpunctuated"] and len(words) >= 2:
        return "short line without final punctuation"
    return None


def _hit(ctx: Context, span: Span, text: str, reason: str, whole_line: bool = False) -> Hit:
    fix = None
    if whole_line:
        doc_text = ctx.doc.text
        end = span.end
        while end < len(doc_text) and doc_text[end] in "\r\n":
            end += 1
        start = doc_text.rfind("\n", 0, span.start) + 1
        fix = Fix(Span(start, end), "", safe=False)
    return Hit(
        span, {"text": text if len(text) <= 80 else text[:77] + "...", "reason": reason}, fix=fix
    )


KIND = RuleKind("leftover", check, OPTIONS, __doc__.strip().splitlines()[0], fixes="unsafe")


@hookimpl
def lintnews_rule_kinds():
    return [KIND]
