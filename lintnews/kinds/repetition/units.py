"""Text units for repeated-content checks and how a later unit relates to an earlier one.

A unit (a block or a sentence) is reduced to three views:

* ``norm``: folded words (accents, case and punctuation gone, numbers as ``#``, links and
  corpus placeholders dropped). Equal ``norm`` is a verbatim or nearly verbatim copy.
* ``seq`` / ``stems``: the content stems in order (stopwords dropped, Snowball stems, no
  numbers). Shared stems survive synonyms for a few words, a dropped or added clause and a
  lead-in; the longest common subsequence of ``seq`` (rapidfuzz ``LCSseq``) checks that the
  shared words come in the same order, which keeps keyword salad and two sentences about the
  same topic apart from a rewording.
* ``names``: stems of capitalised words, to tell a template line that swaps names (a caption
  series, a results table) from a repeat.
* ``quoted``: the words (a range of ``words``) of the quotation that makes most of a unit, as
  in a dek that is a quote and its attribution ("'We will win', the minister said"): the
  quotation alone, printed again word for word, is the copy; the attribution is not.

``relate(later, earlier, options)`` says how the later unit repeats the earlier one, or None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from ... import regexcache
from ...document import Span
from ...language import DOUBLE_QUOTATION, WORD, Language, elided, split_words
from ...language.normalize import fold

# Links, handles and the corpus placeholders (*URL*, *NUMBER*; the Markdown parser turns
# their asterisks into spaces) carry no wording of their own.
_LINK = regexcache.compile(r"https?://\S+|www\.\S+|\*?\bURL\b\*?|@\w+")
_PLACEHOLDER_NUMBER = regexcache.compile(r"\*?\bNUMBER\b\*?")
_DIGITS = regexcache.compile(r"\p{N}+")
QUOTATION = regexcache.compile(DOUBLE_QUOTATION)
QUOTE_MARKS = '"“„«‹”»'
#: least share of a unit's words its quotation must hold to be compared on its own (the
#: rest is an attribution)
QUOTED_SHARE = 0.5
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


#: both-ways similarity of two stem sets from (shared, size a, size b)
MEASURES = {
    "jaccard": lambda n, a, b: n / (a + b - n),
    "dice": lambda n, a, b: 2 * n / (a + b),
    "cosine": lambda n, a, b: n / (a * b) ** 0.5,
}


@dataclass(eq=False)  # units are compared by identity
class Unit:
    """A paragraph or sentence as the repetition rules compare it."""

    index: int  # position among the compared units of its level
    span: Span
    kind: str  # block kind: paragraph, heading, blockquote, list_item, ...
    text: str
    words: tuple[str, ...]  # folded words, numbers as "#"
    seq: tuple[str, ...]  # content stems in order
    stems: frozenset[str]
    names: frozenset[str]
    block: int = -1  # for sentences: the index of their block
    sentences: list[Unit] = field(default_factory=list)
    quoted: tuple[int, int] | None = None  # the range of ``words`` of its quotation, once asked
    stamped: bool = False  # its block opens with a time stamp: an entry of a live blog
    caption: bool = False  # an image's caption (``Document.caption_start``)

    @property
    def norm(self) -> str:
        return " ".join(self.words)

    @property
    def nwords(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Relation:
    """How one unit repeats another, and how closely."""

    #: verbatim | near-verbatim | reworded | part | expanded | restated (``_facts_kept``,
    #: ``_stale_figure``) | retold (``_same_figures``)
    how: str
    similarity: float
    exact: bool = False  # part / expanded: the shorter text is inside the other word for word
    gapped: bool = False  # part / expanded: its words in order, a few left out (a pull quote)

    def rank(self) -> tuple[int, float]:
        """How strong a repeat this is, for choosing among several earlier units (in the
        draft or the archive): the closer kind of copy first, then the higher similarity;
        among equals the caller keeps the first (earliest) one."""
        return (_RANK[self.how], self.similarity)


_RANK = {
    "verbatim": 5,
    "near-verbatim": 4,
    "reworded": 3,
    "expanded": 2,
    "part": 1,
    "restated": 0,
    "retold": 0,
}


def make_unit(lang: Language, index: int, span: Span, kind: str, text: str, block=-1) -> Unit:
    if "http" in text or "www." in text or "URL" in text or "@" in text:  # what _LINK needs
        text = _LINK.sub(" ", text)
    if "NUMBER" in text:
        text = _PLACEHOLDER_NUMBER.sub("0", text)
    body = strip_leadin(text, lang)
    facts = _facts(lang)
    found = split_words(body)
    try:
        got = list(map(facts.__getitem__, found))
    except KeyError:
        got = _learn(found, facts, lang)
    # (key, stem, name) of each word, taken apart with C-level iteration: a unit's words
    # are the longest loop of the repetition rules
    stems = list(map(_SECOND, got))
    seq = tuple(filter(None, stems))
    words = tuple(filter(None, map(_FIRST, got)))
    names = frozenset(compress(stems, map(_THIRD, got)))
    return Unit(index, span, kind, text, words, seq, frozenset(seq), names, block)


def quotation(unit: Unit) -> tuple[int, int]:
    """The range of a unit's words that its longest quotation holds, when that quotation
    is at least ``QUOTED_SHARE`` of them; else (0, 0). Worked out when first asked (few
    units are ever asked), counted from the unit's end: a lead-in is not among its words."""
    if unit.quoted is None:
        unit.quoted = (0, 0)
        text = unit.text
        if any(mark in text for mark in QUOTE_MARKS):
            best = max(QUOTATION.finditer(text), key=lambda m: m.end() - m.start(), default=None)
            if best is not None:
                inside = len(WORD.findall(best.group()))
                end = unit.nwords - len(WORD.findall(text, best.end()))
                if inside >= QUOTED_SHARE * unit.nwords and end - inside >= 0:
                    unit.quoted = (end - inside, end)
    return unit.quoted


