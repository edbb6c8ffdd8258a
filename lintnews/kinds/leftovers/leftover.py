"""Leftover lines: stray image captions, photo credits, alt text and CMS widgets in the body.

Each line of a body paragraph is checked, after look-alike letters are folded to Latin:

* ``markers``: phrases that open a leftover line ("Foto:", "Imagen relacionada", "Lee
  también:"); ``lines``: patterns a whole leftover line matches (an agency name alone, a
  tweet signature, a time stamp); ``inline``: a credit or residue inside a prose line
  ("... durante el acto. Foto: EFE"), reported as just that span. Each is a mapping of
  language code to patterns (``"*"``: every language), extended by the language data lists
  ``<pack>-markers``, ``<pack>-lines`` and ``<pack>-inline`` of ``languages/<code>.yaml``,
  so a newsroom adds phrases in its own rule folder;
* ``markup``: image markup or unfilled template code pasted into the text
  (``[caption id=...]``, ``<figcaption>``, ``{{author}}``), searched in the source of body
  paragraphs and HTML blocks;
* ``file_names``: an image file name in a short line (anywhere in the body), or as the alt
  text of a Markdown image;
* ``keyword_salad``: a line of lowercase content words with few stopwords and no sentence
  punctuation ("apoyo corea norte rusia seguridad"; up to ``max_model_words``, where the
  other shapes stop at ``max_words``: alt text has no length), also as image alt text; not an
  item of a list (three short lines in a row: a recipe's ingredients);
* ``repeated``: the same short unpunctuated line twice in the body (a caption used twice);
* ``descriptions``: an unpunctuated photo description with no marker: people placed by the
  language's ``position-words`` ("Fulano (izquierda) y Mengano (derecha), durante ..."), a
  line opening with one of its ``caption-words`` ("Vista aérea de ..."), a name alone, and
  a long paragraph that names its picture, stop or not: one of the language's
  ``picture-words`` and ``caption-of`` words ("Fotograma del capítulo ..."). Three shapes
  are evidence enough: a short paragraph that names its picture ("Interior de una pulquería
  en 1900."); a short line between a dateline alone in its paragraph and the paragraph it
  opens; a short line used twice, each copy beside a copy of one reported caption (a
  caption series printed twice);
* ``widgets``: short lines right after a read-more marker belong to the same finding (a
  Markdown list of short items right under it too: "Most read" over "1. ...", "2. ..."),
  and so does the short headline right above a read-more link alone on its line (the
  language's ``read-more`` phrases: a teaser);
* ``model``: a line classifier (boosted trees, ``caption_model``) over the line, its
  neighbours and its run of short lines (``caption_features``). Explicit evidence (markers,
  line patterns, markup, file names) reports a line by itself; the shape heuristics above
  only propose one, and the classifier decides them as it decides unmarked lines. Its score
  goes into every message, with the features that raised it in plain words.

Adjacent leftover lines are one finding spanning them; a run of short lines with more than
``MAX_FINDINGS_PER_RUN`` findings is a table or a list, where only explicit evidence is
reported (as one finding); a draft with no sentence of ``PROSE_WORDS`` words is a list, not
an article, and gets only explicit evidence too. A subhead (a few words of their own between
two paragraphs of prose: "Verdict", "Die Bilanz") is never a guess of the classifier. The
draft's structure claims some lines outright, never reported (``_structure``): the dated
heads of a timeline or a live blog, the "Label: value" lines of a fact sheet (a film's
credits, an event's "When:"), a wire's sign-off crediting the text's sources
(``_sign_offs``: the language's ``sign-offs``), a ``head_lines`` line above the text's first
sentence (the page's date under its headline, the byline, a wire's dateline: ``_head``) and
a transcript's stage direction in brackets (the language's ``stage-directions``).

Lines are measured in words: the shape heuristics look at lines of at most ``max_words``,
the classifier at lines of at most ``max_model_words``. The first ``skip_top_blocks`` body
blocks (the dek) are left to explicit markers, patterns and file names; a line opening with
a dateline ("MADRID (EFE).- ...") is never reported by the classifier. Headings, list items
and quotes are not body lines. Removing a whole leftover line is offered as an unsafe fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import regex

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language import SENTENCE_END, WORD
from ...language.normalize import fold, has_confusables
from ...patterns import FirstMatch, PatternSet, UserPattern, either, join_lines
from ...records import frozen
from ..base import Context, Options, RuleKind, folder_of, option, options_dataclass
from .caption_features import (
    DATELINE_LINE,
    DATELINE_START,
    END_PUNCT,
    FEATURES,
    Body,
    body,
    draft_features,
    ends_with,
    is_sentence,
    is_short,
    is_ui,
    line_key,
    rule_kind,
    run_ids,
    split_body,
    ui_words,
    word_set,
)
from .caption_model import LineModel, load_model

_FILE_NAME = regexcache.compile(
    r"\b[\w-]+\.(?:jpe?g|png|gif|webp|tiff?|bmp|heic|svg|avif)\b", regex.I
)
_FILE_STEM = regexcache.compile(r"^[\p{Ll}\d]+(?:_[\p{Ll}\d]+){2,}$")
_PAREN_WORD = regexcache.compile(r"\((?:[^()]{0,20}\s)?(\p{L}+)(?:\s[^()]{0,20})?\)")


@options_dataclass
class LeftoverOptions(Options):
    pack: str = option("", "language-data prefix of this rule's phrase lists (e.g. caption)")
    markers: dict[str, list[str]] = option({}, "per language: phrases that open a leftover line")
    lines: dict[str, list[str]] = option({}, "per language: patterns a whole leftover line matches")
    inline: dict[str, list[str]] = option(
        {}, "per language: patterns of leftover residue inside a line"
    )
    endings: dict[str, list[str]] = option(
        {}, "per language: patterns a whole line matches near the draft's end (author bios)"
    )
    head_lines: dict[str, list[str]] = option(
        {},
        "per language: patterns a whole line matches that is the page's own above the text's"
        " first sentence (its date, its byline), left alone there",
    )
    markup: list[str] = option(
        [], "patterns of image markup or unfilled template code in the source text"
    )
    agencies: list[str] = option([], "agency and photo-service names (classifier)")
    keyword_salad: bool = option(False, "report lines of lowercase keywords")
    file_names: bool = option(False, "report image file names in short lines")
    repeated: bool = option(False, "report a short line that appears twice in the body")
    widgets: bool = option(
        False, "short lines after a read-more marker, and a teaser's headline above it, join it"
    )
    furniture: bool = option(
        False, "report a short line made only of page-furniture words (leftover-words)"
    )
    descriptions: bool = option(
        False,
        "report photo descriptions with no marker (position words, openers, a picture named"
        " by its opener and 'of', names, a line between a dateline and its paragraph, a"
        " caption printed twice beside its twice-printed credit)",
    )
    model: str = option("", "line classifier weights (JSON), relative to the rule file", path=True)
    threshold: float = option(-1.0, "classifier score that reports a line (-1: the model's)")
    max_words: int = option(12, "longest line (in words) the shape heuristics consider")
    max_model_words: int = option(30, "longest line (in words) the classifier may report")
    min_salad_words: int = option(3, "fewest words in a keyword-salad line")
    max_stopword_ratio: float = option(0.2, "most stopwords in a keyword-salad line")
    skip_top_blocks: int = option(1, "body blocks after the headline left to markers (dek)")
    after_image_ok: bool = option(
        True, "the text right below a Markdown image (its paragraph or the next) is its caption"
    )
    image_credits_ok: bool = option(
        False, "with after_image_ok off, a caption's credit or date line is still the image's"
    )


@frozen
class Prepared:
    """What ``prepare`` loads once: the classifier (None without ``model``) and the folded
    agency names its features look for."""

    model: LineModel | None
    agencies: frozenset[str]


def prepare(options: LeftoverOptions, base_dir: Path) -> Prepared:
    """Check every pattern compiles and load the classifier weights named by ``model``."""
    out = options
    for key in ("markers", "lines", "inline", "endings", "head_lines"):
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
    "endings": r"^\W{{0,2}}(?:{})\W{{0,2}}$",
    "head_lines": r"^\W{{0,2}}(?:{})\W{{0,2}}$",
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


@frozen
class Patterns:
    """A rule's patterns compiled for one language (None: the rule has none of the kind)."""

    markers: FirstMatch | None
    lines: PatternSet | None
    inline: PatternSet | None
    markup: PatternSet | None
    endings: PatternSet | None
    head_lines: PatternSet | None


