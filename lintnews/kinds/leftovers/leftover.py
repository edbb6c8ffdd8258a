"""Leftover lines: stray image captions, photo credits, alt text and CMS widgets in the body.

Each line of a body paragraph is checked, after look-alike letters are folded to Latin:

* ``markers``: phrases that open a leftover line ("Foto:", "Imagen relacionada", "Lee
  también:"); ``lines``: patterns a whole leftover line matches (an agency name alone, a
  tweet signature, a time stamp); ``inline``: a credit or residue inside a prose line
  ("... durante el acto. Foto: EFE"), reported as just that span. Each is a mapping of
  language code to patterns (``"*"``: every language), extended by the language data lists
  ``<pack>-markers``, ``<pack>-lines`` and ``<pack>-inline`` of ``languages/<code>.yaml``,
  so a newsroom adds phrases in its own rule folder;
* ``markup``: image markup pasted into the text (``[caption id=...]``, ``<figcaption>``),
  searched in the source of body paragraphs and HTML blocks;
* ``file_names``: an image file name in a short line (anywhere in the body), or as the alt
  text of a Markdown image;
* ``keyword_salad``: a short line of lowercase content words with few stopwords and no
  sentence punctuation ("apoyo corea norte rusia seguridad"), also as image alt text;
* ``repeated``: the same short unpunctuated line twice in the body (a caption used twice);
* ``descriptions``: an unpunctuated photo description with no marker: people placed by the
  language's ``position-words`` ("Fulano (izquierda) y Mengano (derecha), durante ..."), a
  line opening with one of its ``caption-words`` ("Vista aérea de ..."), a name alone;
* ``widgets``: short lines right after a read-more marker belong to the same finding;
* ``model``: a logistic-regression line classifier (``caption_model``) for what is left;
  its score goes into every message of the rule, with the features that raised it.

Lines are measured in words: the shape heuristics look at lines of at most ``max_words``,
the classifier at lines of at most ``max_model_words``. The first ``skip_top_blocks`` body
blocks (the dek) are left to explicit markers, patterns and file names; a line opening with
a dateline ("MADRID (EFE).- ...") is never reported by the classifier. Headings, list items
and quotes are not body lines. Removing a whole leftover line is offered as an unsafe fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language import WORD
from ...language.normalize import fold, has_confusables
from ...patterns import PatternSet, UserPattern
from ..base import Context, Options, RuleKind, folder_of, option
from .caption_features import DATELINE_START, Body, body, features, is_short, word_set
from .caption_model import LineModel, load_model

_FILE_NAME = regexcache.compile(
    r"\b[\w-]+\.(?:jpe?g|png|gif|webp|tiff?|bmp|heic|svg|avif)\b", regex.I
)
_FILE_STEM = regexcache.compile(r"^[\p{Ll}\d]+(?:_[\p{Ll}\d]+){2,}$")
_PAREN_WORD = regexcache.compile(r"\((?:[^()]{0,20}\s)?(\p{L}+)(?:\s[^()]{0,20})?\)")
_SENTENCE_END = regexcache.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_END_PUNCT = regexcache.compile(r"[.!?…:;»\"”’)\]]\s*$")


@dataclass(frozen=True)
class LeftoverOptions(Options):
    pack: str = option("", "language-data prefix of this rule's phrase lists (e.g. caption)")
    markers: dict[str, list[str]] = option({}, "per language: phrases that open a leftover line")
    lines: dict[str, list[str]] = option({}, "per language: patterns a whole leftover line matches")
    inline: dict[str, list[str]] = option(
        {}, "per language: patterns of leftover residue inside a line"
    )
    markup: list[str] = option([], "patterns of image markup in the source text")
    agencies: list[str] = option([], "agency and photo-service names (classifier)")
    keyword_salad: bool = option(False, "report lines of lowercase keywords")
    file_names: bool = option(False, "report image file names in short lines")
    repeated: bool = option(False, "report a short line that appears twice in the body")
    widgets: bool = option(False, "short lines after a read-more marker join its finding")
    descriptions: bool = option(
        False, "report unpunctuated photo descriptions (position words, openers, names)"
    )
    model: str = option("", "line classifier weights (JSON), relative to the rule file", path=True)
    threshold: float = option(-1.0, "classifier score that reports a line (-1: the model's)")
    max_words: int = option(12, "longest line (in words) the shape heuristics consider")
    max_model_words: int = option(30, "longest line (in words) the classifier may report")
    min_salad_words: int = option(3, "fewest words in a keyword-salad line")
    max_stopword_ratio: float = option(0.2, "most stopwords in a keyword-salad line")
    skip_top_blocks: int = option(1, "body blocks after the headline left to markers (dek)")
    after_image_ok: bool = option(False, "a line right after a Markdown image is its caption")


@dataclass(frozen=True)
class Prepared:
    """What ``prepare`` loads once: the classifier (None without ``model``) and the folded
    agency names its features look for."""

    model: LineModel | None
    agencies: frozenset[str]


def prepare(options: LeftoverOptions, base_dir: Path) -> Prepared:
    """Check every pattern compiles and load the classifier weights named by ``model``."""
    out = options
    for key in ("markers", "lines", "inline"):
        for lang, patterns in out[key].items():
            for p in patterns:
                _check_pattern(p, TEMPLATES[key], f"{key}.{lang}")
    for p in out["markup"]:
        _check_pattern(p, TEMPLATES["markup"], "markup")
    path = Path(out["model"]) if out["model"] else None
    if path is not None and not path.is_absolute():
        path = folder_of(out["model"], base_dir) / path
    model = None
    if path is not None:
        try:
            model = load_model(path)
        except ValueError as exc:
            raise ValueError(f"option 'model': {exc}", "model") from None
    return Prepared(model, frozenset(fold(a) for a in out["agencies"]))


#: how each option's patterns are run: a line opening with a marker, a whole line, anywhere
TEMPLATES = {
    "markers": r"^\W{{0,3}}(?:{})",
    "lines": r"^\W{{0,2}}(?:{})\W{{0,2}}$",
    "inline": "{}",
    "markup": "{}",
}


def _check_pattern(pattern: str, template: str, where: str) -> None:
    """Compile the pattern as a draft will run it (compiled patterns are kept: see
    ``lintnews.patterns``), so that a bad one stops the rule file from loading."""
    try:
        UserPattern(template.format(f"(?:{pattern})"), regex.I)
    except ValueError:
        try:
            regexcache.compile(pattern, regex.V1)
        except regex.error as exc:
            raise ValueError(f"option '{where}': invalid pattern {pattern!r}: {exc}") from None
        raise ValueError(f"option '{where}': invalid pattern {pattern!r}") from None


_patterns_cache: dict = {}


def _patterns(ctx: Context):
    """Compiled (markers, lines, inline, markup) for the draft's language."""
    o, lang = ctx.options, ctx.lang
    pack = o["pack"]

    def pats(key):
        given = o[key].get("*", []) + o[key].get(ctx.doc.language, [])
        extra = (lang.data.get(f"{pack}-{key}", []) or []) if pack else []
        return tuple(given) + tuple(extra)

    key = (pats("markers"), pats("lines"), pats("inline"), tuple(o["markup"]))
    if key not in _patterns_cache:
        _patterns_cache[key] = (
            _compile(key[0], TEMPLATES["markers"]),
            _compile_set(key[1], TEMPLATES["lines"]),
            _compile_set(key[2], TEMPLATES["inline"]),
            _compile_set(key[3], TEMPLATES["markup"]),
        )
    return _patterns_cache[key]