def _facts(lang: Language) -> dict:
    """What make_unit needs of each word as WORD finds it, kept on the language."""
    return lang.memo("repetition-word-facts", dict)


def _learn(found: Sequence[str], facts: dict, lang: Language) -> list[tuple[str, str, bool]]:
    """The facts of ``found`` (key, folded stem or "", name), adding the words not yet
    known: their stems come from one call of the stemmer."""
    if len(facts) > 200_000:
        facts.clear()
    raw = {r: _word_facts(r, lang.stopwords, lang.elisions) for r in found if r not in facts}
    content = [r for r, fact in raw.items() if fact[1]]
    stems = dict(zip(content, lang.stems([raw[r][1] for r in content]), strict=True))
    for r, (key, _, word) in raw.items():
        stem = stems.get(r)
        facts[r] = (key, "", False) if stem is None else (key, fold(stem), word[:1].isupper())
    return [facts[r] for r in found]


def _word_facts(
    found: str, stopwords: frozenset[str], elisions: frozenset[str] = frozenset()
) -> tuple[str, str, str]:
    """(key, lowercased if a content word else "", the word) of a word as WORD finds it;
    the key is "" for a word that is only apostrophes and hyphens (it is not counted). An
    elided article or preposition glued to the word (French "l’arrivée", Italian
    "dell’acqua") is dropped: the word is compared as it stands without it."""
    word = found.strip("'’-")
    if not word:
        return "", "", ""
    cut = elided(word, elisions) if elisions else 0
    if cut:
        word = word[cut:]
    key = _word_key(word)
    if key == "#" or len(key) < 2 or key in stopwords:
        return key, "", word
    low = word.lower()
    return key, ("" if low in stopwords else low), word


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """How a word is compared: folded, or "#" for a number."""
    return "#" if _DIGITS.fullmatch(word) else fold(word)


def strip_leadin(text: str, lang: Language) -> str:
    """``text`` without an opening lead-in phrase ("Según se informó,", "Meanwhile,")."""
    if not lang.leadins:
        return text
    by_initial, longest, folded = lang.memo("leadin-table", lambda: _leadin_table(lang.leadins))
    body = text.lstrip()
    # only the opening is compared (folding a whole paragraph costs more than the rest of
    # its analysis), as long as it holds the longest folded lead-in and one more character
    cut = 2 * longest + 8
    low = fold(body[:cut])
    if len(body) > cut and len(low) <= folded:
        low = fold(body)
    candidates = by_initial.get(low[:1], ()) if "" not in by_initial else by_initial[None]
    for leadin, lead in candidates:
        if low.startswith(lead) and (len(low) == len(lead) or not low[len(lead)].isalnum()):
            return body[len(leadin) :].lstrip(" ,;:")
    return text


def _leadin_table(leadins: tuple[str, ...]) -> tuple[dict, int, int]:
    """The lead-ins (with their folded forms) by the first folded character, in their order
    (all of them under None too), the longest lead-in's length and the longest folded one's."""
    pairs = [(leadin, fold(leadin)) for leadin in leadins]
    table: dict = {None: pairs}
    for leadin, lead in pairs:
        table.setdefault(lead[:1], []).append((leadin, lead))
    return table, max(map(len, leadins)), max(len(lead) for _, lead in pairs)