def _patterns(ctx: Context) -> Patterns:
    """The rule's patterns for the draft's language: the options' and the language data's
    (kept on the language for the rule's options, which a run asks for every draft)."""
    o = ctx.options
    # the entry holds the options too, so that their address is not reused while it lives
    key = ("leftover-patterns", id(o), ctx.doc.language)
    return ctx.lang.memo(key, lambda: (o, _gather_patterns(ctx)))[1]


def _gather_patterns(ctx: Context) -> Patterns:
    o, lang = ctx.options, ctx.lang
    pack = o["pack"]

    def pats(key):
        if key == "markup":
            return tuple(o["markup"])
        given = o[key].get("*", []) + o[key].get(ctx.doc.language, [])
        extra = (lang.data.get(f"{pack}-{key}", []) or []) if pack else []
        return tuple(given) + tuple(extra)

    key = tuple(pats(k) for k in TEMPLATES)
    if key not in _patterns_cache:
        compiled = {
            k: (_compile if k == "markers" else _compile_set)(given, TEMPLATES[k])
            for k, given in zip(TEMPLATES, key, strict=True)
        }
        _patterns_cache[key] = Patterns(**compiled)
    return _patterns_cache[key]


def _compile(patterns: tuple[str, ...], template: str):
    """The alternation of the patterns (the marker that opens a line names the finding)."""
    if not patterns:
        return None
    return FirstMatch(patterns, template, regex.I)


def _compile_set(patterns: tuple[str, ...], template: str):
    """The same alternation, run one pattern at a time (see ``PatternSet``: much faster)."""
    return PatternSet(patterns, template, regex.I) if patterns else None


def annotate(ctx: Context) -> Body:
    """The body's lines, each with the rule (marker, pattern, shape) that matched it, if any."""
    o = ctx.options
    found = _patterns(ctx)
    markers, lines, markup, endings = found.markers, found.lines, found.markup, found.endings
    b = body(ctx.doc, o["after_image_ok"])
    furniture = ui_words(ctx.lang)
    # the lines' whole source, for the markup patterns only: read when a pattern can match
    # somewhere in the draft's text (most drafts hold no markup: their lines' sources are
    # never put together)
    if markup is not None:
        markup = markup.narrowed([ctx.doc.text])
        if markup.parts is not None and not markup.parts:
            markup = None
    sources = [_source(ctx.doc, line) for line in b.lines] if markup is not None else None
    if sources is not None:
        markup = markup.narrowed(sources)
    if lines is not None:
        lines = lines.for_lines(joined=_joined(ctx))
    closing = _closing(len(b.lines))
    for i, line in enumerate(b.lines):
        line.rule = _rule(ctx, line.text, markers, lines, markup, sources[i] if sources else "")
        if not line.rule and endings is not None and i >= closing and endings.matches(line.text):
            line.rule = ENDING
        if not line.rule and o["file_names"] and _is_file_name(line, o["max_words"]):
            line.rule = "image file name"
        if not line.rule and o["furniture"] and _is_furniture(line, furniture, ctx.lang.stopwords):
            line.rule = FURNITURE
        if not line.rule and line.block > o["skip_top_blocks"]:
            line.rule = _shape(ctx, b, i)
    b.claimed = (
        _structure(b, o["max_words"], ctx.lang.stopwords)
        | _sign_offs(ctx, b)
        | _attributed(ctx, b)
        | _head(b, found.head_lines, o["skip_top_blocks"])
        | _stage_directions(ctx, b)
    )
    if b.captions and o["image_credits_ok"]:  # a caption read by a rule that reads captions
        b.claimed |= _caption_credits(ctx, b)
    return b


_BRACKETED = regexcache.compile(r"^\s*[\[(]\s*([^\[\]()\n]{1,40}?)\s*[\])]\s*\.?\s*$")


def _stage_directions(ctx: Context, b: Body) -> frozenset[int]:
    """A transcript's stage directions alone in brackets ("(Applause)", "[MUSIC]", "[AD
    BREAK]": the language's ``stage-directions``): the speech's, not a leftover."""
    words = word_set(ctx.lang, "stage-directions")
    if not words:
        return frozenset()
    out = []
    for i, line in enumerate(b.lines):
        if len(line.words) > 4 or " ".join(fold(line.text).strip("()[]. ").split()) not in words:
            continue  # (most lines: no source looked up)
        # the source's line: Markdown reads "[MUSIC]" as a link's text, without its brackets
        m = _BRACKETED.match(_source(ctx.doc, line))
        if m and " ".join(fold(m.group(1)).split()) in words:
            out.append(i)
    return frozenset(out)


#: how many lines below a sentence a byline or stamp shows it to be the dek ("By Tom
#: Aldous", "Science Editor", "18 October 2024")
DEK_BELOW = 3


def _head(b: Body, head_lines, skip: int) -> frozenset[int]:
    """The lines of the draft's head that a ``head_lines`` pattern matches: the page's date
    under its headline ("19 février 2020") is the article's, where a date alone lower down
    (a related story's) is a leftover. The head ends at the text's first sentence: past the
    first ``skip`` blocks (the dek), on no rule's evidence (not a caption); the draft's first
    sentence with a byline or stamp in the ``DEK_BELOW`` lines below it is the dek of a page
    with no heading above it."""
    if head_lines is None:
        return frozenset()
    out = []
    dek = True  # the draft's first sentence may be the dek: a byline or stamp below says so
    for i, line in enumerate(b.lines):
        prose = len(line.words) >= PROSE_WORDS and ends_with(SENTENCE_END, line.text)
        if line.block > skip and not line.rule and prose:
            below = b.lines[i + 1 : i + 1 + DEK_BELOW]
            if not (dek and any(head_lines.matches(x.text) for x in below)):
                break
        dek = dek and not prose
        if head_lines.matches(line.text):
            out.append(i)
    return frozenset(out)


#: a copyright sign, in an image's caption or anywhere
_CREDIT_SIGN = regexcache.compile(r"©|\(c\)\s")


def _caption_credits(ctx: Context, b: Body) -> frozenset[int]:
    """The lines of an image's caption that credit the picture or date it ("© 2024 Jane
    Roe / Gazette", "... Photo: Jane Roe/Reuters", "Thursday, March 14, 2024"): the
    image's, not a leftover, for a rule that reads captions (``cms-boilerplate`` still
    reports a "Read more", an ad label or a share bar left under an image)."""
    lang = ctx.lang
    labels = tuple(lang.data.get("credit-labels") or ())
    credit = lang.memo(("caption-credit", labels), lambda: _credit_pattern(labels))
    out = set()
    for i in b.captions:
        line = b.lines[i]
        numbers = sum(w.isdigit() for w in line.words)
        if (
            _CREDIT_SIGN.search(line.text)
            or (credit is not None and credit.search(line.text))
            or (line.words and 3 * numbers >= len(line.words))
        ):
            out.add(i)
    return frozenset(out)


def _credit_pattern(labels: tuple[str, ...]):
    """A credit word of the language and its colon or "by" ("Photo: ...", "Foto de ...")."""
    if not labels:
        return None
    return regexcache.compile(rf"(?i)\b(?:{either(labels)})s?\s*(?::|by\b|de\b|von\b|par\b|di\b)")


def _joined(ctx: Context) -> tuple[str, str]:
    """The body lines joined and folded for the pattern sets' tests (``join_lines``), made
    once per draft for both leftover rules."""
    # all the draft's body lines, an image's caption too: the joined text only tells which
    # patterns may match somewhere, and one made for both rules is made once
    lines = split_body(ctx.doc).lines
    return ctx.doc.memo(("leftover-joined",), lambda: join_lines([line.text for line in lines]))


