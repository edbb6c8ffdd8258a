"""Repeated content: a paragraph or sentence that repeats an earlier one in the same draft.

Each prose block and each of its sentences is reduced to a set of *content stems* (words
that are not stopwords, stemmed with the language's Snowball stemmer, accents folded).
A later unit repeats an earlier one when its normalised text is identical ("verbatim"), or
when the stems they share cover most of the shorter unit (``containment``) and a good part
of both (``jaccard``): synonyms, a dropped clause, a lead-in or a swapped pair keep most stems.

Candidates come from an inverted index of stems, so a draft is compared in near-linear time.
Headings are only compared as near-copies (a line that just repeats the headline); a lead that
expands the headline is not a repeat. Consecutive repeated paragraphs are one finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex

from ..document import Block, Span
from ..findings import Fix, Hit
from ..language import WORD
from ..language.normalize import fold
from ..plugin import hookimpl
from .base import Context, Option, RuleKind

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")
_DIGITS = regex.compile(r"\p{N}+")
COMPARED_KINDS = ("paragraph", "blockquote", "heading")

OPTIONS = {
    "unit": Option("paragraph", str, "paragraph or sentence: what this rule reports"),
    "min_content_words": Option(6, int, "content words a sentence needs to be compared"),
    "min_verbatim_words": Option(6, int, "words a verbatim copy needs to be reported"),
    "containment": Option(0.7, float, "shared stems / stems of the shorter unit"),
    "jaccard": Option(0.45, float, "shared stems / stems of both units"),
    "paragraph_coverage": Option(
        0.7, float, "share of a paragraph's stems repeated to call it a repeat"
    ),
    "headline_similarity": Option(
        0.9, float, "both-ways overlap with the headline that makes a line a copy"
    ),
    "allow": Option([], ("list", str), "regular expressions of boilerplate allowed to repeat"),
}


@dataclass
class Unit:
    index: int  # position among compared blocks
    span: Span
    kind: str
    stems: frozenset[str]
    norm: str
    words: int
    block: int = -1  # for sentences: the index of their block
    sentences: list[Unit] = field(default_factory=list)


@dataclass
class Match:
    later: Unit
    earlier: Unit
    similarity: float
    verbatim: bool


def _units(ctx: Context) -> list[Unit]:
    allow = [regex.compile(p) for p in ctx.options["allow"]]
    units = []
    for block in ctx.doc.blocks:
        if block.kind not in COMPARED_KINDS or not block.prose.strip():
            continue
        if any(p.search(block.text) for p in allow):
            continue
        unit = _unit(ctx, len(units), block.span, block.kind, block.text)
        unit.sentences = [
            _unit(ctx, i, s.span, block.kind, s.text, block=unit.index)
            for i, s in enumerate(_sentences(block))
        ]
        units.append(unit)
    return units


def _sentences(block: Block):
    return block.sentences or ()


def _unit(ctx: Context, index: int, span: Span, kind: str, text: str, block: int = -1) -> Unit:
    lang = ctx.lang
    stripped = _strip_leadin(text, lang.leadins)
    words = [w for w in WORD.findall(stripped.lower()) if not _DIGITS.fullmatch(w)]
    content = [w for w in words if w not in lang.stopwords and len(w) > 1]
    stems = frozenset(fold(s) for s in lang.stems(content))
    norm = _DIGITS.sub("#", _NON_WORD.sub(" ", fold(stripped))).strip()
    return Unit(index, span, kind, stems, norm, len(words), block)


def _strip_leadin(text: str, leadins: tuple[str, ...]) -> str:
    low = fold(text)
    for leadin in leadins:
        lead = fold(leadin)
        if low.startswith(lead):
            return text[len(leadin) :].lstrip(" ,;:")
    return text


def _overlap(a: Unit, b: Unit) -> tuple[float, float]:
    shared = len(a.stems & b.stems)
    if not shared:
        return 0.0, 0.0
    return shared / min(len(a.stems), len(b.stems)), shared / len(a.stems | b.stems)


class _Index:
    """Inverted index of stems over earlier units."""

    def __init__(self):
        self.postings: dict[str, list[Unit]] = defaultdict(list)
        self.by_norm: dict[str, Unit] = {}

    def add(self, unit: Unit) -> None:
        for s in unit.stems:
            self.postings[s].append(unit)
        self.by_norm.setdefault(unit.norm, unit)

    def candidates(self, unit: Unit, need: int) -> list[Unit]:
        counts: Counter = Counter()
        for s in unit.stems:
            for other in self.postings.get(s, ()):
                counts[id(other)] += 1
        keep = {k for k, n in counts.items() if n >= need}
        seen, out = set(), []
        for s in unit.stems:
            for other in self.postings.get(s, ()):
                if id(other) in keep and id(other) not in seen:
                    seen.add(id(other))
                    out.append(other)
        return out


def analyse(ctx: Context) -> tuple[list[Match], list[Match]]:
    """(paragraph matches, sentence matches outside repeated paragraphs)."""
    o = ctx.options
    units = _units(ctx)
    para_index, sent_index = _Index(), _Index()
    para_matches: list[Match] = []
    sent_matches: list[Match] = []
    for unit in units:
        if unit.kind == "heading":
            para_index.add(unit)
            continue
        match = _paragraph_match(unit, para_index, o)
        if match:
            para_matches.append(match)
        else:
            for sentence in unit.sentences:
                m = _sentence_match(sentence, sent_index, o)
                if m:
                    sent_matches.append(m)
        para_index.add(unit)
        for sentence in unit.sentences:
            sent_index.add(sentence)
    return para_matches, sent_matches


def _paragraph_match(unit: Unit, index: _Index, o) -> Match | None:
    earlier = index.by_norm.get(unit.norm)
    if earlier is not None and unit.words >= o["min_verbatim_words"]:
        return Match(unit, earlier, 1.0, True)
    if len(unit.stems) < o["min_content_words"]:
        return None
    best = None
    need = max(2, int(len(unit.stems) * min(o["paragraph_coverage"], o["containment"]) * 0.5))
    for other in index.candidates(unit, need):
        shared = len(unit.stems & other.stems)
        coverage = shared / len(unit.stems)
        back = shared / max(1, len(other.stems))
        if other.kind == "heading":
            if min(coverage, back) >= o["headline_similarity"]:
                sim = min(coverage, back)
            else:
                continue
        elif (
            coverage >= o["paragraph_coverage"]
            and shared / len(unit.stems | other.stems) >= o["jaccard"]
        ):
            sim = shared / len(unit.stems | other.stems)
        else:
            continue
        if best is None or sim > best.similarity:
            best = Match(unit, other, sim, False)
    return best


def _sentence_match(unit: Unit, index: _Index, o) -> Match | None:
    earlier = index.by_norm.get(unit.norm)
    if earlier is not None and unit.words >= o["min_verbatim_words"]:
        return Match(unit, earlier, 1.0, True)
    if len(unit.stems) < o["min_content_words"]:
        return None
    best = None
    need = max(2, int(o["min_content_words"] * o["containment"]))
    for other in index.candidates(unit, need):
        if len(other.stems) < o["min_content_words"]:
            continue
        containment, jaccard = _overlap(unit, other)
        if containment >= o["containment"] and jaccard >= o["jaccard"]:
            if best is None or jaccard > best.similarity:
                best = Match(unit, other, jaccard, False)
    return best


_cache: tuple = (None, None, None)


def _analysis(ctx: Context):
    """Both rules of this kind share one analysis of a document."""
    global _cache
    key = tuple(sorted((k, str(v)) for k, v in ctx.options.items() if k != "unit"))
    if _cache[0] is not ctx.doc or _cache[1] != key:
        _cache = (ctx.doc, key, analyse(ctx))
    return _cache[2]


def _describe(doc, m: Match, what: str) -> str:
    line, _ = doc.locate(m.earlier.span.start)
    earlier = "the headline" if m.earlier.kind == "heading" else f"{what} at line {line}"
    how = "verbatim" if m.verbatim else f"reworded (similarity {m.similarity:.2f})"
    return f"repeats {earlier}, {how}"


def check(ctx: Context):
    paragraphs, sentences = _analysis(ctx)
    doc = ctx.doc
    if ctx.options["unit"] == "sentence":
        for m in sentences:
            yield Hit(
                m.later.span,
                {"message": _describe(doc, m, "sentence")},
                related=((m.earlier.span, "earlier copy"),),
            )
        return
    for run in _runs(paragraphs):
        first, last = run[0], run[-1]
        span = Span(first.later.span.start, last.later.span.end)
        earlier = Span(first.earlier.span.start, last.earlier.span.end)
        if len(run) == 1:
            message = _describe(doc, first, "paragraph")
        else:
            line, _ = doc.locate(earlier.start)
            end_line, _ = doc.locate(earlier.end)
            how = "verbatim" if all(m.verbatim for m in run) else "partly reworded"
            message = f"{len(run)} paragraphs repeat lines {line}-{end_line}, {how}"
        fix = (
            Fix(_with_line_end(doc.text, span), "", safe=False)
            if all(m.verbatim for m in run)
            else None
        )
        yield Hit(span, {"message": message}, related=((earlier, "earlier copy"),), fix=fix)


def _runs(matches: list[Match]) -> list[list[Match]]:
    """Group matches of consecutive blocks whose earlier copies are consecutive too."""
    runs: list[list[Match]] = []
    for m in matches:
        prev = runs[-1][-1] if runs else None
        if (
            prev
            and m.later.index == prev.later.index + 1
            and m.earlier.index == prev.earlier.index + 1
            and m.earlier.kind != "heading"
        ):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _with_line_end(text: str, span: Span) -> Span:
    end = span.end
    while end < len(text) and text[end] in "\r\n":
        end += 1
    return Span(span.start, end)


KIND = RuleKind("repeated-content", check, OPTIONS, __doc__.strip().splitlines()[0], fixes="unsafe")


@hookimpl
def lintnews_rule_kinds():
    return [KIND]