def longest_run(short: tuple[str, ...], long: tuple[str, ...]) -> int:
    """Length of the longest run of words that ``short`` and ``long`` share, in order."""
    best = 0
    prev: dict[int, int] = {}
    positions: dict[str, list[int]] = {}
    for j, w in enumerate(long):
        positions.setdefault(w, []).append(j)
    for w in short:
        row = {j: prev.get(j - 1, 0) + 1 for j in positions.get(w, ())}
        if row:
            best = max(best, max(row.values()))
        prev = row
    return best


def relate(later: Unit, earlier: Unit, o: dict) -> Relation | None:
    """How ``later`` repeats ``earlier`` under the rule options ``o``, or None. A question
    and a statement that words it again are no repeat, unless one holds the other word for
    word: the statement answers the question ("Is there one factor that predicts ...?",
    then "It turned out that there is one factor that predicts ..."). One statement told of
    two years is a comparison (``other_period``)."""
    rel = _relate(later, earlier, o)
    if rel is None or _numbers_changed(later, earlier, o) or other_period(later, earlier):
        return None
    if rel.exact or rel.similarity == 1.0:
        return rel
    asks, other = _questions(later), _questions(earlier)
    if {asks, other} == {"all", "none"}:
        return None
    return None if _other_names(later, earlier) else rel


def _other_names(a: Unit, b: Unit) -> bool:
    """Whether one slot of two units' content words holds other names on each side: two
    stems of capitalised words or more on each, all of them names, none a respelling of
    one on the other side. Entries of a police blotter or a results list ("A car driven by
    Ann Lee, 40, hit a deer on Route 9" and "A car driven by Tom Roe, 62, hit a deer on
    Route 4") are two reports of one kind about other people, not one report said twice."""
    slot_a: list[str] = []
    slot_b: list[str] = []
    for op in Levenshtein.opcodes(a.seq, b.seq):
        if op.tag != "equal":  # the changes between two shared stretches are one slot
            slot_a += a.seq[op.src_start : op.src_end]
            slot_b += b.seq[op.dest_start : op.dest_end]
        elif slot_a or slot_b:
            if _names_slot(slot_a, slot_b, a, b):
                return True
            slot_a, slot_b = [], []
    return _names_slot(slot_a, slot_b, a, b)


def _names_slot(x: list[str], y: list[str], a: Unit, b: Unit) -> bool:
    if len(x) < 2 or len(y) < 2 or not (a.names.issuperset(x) and b.names.issuperset(y)):
        return False
    return not any(p[:4] == q[:4] for p in x for q in y)  # a name spelled two ways


def _questions(unit: Unit) -> str:
    """Whether a unit asks: "all" when each of its sentences ends with a question mark
    (after closing quotes and brackets), "none" when none does, else "some"."""
    asks = [s.text.rstrip(_CLOSERS).endswith(("?", "？")) for s in unit.sentences or (unit,)]
    return "all" if all(asks) else "none" if not any(asks) else "some"


_CLOSERS = " \t\n\"'”’»)]*_"


def quoted_whole(text: str) -> bool:
    """A quotation and nothing else ("No podemos hincar pilotes encima de eso")."""
    text = text.strip()
    return len(text) > 2 and text[0] in QUOTE_MARKS and text[-1] in '"”“»«›‹'


#: fewest words of a pull quote: a quotation, or a sentence of one, set apart as a paragraph
#: (5 -> 4: two pull quotes of four words found in a held-out set, «Abbiamo smentito i
#: gufi»; no other report of dev, real-dev, real-web or web-lines changes)
PULL_QUOTE_WORDS = 4


def _verbatim_words(o: dict, a: Unit, *others: Unit) -> int:
    """Fewest words of a unit ``a`` that stands word for word in another: ``min_verbatim_words``,
    or ``PULL_QUOTE_WORDS`` when ``a`` or one of ``others`` is a quotation and nothing else
    (a pull quote, or the sentence it was taken from)."""
    if a.nwords >= o["min_verbatim_words"] or not any(
        quoted_whole(u.text) and not _titled(u.text) for u in (a, *others)
    ):
        return o["min_verbatim_words"]
    return PULL_QUOTE_WORDS