def _sign_offs(ctx: Context, b: Body) -> frozenset[int]:
    """Lines that credit the text's sources, a wire's or a partner's sign-off ("Con
    información de EFE y Europa Press", "Mit Material von dpa"; the language's
    ``sign-offs``), and a wire desk's initials among the last lines (``_DESK``): article
    text, which names an agency as a credit does."""
    lang = ctx.lang
    desk = frozenset(
        i
        for i in range(max(0, len(b.lines) - ENDING_LINES), len(b.lines))
        if _DESK.fullmatch(b.lines[i].raw.strip())
    )
    pattern = lang.memo(
        "sign-offs", lambda: _compile(tuple(lang.data.get("sign-offs") or ()), TEMPLATES["lines"])
    )
    if pattern is None or pattern.absent(*_joined(ctx)):
        return desk  # most drafts: no sign-off's words anywhere
    return desk | frozenset(
        i
        for i, line in enumerate(b.lines)
        if len(line.words) <= SIGN_OFF_WORDS and pattern.match(line.text)
    )


#: a wire desk's initials closing the text, in lowercase ("ebd-mla/cbn", AFP) or with a double
#: slash ("JGO // SF", Lusa): the editors who handled it, not a credit of a picture
_DESK = regexcache.compile(
    r"\(?(?-i:\p{Ll}{2,4}(?:\s?[-/]\s?\p{Ll}{2,4}){1,4}|\p{L}{2,4}(?:\s?//\s?\p{L}{2,4}){1,3})\)?"
)


#: most words of a sign-off line
SIGN_OFF_WORDS = 30

#: fewest words of a sentence that reports someone's words (``_attributed``)
ATTRIBUTED_WORDS = 12


def _attributed(ctx: Context, b: Body) -> frozenset[int]:
    """Lines a marker or a line pattern matched that are a sentence of someone's words, its
    attribution at the end ("Sign up for the free alert service to get warnings about new
    scams, the force said."; the language's ``attribution-verbs``): article text. A related
    headline ("Read more: Barn destroyed in fire, officials say") has no full stop, and a
    line a label opens ("Read more: ...", "Photo: ...") is the label's, whatever it ends
    with."""
    data = ctx.lang.data
    verbs = tuple(data.get("attribution-verbs") or ())
    if not verbs:
        return frozenset()
    subjects = tuple(data.get("attribution-subjects") or ())
    pattern = ctx.lang.memo(
        ("attribution", verbs, subjects), lambda: _attribution_pattern(verbs, subjects)
    )
    return frozenset(
        i
        for i, line in enumerate(b.lines)
        if line.rule
        and len(line.words) >= ATTRIBUTED_WORDS
        and not _LABEL_VALUE.match(line.text)
        and pattern.search(line.text) is not None
    )


def _attribution_pattern(verbs: tuple[str, ...], subjects: tuple[str, ...]):
    """ ", the force said.", ", said Jane Roe, a spokeswoman." or ", dijo el portavoz."
    ending a sentence: the verb last, or after it a capitalised name or one of the words
    that open a speaker (``attribution-subjects``); ", con las cuales dijo estar
    comprometido." is no attribution."""
    speaker = r"(?-i:\p{Lu})[\p{L}'’.-]*"
    if subjects:
        speaker = rf"(?:{speaker}|(?:{either(subjects)})\b)"
    return regexcache.compile(
        rf"(?i),\s+(?:[\p{{L}}\p{{N}}'’.-]+\s+){{0,6}}?(?:{either(verbs)})"
        rf"(?:\s+{speaker}(?:,?\s+[\p{{L}}\p{{N}}'’.-]+){{0,6}})?\s*[.!][\"”»’]?\s*$"
    )


#: fewest dated heads that make a timeline or a live blog (one date above the lede is the
#: page's publication date, two a date and its update)
SERIES_HEADS = 3
#: fewest "Label: value" lines in a row that make a fact sheet
FACT_LINES = 3
#: most words of a dated head ("lunes, 19 de noviembre de 2019 - 10:30"), and fewest of the
#: sentence below it ("The council leader resigns.")
HEAD_WORDS = 10
HEAD_PROSE_WORDS = 4
#: least share of numbers among a dated head's words (stopwords aside)
HEAD_NUMBERS = 0.4
_LABEL_VALUE = regexcache.compile(r"^\W{0,2}(\p{L}[\p{L} .'’-]{0,24}?)\s?:\s+\S")
_DIGIT = regexcache.compile(r"\d|NUMBER\b")
#: what a date or a time has and a counter ("2 von 17", "3/12") has not: a year or a time
_YEAR_OR_TIME = regexcache.compile(
    r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\d)\d{1,2}[:.h]\d\d(?!\d)"
)


def _mostly_numbers(words: tuple[str, ...], stopwords: frozenset[str]) -> bool:
    """Whether ``HEAD_NUMBERS`` of a line's words but its stopwords are numbers: a date or
    a time ("June 12, 2019", "15 de enero de 2011"), not a line that holds one."""
    content = [w for w in words if w.lower() not in stopwords]
    numbers = sum(1 for w in content if _DIGIT.match(w))
    return bool(content) and numbers >= HEAD_NUMBERS * len(content)


def _structure(b: Body, max_words: int, stopwords: frozenset[str]) -> frozenset[int]:
    """Lines the draft's structure claims, which are never reported whole, whatever their
    shape or a line pattern says:

    * the dated heads of a timeline or a live blog: ``SERIES_HEADS`` lines or more, each a
      date with its year or a time (``HEAD_NUMBERS``; not a gallery's "2 von 17"), each a
      paragraph of its own above a sentence ("June 12, 2019", then "Engineers report
      cracks in two pillars."), or above the entry's title and its sentence ("21:25",
      "**Labour ahead**", then the entry), all different; the titles with them;
    * a fact sheet: ``FACT_LINES`` "Label: value" lines in a row or more (two other lines
      may stand between two of them, ``_fact_sheets``), with as many labels, fewer than
      half of them explicit evidence of this rule (a film's credits with its "Fotografía:",
      an event's "When:" and "Where:", a recipe's "Prep time:", a match report's box);
    * a list of quantities (``_quantities``: a recipe's ingredients).
    A marker (a phrase that opens a leftover: "Foto:", "Lee también:") is never claimed by a
    timeline."""
    lines = b.lines

    def prose(k: int) -> bool:  # a sentence in the block after line k - 1's
        return (
            k < len(lines)
            and lines[k].block == lines[k - 1].block + 1
            and len(lines[k].words) >= HEAD_PROSE_WORDS
            and ends_with(SENTENCE_END, lines[k].text)
        )

    def titled(k: int) -> bool:  # an entry's title alone above its sentence
        return (
            k < len(lines)
            and lines[k].block == lines[k - 1].block + 1
            and 0 < len(lines[k].words) <= max_words
            and not ends_with(SENTENCE_END, lines[k].text)
            and not lines[k].rule.startswith(EXPLICIT)
            and _alone(b, k)
            and prose(k + 1)
        )

    heads = []  # each dated head, with its entry's title when one stands below it
    for i, line in enumerate(lines):
        if (
            0 < len(line.words) <= HEAD_WORDS
            and not line.rule.startswith("marker")
            and _YEAR_OR_TIME.search(line.text)
            and _mostly_numbers(line.words, stopwords)
            and _alone(b, i)
        ):
            if prose(i + 1):
                heads.append((i,))
            elif titled(i + 1):
                heads.append((i, i + 1))
    if len({line_key(lines[h[0]].text) for h in heads}) < SERIES_HEADS:
        heads = []
    claimed = {i for head in heads for i in head}
    for rows in _fact_sheets(lines, max_words):
        labels = {fold(lines[k].text.partition(":")[0]) for k in rows}
        if len(rows) >= FACT_LINES and len(labels) >= FACT_LINES:
            explicit = sum(1 for k in rows if lines[k].rule.startswith(EXPLICIT))
            if 2 * explicit < len(rows):
                claimed.update(rows)
    claimed.update(_quantities(b, max_words))
    claimed.update(_contents(b, max_words))
    claimed.update(_bar_table(lines))
    claimed.update(_results(lines, max_words))
    return frozenset(claimed)


