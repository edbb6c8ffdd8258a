"""Repeated content: a paragraph or sentence that repeats an earlier one, in the draft or archive.

Paragraphs, quotes, list items and their sentences become units (``repeated_text``): folded
words for verbatim copies, content stems in order for rewordings. A later unit repeats an
earlier one when it is the same text (punctuation, case, quotes and numbers aside), when one
contains the other word for word (a pull quote, a dek), when most content stems are shared in
the same order both ways (a rewording: synonyms, a lead-in, a swapped pair), or when one
holds nearly all of the other's stems in order (a dropped or added clause, an apposition, a
body paragraph that repeats part of a merged lead), or when a paragraph of one sentence keeps
most of another's stems and every figure and name of it (told again with synonyms:
``units._facts_kept``; it yields to the dek's, lead's and restarted sentence's tests).
Short template lines that differ only in names or numbers (captions, results lists), and
units that hold other people's full names in one place (the entries of a police blotter),
are not repeats. A sentence is compared with the
sentences of an earlier paragraph, not with the paragraph whole. Two entries of a live blog
(paragraphs opening with a time stamp) repeat each other only as a whole entry pasted twice:
a number updated, or advice given again in a sentence, is how a live blog goes on.

The headline is compared on its own: a line that holds its words in order and adds at most
``headline_extra_words`` words is reported; a lead that expands it further is not. A dek
(the first paragraph of prose, one sentence; a page's headline is none) is compared with
the opening of the next paragraph of prose (short lines between, a byline, a date, a score
line, are passed over) on a lower bar than other units: a lead that words the standfirst
again shares most of its content words and a phrase of them in a row (``_dek_lead``). The
lead (the first paragraph of prose of ``LEAD_WORDS`` or more, ending with a stop) told again
three paragraphs or more below it, with one of its figures and much of its content, is an
earlier version pasted in (``_lead_restated``).
A paragraph that starts again the unfinished sentence ending the paragraph before it (a few
words with no stop of their own, the last taken up by the new opening: "... small firms.
Manning identified", then "He identified a draft policy ...") repeats that start.
Candidates come from an inverted index of stems, so a draft is compared in near-linear time.
Consecutive repeated paragraphs are one finding; a short line (a byline, a date) copied with
a verbatim repeat beside it, in the same order, is part of it. With an archive index in
``ctx.resources["archive"]`` (``lintnews check --archive``), paragraphs are also looked up
among published articles.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language import lexicon as lexicons
from ...language.normalize import fold
from ...language.sentences import unwrapped
from ...patterns import UserPattern, either
from ...records import frozen
from ..base import Context, Options, RuleKind, option, options_dataclass
from .archive import archive_hits
from .units import (
    MEASURES,
    PULL_QUOTE_WORDS,
    QUOTATION,
    QUOTE_MARKS,
    STAMP,
    Relation,
    Unit,
    describe,
    headline_relation,
    is_sentence,
    longest_run,
    make_unit,
    numbers,
    numbers_differ,
    pull_quote,
    quoted_whole,
    relate,
    wording,
)

COMPARED_KINDS = ("paragraph", "blockquote", "list_item", "heading")


# Defaults chosen on ../shared/eval/dev and checked on real-dev (benchmarks/eval.sh); see
# rules/repeated-paragraph.yaml for the measurements behind each.
@options_dataclass
class RepeatedContentOptions(Options):
    unit: str = option(
        "paragraph", "paragraph or sentence: what this rule reports", ("paragraph", "sentence")
    )
    min_content_words: int = option(6, "content words a unit needs to be compared reworded")
    min_verbatim_words: int = option(6, "words a verbatim copy (or a pull quote) needs")
    containment: float = option(0.8, "shared stems / stems of the shorter unit, at least")
    measure: str = option(
        "jaccard", "both-ways similarity of stem sets: jaccard, dice or cosine", tuple(MEASURES)
    )
    similarity: float = option(0.5, "least `measure` of two units for a rewording")
    min_order: float = option(0.6, "stems in the same order / shorter unit, for a rewording")
    contained: float = option(0.8, "shared stems / shorter unit, for one inside the other")
    contained_order: float = option(
        0.85, "words in the same order / shorter unit, for one inside the other"
    )
    near_quote: float = option(
        0.95, "fuzzy match (0-1) of a short line inside another: a pull quote retyped"
    )
    template_max_words: int = option(
        20, "lines up to this long that differ only in names are a template, not a repeat"
    )
    headline_similarity: float = option(
        0.9, "share of the headline's words (in order) a line must hold to repeat it"
    )
    headline_extra_words: int = option(
        8, "words a line may add to the headline and still only repeat it"
    )
    min_information: float = option(
        6.0, "information a short unit needs to repeat part of a longer one (0: off)"
    )
    allow: list[str] = option([], "regular expressions of boilerplate allowed to repeat")
    strip: list[str] = option(
        [], "regular expressions removed before comparing (besides the language's glued credits)"
    )
    archive: bool = option(True, "also look paragraphs up in the archive index, when given")


@frozen
class Prepared:
    """What ``prepare`` makes of the options once: compiled patterns, and the key under
    which rules of this kind whose options differ only in ``unit`` share an analysis."""

    allow: tuple[UserPattern, ...]
    strip: tuple[UserPattern, ...]
    shared: tuple[tuple[str, str], ...]


@dataclass
class Match:
    """A later unit, the earlier unit it repeats and how."""

    later: Unit
    earlier: Unit
    relation: Relation


def _units(ctx: Context) -> list[Unit]:
    allow, strip = ctx.prepared.allow, ctx.prepared.strip
    credit = _credit(ctx.lang)

    def clean(text: str) -> str:
        if credit is not None and ":" in text:  # a credit's label ends with a colon
            text = credit.sub(" ", text)
        for pattern in strip:
            text = pattern.sub(" ", text)
        return text

    units: list[Unit] = []
    entries = _entries(ctx.doc.blocks)
    for block, stamped in zip(ctx.doc.blocks, entries, strict=True):
        if block.kind not in COMPARED_KINDS or not block.prose.strip():
            continue
        if any(p.search(block.text) for p in allow):
            continue
        caption = ctx.doc.caption_start(block) is not None
        for span, text, sentences in _paragraphs(block):
            unit = make_unit(ctx.lang, len(units), span, block.kind, clean(text))
            unit.stamped, unit.caption = stamped, caption
            if len(sentences) > 1:  # a block that is its only sentence: compared as a block
                unit.sentences = [
                    make_unit(ctx.lang, i, s.span, block.kind, clean(s.text), block=unit.index)
                    for i, s in enumerate(sentences)
                ]
                for sentence in unit.sentences:
                    sentence.stamped, sentence.caption = stamped, caption
            units.append(unit)
    return units


def _paragraphs(block):
    """(span, text, sentences) of each paragraph of ``block``: the block, or each line of a
    block of unwrapped lines (a web page's text copied without blank lines, a paragraph to
    a line: the sentence splitter ends a sentence with each of its lines)."""
    if not unwrapped(block.prose):
        yield block.span, block.text, block.sentences
        return
    at, sentences, first = block.span.start, block.sentences, 0
    for line in block.prose.split("\n"):
        end = at + len(line)
        last = first  # the sentences are in order: each line takes the next ones
        while last < len(sentences) and sentences[last].span.start < end:
            last += 1
        if line.strip():
            yield Span(at, end), " ".join(line.split()), sentences[first:last]
        first, at = last, end + 1


def _entries(blocks) -> list[bool]:
    """Whether each block belongs to an entry of a live blog. An entry opens with its time
    stamp, on its first line or alone on the line above ("19:16"). In a draft of two
    stamps or more (a live blog), every block from the first stamp on belongs to an entry
    (its title, its second paragraph); with one stamp, the block it opens or stands above."""
    stamps = [bool(STAMP.match(b.text)) for b in blocks]
    if sum(stamps) >= 2:
        first = stamps.index(True)
        return [i >= first for i in range(len(blocks))]
    out = list(stamps)
    if True in stamps:
        i = stamps.index(True)
        text = blocks[i].text
        if i + 1 < len(blocks) and len(text) <= STAMP_ALONE and len(text.split()) <= 3:
            out[i + 1] = True  # the stamp alone above its entry
    return out


#: the longest a time stamp alone on its line is ("**14.05 Uhr**")
STAMP_ALONE = 20


def _updated(a: Unit, b: Unit) -> bool:
    """Two entries of a live blog whose numbers differ past their time stamps (the toll
    updated); one pasted again, with a word or a quotation mark changed, is a copy."""
    return numbers(a) != numbers(b)


def _credit(lang):
    """A photo credit glued to the end of a line ("... su familia.Foto: Facebook"), by the
    language's ``credit-labels``; None when it has none."""

    def make():
        labels = lang.data.get("credit-labels") or []
        if not labels:
            return None
        return regexcache.compile(rf"(?i)(?<=[.!?»\"”)]|^)\s*\(?(?:{either(labels)})\s*:[^.!?]*$")

    return lang.memo("glued-credit", make)