def _compile(patterns: tuple[str, ...], template: str):
    """The alternation of the patterns (the marker that opens a line names the finding)."""
    if not patterns:
        return None
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return UserPattern(template.format(alternatives), regex.I)


def _compile_set(patterns: tuple[str, ...], template: str):
    """The same alternation, run one pattern at a time (see ``PatternSet``: much faster)."""
    return PatternSet(patterns, template, regex.I) if patterns else None


def annotate(ctx: Context) -> Body:
    """The body's lines, each with the rule (marker, pattern, shape) that matched it, if any."""
    o = ctx.options
    markers, lines, _, markup = _patterns(ctx)
    b = body(ctx.doc, o["after_image_ok"])
    if markup is not None:
        markup = markup.narrowed([ctx.doc.text[_src(line)] for line in b.lines])
    for line in b.lines:
        line.rule = _rule(ctx, line.text, markers, lines, markup, ctx.doc.text[_src(line)])
        if not line.rule and o["file_names"] and _is_file_name(line, o["max_words"]):
            line.rule = "image file name"
        if not line.rule and line.block > o["skip_top_blocks"]:
            line.rule = _shape(ctx, b, line)
    return b


def check(ctx: Context):
    o = ctx.options
    inline, markup = _patterns(ctx)[2:]
    b = annotate(ctx)
    if inline is not None:
        inline = inline.narrowed([line.text for line in b.lines])
    skip = o["skip_top_blocks"]
    model = ctx.prepared.model
    threshold = o["threshold"] if o["threshold"] >= 0 else (model.threshold if model else 1.0)
    covered_until = -1
    for i, line in enumerate(b.lines):
        if line.span.start < covered_until:
            continue
        reason = line.rule
        candidate = (
            line.block > skip
            and len(line.words) <= o["max_model_words"]
            and not DATELINE_START.match(line.text)
        )
        score, why = None, []
        if model is not None and (reason or candidate):  # the score is shown or decides
            values = features(b, i, ctx.lang, ctx.prepared.agencies, o["max_words"])
            score = model.score(values)
            why = model.reasons(values)
        if not reason and candidate and score is not None and score >= threshold:
            reason = "line classifier: " + ", ".join(why or ["shape"])
        if reason:
            end = _widget_end(b, i, o) if o["widgets"] and line.rule.startswith("marker") else i
            covered_until = b.lines[end].span.end
            yield _line_hit(ctx, line, b.lines[end].span.end, reason, score)
        elif inline is not None:
            yield from _inline_hits(ctx, line, inline)
    yield from _blocks(ctx, markup)