def _results(lines: list, max_words: int) -> list[int]:
    """A sports story's results: a line of ``RESULTS`` scores or more ("Monterrey 3-0 Santos
    Toluca 2-2 León", "Hugo Lambert (FRA) d Tomas Novak (CZE) 6-4 6-4"), or ``FACT_LINES``
    short lines or more in a row with a score each ("Cruz Azul 1-1 Pumas", "Monterrey 3-0
    Santos", ...); a score stands after a name, a country code or another score."""
    scores = {id(line): len(_SCORE.findall(line.text)) for line in lines if "-" in line.text}
    if not any(scores.values()):
        return []  # most drafts
    out = [i for i, line in enumerate(lines) if scores.get(id(line), 0) >= RESULTS]
    for i, j in _rows(lines, max_words, lambda line: scores.get(id(line), 0) > 0):
        if j - i >= FACT_LINES:
            out += range(i, j)
    return out


#: fewest scores of a line of results, and a score after a name, a country code or a score
RESULTS = 2
_SCORE = regexcache.compile(r"(?<=(?:\p{Lu}[\p{L}.]*|\)|\d)\s)\d{1,2}-\d{1,2}(?![\d/.:-])")


#: fewest rows of a table written as lines of cells between bars
TABLE_ROWS = 3


def _bar_table(lines: list) -> list[int]:
    """A table written as text, one row a line ("Partei | Stimmen | Prozent | Mandate", then
    "ÖVP | 1.702 | 44,1 | 11", ...): ``TABLE_ROWS`` lines or more in a row, each with the
    same two bars or more, one of them with a figure. Its head is no site's menu bar."""
    out: list[int] = []
    run: list[int] = []  # the rows so far, each with ``cells`` bars
    cells = 0
    for i, line in enumerate([*lines, None]):
        bars = line.text.count("|") if line is not None else 0
        if run and (bars != cells or line.block - lines[run[-1]].block > 1):
            if len(run) >= TABLE_ROWS and any(any(c.isdigit() for c in lines[k].text) for k in run):
                out += run
            run = []
        if bars >= 2:
            run.append(i)
            cells = bars
    return out


def _contents(b: Body, max_words: int) -> list[int]:
    """A table of contents: in a run of short lines, two or more lines of two words or
    more, all different and none a line a rule reports on evidence of its own (a credit, a
    marker), that come again further down as subheads (alone above a paragraph of prose),
    and the short label right above the first ("In this guide", "Inhalt"). (The noise
    policy drops the subheads' repeats of the same table, ``noise._contents``.)"""
    lines = b.lines
    runs = [
        (i, j)
        for i, j in _rows(lines, max_words, lambda line: not ends_with(_STOP, line.text))
        if j - i > 1
        and not any(
            lines[m].rule.startswith(EXPLICIT) and len(lines[m].words) > 1 for m in range(i, j)
        )
    ]  # (a gallery's credits, a widget's marker: no contents)
    if not runs:
        return []
    later: dict[str, list[int]] = {}
    for k in range(len(lines) - 1):
        after = lines[k + 1]
        if (
            1 < len(lines[k].words) <= max_words
            and after.block == lines[k].block + 1
            and len(after.words) > max_words
            and ends_with(SENTENCE_END, after.text)
            and _alone(b, k)
        ):
            later.setdefault(line_key(lines[k].text), []).append(k)
    out: list[int] = []
    for i, j in runs:
        entries: dict[str, int] = {}
        for m in range(i, j):
            key = line_key(lines[m].text)
            if len(lines[m].words) > 1 and key not in entries:
                if any(k > m for k in later.get(key, ())):
                    entries[key] = m
        if len(entries) < 2:
            continue
        first, last = min(entries.values()), max(entries.values())
        out.extend(range(first, last + 1))  # the lines between: sections not written yet
        if first > 0 and len(lines[first - 1].words) <= FURNITURE_WORDS and _alone(b, first - 1):
            out.append(first - 1)
    return out


#: a sentence's stop (a table of contents' line may be a question or a label)
_STOP = regexcache.compile(r"[.!…;][\"'”’»)\]]*\s*$")


def _fact_sheets(lines: list, max_words: int) -> Iterator[list[int]]:
    """The "Label: value" lines of each stretch of adjacent blocks where they stand one
    after another or with one or two lines of no sentence between two of them (a match
    report's box: "Tore: ...", "Schiedsrichter: ...", "Zuschauer: ..."; the score line
    "Flamengo 2 x 0 Bahia" or the two teams' line-ups between its rows). A row longer than
    ``max_words`` words (up to ``FACT_WORDS``: a line-up) ends with no sentence stop; a line
    other evidence reports is never between two."""

    def row(line) -> bool:
        n = len(line.words)
        return (
            0 < n <= FACT_WORDS
            and (n <= max_words or not ends_with(SENTENCE_END, line.text))
            and bool(_FACT_ROW.match(line.text))
        )

    def between(line) -> bool:
        return (
            len(line.words) <= FACT_WORDS
            and not line.rule.startswith(EXPLICIT)
            and not ends_with(SENTENCE_END, line.text)
        )

    rows: list[int] = []
    for k, line in enumerate(lines):
        if rows and (line.block - lines[k - 1].block > 1 or not (row(line) or between(line))):
            yield rows
            rows = []
        if row(line):
            if rows and k - rows[-1] > 3:
                yield rows
                rows = []
            rows.append(k)
    if rows:
        yield rows


#: most words of a "Label: value" line of a fact sheet (a team's line-up with its changes)
FACT_WORDS = 40
#: a fact sheet's row: a label, perhaps a note in brackets ("Atalanta (3-4-2-1):"), a colon
_FACT_ROW = regexcache.compile(r"^\W{0,2}\p{L}[\p{L} .'’-]{0,24}?(?:\s?\([^)\n]{1,15}\))?\s?:\s+\S")


def _rows(lines: list, max_words: int, fits) -> Iterator[tuple[int, int]]:
    """``(i, j)`` of each run ``lines[i:j]`` of short lines in adjacent blocks, each one
    ``fits``: the rows of a fact sheet or a list."""
    i = 0
    while i < len(lines):
        j = i
        while (
            j < len(lines)
            and len(lines[j].words) <= max_words
            and (j == i or lines[j].block - lines[j - 1].block <= 1)
            and fits(lines[j])
        ):
            j += 1
        if j > i:
            yield i, j
        i = max(j, i + 1)


def _quantities(b: Body, max_words: int) -> list[int]:
    """A list of quantities: ``FACT_LINES`` short lines in a row or more, each opening with
    a number and a lowercase word, all different ("2 tablespoons vegetable oil", "250 g
    minced lamb", "1¼ teaspoon ground black pepper": a recipe's ingredients). Not a gallery's
    counters ("1 of 12", "2 of 12": the same words) nor a numbered list of headlines ("1
    Storm closes the coast road": a capital after the number)."""
    lines, out = b.lines, []

    def quantity(line) -> bool:  # a digit near the start first: most lines have none
        return any(c.isdigit() for c in line.text[:4]) and bool(_QUANTITY.match(line.text))

    for i, j in _rows(lines, max_words, quantity):
        texts = {_DIGITS_OUT.sub("", lines[k].text) for k in range(i, j)}
        if j - i >= FACT_LINES and len(texts) == j - i:
            out += range(i, j)
    return out


#: a number (with a fraction: "1¼", which lines hold folded as "11⁄4"; "1/2") and a
#: lowercase word after it
_QUANTITY = regexcache.compile(r"\W{0,3}\d+(?:[.,/⁄]\d+)?[¼½¾⅓⅔]?\s+(?-i:\p{Ll})")
_DIGITS_OUT = regexcache.compile(r"[\d¼½¾⅓⅔.,/⁄]+")