class _Index:
    """Inverted index of stems (and of exact word sequences) over earlier units."""

    def __init__(self):
        self.postings: dict[str, list[Unit]] = defaultdict(list)
        self.by_words: dict[tuple[str, ...], Unit] = {}

    def add(self, unit: Unit) -> None:
        for s in unit.stems:
            self.postings[s].append(unit)
        self.by_words.setdefault(unit.words, unit)

    def candidates(self, unit: Unit, need: int) -> list[Unit]:
        """Earlier units sharing at least ``need`` stems.

        Bounded so that a draft made of the same text pasted many times stays near-linear:
        stems found in more than ``MAX_POSTINGS`` earlier units are too common to tell
        copies apart (an identical copy is still found through ``by_words``), and at most
        ``MAX_CANDIDATES`` units, those sharing the most stems, are compared in full.
        """
        postings = self.postings
        shared: list[Unit] = []  # an earlier unit once per stem it shares (units hash by id)
        for s in unit.stems:
            posting = postings.get(s)
            if posting and len(posting) <= MAX_POSTINGS:
                shared += posting
        counts = Counter(shared)
        out = [u for u, n in counts.items() if n >= need]
        if len(out) > MAX_CANDIDATES:
            out = sorted(out, key=lambda u: (-counts[u], u.index))[:MAX_CANDIDATES]
        same = self.by_words.get(unit.words)
        if same is not None and same not in out:
            out.append(same)
        # in draft order, so that a tie names the earliest copy whatever the order of the
        # stems (a set: its order changes from one run to the next)
        return sorted(out, key=_position)


def _position(unit: Unit) -> tuple[int, int]:
    return (unit.span.start, unit.block)


MAX_POSTINGS = 256
#: relations of a unit found inside a longer one
_INSIDE = ("part", "expanded")
_COPIES = ("verbatim", "near-verbatim")
MAX_CANDIDATES = 64