def _src(line) -> slice:
    return slice(line.span.start, line.span.end)


def _rule(ctx: Context, text: str, markers, lines, markup, source: str) -> str:
    # markers and lines are anchored at the start (see _patterns)
    if markers is not None and (m := markers.match(text)):
        return f"marker '{m.group().strip()[:30]}'"
    if lines is not None and lines.matches(text):
        return "leftover line pattern"
    if markup is not None and markup.found_in(source):
        return "image markup"
    return ""


def _shape(ctx: Context, b: Body, line) -> str:
    o = ctx.options
    words = line.words
    if not words or len(words) > o["max_words"]:
        return ""
    if o["repeated"] and len(words) >= 2 and not _END_PUNCT.search(line.text):
        if b.counts[" ".join(fold(line.text).split())] > 1:
            return "short line repeated (a caption used twice)"
    if o["keyword_salad"] and _is_salad(ctx, line.text, words):
        return "keyword-salad alt text"
    if o["descriptions"]:
        return _description(ctx, line)
    return ""


def _description(ctx: Context, line) -> str:
    """An unmarked photo description: no final stop, and people placed by position words,
    a caption opener ("Vista aérea de ..."), or a person's name alone on its line."""
    text, words = line.text, line.words
    if _SENTENCE_END.search(text) or len(words) < 2 or text[:1] in "\"“«'‘—–-":
        return ""
    folded = [fold(w) for w in words]
    positions = word_set(ctx.lang, "position-words")
    if any(m.group(1) in positions for m in _PAREN_WORD.finditer(fold(text))):
        return "photo description placing people (position words)"
    if folded[0] in word_set(ctx.lang, "caption-words"):
        return f"photo description opening with '{words[0]}'"
    if (
        len(words) <= 4
        and line.block > ctx.options["skip_top_blocks"] + 1
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(c.isdigit() for c in text)
    ):
        return "a name alone on its line"
    return ""