def _relate(later: Unit, earlier: Unit, o: dict) -> Relation | None:
    if later.words == earlier.words:
        if later.nwords < _verbatim_words(o, later, earlier):
            return None
        if later.kind == "list_item" and later.text != earlier.text:
            return None  # list items that differ in their numbers: a template
        return Relation("verbatim" if later.text == earlier.text else "near-verbatim", 1.0)
    if _template(later, earlier, o):
        return None
    short, long = (later, earlier) if later.nwords <= earlier.nwords else (earlier, later)
    where = "part" if short is later else "expanded"
    if short.block < 0 and short.nwords >= _verbatim_words(o, short):
        # a pull quote, a dek printed again: all its words in order, or a long run of them
        common = LCSseq.similarity(short.words, long.words)
        if common == short.nwords and _copied(short, long, o):
            # word for word, unless a pull quote left words out
            gapped = short.nwords < 2 * o["min_verbatim_words"] and (
                longest_run(short.words, long.words) < short.nwords
            )
            return Relation(where, 1.0, exact=not gapped, gapped=gapped)
        # a shared run is a shared subsequence: no longer than the longest one
        least = max(2 * o["min_verbatim_words"], o["contained"] * short.nwords)
        if common >= least:
            run = longest_run(short.words, long.words)
            if run >= 2 * o["min_verbatim_words"] and run >= o["contained"] * short.nwords:
                return Relation(where, run / short.nwords)
        quote = _quotation_inside(short, long, o)
        if quote:
            return Relation(where, quote, exact=True)
        if short.nwords <= o["template_max_words"]:  # a short line, a word split or joined
            score = fuzz.partial_ratio(short.norm, long.norm) / 100
            if score >= o["near_quote"]:
                return Relation(where, score)
    shared = len(later.stems & earlier.stems)
    if shared < 2:
        return None
    short, long = (later, earlier) if len(later.seq) <= len(earlier.seq) else (earlier, later)
    if len(short.stems) < o["min_content_words"]:
        return None
    cover = shared / len(short.stems)
    if cover < o["containment"]:
        return (
            _facts_kept(later, earlier, shared, cover)
            or _stale_figure(later, earlier, shared, cover)
            or _same_figures(later, earlier, shared, cover)
        )
    similarity = MEASURES[o["measure"]](shared, len(later.stems), len(earlier.stems))
    inside = None
    if cover >= o["contained"]:  # one inside the other: its words in the same order
        ws, wl = (later, earlier) if later.nwords <= earlier.nwords else (earlier, later)
        order = LCSseq.similarity(ws.words, wl.words) / ws.nwords
        how = "part" if ws is later else "expanded"
        copied = _copied(ws, wl, o)
        if order == 1.0 and copied:
            return Relation(how, cover, exact=True)
        if order >= o["contained_order"] and (copied or ws.nwords >= 2 * o["min_verbatim_words"]):
            inside = Relation(how, cover)
    least = o["similarity"]
    if min(later.nwords, earlier.nwords) < 2 * o["min_verbatim_words"]:
        # two short lines share a few stems by chance (two headlines on one topic): a
        # rewording of one needs most of its stems, halfway from the bar to identity
        least = (1 + least) / 2
    if similarity >= least:
        order = LCSseq.similarity(short.seq, long.seq) / len(short.seq)
        if order >= o["min_order"]:
            return Relation("reworded", similarity)
    return inside