def best_match(unit: Unit, candidates, o: dict, informative=None) -> Match | None:
    best = None
    for other in candidates:
        if unit.block >= 0 and other.block < 0 and other.sentences:
            continue  # a sentence meets a paragraph of several through its sentences
        rel = relate(unit, other, o)
        if rel and unit.stamped and other.stamped and (unit.block >= 0 or _updated(unit, other)):
            continue  # two entries of a live blog: the toll updated, the advice given again
        if rel and _caption_rewords(unit, other, rel):
            continue
        if rel and rel.how in _INSIDE and informative is not None and not informative(unit, other):
            continue  # a short phrase any paragraph on the topic may hold, word for
            # word or retyped
        if rel and (best is None or rel.rank() > best.relation.rank()):
            best = Match(unit, other, rel)
    return best


def _caption_rewords(unit: Unit, other: Unit, rel: Relation) -> bool:
    """An image's caption names what the text (or the headline) says: only a copy of it,
    or in it, is a repeat."""
    return (unit.caption or other.caption) and rel.how not in _COPIES


def _need(unit: Unit, o: dict) -> int:
    """Stems a candidate must share: few for a short unit (it may still be a pull quote)."""
    floor = math.ceil(o["containment"] * o["min_content_words"])
    return max(1, min(floor, math.ceil(len(unit.stems) / 2)))


def _headline_match(unit: Unit, head: Unit, o: dict) -> Match | None:
    rel = headline_relation(unit, head, o)
    return Match(unit, head, rel) if rel else None


def analyse(ctx: Context) -> tuple[list[Match], list[Match], list[Unit]]:
    """(paragraph matches, sentence matches outside repeated paragraphs, units)."""
    o = ctx.options
    para_index, sent_index = _Index(), _Index()
    para_matches: list[Match] = []
    sent_matches: list[Match] = []
    headline = previous = dek = lead = None
    prose_seen = False
    paragraphs = lead_at = 0  # paragraphs of prose so far, and the lead's place among them
    units = _units(ctx)
    informative = _informative(ctx)
    page_head = _quoted_headline(units)
    page_headline = _page_headline(units, ctx.doc.text)
    page_dek, page_lead = _page_dek(units, page_headline)
    opening = next(filter(_stopped_prose, units), None)  # the text's dek or its lead
    for unit in units:
        if unit.kind == "heading":
            headline = headline or unit
            previous = None
            continue
        match = _headline_match(unit, headline, o) if headline else None
        if match and _caption_rewords(unit, match.earlier, match.relation):
            match = None
        need = _need(unit, o)
        # no copies: a page's quoted headline, and a quoted subhead right above the paragraph
        # that quotes it ("„Es darf ... infizieren“" over "... „Es darf ... infizieren“,
        # sagt Berning."): how subheads are written
        above = units[unit.index - 1] if unit.index else None
        quoted = [
            u for u in (page_head, above) if u is not None and (u is page_head or _subhead(u))
        ]
        cands = para_index.candidates(unit, need)
        if not unit.sentences:  # a one-sentence block may repeat an earlier sentence
            cands += sent_index.candidates(unit, need)
        cands = _without(cands, quoted)
        match = match or _best(unit, cands, o, informative, page_headline)
        # a paragraph restated with its facts kept yields to the dek's, the lead's and a
        # restarted sentence's own tests, which say more of how the two relate
        restated = match if match and match.relation.how in ("restated", "retold") else None
        if (
            restated
            and restated.relation.how == "retold"
            and restated.earlier is opening
            and _sentences_between(units, opening, unit) < LEAD_GAP
        ):
            # the text's first paragraph of prose told again close below with its figures:
            # a dek sums up what the text then tells (further up: an earlier version)
            match = restated = None
        if restated:
            match = None
        restart = None
        if unit.caption:
            pass  # an image's caption restarts no sentence and is no lead: the text goes on
            # around it (the dek and the lead below the image are still compared)
        elif not match:
            restart = _restart(unit, previous)
            above = page_dek if unit is page_lead else None
            if dek is not None and unit.kind == "paragraph" and unit.nwords >= DEK_WORDS:
                above = dek
            if not restart and above is not None:
                # the lead words the dek again: a one-sentence lead is a paragraph match;
                # the first sentence of a longer one is taken as a restart is (a sentence
                # match, and that sentence is not compared again below)
                first = _dek_lead(unit, above, o)
                match, restart = (first, None) if first and first.later is unit else (None, first)
            if not match and not restart and lead is not None:
                match = _lead_restated(unit, lead, paragraphs + 1 - lead_at, ctx.doc.text)
            if not match and not restart:
                match = restated
        if not unit.caption:
            prose = (
                unit.kind == "paragraph" and unit.nwords >= DEK_WORDS and unit is not page_headline
            )
            if prose or unit.kind != "paragraph":
                dek = None  # a byline, a date, a share button's line stand between
            if prose:
                paragraphs += 1
                if lead is None and unit.nwords >= LEAD_WORDS and is_sentence(unit.text):
                    lead, lead_at = unit, paragraphs  # not a headline set as a paragraph
            if not prose_seen and prose:
                prose_seen = True  # the first paragraph of prose: a dek when it is one sentence
                if not (unit.sentences or match) and _DEK.match(unit.text):
                    dek = unit
            previous = unit
        if match:
            para_matches.append(match)
        elif restart and restart.later is unit:
            para_matches.append(restart)
        else:
            if restart:
                sent_matches.append(restart)
            for sentence in unit.sentences:
                if restart and sentence is restart.later:
                    continue  # one finding for the sentence started again
                cands = sent_index.candidates(sentence, _need(sentence, o))
                cands += para_index.candidates(sentence, _need(sentence, o))
                cands = _without(cands, quoted)
                m = _best(sentence, cands, o, informative, page_headline)
                if m:
                    sent_matches.append(m)
        para_index.add(unit)
        for sentence in unit.sentences:
            sent_index.add(sentence)
    least = 2 * o["min_verbatim_words"]
    told = _told_again(ctx)
    para_matches = [m for m in para_matches if not told(m)]
    sent_matches = [m for m in sent_matches if not told(m)]
    para_matches = _without_list_entries(para_matches, units, least)
    paragraphs = _without_series(_with_short_neighbours(para_matches, units), units)
    return _without_templates(paragraphs, least), _without_templates(sent_matches, least), units