#: rules whose match is evidence enough; the shape heuristics only propose a line, which the
#: classifier (when the rule has one) confirms or drops, as it does unmarked lines
FURNITURE = "page furniture: share, subscribe, related..."
ENDING = "an author's note at the end of the text"
PICTURE = "photo description naming its picture"
#: most words of a line naming its picture that is evidence enough, a stop or not (a
#: longer one, or one of at most ``max_words`` with a stop, is a proposal: prose may open
#: so, "Captura de alias 'El Gordo' fue la operación más importante del año.")
PICTURE_WORDS = 8
SPLIT_DATELINE = "between a dateline and the paragraph it opens"
NAME_ALONE = "a name alone on its line"
EXPLICIT = (
    ENDING,
    PICTURE,
    SPLIT_DATELINE,
    "marker",
    "leftover line pattern",
    "markup or template code",
    "image file name",
    FURNITURE,
)
_TWICE = "short line repeated"
#: what a finding's reason says when it is a guess: the classifier's, or a shape heuristic's
#: that the classifier confirmed (the noise policy drops a guess about lines another leftover
#: rule reports on its own evidence)
GUESSES = (
    "line classifier",
    SPLIT_DATELINE,
    _TWICE,
    "keyword-salad alt text",
    "photo description",
    NAME_ALONE,
)
#: the most words a line of page furniture alone has ("Share", "Related topics")
FURNITURE_WORDS = 4
#: a run of short lines gets at most this many findings; past it, one finding spans them all
#: (a table, a list or a widget is one thing to look at, whatever the number of its lines)
MAX_FINDINGS_PER_RUN = 3
#: a draft with no sentence of this many words is a list or a table, not an article
PROSE_WORDS = 8
#: the classifier reports a line no rule matched only in a draft with this many sentences:
#: in a three-line brief every line is short and next to the end
GUESS_SENTENCES = 3


def check(ctx: Context):
    o = ctx.options
    found = _patterns(ctx)
    inline, markup = found.inline, found.markup
    b = annotate(ctx)
    if inline is not None:
        inline = inline.narrowed(joined=_joined(ctx))
    flagged = _flag_lines(ctx, b)

    def reported(i: int) -> bool:  # on evidence of its own, not as a line used twice itself
        if i in flagged:
            return not flagged[i][0].startswith(_TWICE)
        return inline is not None and next(_inline_hits(ctx, b.lines[i], inline), None) is not None

    if o["descriptions"]:
        flagged = _series_twice(b, flagged, o["max_words"], reported)
    read_more = word_set(ctx.lang, "read-more")
    furniture, stopwords = ui_words(ctx.lang), ctx.lang.stopwords

    def ad_label(i: int) -> bool:  # "Advertisement", "Anzeige": no link list follows it
        line = b.lines[i]
        folded = fold(line.text)
        return _is_furniture(line, furniture, stopwords) and not any(
            phrase in folded for phrase in read_more
        )

    found = _group(b, flagged, o, ad_label)
    if o["widgets"]:
        found = _with_teasers(b, found, read_more, o["skip_top_blocks"])
    for first, last, reason, score in found:
        lines = b.lines[first : last + 1]
        if o["widgets"] and reason.startswith("marker") and len(lines[0].words) <= WIDGET_HEAD:
            lines = lines + _listed_links(ctx, lines[-1], o["max_words"])
        yield _line_hit(ctx, lines, reason, score)
    if inline is not None:
        taken = {i for first, last, _, _ in found for i in range(first, last + 1)}
        for i, line in enumerate(b.lines):
            if i not in taken and i not in b.claimed:
                yield from _inline_hits(ctx, line, inline)
    yield from _blocks(ctx, markup)


def _flag_lines(ctx: Context, b: Body) -> dict[int, tuple[str, float | None]]:
    """{line index: (reason, score)} of the body lines this rule reports.

    The classifier is asked about the candidate lines (``is_candidate``: lines a rule
    matched, whose score goes into the message, and lines short enough to be a caption,
    sentences too: a photo description is often one)."""
    o = ctx.options
    model = ctx.prepared.model
    lines = b.lines
    sentences = sum(
        1 for line in lines if len(line.words) >= PROSE_WORDS and ends_with(SENTENCE_END, line.text)
    )
    prose = sentences > 0
    threshold = o["threshold"]
    skip, longest = o["skip_top_blocks"], o["max_model_words"]

    def bar(heuristic: str) -> float:
        return threshold if threshold >= 0 else model.bar(heuristic)

    stopwords = ctx.lang.stopwords
    furniture = ui_words(ctx.lang)
    candidates = [
        i
        for i, line in enumerate(lines)
        if i not in b.claimed and is_candidate(line, skip, longest, stopwords)
    ]
    vectors = (
        draft_features(b, candidates, ctx.lang, ctx.prepared.agencies, o["max_words"])
        if model is not None and prose
        else {}
    )
    flagged = {}
    for i in candidates:
        rule = lines[i].rule
        score = model.score(vectors[i]) if i in vectors else None
        if rule.startswith(EXPLICIT) or (rule and model is None):
            flagged[i] = (rule, score)
        elif not prose:
            continue  # a draft of short lines only (results, a list): shape proves nothing
        elif not rule and sentences < GUESS_SENTENCES:
            continue  # too little article around to tell an unmarked line from it
        elif _subhead(b, i, furniture, stopwords) and (
            not rule or (rule == NAME_ALONE and any(w.lower() in stopwords for w in lines[i].words))
        ):
            continue  # a subhead between two paragraphs of prose ("Unser Fazit", "Verdict")
        elif score is not None and not vectors[i][_BYLINE] and score >= bar(rule_kind(rule)):
            flagged[i] = (rule or _why(model.reasons(vectors[i], top=4)), score)
    return _both_copies(b, candidates, flagged)


#: most words of a subhead an unmarked guess leaves alone
SUBHEAD_WORDS = 3


def _subhead(b: Body, i: int, furniture: frozenset[str], stopwords: frozenset[str]) -> bool:
    """A short line of its own (``SUBHEAD_WORDS`` words at most, no stop, no number, no word
    of page furniture) between two paragraphs of prose, each ending with a sentence: a
    subhead ("Fazit", "Unser Fazit", "Verdict"), not "Slideshow (15 images)". Under a line
    of page furniture (an ad label: "Advertisement", which stands where sections start) it
    is measured from the paragraph above the label, and may be longer and hold a number
    (``_opens_section``: "What the council does next", "Why 2026 matters")."""
    lines = b.lines
    if not 0 < i < len(lines) - 1:
        return False
    before, line, after = lines[i - 1], lines[i], lines[i + 1]
    if i > 1 and _is_furniture(before, furniture, stopwords):
        return (
            _alone(b, i)
            and not any(is_ui(w.lower(), furniture) for w in line.words)
            and _opens_section(b, i)
            and len(lines[i - 2].words) >= PROSE_WORDS
            and ends_with(SENTENCE_END, lines[i - 2].text)
        )
    return (
        len(line.words) <= SUBHEAD_WORDS
        and _alone(b, i)
        and not ends_with(SENTENCE_END, line.text)
        and not any(c.isdigit() for c in line.text)
        and not any(is_ui(w.lower(), furniture) for w in line.words)
        and all(
            len(x.words) >= PROSE_WORDS and ends_with(SENTENCE_END, x.text) for x in (before, after)
        )
    )


def is_candidate(
    line, skip: int, longest: int, stopwords: frozenset[str], sentences: bool = False
) -> bool:
    """A line the classifier is asked about: one a rule matched, or one below the dek of at
    most ``longest`` words that neither opens with a dateline nor reads as a full sentence.
    The classifier is trained on full sentences too (``sentences``)."""
    return bool(line.rule) or (
        line.block > skip
        and len(line.words) <= longest
        and not DATELINE_START.match(line.text)
        and (sentences or not is_sentence(line, stopwords))
    )