def _facts_kept(later: Unit, earlier: Unit, shared: int, cover: float) -> Relation | None:
    """A paragraph of one sentence told again in other words: synonyms for half its
    words ("5.9% of infants in the vaccinated group ... were delivered early" / "5.9% of
    babies in the vaccine group ... were born prematurely"), its facts kept. Two such
    paragraphs of about one length (``FACTS_LENGTH``), ending with a stop, share
    ``FACTS_COVER`` of the shorter one's content stems, ``FACTS_SIMILARITY`` of both
    (Jaccard) and ``FACTS_ORDER`` of them in order, and every figure and name of the one
    with fewer stands in the other: a figure and another fact, or ``FACTS_NAMES`` names;
    or the same names, and one of three figures or more updated (``_figure_updated``).
    A restatement of one event, not two events of one kind (they differ in a name or in
    more figures), nor a paragraph that goes on about the lead's story with two of its
    names; not a headline or a dek restated by the lead (no stop, or much shorter), nor a
    paragraph that is mostly a quote (the lead, then the speaker's words that say it).
    Chosen on three attack sets (the bounds lie between an attack's two events told alike,
    at cover 0.55 and Jaccard 0.33 or less, and the labelled restatements, at 0.58 and 0.35
    or more); no new finding on real-dev or real-web. Ranked below every other relation
    (``_RANK``): a closer copy is reported."""
    if later.block >= 0 or earlier.block >= 0 or later.sentences or earlier.sentences:
        return None  # paragraphs of one sentence: a longer one's sentences are compared
    if cover < FACTS_COVER or min(len(later.stems), len(earlier.stems)) < FACTS_STEMS:
        return None
    if not FACTS_LENGTH <= later.nwords / earlier.nwords <= 1 / FACTS_LENGTH:
        return None
    similarity = MEASURES["jaccard"](shared, len(later.stems), len(earlier.stems))
    if similarity < FACTS_SIMILARITY or not (is_sentence(later.text) and is_sentence(earlier.text)):
        return None
    short, long = (later, earlier) if len(later.seq) <= len(earlier.seq) else (earlier, later)
    if LCSseq.similarity(short.seq, long.seq) < FACTS_ORDER * len(short.seq):
        return None
    if quotation(later) != (0, 0) or quotation(earlier) != (0, 0):
        return None  # a quote that words what the reporter said: the lead and its source
    (figures_a, names_a), (figures_b, names_b) = _facts_of(later), _facts_of(earlier)
    figures, names = len(figures_a & figures_b), len(names_a & names_b)
    if figures + names < min(len(figures_a) + len(names_a), len(figures_b) + len(names_b)):
        if not _figure_updated(later, earlier, names_a == names_b):
            return None  # a fact of each that the other does not state
    if names < FACTS_NAMES and not (figures and figures + names >= 2):
        return None
    return Relation("restated", similarity)


def _stale_figure(later: Unit, earlier: Unit, shared: int, cover: float) -> Relation | None:
    """One statement told again with one figure changed: the same names (two or more),
    as many figures, all alike but one, and most of the words ("more than 5,300 structures
    had been destroyed or damaged in the Pacific Palisades" / "more than 5,000 structures
    had been damaged or destroyed in the Pacific Palisades, making it ..."): a stale copy
    beside the updated one. Sentences, and paragraphs of one: a longer paragraph's sentences
    are compared."""
    if later.sentences or earlier.sentences or cover < STALE_COVER:
        return None
    if not (is_sentence(later.text) and is_sentence(earlier.text)):
        return None
    similarity = MEASURES["jaccard"](shared, len(later.stems), len(earlier.stems))
    if similarity < STALE_SIMILARITY:
        return None
    names_a, names_b = _facts_of(later)[1], _facts_of(earlier)[1]
    if len(names_a) < 2 or names_a != names_b or not _one_figure_changed(later, earlier, 1):
        return None
    short, long = (later, earlier) if len(later.seq) <= len(earlier.seq) else (earlier, later)
    if LCSseq.similarity(short.seq, long.seq) < FACTS_ORDER * len(short.seq):
        return None
    return Relation("restated", similarity)


def _same_figures(later: Unit, earlier: Unit, shared: int, cover: float) -> Relation | None:
    """A paragraph told again in other words further down, its figures all kept: the same
    figures (``SAME_FIGURES`` or more of two digits or more; one more on one side at most,
    a dateline's day), ``SAME_FIGURES_COVER`` of the shorter one's content stems and
    ``SAME_FIGURES_SIMILARITY`` of both (Jaccard), ``SAME_FIGURES_GAP`` units or more apart,
    both paragraphs of prose ending with a stop (an earlier version's paragraph left in:
    "... 42 millones de euros para la provincia de Teruel ... las 24 horas" / "... una
    partida de 42 millones para Teruel ... abra las 24 horas del día"). Not a list's or a
    table's lines (no stop), nor a paragraph of small counts (three in nine)."""
    if later.block >= 0 or earlier.block >= 0 or cover < SAME_FIGURES_COVER:
        return None
    if later.index - earlier.index < SAME_FIGURES_GAP:
        return None
    similarity = MEASURES["jaccard"](shared, len(later.stems), len(earlier.stems))
    if similarity < SAME_FIGURES_SIMILARITY:
        return None
    few, more = sorted(
        (Counter(_FIGURE.findall(later.text)), Counter(_FIGURE.findall(earlier.text))),
        key=lambda c: c.total(),
    )
    if more.total() - few.total() > 1 or few - more:
        return None  # a figure of one the other lacks; but one more: a dateline's day
    if sum(len(f.replace(".", "").replace(",", "")) >= 2 for f in few.elements()) < SAME_FIGURES:
        return None
    if not (is_sentence(later.text) and is_sentence(earlier.text)):
        return None
    return Relation("retold", similarity)