def _stopped_prose(unit: Unit) -> bool:
    """A paragraph of prose (``DEK_WORDS`` words or more) that ends with a stop."""
    return unit.kind == "paragraph" and unit.nwords >= DEK_WORDS and is_sentence(unit.text)


def _sentences_between(units: list[Unit], earlier: Unit, later: Unit) -> int:
    """How many paragraphs of prose ending with a stop stand between two units."""
    return sum(map(_stopped_prose, units[earlier.index + 1 : later.index]))


def _told_again(ctx: Context):
    """Whether a match's later paragraph says it tells something again (the language's
    ``repeat-cues``: "Tedros repeated his call ... he said again", "repitió Bahamón") and
    the earlier one does not: a speaker's words given again on purpose, not a paste. A
    paragraph pasted twice holds its cue twice."""
    pattern = ctx.lang.memo("repeat-cues", lambda: _cues(ctx.lang))
    if pattern is None:
        return lambda m: False
    text = ctx.doc.text
    read: dict[tuple[int, int], bool] = {}  # a block is searched once, however many units

    def says(unit: Unit) -> bool:
        block = ctx.doc.block_at(unit.span.start)
        span = block.span if block is not None else unit.span
        where = (span.start, span.end)
        if where not in read:  # (a block of 4,000 unwrapped lines: not 4,000 times)
            read[where] = pattern.search(text, span.start, span.end) is not None
        return read[where]

    return lambda m: says(m.later) and not says(m.earlier)


def _cues(lang):
    """The pattern of a language's ``repeat-cues``, made once per language; None without."""
    cues = lang.data.get("repeat-cues")
    if not cues:
        return None
    return regexcache.compile(rf"(?i)(?<![\p{{L}}\p{{N}}])(?:{either(cues)})(?![\p{{L}}\p{{N}}])")


def _best(unit: Unit, cands: list[Unit], o: dict, informative, page_headline) -> Match | None:
    """The best match of ``unit`` among ``cands``; one of a web page's headline only as a
    heading's is (``headline_relation``: its words, at most ``headline_extra_words`` more).
    A lead that tells the headline again with more words is how news is written."""
    match = best_match(unit, cands, o, informative)
    if match and match.earlier is page_headline and not headline_relation(unit, page_headline, o):
        match = best_match(unit, _without(cands, [page_headline]), o, informative)
    return match


def _without(cands: list[Unit], quoted: list[Unit]) -> list[Unit]:
    return [c for c in cands if all(c is not u for u in quoted)] if quoted else cands


def _quoted_headline(units: list[Unit]) -> Unit | None:
    """The headline of a page copied without a Markdown heading, when it is a quotation
    that the text below quotes in full ("«No vamos a cerrar ninguna planta en España»"):
    its first line, or the first after short labels ("Economía"). No repeat."""
    for unit in units[:HEADLINE_REACH]:
        if unit.kind == "heading":
            return None
        if quoted_whole(unit.text):
            return unit
        if unit.nwords >= DEK_WORDS:
            return None
    return None


#: the lines of a page's head a quoted headline may stand on (labels above it)
HEADLINE_REACH = 3


def _page_headline(units: list[Unit], text: str) -> Unit | None:
    """The headline of a page copied without a Markdown heading, a paragraph to a line: in
    its head (the lines above the first paragraph of prose), the first line of
    ``PAGE_HEADLINE_WORDS`` words or more with no stop at its end and no menu's separators.
    A later unit repeats it only as a heading's copy does (``_best``). A head of lines in
    one block has none. A kicker or a site's name of five words taken for it costs nothing
    (a unit that tells it again with many more words was no repeat either); a dek taken for
    it, under a headline of fewer words, is compared so too."""
    for unit in units[:PAGE_HEAD_REACH]:
        if unit.kind == "heading" or "\n" in text[unit.span.start : unit.span.end].strip():
            return None  # a heading, or a head of lines in one block: no line stands alone
        if unit.kind != "paragraph":
            continue
        if not _unstopped(unit):
            if unit.nwords >= DEK_WORDS:
                return None  # prose (one ending with a colon opens what follows): no head
            continue
        if _title_line(unit):
            return unit
    return None


def _unstopped(unit: Unit) -> bool:
    """A line of one sentence with no stop and no colon at its end: a headline's or a dek's
    shape, not prose (one ending with a colon opens what follows)."""
    return not (unit.sentences or is_sentence(unit.text) or unit.text.rstrip().endswith(":"))