def _series_twice(b: Body, flagged: dict, max_words: int, reported) -> dict:
    """A short line used twice, each copy beside a copy of one line this rule reports,
    whole or by an inline credit (``reported``): a caption and its credited twin printed
    twice, as a gallery does. It is a caption too, stop or not; a short sentence used twice
    with nothing reported beside it is left to the repetition rules."""
    if 2 not in b.counts.values():
        return flagged  # no line used twice: most drafts
    lines = b.lines
    copies: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if i not in flagged and len(line.words) <= max_words:
            key = line_key(line.text)
            if b.counts[key] == 2:
                copies.setdefault(key, []).append(i)
    for pair in copies.values():
        if len(pair) != 2 or pair[1] - pair[0] < 2:
            continue
        i, j = pair
        for d in (-1, 1):
            if (
                i + d >= 0
                and j + d < len(lines)
                and line_key(lines[i + d].text) == line_key(lines[j + d].text)
                and reported(i + d)
                and reported(j + d)
            ):
                flagged[i] = flagged[j] = (_TWICE + " beside a caption also used twice", None)
                break
    return flagged


def _both_copies(b: Body, candidates: list[int], flagged: dict) -> dict:
    """A short line used twice is one caption: when one copy is reported, so is the other."""
    keys = {
        line_key(b.lines[i].text) for i, (rule, _) in flagged.items() if rule.startswith(_TWICE)
    }
    for i in candidates:
        line = b.lines[i]
        if i not in flagged and line.rule.startswith(_TWICE) and line_key(line.text) in keys:
            flagged[i] = (line.rule, None)
    return flagged


_BYLINE = FEATURES.index("byline_top")  # a name under the dek is a byline, left alone

#: what the classifier's features mean, in an editor's words
_WHY = {
    "log_words": "a short line",
    "short": "a short line",
    "one_word": "a short line",
    "end_stop": "no full stop at the end",
    "stopwords": "few function words",
    "capitalised": "mostly capitalised words",
    "all_lower": "all in lower case",
    "all_upper": "all in capitals",
    "caption_word": "opens like a photo description",
    "position_word": "places people in a picture",
    "agency": "names a photo agency",
    "paren_end": "ends with a name in brackets",
    "caps_run_end": "ends with a name in capitals",
    "handle_or_link": "a handle or a link",
    "capitalised_elsewhere": "words the text capitalises elsewhere",
    "repeated": "appears twice",
    "name_only": "a name alone",
    "separators": "items separated by | or /",
    "time_stamp": "a date or a time",
    "date": "a date or a time",
    "glued": "words run together",
    "lookalike": "letters from another alphabet",
    "symbols": "many symbols",
    "ui_words": "words of page furniture (share, subscribe, related...)",
    "ui_first": "words of page furniture (share, subscribe, related...)",
    "rel_position": "where page furniture sits",
    "last_blocks": "where page furniture sits",
    "top": "where page furniture sits",
    "overlap_draft": "words the rest of the text does not use",
    "label_colon": "a headline's label and colon",
    "question": "a headline's question",
    "draft_evidence": "other leftovers in the text",
    "finite_verb": "no verb, as a photo description",
    "credit_prev": "next to a photo credit",
    "credit_next": "next to a photo credit",
}


def _why(reasons: list[str]) -> str:
    """The classifier's reasons in plain words: its own features, then its context."""
    words: list[str] = []
    for name in reasons:
        if name.startswith("run_"):
            phrase = "in a block of short lines"
        elif name[-2:-1] in "+-" and name[-1:].isdigit():
            phrase = (
                "next to other leftover lines" if name.startswith("rule") else "among short lines"
            )
        else:
            phrase = _WHY.get(name, "")
        if phrase and phrase not in words:
            words.append(phrase)
    return "line classifier: " + ", ".join(words[:3] or ["its shape"])


def _group(b: Body, flagged: dict, o: dict, ad_label=lambda i: False):
    """(first, last, reason, score) of each finding: flagged lines next to each other make
    one finding when the same kind of evidence found them (explicit, or shape and the
    classifier), and so do the short lines after a read-more marker (``widgets``)."""
    out = []
    for i in sorted(flagged):
        reason, score = flagged[i]
        if (
            out
            and out[-1][1] == i - 1
            and b.lines[i].block - b.lines[i - 1].block <= 1
            and reason.startswith(EXPLICIT) == out[-1][2].startswith(EXPLICIT)
        ):
            first, _, first_reason, first_score = out[-1]
            out[-1] = (first, i, first_reason, first_score)
            continue
        out.append((i, i, reason, score))
    if o["widgets"]:
        out = [
            (
                first,
                max(last, _widget_end(b, first, o, ad_label(first)))
                if reason.startswith("marker")
                else last,
                reason,
                score,
            )
            for first, last, reason, score in out
        ]
    return _cap_runs(b, out, o)


#: most words of a marker line that heads a widget of links ("Most read", "Lee también")
WIDGET_HEAD = 4
#: most items of a list of links a widget's marker heads
WIDGET_ITEMS = 10


def _listed_links(ctx: Context, line, longest: int) -> list:
    """The items of a Markdown list right after a widget's marker line ("Most read" over
    "1. Teenager rescued ...", "2. ..."), as lines of the finding, when it is a short list
    of short items: the widget's links, which the body's lines (paragraphs only) leave
    out. A list of full sentences, or a long one, is the article's."""
    doc = ctx.doc
    block = doc.block_at(line.span.start)
    if block is None or line.span.end < block.span.end - 1:
        return []  # the marker is not its block's last line: something else follows it
    items = []  # the list's items from the block after the marker on, a few at most
    nxt = doc.next(block)
    where = nxt.meta.get("list") if nxt is not None and nxt.kind == "list_item" else None
    while where is not None and nxt is not None and nxt.kind == "list_item":
        if nxt.meta.get("list") == where:
            items.append(nxt)
            if len(items) > WIDGET_ITEMS:
                return []
        nxt = doc.next(nxt)
    if not items:
        return []
    words = [WORD.findall(item.prose) for item in items]
    if any(not w or len(w) > longest for w in words):
        return []
    if any(ends_with(SENTENCE_END, item.prose.strip()) for item in items):
        return []  # sentences: the article's own list
    return [_ListItem(item.span) for item in items]


class _ListItem(NamedTuple):
    """A list item as a finding's line (``_line_hit`` reads its span, rule and words)."""

    span: Span
    rule: str = ""
    words: tuple = ()


#: most words of a teaser's headline, the line above its "Read more"
TEASER_WORDS = 16


def _with_teasers(b: Body, found: list, read_more: frozenset[str], skip: int) -> list:
    """A finding of a read-more link alone on its line (the language's ``read-more``
    phrases: "Leer más", "Weiterlesen") takes in the line above it when that line is a
    headline, a paragraph of its own below the dek, not reported, short and with no final
    stop: the teaser of another story, one widget with its link ("Presidente visitó ...",
    then "Leer más"). The last line of a longer paragraph is no headline."""
    if not read_more:
        return found
    taken = {i for first, last, _, _ in found for i in range(first, last + 1)}
    out = []
    for first, last, reason, score in found:
        line = b.lines[first]
        if (
            reason.startswith("marker")
            and first > 0
            and first - 1 not in taken
            and fold(" ".join(line.words)) in read_more
        ):
            above = b.lines[first - 1]
            if (
                above.block == line.block - 1
                and above.block > skip
                and _alone(b, first - 1)
                and 2 <= len(above.words) <= TEASER_WORDS
                and not ends_with(SENTENCE_END, above.text)
            ):
                first -= 1
        out.append((first, last, reason, score))
    return out