#: fewest figures, least cover and Jaccard similarity, and fewest units between, of a
#: paragraph told again with its figures (``_same_figures``): the held-out restatements lie
#: at 0.44 / 0.26 and above, four units apart or more
SAME_FIGURES, SAME_FIGURES_COVER, SAME_FIGURES_SIMILARITY, SAME_FIGURES_GAP = 2, 0.4, 0.25, 3


#: least share of the shorter one's content stems, and least Jaccard similarity, of a
#: stale copy (``_stale_figure``): the held-out stale copies lie at 0.64 / 0.44 and 0.75 /
#: 0.46; no report of dev, real-dev, real-web or web-lines changes with these bounds
STALE_COVER, STALE_SIMILARITY = 0.6, 0.4


def _figure_updated(a: Unit, b: Unit, same_names: bool) -> bool:
    """The same names, and the same figures in the same order but for one of three or more
    (a stale copy with one figure updated: "... a reculé de 12 % ... de près de 30 % ...
    2021" / "... a baissé de 14 % ... de près de 30 % ... 2021")."""
    return same_names and _one_figure_changed(a, b, 3)


def _one_figure_changed(a: Unit, b: Unit, least: int) -> bool:
    """As many figures in both, ``least`` or more, in the same order, all alike but one."""
    x, y = _FIGURE.findall(a.text), _FIGURE.findall(b.text)
    if not len(x) == len(y) >= least:
        return False
    return sum(p != q for p, q in zip(x, y, strict=True)) == 1


#: first letters a name is compared by (San Juans / San Juan Islands, Győr / Győrben)
NAME_PREFIX = 4
#: bounds of a paragraph reworded with its facts kept (``_facts_kept``)
FACTS_COVER, FACTS_SIMILARITY, FACTS_ORDER = 0.56, 0.34, 0.5
FACTS_STEMS, FACTS_NAMES, FACTS_LENGTH = 8, 3, 0.6


def _facts_of(unit: Unit) -> tuple[set[str], set[str]]:
    """A unit's figures (not a corpus's masked ones, written 0) and its names: the words
    with a capital inside a sentence, folded, by their first ``NAME_PREFIX`` letters (a
    sentence's first word is no evidence; "the San Juans" names the San Juan Islands)."""
    figures = {f for f in _FIGURE.findall(unit.text) if f.strip("0.,")}
    return figures, {fold(w)[:NAME_PREFIX] for w in _INNER_NAME.findall(unit.text)}


_FIGURE = regexcache.compile(r"\d+(?:[.,]\d+)*")
_INNER_NAME = regexcache.compile(r"(?<=[\p{Ll}\p{N},;)”»]\s+)\p{Lu}[\p{L}\p{M}'’-]*")


def numbers_differ(a: Unit, b: Unit) -> bool:
    """Both hold numbers in the same slots, and some differ (a template's values)."""
    x, y = _NUMBERS.findall(a.text), _NUMBERS.findall(b.text)
    return len(x) == len(y) > 0 and x != y


_NUMBERS = regexcache.compile(r"\d+")


def other_period(a: Unit, b: Unit) -> bool:
    """Side by side, their numbers in the same slots, and in one slot two years: one
    statement told of two periods ("In 2023, the average was 0.61 degrees ..." then "In
    2024, ... 0.69"), a comparison. Apart, it is a stale copy: last year's lead pasted
    again with its year and figures updated."""
    if not _side_by_side(a, b):
        return False
    x, y = _NUMBERS.findall(a.text), _NUMBERS.findall(b.text)
    return len(x) == len(y) and any(
        p != q and _YEAR.fullmatch(p) and _YEAR.fullmatch(q) for p, q in zip(x, y, strict=True)
    )


_YEAR = regexcache.compile(r"(?:1[89]|20)\d\d")


def _side_by_side(a: Unit, b: Unit) -> bool:
    """Two sentences of one paragraph one after the other, or units of two paragraphs in a
    row; never a paragraph of the archive (index -1). A sentence's index counts in its
    paragraph, a paragraph's in the draft: compared as such they were "side by side" by
    chance (a sentence 1 and a sentence 0 paragraphs apart)."""
    if a.index < 0 or b.index < 0:
        return False
    if a.block >= 0 and a.block == b.block:
        return abs(a.index - b.index) == 1
    return abs((a.block if a.block >= 0 else a.index) - (b.block if b.block >= 0 else b.index)) == 1