def _title_line(unit: Unit) -> bool:
    """A paragraph of ``_unstopped`` shape, ``PAGE_HEADLINE_WORDS`` words or more, with no
    menu's separators: a page's headline, or its dek right below it."""
    return (
        unit.kind == "paragraph"
        and _unstopped(unit)
        and unit.nwords >= PAGE_HEADLINE_WORDS
        and not _MENU.search(unit.text)
    )


def _page_dek(units: list[Unit], headline: Unit | None) -> tuple[Unit | None, Unit | None]:
    """A web page's dek and its lead: the line right below the page's headline when it is
    one sentence with no stop at its end, ``PAGE_HEADLINE_WORDS`` words or more, no menu's
    separators and no colon at its end ("Kommunen vil erstatte færgeforbindelsen med en
    billigere vandtaxa fra næste sommer"), and the first line below it of ``DEK_WORDS``
    words or more (a byline and a date may stand between). The lead is compared with it as
    with a dek (``_dek_lead``)."""
    if headline is None or headline.index + 1 >= len(units):
        return None, None
    dek = units[headline.index + 1]
    if not _title_line(dek):
        return None, None
    for unit in units[dek.index + 1 : dek.index + 1 + PAGE_HEAD_REACH]:
        if unit.nwords >= DEK_WORDS:
            return dek, unit if unit.kind == "paragraph" else None
    return None, None


#: lines of a page's head looked through for its headline (site name, menu, section; 6
#: missed a headline below nine lines of menu, 20 finds no more than 12 on any set)
PAGE_HEAD_REACH = 12
#: fewest words of a page's headline (a site's name or a section is shorter)
PAGE_HEADLINE_WORDS = 5
#: a menu's or breadcrumb's separators
_MENU = regexcache.compile(r"[|·•»>›/].*[|·•»>›/]")


def _subhead(unit: Unit) -> bool:
    """A quotation of one sentence, ``SUBHEAD_WORDS`` words at most, with no stop at its
    end: a subhead set as a paragraph (a web page's text copied as paragraphs) that quotes
    what someone says below it."""
    return (
        not unit.sentences
        and unit.nwords <= SUBHEAD_WORDS
        and quoted_whole(unit.text)
        and not is_sentence(unit.text)
    )


#: the most words of a subhead set as a paragraph (one right above the paragraph that quotes
#: it: a quotation two paragraphs above is a pull quote printed before its source)
SUBHEAD_WORDS = 15
#: words of the first paragraph of prose: shorter lines above it are page furniture
DEK_WORDS = 8
#: share of the shorter one's content stems that a dek and the lead's first sentence share
DEK_COVER = 0.6
#: least Jaccard similarity of their content stems (a rewording elsewhere needs 0.5)
DEK_JACCARD = 0.4
#: content stems, in a row and in order, that a dek and the lead's first sentence share
DEK_RUN = 3


#: a dek: a statement (it ends with a stop, not a question the lead answers) that opens with
#: no label and colon ("Correction: ...", "Update: ..." are notes to the reader)
_DEK = regexcache.compile(
    r"(?!\W*[\p{L}\p{N}]+(?:\s+[\p{L}\p{N}]+)?\s*:)[^\n]*[.!…][\"'”’»)\]]*\s*$"
)


def _dek_lead(lead: Unit, dek: Unit, o: dict) -> Match | None:
    """The lead's first sentence (or the lead, when it is one) when it words the dek above
    it again: the dek is the draft's first paragraph of prose, one sentence ending with a
    stop (a caption's title has none; a question is answered below it, which words it
    again) and no label before a colon (``_DEK``); the lead is the next paragraph of prose
    (longer or shorter: "Norwegian forward scores twice ..." / "Sindre Ostby scored twice
    ..."), and opens with no quotation. A standfirst and the opening it sums up share
    most content words, with a phrase of them in a row ("... via online forums and SMS
    messages"); a reworded repeat anywhere else needs more (``containment``), since two
    paragraphs on one topic share words too."""
    sentence = lead.sentences[0] if lead.sentences else lead
    if sentence.text.lstrip().startswith(tuple(QUOTE_MARKS)):
        return None  # a quotation that bears the dek's paraphrase out, the usual order
    shared = len(sentence.stems & dek.stems)
    short = min(len(sentence.stems), len(dek.stems))
    if short < o["min_content_words"] or shared < DEK_COVER * short:
        return None
    if MEASURES["jaccard"](shared, len(sentence.stems), len(dek.stems)) < DEK_JACCARD:
        return None
    if longest_run(sentence.seq, dek.seq) < DEK_RUN:
        return None
    return Match(sentence, dek, Relation("reworded", shared / short))


#: words of the lead: the first paragraph of prose this long, ending with a stop (a dek
#: may be it)
LEAD_WORDS = 20
#: paragraphs of prose from the lead to a paragraph that may word it again: the next two
#: go on from it (an elaboration shares its words)
LEAD_GAP = 3
#: least Jaccard similarity of the content stems of the lead and a later rewording of it,
#: and least share of the shorter one's stems the two hold (a rewording elsewhere needs 0.5)
LEAD_JACCARD = 0.35
LEAD_COVER = 0.5