def _cap_runs(b: Body, found: list, o: dict) -> list:
    """At most ``MAX_FINDINGS_PER_RUN`` findings in one run of short lines. A run with more
    is structure (a table, a list of names and addresses, results): what only its shape
    proposed is dropped, and what explicit rules found is one finding spanning it."""
    run_of = run_ids(b.lines, o["max_words"])
    by_run: dict[int, list] = {}
    for f in found:
        by_run.setdefault(run_of[f[0]], []).append(f)
    out = []
    for run, items in by_run.items():
        if run < 0 or len(items) <= MAX_FINDINGS_PER_RUN:
            out.extend(items)
            continue
        explicit = [f for f in items if f[2].startswith(EXPLICIT)]
        if len(explicit) <= MAX_FINDINGS_PER_RUN:
            out.extend(explicit)
        else:
            first, _, reason, score = explicit[0]
            more = f" (and {len(explicit) - 1} more in the same block of lines)"
            out.append((first, max(f[1] for f in explicit), reason + more, score))
    return sorted(out)


def _source(doc, line) -> str:
    """The source of the lines a body line stands on, whole: markup, links and addresses
    the prose leaves out (an embed's text closed by its short link) are in it."""
    first = doc.line_span(doc.locate(line.span.start)[0])
    last = doc.line_span(doc.locate(max(line.span.start, line.span.end - 1))[0])
    return doc.text[first.start : last.end]


#: the ``endings`` patterns are read in the body's last lines: its last fifth, or its last
#: three lines in a short draft ("Jane Doe is a reporter..." mid-story is article text)
ENDING_SHARE = 0.8
ENDING_LINES = 3


def _closing(n: int) -> int:
    """The index of the first of ``n`` body lines where the ``endings`` patterns apply."""
    return min(int(n * ENDING_SHARE), max(n - ENDING_LINES, 0))


def _rule(ctx: Context, text: str, markers, lines, markup, source: str) -> str:
    # markers and lines are anchored at the start (see _patterns); lines: the lines'
    # PatternSet.matches (see annotate)
    if markers is not None and (m := markers.match(text)):
        return f"marker '{m.group().strip()[:30]}'"
    if lines is not None and lines(text):
        return "leftover line pattern"
    if markup is not None and markup.found_in(source):
        return "markup or template code"
    return ""


def _shape(ctx: Context, b: Body, i: int) -> str:
    o = ctx.options
    line = b.lines[i]
    words = line.words
    if o["descriptions"] and _names_picture(ctx, b, i, o["max_model_words"]):
        n = len(words)
        if (
            n <= PICTURE_WORDS
            or (n <= o["max_words"] and not ends_with(SENTENCE_END, line.text))
            or fold(words[0]) in word_set(ctx.lang, "photo-words")
        ):
            return f"{PICTURE} ('{words[0]} {words[1]}')"
        return f"photo description opening with '{words[0]}'"  # the classifier decides
    if not words or len(words) > o["max_model_words"]:
        return ""
    if len(words) > o["max_words"]:  # longer than a caption, but alt text has no bound
        salad = o["keyword_salad"] and _is_salad(ctx, line.text, words)
        return "keyword-salad alt text" if salad and not _in_list(b, i, o) else ""
    if o["descriptions"] and _splits_dateline(ctx, b, i):
        return SPLIT_DATELINE
    if o["repeated"] and len(words) >= 2 and not ends_with(END_PUNCT, line.text):
        if b.counts[line_key(line.text)] > 1:
            return _TWICE + " (a caption used twice)"
    if o["keyword_salad"] and _is_salad(ctx, line.text, words) and not _in_list(b, i, o):
        return "keyword-salad alt text"
    if o["descriptions"]:
        return _description(ctx, line)
    return ""


#: most words of a photo description found by its opening word alone
OPENER_WORDS = 15
#: fewest words of a sentence that a caption word opens without its "of" and that is read
#: as prose ("Photo ID is required at the polls.")
SENTENCE_OPENER_WORDS = 6


def _names_picture(ctx: Context, b: Body, i: int, longest: int) -> bool:
    """A paragraph of one line and at most ``longest`` words that opens with a word for a
    picture itself (``picture-words``) and the word that joins it to what it shows
    (``caption-of``), or with a word of ``picture-modifiers`` beside the picture's:
    "Fotograma del capítulo ...", "Interior de una pulquería en 1900.", "View of the
    harbour", "Vista aérea de la plaza", "Aerial view of the port". A short one is
    evidence enough (``PICTURE_WORDS``), and so is one of any length that opens with a
    word for a photograph itself (``photo-words``: "Foto de", "Photo of"); the classifier
    is asked about another longer one, a full sentence too: prose may open so ("Detail of
    the plan was published ..."). A line that ends with a colon introduces what follows."""
    line = b.lines[i]
    words = line.words
    if not 2 < len(words) <= longest or not words[0][:1].isupper():
        return False
    of, pictures = word_set(ctx.lang, "caption-of"), word_set(ctx.lang, "picture-words")
    if fold(words[1]) in of:  # most lines: this lookup and the next
        named = fold(words[0]) in pictures
    elif fold(words[2]) in of:
        # a word of ``picture-modifiers`` on either side of the picture's: "Vista aérea de
        # la plaza", "Aerial view of the harbour" (a closed list: "Imagen pública de la
        # consejera", "Clearer picture of the labour market" are prose)
        first, second = fold(words[0]), fold(words[1])
        modifiers = word_set(ctx.lang, "picture-modifiers")
        named = (first in pictures and second in modifiers) or (
            first in modifiers and second in pictures
        )
    else:
        return False
    return named and _alone(b, i) and not line.text.rstrip().endswith(":")


#: most words of a place in a dateline alone on its line ("Ciudad de México -")
DATELINE_WORDS = 5


def _splits_dateline(ctx: Context, b: Body, i: int) -> bool:
    """A short paragraph with no final stop between a dateline alone in its paragraph, a
    place ("Chicago, Estados Unidos -": its words capitalised, but for the language's
    ``name-connectors``), and the paragraph that dateline opens: a caption the page set
    between them. Evidence enough (the classifier would take the line for a byline under
    the dek); for the noise policy a guess, which a marker's finding on the line replaces."""
    lines = b.lines
    if not 0 < i < len(lines) - 1 or ends_with(SENTENCE_END, lines[i].text):
        return False
    before, after = lines[i - 1], lines[i + 1]
    if not (
        _alone(b, i)
        and _alone(b, i - 1)
        and after.block == lines[i].block + 1
        and len(after.words) >= PROSE_WORDS
        and 0 < len(before.words) <= DATELINE_WORDS
        and DATELINE_LINE.match(before.text)
    ):
        return False
    connectors = word_set(ctx.lang, "name-connectors")
    return all(w[:1].isupper() or fold(w) in connectors for w in before.words)


def _alone(b: Body, i: int) -> bool:
    """Whether line ``i`` is a paragraph of its own."""
    lines, block = b.lines, b.lines[i].block
    return (i == 0 or lines[i - 1].block != block) and (
        i + 1 == len(lines) or lines[i + 1].block != block
    )


def _description(ctx: Context, line) -> str:
    """An unmarked photo description: no final stop, and people placed by position words,
    a caption opener ("Vista aérea de ..."), or a person's name alone on its line."""
    text, words = line.text, line.words
    if len(words) < 2 or text[:1] in "\"“«'‘—–-":
        return ""
    folded = [fold(w) for w in words]
    if (
        folded[0] in word_set(ctx.lang, "caption-words")
        and len(words) <= OPENER_WORDS
        and not (
            len(words) >= SENTENCE_OPENER_WORDS
            and ends_with(SENTENCE_END, text)
            and folded[1] not in word_set(ctx.lang, "caption-of")
            and folded[1] not in word_set(ctx.lang, "caption-verbs")
        )
    ):
        # "Vista aérea de la plaza", "Interior de una pulquería en 1900.", "Photo shows the
        # old courthouse." (a stop or not); not a sentence whose subject the word only
        # opens ("Foto e vídeo do assalto foram enviados.", "Photo ID is required.")
        return f"photo description opening with '{words[0]}'"
    if ends_with(SENTENCE_END, text):
        return ""
    positions = word_set(ctx.lang, "position-words")
    if any(m.group(1) in positions for m in _PAREN_WORD.finditer(fold(text))):
        return "photo description placing people (position words)"
    if (
        len(words) <= 4
        and line.block > ctx.options["skip_top_blocks"] + 1
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(c.isdigit() for c in text)
    ):
        return NAME_ALONE
    return ""