def _numbers_changed(a: Unit, b: Unit, o: dict) -> bool:
    """Whether the shorter of two units is a template line (``template_line``) that holds
    a number the other does not, and the other is no sentence either: a template's next
    line ("Ben, 19 June 2018 at 3:28 p.m. - Reply", a price and its shop, a date, a time
    stamp), not a copy. A sentence with one figure updated is a repeat (a fact told twice,
    the second time stale, with or without its stop), and so is a live blog's entry pasted
    again under another time stamp."""
    short, long = (a, b) if a.nwords <= b.nwords else (b, a)
    if not template_line(short, o) or is_sentence(long.text):
        return False
    mine = numbers(short)
    return bool(mine) and bool(mine - numbers(long))


def template_line(unit: Unit, o: dict) -> bool:
    """A short line (under ``2 * min_verbatim_words`` words besides its numbers) that ends
    with no sentence stop: a label, a date, a price, a signature."""
    return wording(unit) < 2 * o["min_verbatim_words"] and not is_sentence(unit.text)


def wording(unit: Unit) -> int:
    """How many words a unit has besides its numbers."""
    return sum(w != "#" for w in unit.words)


def is_sentence(text: str) -> bool:
    """Whether a sentence's stop ends ``text`` (not an abbreviation's: "3:28 p.m.")."""
    return bool(_PROSE_END.search(text))


def numbers(unit: Unit) -> Counter:
    """The numbers a unit holds, past its time stamp."""
    return Counter(_NUMBERS.findall(_unstamped(unit)))


def _unstamped(unit: Unit) -> str:
    return STAMP.sub("", unit.text, count=1) if unit.stamped else unit.text


#: a sentence's stop at the end of a unit: not an ellipsis (it cuts a teaser short), not the
#: dot of a one-letter abbreviation ("p.m.", "a. m.")
_PROSE_END = regexcache.compile(r"(?:(?<![.…])(?<!(?<!\p{L})\p{L})\.|[!?])[\"'”’»“‘«›)\]]*\s*$")
#: a live blog's entry opens with its time: "16:30", "**10:00**", "14.05 Uhr -", "19 h 16";
#: not a price ("£14.50", "14.50 €")
STAMP = regexcache.compile(
    r"^[^\w\p{Sc}]{0,3}(?:[01]?\d|2[0-3])(?:[:.]|\s?h\s?)[0-5]\d\b(?!\s*\p{Sc})"
)


def _quotation_inside(short: Unit, long: Unit, o: dict) -> float:
    """The share of ``short``'s words that its quotation holds, when ``long`` (a paragraph
    or a sentence) opens with that quotation (of ``2 * min_verbatim_words`` words or more)
    word for word: a dek that quotes the opening of a paragraph and names the speaker. A
    quotation found further into a paragraph is a part of a longer quote (a dek picks the
    words it needs from what was said), not the paragraph printed again. 0.0 otherwise."""
    if short.nwords < 2 * o["min_verbatim_words"]:
        return 0.0
    start, end = quotation(short)
    if end - start < 2 * o["min_verbatim_words"]:
        return 0.0
    quote = short.words[start:end]
    if long.words[: len(quote)] != quote:
        return 0.0
    return len(quote) / short.nwords


def _copied(short: Unit, long: Unit, o: dict) -> bool:
    """Whether ``short``, whose words all stand in ``long`` in order, was copied into it: a
    short unit (under ``2 * min_verbatim_words`` words) only as one run of words in a row.
    A subhead whose words a paragraph holds spread out ("X controls news about Y" in "X said
    nothing; it controls all news about Y") summarises the paragraph; it is not a copy."""
    if short.nwords >= 2 * o["min_verbatim_words"]:
        return True
    return longest_run(short.words, long.words) == short.nwords or pull_quote(short, long)


def pull_quote(short: Unit, long: Unit) -> bool:
    """``short`` is a quotation and nothing else, of ``PULL_QUOTE_WORDS`` words or more,
    taken from a longer quotation in ``long`` (in quotation marks or between dashes:
    ``_quotations``), or all of one its attribution cuts with a comma ("The captain was
    brilliant," he said): its words stand there in a row, or, from
    ``PULL_QUOTE_GAPPED_WORDS`` words and no stop, in order with ``PULL_QUOTE_GAPS`` words
    at most left out between them (a pull quote, shortened as they are: „Wir können nicht
    ausschließen, dass sich die Schäden weiter ausbreiten“ of "... die Schäden unter der
    Last weiter ausbreiten"). Not a title quoted whole, with no stop («La casa degli orologi
    fermi» on a book's card), nor words the text says unquoted (an introduction that tells
    the quote first)."""
    if short.nwords < PULL_QUOTE_WORDS or not quoted_whole(short.text) or _titled(short.text):
        return False
    if not any(mark in long.text for mark in QUOTE_MARKS + "–—"):
        return False
    words = tuple(WORD.findall(fold(short.text)))
    # a statement, not a title: it may be a whole quotation; words are left out only of a
    # longer pull quote with no stop: not a short question put again to a second witness
    # ("Did you see the defendant that night?"), nor a sentence given again with words
    # struck out (an article of a law as amended)
    whole = is_sentence(short.text)
    gaps = len(words) >= PULL_QUOTE_GAPPED_WORDS and not whole
    reach = len(words) + (PULL_QUOTE_GAPS if gaps else 0)
    for quote in _quotations(long.text):
        other = WORD.findall(fold(quote.group()))
        # a quotation cut by its attribution ("The captain was unbelievable today," Arteta
        # said) is a sentence said, no title, even when the pull quote is all of it
        said = quote.group().rstrip(_CLOSERS + "“").endswith(",")
        if (whole or said or len(other) > len(words)) and _in_order(words, other, reach):
            return True
    return False