def _lead_restated(unit: Unit, lead: Unit, gap: int, text: str) -> Match | None:
    """``unit`` words the lead again, paragraphs below it: the two share a figure and much
    of their content ("The Ohio Senate on Tuesday approved a new congressional map that
    would likely give Republicans an advantage in 11 of the state's 15 districts ..." and
    "As reported, senators voted 24-9 along party lines Tuesday to approve the map, which
    analysts say would favor Republicans in 11 of Ohio's 15 districts"). A lead's story is
    told again further down when an earlier version was pasted in; two paragraphs that
    share the lead's words without its figures are the story going on."""
    if gap < LEAD_GAP or unit.kind != "paragraph" or unit.nwords < LEAD_WORDS:
        return None  # a short line with the lead's figures is a recap's entry, no retelling
    if unit.stamped or lead.stamped:
        return None  # a live blog's entries tell a story as it goes on, its figures updated
    shared = len(unit.stems & lead.stems)
    short = min(len(unit.stems), len(lead.stems))
    if not short or shared < LEAD_COVER * short:
        return None
    if MEASURES["jaccard"](shared, len(unit.stems), len(lead.stems)) < LEAD_JACCARD:
        return None
    if not _figures(text, unit.span) & _figures(text, lead.span):
        return None  # the draft's own figures: a masked one ("*NUMBER*") is none
    return Match(unit, lead, Relation("reworded", shared / short))


#: a figure standing alone: "71-69", "7.39 million", "600 metros"; not the 3 of "3de3"
_FIGURE = regexcache.compile(r"(?<![\p{L}\p{N}])\p{N}+(?:[.,]\p{N}+)*(?![\p{L}\p{N}])")


def _figures(text: str, span: Span) -> frozenset[str]:
    return frozenset(_FIGURE.findall(text, span.start, span.end))


#: most words of an unfinished sentence that the next paragraph starts again
RESTART_WORDS = 4
#: a fragment of plain words, the last one not capitalised
_PLAIN = regexcache.compile(r"\p{L}[\p{L}\p{N}'’\- ,]*(?<![\s,])(?<=\b\p{Ll}[\p{L}'’\-]*)")


def _restart(unit: Unit, previous: Unit | None) -> Match | None:
    """The opening of ``unit`` when it starts again the unfinished sentence that the
    paragraph before it ends with: a few words after its last full stop, with no stop of
    their own, whose last word (a content word) the new opening takes up within as many
    words ("... small firms. Manning identified", then "He identified a draft policy ...").
    The fragment is a sentence begun, cut and written again; None otherwise. A fragment
    that is not plain words (an aside in brackets, a label and a colon, a slash) or that
    ends with a capital (a name: a credit or a byline, "By Ann Lee") is a leftover."""
    if previous is None or len(previous.sentences) < 2:
        return None
    fragment = previous.sentences[-1]
    if not 2 <= fragment.nwords <= RESTART_WORDS or not fragment.seq:
        return None
    if not _PLAIN.fullmatch(fragment.text.strip()):
        return None
    last = fragment.words[-1]
    if not last.startswith(fragment.seq[-1][:3]):  # its last word is no content word
        return None
    opening = unit.sentences[0] if unit.sentences else unit
    if last not in opening.words[: fragment.nwords + 1]:
        return None
    shared = set(fragment.seq) & set(opening.seq[: len(fragment.seq) + 1])
    return Match(opening, fragment, Relation("expanded", len(shared) / len(fragment.stems)))


def _without_templates(matches: list[Match], least: int) -> list[Match]:
    """The matches, but for three short sentences or more (under ``least`` words besides
    their numbers) on one template whose numbers differ, wherever they stand: an event's
    time and price in a listing, a party's share district by district. One short sentence
    told twice with a figure changed is a stale fact, a repeat."""
    by_earlier: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        if wording(m.later) < least and numbers_differ(m.later, m.earlier):
            by_earlier[id(m.earlier)].append(m)
    drop = {id(m) for group in by_earlier.values() if len(group) >= 2 for m in group}
    return [m for m in matches if id(m) not in drop] if drop else matches


def _without_list_entries(matches: list[Match], units: list[Unit], least: int) -> list[Match]:
    """The matches, but for an entry of a list found inside a longer paragraph: a short
    line with no sentence's stop (or a list's item) among ``LIST_RUN`` such lines in a row or
    more (a book in a bibliography, "*Los patios de la siesta* (1971)", a team in a table)
    names what the text tells of; it is no copy of it. Nor is an entry that words another
    entry of its list again, but for a copy (a victim and her brother: "Antonio Fernández
    Ruiz, de 78 años." / "Antonia Fernández Ruiz, de 75 años, hermana del anterior.")."""

    def entry(u: Unit) -> bool:
        return (
            0 < u.nwords < least
            and u.kind != "heading"
            and (u.kind == "list_item" or not is_sentence(u.text))
            and not quoted_whole(u.text)  # a pull quote, whatever stands around it
        )

    def in_list(i: int) -> bool:
        lo = hi = i
        while lo > 0 and entry(units[lo - 1]):
            lo -= 1
        while hi + 1 < len(units) and entry(units[hi + 1]):
            hi += 1
        return hi - lo + 1 >= LIST_RUN

    def listed(m: Match) -> bool:
        if m.later.block >= 0 or not entry(m.later) or not in_list(m.later.index):
            return False
        if m.relation.how == "part":
            return True
        return m.relation.how not in _COPIES and entry(m.earlier) and in_list(m.earlier.index)

    return [m for m in matches if not listed(m)]


#: fewest short lines in a row that make a list
LIST_RUN = 3