def _is_file_name(line, max_words: int) -> bool:
    words = line.words
    if not words or len(words) > max_words:
        return False
    return bool(_FILE_NAME.search(line.text) or _FILE_STEM.match(line.text))


def _is_salad(ctx: Context, text: str, words: tuple[str, ...]) -> bool:
    o = ctx.options
    if len(words) < o["min_salad_words"] or text != text.lower() or _END_PUNCT.search(text):
        return False
    stop = sum(1 for w in words if w.lower() in ctx.lang.stopwords)
    return stop / len(words) <= o["max_stopword_ratio"]


def _widget_end(b: Body, i: int, o: dict) -> int:
    """The last line of a related-links widget that starts at line ``i``."""
    if len(b.lines[i].words) > 4:  # "Lee también: <headline>" is a one-line widget
        return i
    end = i
    while end + 1 < len(b.lines):
        nxt = b.lines[end + 1]
        if nxt.rule or nxt.block > b.lines[end].block + 1 or not is_short(nxt, o["max_words"]):
            break
        end += 1
    return end


INLINE_WINDOW = 600  # residue sits at a line's end: long lines are searched in their tail


def _inline_hits(ctx: Context, line, inline):
    for m in inline.finditer(line.text, max(0, len(line.text) - INLINE_WINDOW)):
        start, end = m.start(), m.end()
        if len(line.text) != len(line.raw):
            start, end = 0, len(line.raw)  # folding changed lengths: report the line
        while start < end and line.raw[start].isspace():
            start += 1
        span = Span(line.span.start + start, line.span.start + end)
        lookalike = _lookalike(line.raw[start:end])
        yield _hit(span, line.raw[start:end].strip(), "residue inside a line" + lookalike)


def _blocks(ctx: Context, markup):
    """HTML blocks holding image markup; Markdown images whose alt text is a leftover."""
    for block in ctx.doc.blocks:
        source = ctx.doc.text[block.span.start : block.span.end]
        if block.kind == "html" and markup is not None and markup.found_in(source):
            yield _hit(block.span, source.strip(), "image markup", whole_line=ctx)
        elif block.kind == "image":
            alt = fold(block.meta.get("alt", ""))
            words = WORD.findall(alt)
            if ctx.options["file_names"] and _FILE_NAME.search(alt):
                yield _hit(block.span, alt, "image alt text is a file name")
            elif ctx.options["keyword_salad"] and words and _is_salad(ctx, alt, words):
                yield _hit(block.span, alt, "image alt text is keyword salad")


def _lookalike(raw: str) -> str:
    if any(has_confusables(w) for w in raw.split()):
        return ", written with look-alike letters"
    return ""


def _line_hit(ctx: Context, line, end: int, reason: str, score: float | None) -> Hit:
    raw = ctx.doc.text[line.span.start : end]
    if score is not None:
        reason += f"; line score {score:.2f}"
    return _hit(Span(line.span.start, end), raw, reason + _lookalike(raw), whole_line=ctx)


def _hit(span: Span, text: str, reason: str, whole_line: Context | None = None) -> Hit:
    fix = None
    if whole_line is not None:
        doc_text = whole_line.doc.text
        end = span.end
        while end < len(doc_text) and doc_text[end] in "\r\n":
            end += 1
        start = doc_text.rfind("\n", 0, span.start) + 1
        fix = Fix(Span(start, end), "", safe=False)
    text = " ".join(text.split())
    return Hit(
        span, {"text": text if len(text) <= 80 else text[:77] + "...", "reason": reason}, fix=fix
    )


KIND = RuleKind(
    "leftover",
    check,
    LeftoverOptions,
    __doc__.strip().splitlines()[0],
    fixes="unsafe",
    prepare=prepare,
)