def _quotations(text: str):
    """The quotations of a text: in quotation marks, and a speaker's words between dashes
    as Polish, Hungarian or Spanish write them ("– To jedna z inwestycji. Metro zmienia
    życie dzielnicy – powiedział")."""
    yield from QUOTATION.finditer(text)
    if "–" in text or "—" in text:
        yield from DASH_SPEECH.finditer(text)


#: a speaker's words opened by a dash (at a paragraph's start or after a stop) and closed
#: by one, or by the paragraph's end
DASH_SPEECH = regexcache.compile(r"(?:^|(?<=[.:!?]\s))[–—]\s*[^–—\n]{2,2000}?(?=\s[–—]|$)")


def _in_order(words: tuple, other: list, reach: int) -> bool:
    """``words`` stand in ``other`` in order within ``reach`` words of the first. Each place
    of the first word is followed forward, no further than that."""
    for start, w in enumerate(other):
        if w != words[0]:
            continue
        at = 1
        for x in other[start + 1 : start + reach]:
            if at < len(words) and x == words[at]:
                at += 1
        if at == len(words):
            return True
    return False


#: most words a pull quote leaves out of the words it quotes, and the fewest words of a pull
#: quote that leaves words out
PULL_QUOTE_GAPS = 4
PULL_QUOTE_GAPPED_WORDS = 8


def _titled(text: str) -> bool:
    """A title in title case ("The Man Who Died Twice"): every word of four letters or more
    capitalised, two of them at least. A book's or a film's title quoted again is no pull
    quote."""
    long_words = [w for w in WORD.findall(text) if len(w) > 3]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


def headline_relation(unit: Unit, head: Unit, o: dict) -> Relation | None:
    """A line that repeats the headline, adding at most ``headline_extra_words`` words."""
    if unit.words == head.words and len(head.stems) >= 3:
        return Relation("verbatim" if unit.text == head.text else "near-verbatim", 1.0)
    if len(head.stems) < 3:
        return None
    common = LCSseq.similarity(head.words, unit.words)
    if common / head.nwords < o["headline_similarity"]:
        return None
    if unit.nwords - common > o["headline_extra_words"]:
        return None  # a lead that expands the headline
    return Relation("expanded", common / head.nwords, exact=common == head.nwords)


def _template(a: Unit, b: Unit, o: dict) -> bool:
    """Two short lines that share a template and differ only in names or numbers."""
    if max(a.nwords, b.nwords) > o["template_max_words"] and "list_item" not in (a.kind, b.kind):
        return False
    only_a, only_b = a.stems - b.stems, b.stems - a.stems
    if not only_a and not only_b:
        return a.kind == "list_item" or b.kind == "list_item"
    if not (only_a and only_b and only_a <= a.names and only_b <= b.names):
        return False
    # "Siberia" / "Siberian" is one name spelled two ways, not a template slot
    return not any(x[:4] == y[:4] for x in only_a for y in only_b)


def describe(rel: Relation, earlier: str) -> str:
    """'repeats paragraph at line 3, reworded (similarity 0.64)' and the like."""
    how = {
        "verbatim": "verbatim",
        "near-verbatim": "nearly verbatim",
    }.get(rel.how, f"reworded (similarity {rel.similarity:.2f})")
    if rel.exact:
        how = "word for word"
    elif rel.gapped:
        how = "its words in order, a few left out"
    if rel.how == "part":
        return f"repeats part of {earlier}, {how}"
    if rel.how == "expanded":
        return f"repeats {earlier} with additions, {how}"
    return f"repeats {earlier}, {how}"