def _without_series(matches: list[Match], units: list[Unit]) -> list[Match]:
    """The matches, but for a series: three paragraphs or more in a row on one template
    whose numbers differ, each later one found to repeat the first (a phone's specs model by
    model, a company's results quarter by quarter, a timetable's lines; a heading or a
    label of a few words may stand between them). A lead pasted again further down with
    its numbers updated is no series: prose stands between the copies."""
    by_earlier: dict[int, list[Match]] = defaultdict(list)
    for m in matches:  # (a verbatim copy has the first's numbers: no member)
        if m.earlier.block < 0 and numbers_differ(m.later, m.earlier):
            by_earlier[id(m.earlier)].append(m)
    series = set()
    for group in by_earlier.values():
        places = sorted([group[0].earlier.index] + [m.later.index for m in group])
        if len(places) > 2 and all(
            _only_labels(units[a + 1 : b]) for a, b in zip(places, places[1:], strict=False)
        ):
            series.update(id(m) for m in group)
    return [m for m in matches if id(m) not in series] if series else matches


def _only_labels(between: list[Unit]) -> bool:
    """Nothing but headings and short labels ("**Modello B**") between two units."""
    return all(u.kind == "heading" or u.nwords <= LABEL_WORDS for u in between)


#: most words of a label between two entries of a series
LABEL_WORDS = 6
#: fewer words than this besides its numbers: a time stamp or a date ("18:37", "Sep 27, 2019")
DATE_WORDS = 3


def _with_short_neighbours(matches: list[Match], units: list[Unit]) -> list[Match]:
    """The matches, with the short lines copied together with a verbatim repeat: a line
    before or after a repeated paragraph that repeats the line before or after its earlier
    copy, word for word however short it is (a byline, a date line copied with the block).
    Alone, a short line printed twice is evidence of nothing (``min_verbatim_words``);
    beside a copied paragraph, in the same order, it is part of the copied block."""
    matched = {m.later.index for m in matches}
    added = []
    for m in matches:
        if m.relation.how not in ("verbatim", "near-verbatim") or m.earlier.kind == "heading":
            continue
        for step in (-1, 1):
            i, j = m.later.index + step, m.earlier.index + step
            # the earlier copy's neighbours stay before the later copy
            while j >= 0 and i < len(units) and j < i and i != m.earlier.index:
                later, earlier = units[i], units[j]
                if step == 1 and j >= m.later.index:
                    break
                if later.index in matched or not later.words or later.words != earlier.words:
                    break
                if numbers_differ(later, earlier) and wording(later) < DATE_WORDS:
                    break  # the next entry's time stamp or date ("18:37", "19:16"); a line
                    # of text with its figure changed is a stale part of the copy
                if later.stamped and earlier.stamped and _updated(later, earlier):
                    break  # a live blog's entry with a number updated
                if "heading" in (later.kind, earlier.kind):
                    break
                how = "verbatim" if later.text == earlier.text else "near-verbatim"
                added.append(Match(later, earlier, Relation(how, 1.0)))
                matched.add(later.index)
                i, j = i + step, j + step
    if not added:
        return matches
    return sorted(matches + added, key=lambda m: m.later.index)


_WORDS = regexcache.compile(r"\w+")
#: fewest words of a title of a work in quotes
TITLE_WORDS = 3


def _without_title(quotation) -> str:
    """A quotation, or " " for the title of a work (a book, a report, a film: every word
    of four letters or more capitalised), which names the work as a name names a person:
    printed twice, it says nothing of a copy."""
    words = _WORDS.findall(quotation.group())
    if len(words) >= TITLE_WORDS and all(w[:1].isupper() for w in words if len(w) >= 4):
        return " "
    return quotation.group()


def _informative(ctx: Context):
    """``informative(a, b)``: whether the shorter of two units, found inside the other, says
    enough to be a copy: the sum over its words of how much rarer than a common word each
    is (6 - Zipf frequency, from 0), at least ``min_information``, or a run of
    ``2 * min_verbatim_words`` words in a row (unlikely by chance, whatever the words).
    "The union is worried about the region" inside a paragraph on the topic is no
    evidence; a rare name or a long quote is. The title of a work in quotes counts for
    nothing (it is a name: a book credited twice is no copy). Without a lexicon every unit
    is informative."""
    least = ctx.options["min_information"]
    if least <= 0:
        return None
    lex = lexicons.load(ctx.doc.language or ctx.lang.code, "large", 2.0)
    if lex is None:
        return None

    def information(unit: Unit) -> float:
        text = unit.text
        if any(mark in text for mark in QUOTE_MARKS):
            text = QUOTATION.sub(_without_title, text)
        words = _WORDS.findall(text.lower())
        return sum(max(0.0, 6.0 - lex.zipf(w)) for w in words)

    def informative(a: Unit, b: Unit) -> bool:
        short, long = (a, b) if a.nwords <= b.nwords else (b, a)
        if information(short) >= least:
            return True
        if short.block < 0 and (pull_quote(short, long) or _quoted_sentence(short.text, long.text)):
            return True  # what the speaker said, set apart
        # a long run of words in a row is unlikely by chance, whatever the words
        return longest_run(short.words, long.words) >= run

    run = 2 * ctx.options["min_verbatim_words"]

    return informative


_SENTENCE_PART = regexcache.compile(r"[^.!?…]+[.!?…]*")