def _is_furniture(line, furniture: frozenset[str], stopwords: frozenset[str]) -> bool:
    """A line of page-furniture words and the little words between them: "Share",
    "Commenter", "Verwandte Themen", "Les plus populaires"; also their buttons run together
    when the page lost its spacing ("TeilenDruckenTweeten", "facebooktwitterwhatsapp")."""
    if not 0 < len(line.words) <= FURNITURE_WORDS or any(c.isdigit() for c in line.text):
        return False
    words = [w.lower() for w in line.words]
    if len(words) == 1 and _glued_furniture(line.words[0], furniture):
        return True
    ui = [is_ui(w, furniture) for w in words]
    return any(ui) and all(u or w in stopwords for u, w in zip(ui, words, strict=True))


def _glued_furniture(token: str, furniture: frozenset[str]) -> bool:
    """A token that splits, at its capitals or else anywhere, into two or more furniture
    words (the longest first, as a reader would)."""
    parts = regex.findall(r"\p{Lu}\p{Ll}+|\p{Ll}+", token)
    if len(parts) >= 2 and "".join(parts) == token:
        return all(p.lower() in furniture for p in parts)
    return len(token) >= 10 and token.islower() and len(_split_words(token, furniture)) >= 2


def _split_words(text: str, words: frozenset[str]) -> list[str]:
    """``text`` cut into words of ``words`` (an empty list when it cannot be)."""
    best: list[list[str] | None] = [[]] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - 20), end - 1):
            found = best[start]
            if found is not None and text[start:end] in words:
                best[end] = [*found, text[start:end]]
                break
    return best[len(text)] or []


def _is_file_name(line, max_words: int) -> bool:
    words = line.words
    if not words or len(words) > max_words:
        return False
    return bool(_FILE_NAME.search(line.text) or _FILE_STEM.match(line.text))


def _is_salad(ctx: Context, text: str, words: tuple[str, ...]) -> bool:
    """Lowercase keywords with few stopwords and no sentence punctuation, in a cased script
    and nothing but letters (a date, a phone number, an address or code is not salad)."""
    o = ctx.options
    if len(words) < o["min_salad_words"] or text != text.lower() or ends_with(END_PUNCT, text):
        return False
    visible = [c for c in text if not c.isspace()]
    if sum(map(str.isalpha, visible)) < 0.9 * len(visible):
        return False
    if sum(1 for w in words if w.isalpha() and w.islower()) < o["min_salad_words"]:
        return False
    stop = sum(1 for w in words if w.lower() in ctx.lang.stopwords)
    return stop / len(words) <= o["max_stopword_ratio"]


#: fewest short lines in a row that make a list
LIST_LINES = 3


def _in_list(b: Body, i: int, o: dict) -> bool:
    """Whether line ``i`` is one of ``LIST_LINES`` short lines in a row or more, in
    adjacent blocks: an item of a list (a recipe's ingredients, "freshly ground black
    pepper"), not alt text alone between paragraphs."""
    lines, longest = b.lines, o["max_words"]
    first = last = i
    while first > 0 and first > i - LIST_LINES and _next_short(lines, first - 1, longest):
        first -= 1
    while last < i + LIST_LINES and last + 1 < len(lines) and _next_short(lines, last, longest):
        last += 1
    return last - first + 1 >= LIST_LINES


def _next_short(lines, k: int, longest: int) -> bool:
    """Whether lines ``k`` and ``k + 1`` are both short and in adjacent blocks."""
    a, b = lines[k], lines[k + 1]
    return b.block - a.block <= 1 and is_short(a, longest) and is_short(b, longest)


def _widget_end(b: Body, i: int, o: dict, ad_label: bool = False) -> int:
    """The last line of a related-links widget that starts at line ``i``. Under an ad label
    (``ad_label``) the short line right after it may open a section instead."""
    if len(b.lines[i].words) > 4:  # "Lee también: <headline>" is a one-line widget
        return i
    end = i
    while end + 1 < len(b.lines):
        nxt = b.lines[end + 1]
        if nxt.rule or nxt.block > b.lines[end].block + 1 or not is_short(nxt, o["max_words"]):
            break
        if ad_label and end == i and _opens_section(b, end + 1):
            break
        end += 1
    return end


def _opens_section(b: Body, i: int) -> bool:
    """Line ``i``, right under an ad label, is a subhead over a paragraph of prose (a few
    words, ``AD_SUBHEAD_WORDS`` at most, no stop; the next line a sentence), not a link of a
    widget: "Advertisement", then "What the council does next", then the section."""
    lines = b.lines
    line = lines[i]
    if len(line.words) > AD_SUBHEAD_WORDS or i + 1 >= len(lines):
        return False
    after = lines[i + 1]
    return (
        not ends_with(SENTENCE_END, line.text)
        and len(after.words) >= PROSE_WORDS
        and ends_with(SENTENCE_END, after.text)
    )


#: most words of a subhead under an ad label
AD_SUBHEAD_WORDS = 6


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
    """HTML blocks holding image markup or template code, and paragraphs of nothing but
    such markup (a post's address alone); Markdown images whose alt text is a leftover."""
    for block in ctx.doc.blocks:
        source = ctx.doc.text[block.span.start : block.span.end]
        # an HTML block, or a paragraph of nothing but markup (a post's address alone: an
        # embed that did not render), whose source the markup patterns find
        markup_only = block.kind == "html" or (
            block.kind == "paragraph" and not block.prose.strip()
        )
        if markup_only and markup is not None and markup.found_in(source):
            yield _hit(block.span, source.strip(), "markup or template code", whole_line=ctx)
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


def _line_hit(ctx: Context, lines: list, reason: str, score: float | None) -> Hit:
    """A finding on whole lines, whose fix removes them; none when a marker opens a long
    line among them (a credit glued to the start of a paragraph of prose: "Photo: AP The
    council voted ..."), which an editor cuts by hand."""
    start, end = lines[0].span.start, lines[-1].span.end
    raw = ctx.doc.text[start:end]
    glued = any(x.rule.startswith("marker") and len(x.words) > GLUED_WORDS for x in lines)
    if score is not None:
        reason += f"; line score {score:.2f}"
    whole = None if glued else ctx
    return _hit(Span(start, end), raw, reason + _lookalike(raw), whole_line=whole)


#: more words than this after a marker opening a line: a paragraph the marker is glued to
GLUED_WORDS = 30


def _hit(span: Span, text: str, reason: str, whole_line: Context | None = None) -> Hit:
    fix = None
    if whole_line is not None:
        doc_text = whole_line.doc.text
        start = doc_text.rfind("\n", 0, span.start) + 1
        end = span.end
        if _paragraph_of_its_own(doc_text, start):
            while end < len(doc_text) and doc_text[end] in "\r\n":
                end += 1  # the blank lines after it too: the paragraphs around stay apart
        elif doc_text.startswith("\r\n", end):  # under a line of its paragraph: its own
            end += 2  # line ending only, so the blank line after it stays
        elif doc_text.startswith(("\n", "\r"), end):
            end += 1
        fix = Fix(Span(start, end), "", safe=False)
    text = " ".join(text.split())
    return Hit(
        span, {"text": text if len(text) <= 80 else text[:77] + "...", "reason": reason}, fix=fix
    )


def _paragraph_of_its_own(text: str, start: int) -> bool:
    """The line at ``start`` opens the text or follows a blank line."""
    before = text[:start].rstrip(" \t")
    return not before.strip() or before.endswith(("\n\n", "\n\r\n", "\r\n\r\n"))


KIND = RuleKind(
    "leftover",
    check,
    LeftoverOptions,
    __doc__.strip().splitlines()[0],
    fixes="unsafe",
    prepare=prepare,
)