def _quoted_sentence(short: str, long: str) -> bool:
    """``short``, a paragraph of ``PULL_QUOTE_WORDS`` words or more, is word for word a
    whole sentence of a quotation in ``long`` ("Papierwerk is moeilijker dan deeg." after
    „Zonder hen had ik het nooit gered", zegt hij. „Papierwerk is moeilijker dan deeg.""),
    or, a sentence with its stop and no quotation marks, the opening of one or, from
    ``QUOTED_PART_WORDS`` words, a stretch of one: however common its words, a sentence
    someone said, set apart, is a pull quote."""
    words = tuple(_WORDS.findall(fold(short)))  # fold writes lowercase
    if len(words) < PULL_QUOTE_WORDS or not any(mark in long for mark in QUOTE_MARKS):
        return False
    # in quotation marks with no stop: a part of a longer quotation only, not a title quoted
    # whole («La casa degli orologi fermi» on a book's card)
    title = quoted_whole(short) and not is_sentence(short)
    # a sentence of its own, with its stop, may be the opening of the quoted one, cut short
    # ("We will not sign a blank cheque." of "We will not sign a blank cheque with public
    # money.")
    cut = is_sentence(short) and not quoted_whole(short)
    n = len(words)
    # ... or, from QUOTED_PART_WORDS words, any stretch of one ("Queremos un turismo que
    # deje más de lo que se lleva." of "No queremos menos turistas, queremos un turismo
    # que deje más de lo que se lleva")
    inside = cut and n >= QUOTED_PART_WORDS
    for quote in QUOTATION.finditer(long):
        if title and len(_WORDS.findall(fold(quote.group()))) <= n:
            continue
        for part in _SENTENCE_PART.finditer(quote.group()):
            said = tuple(_WORDS.findall(fold(part.group())))
            if said == words or (cut and said[:n] == words):
                return True
            if inside and any(said[i : i + n] == words for i in range(1, len(said) - n + 1)):
                return True
    return False


#: fewest words of a sentence set apart with no quotation marks that a quotation holds in
#: the middle of one of its sentences, for a pull quote
QUOTED_PART_WORDS = 8


def _analysis(ctx: Context):
    """Both rules of this kind share one analysis of a document (when their options but
    ``unit`` are the same: ``Prepared.shared``)."""
    return ctx.doc.memo(("repetition", ctx.prepared.shared), lambda: analyse(ctx))


def _earlier_name(doc, m: Match, what: str) -> str:
    if m.earlier.kind == "heading":
        return "the headline"
    what = "sentence" if m.earlier.block >= 0 else what
    return f"{what} at line {doc.locate(m.earlier.span.start)[0]}"


def check(ctx: Context):
    paragraphs, sentences, units = _analysis(ctx)
    doc = ctx.doc
    if ctx.options["unit"] == "sentence":
        for m in sentences:
            message = describe(m.relation, _earlier_name(doc, m, "paragraph"))
            yield Hit(m.later.span, {"message": message}, related=((m.earlier.span, "earlier"),))
        return
    for run in _runs(paragraphs):
        yield _run_hit(doc, run)
    archive = ctx.resources.get("archive")
    if archive is not None and ctx.options["archive"]:
        repeated = {m.later.index for m in paragraphs}
        yield from archive_hits(ctx, archive, units, repeated)


def _run_hit(doc, run: list[Match]) -> Hit:
    first, last = run[0], run[-1]
    span = Span(first.later.span.start, last.later.span.end)
    earlier = Span(min(m.earlier.span.start for m in run), max(m.earlier.span.end for m in run))
    verbatim = all(m.relation.how == "verbatim" for m in run)
    if len(run) == 1:
        message = describe(first.relation, _earlier_name(doc, first, "paragraph"))
    else:
        line, end_line = doc.locate(earlier.start)[0], doc.locate(earlier.end)[0]
        how = "verbatim" if verbatim else "partly reworded"
        message = f"and the next {len(run) - 1} repeat lines {line}-{end_line}, {how}"
    fix = Fix(_with_line_end(doc.text, span), "", safe=False) if verbatim else None
    return Hit(span, {"message": message}, related=((earlier, "earlier copy"),), fix=fix)


def _runs(matches: list[Match]) -> list[list[Match]]:
    """Group matches of consecutive blocks whose earlier copies are consecutive blocks too,
    in either order (two paragraphs pasted again swapped): one cause, one finding. Two
    paragraphs that repeat one earlier paragraph stay two findings: a lead merged from
    both (the seed sample's) is two repeats an editor resolves one by one."""
    runs: list[list[Match]] = []
    for m in matches:
        prev = runs[-1][-1] if runs else None
        if (
            prev
            and m.later.index == prev.later.index + 1
            and abs(m.earlier.index - prev.earlier.index) == 1
            and m.earlier.block == prev.earlier.block == -1
            and "heading" not in (m.earlier.kind, prev.earlier.kind)
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


def prepare(options: RepeatedContentOptions, base_dir) -> Prepared:
    """Compile the patterns (a bad one is an error naming its option)."""
    compiled = {}
    for key in ("allow", "strip"):  # compiled once here, not for every draft
        try:
            compiled[key] = tuple(UserPattern(pattern) for pattern in options[key])
        except ValueError as exc:
            raise ValueError(f"'{key}': {exc}") from None
    # what two rules must agree on to share one analysis of a draft
    shared = tuple(sorted((k, str(v)) for k, v in options.items() if k != "unit"))
    return Prepared(compiled["allow"], compiled["strip"], shared)


KIND = RuleKind(
    "repeated-content",
    check,
    RepeatedContentOptions,
    __doc__.strip().splitlines()[0],
    fixes="unsafe",
    prepare=prepare,
)
