"""``quote-variants``: one quote, one wording.

The same quoted words in another order ('sagrada lucha' / 'lucha sagrada') or with one word
changed, across straight, curly, low-high („...“) and angle quotes; a sentence of a longer
quote in another order inside another paragraph's quote (``_reordered_sentences``); and a
quoted fragment whose words stand in another order inside a longer quote, within one of its
sentences (``_fragments``), not in a row elsewhere in it. These guards keep it to
misquotes:

* a change that only inflects a word (encantado / encantados, chupase / chupar: same stems)
  is how reported speech adapts a quote, not a second wording;
* a quote of ``passage_words`` words or more is a passage in itself: two copies of it that
  differ are a repeated passage, which the repetition rules report;
* when the sentences around the two quotes are copies of each other too (similarity of the
  words outside the quotes at least ``copy_similarity``), the draft repeats a passage and the
  repetition rules report it: the quote differs because the passage was pasted and edited.
  Quotes whose surroundings were written separately ("... a la 'sagrada lucha' de Rusia" in
  a lead, "... la 'lucha sagrada' de Rusia" in the body) are two claims about what was said;
* two quotes a word apart, each in a sentence that names people and none of them the same
  ("'Il cinema perde un gigante', ha detto Franceschini", "'... un maestro', ha scritto
  Sorrentino"), are two speakers' words, not one quote worded two ways. A name opening the
  sentence counts ("Kiyomura voltou ..."); a stopword names no one;
* a word changed that holds a figure (a toll updated, a bill amended), a quote that asks a
  question (the question put and the answer given) or holds an editor's brackets ("I
  think [ministers] have ...") is no misquote (``_adapted``).

Two quotes that agree on five words or more around a change of one or two words, with a
speaker named near both, are a quote worded two ways too (``_reworded``), and so are two
that agree on most of their words with changes between, unless each names its own speaker
(a near copy: ``_near_copy``). A speaker named by
a title ("insistió la ministra") is the people the draft names right after that title ("la
ministra de Hacienda, Elena Saavedra"); two paragraphs that are mostly their quotes are
alike because the quotes are, so only the words around the quotes tell a pasted passage.

The later wording is reported, with the earlier one and its line; no fix is offered: a
quotation is corrected against the source, never rewritten to the draft's other wording.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import pairwise
from typing import NamedTuple

from ... import regexcache
from ...document import Span
from ...findings import Hit
from ...language.normalize import fold
from ...language.sentences import unwrapped
from ..base import Context, Options, RuleKind, option, options_dataclass
from .name_variants import folded_words, name_titles


@options_dataclass
class QuoteVariantsOptions(Options):
    min_words: int = option(2, "fewest words in a quote compared")
    max_words: int = option(40, "most words in a quote compared")
    one_word_changed_min: int = option(4, "fewest words for the one-word-changed test")
    passage_words: int = option(
        16, "quotes of this many words or more are passages: the repetition rules' concern"
    )
    copy_similarity: float = option(
        0.75, "similarity of the words around two quotes that makes them a copied passage"
    )


_OUTWARD = (
    r"(?<![\p{L}\p{N}])'([^'\n]{2,400}?)'(?![\p{L}\p{N}])|\"([^\"\n]{2,400}?)\"|“([^”\n]{2,400}?)”"
    r"|‘([^’\n]{2,400}?)’(?![\p{L}])|«([^»\n]{2,400}?)»"
    r"|„([^“”\"\n]{2,400}?)[“”\"]"  # German, Polish, Czech ...
)
#: quotes, with » « too (German, Danish ...); not in a language whose data says
#: ``inward-guillemets: false`` (French: a paragraph that goes on quoting opens with »)
_QUOTE = regexcache.compile(_OUTWARD + r"|»([^«\n]{2,400}?)«")
_QUOTE_OUTWARD = regexcache.compile(_OUTWARD)
_WORDS = regexcache.compile(r"[\p{L}\p{N}]+")


class _Quote:
    """A quote compared whole: its folded words, its span and text, and (worked out when a
    comparison asks) the words of its sentence around it (``_around``)."""

    __slots__ = ("words", "span", "text", "block", "_around")

    def __init__(self, words: tuple, span: Span, text: str, block):
        self.words, self.span, self.text, self.block = words, span, text, block
        self._around = None

    @property
    def around(self) -> tuple[list[str], frozenset[str]]:
        if self._around is None:
            self._around = _around(self.block, self.span)
        return self._around


def check_quotes(ctx: Context):
    o = ctx.options
    quotes: list[_Quote] = []
    longer = []  # every quote of more than min_words words: (block, match, group, its words)
    quoting = _QUOTE if ctx.lang.data.get("inward-guillemets", True) else _QUOTE_OUTWARD
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in quoting.finditer(block.prose):
            group = next(g for g in range(1, quoting.groups + 1) if m.group(g) is not None)
            words = tuple(_WORDS.findall(fold(m.group(group))))
            if len(words) > o["min_words"]:
                longer.append((block, m, group, words))
            if o["min_words"] <= len(words) <= min(o["max_words"], o["passage_words"] - 1):
                span = Span(block.span.start + m.start(group), block.span.start + m.end(group))
                quotes.append(_Quote(words, span, m.group(group), block))
    reported: set[int] = set()  # short quotes already reported as a fragment
    found: list[Span] = []  # every span reported, the later wording's
    for hit in _fragments(ctx, quotes, longer, o["copy_similarity"], reported):
        found.append(hit.span)
        yield hit
    for hit in _changed_fragments(ctx, quotes, longer, o["copy_similarity"], reported):
        found.append(hit.span)
        yield hit
    index: dict[tuple, list[int]] = defaultdict(list)  # comparison key -> earlier quotes
    seen: Counter = Counter()
    for i, quote in enumerate(quotes):
        words, span, text = quote.words, quote.span, quote.text
        keys = _keys(words, o["one_word_changed_min"])
        earlier = sorted({j for k in keys for j in index.get(k, ())})
        seen[words] += 1
        if seen[words] <= MAX_SAME_QUOTE:  # a quote pasted many times: a few copies suffice
            for k in keys:
                index[k].append(i)
        for other in (quotes[j] for j in earlier):
            how = _relation(ctx, words, other.words, o["one_word_changed_min"])
            if not how or _similarity(quote.around[0], other.around[0]) >= o["copy_similarity"]:
                continue
            doc = ctx.doc.text
            said = (doc[span.start : span.end], doc[other.span.start : other.span.end])
            if how == ONE_CHANGED and _adapted(words, other.words, *said):
                continue  # a figure updated, a question put, an editor's brackets
            if how == ONE_CHANGED and _two_speakers(ctx, quote.around[1], other.around[1]):
                continue  # two speakers, each named beside their own words
            earlier_span, earlier_text = other.span, other.text
            found.append(span)
            yield Hit(
                span,
                {
                    "quote": text,
                    "other": earlier_text,
                    "how": how,
                    "line": ctx.doc.locate(earlier_span.start)[0],
                },
                related=((earlier_span, "the other wording"),),
            )
            break
    for hit in _reordered_sentences(ctx, longer, o["copy_similarity"], found):
        found.append(hit.span)
        yield hit
    yield from _reworded(ctx, longer, o["copy_similarity"], found)


def _reordered_sentences(ctx: Context, longer: list, copy_similarity: float, found: list[Span]):
    """A sentence of a quote given again, in another quote of another paragraph, with its
    words in another order: "México coordina, no se subordina" / "México no se
    subordina, coordina", each in a longer quote. Sentences of ``REORDERED_WORDS`` words or
    more; not a paragraph pasted again and edited (the words around the two quotes alike:
    the repetition rules'), nor a sentence a finding already covers. The later is
    reported, once; at most ``REWORDED_PAIRS`` pairs are compared in a draft."""
    if sum(len(q[3]) >= REORDERED_WORDS for q in longer) < 2:
        return  # most drafts: fewer than two quotes long enough
    # sorted words -> each order's first sentence (a chant sung a thousand times is one)
    seen: dict[tuple, dict[tuple, tuple]] = defaultdict(dict)
    text = ctx.doc.text
    pairs = 0  # sentences compared in another order, at most REWORDED_PAIRS a draft
    for block, m, group, words in longer:
        if len(words) < REORDERED_WORDS:
            continue
        start = block.span.start + m.start(group)
        parts = list(_QUOTE_SENTENCE.finditer(m.group(group)))
        for part in parts:
            # a quote of one sentence is its words, folded once already
            said = words if len(parts) == 1 else tuple(_WORDS.findall(fold(part.group())))
            if len(said) < REORDERED_WORDS:
                continue
            lead = len(part.group()) - len(part.group().lstrip())
            span = Span(
                start + part.start() + lead, start + part.start() + len(part.group().rstrip())
            )
            key = tuple(sorted(said))
            for other, (other_span, other_block) in seen[key].items():
                if other == said or other_block is block:
                    continue
                pairs += 1
                if pairs > REWORDED_PAIRS:
                    return  # a draft of hundreds of quotes alike (a chant): enough compared
                if any(f.start < span.end and span.start < f.end for f in found):
                    break
                near = _around(block, span)[0], _around(other_block, other_span)[0]
                if _similarity(*near) >= copy_similarity:
                    continue  # a passage pasted again and edited
                yield Hit(
                    span,
                    {
                        "quote": text[span.start : span.end],
                        "other": text[other_span.start : other_span.end],
                        "how": "in another order, a sentence of a longer quote",
                        "line": ctx.doc.locate(other_span.start)[0],
                    },
                    related=((other_span, "the other wording"),),
                )
                break
            seen[key].setdefault(said, (span, block))


#: fewest words of a quote's sentence compared with another quote's in another order
REORDERED_WORDS = 4
#: a sentence of a quote: up to its stop
_QUOTE_SENTENCE = regexcache.compile(r"[^.!?…;]+[.!?…]*")

MAX_SAME_QUOTE = 8
_STOPS = regexcache.compile(r"[.!?¡¿;:…]")
#: most words of a quoted fragment looked for, in another order, inside a longer quote (6 ->
#: 12: "una lucha sagrada contra el viento, el dinero y el tiempo" in a held-out set; no
#: report of dev, real-dev, real-web or web-lines changes, the torture quotes' times neither)
FRAGMENT_WORDS = 12


def _fragments(ctx: Context, quotes: list, longer: list, copy_similarity: float, reported: set):
    """A short quote whose words stand in another order inside a longer quote ("a lonely
    and long fight" where the statement says "This will be a long and lonely fight, but
    ..."): the fragment misquotes the statement. The later of the two is reported."""
    wanted: dict[tuple, list[int]] = defaultdict(list)  # sorted words -> short quotes
    for i, q in enumerate(quotes):
        if len(q.words) <= FRAGMENT_WORDS:
            wanted[tuple(sorted(q.words))].append(i)
    if not wanted:
        return
    anchored: dict[str, list[tuple]] = defaultdict(list)  # a key's longest word -> keys
    for k in wanted:
        anchored[max(k, key=len)].append(k)
    for block, m, group, quoted in longer:
        # most quotes hold no fragment's words: their words are folded one by one (for the
        # places of a window) only when they hold all the words of one
        n, present = len(quoted), frozenset(quoted)
        sizes = {
            len(k)
            for w in present
            for k in anchored.get(w, ())
            if len(k) < n and present.issuperset(k)  # a shorter quote, not this one
        }
        if not sizes:
            continue
        words = _placed_words(m.group(group))
        for size in sizes:
            for at in range(len(words) - size + 1):
                window = words[at : at + size]
                folded = tuple(w for w, _, _ in window)
                for i in wanted.get(tuple(sorted(folded)), ()):
                    if i in reported or folded == quotes[i].words:
                        continue
                    if _holds(quoted, quotes[i].words):
                        continue  # its words stand in order elsewhere in the quote
                    hit = _fragment_hit(
                        ctx, quotes[i], block, m, group, window, copy_similarity, "in another order"
                    )
                    if hit is not None:
                        reported.add(i)
                        yield hit


def _holds(words: tuple, part: tuple) -> bool:
    """Whether ``part`` stands in ``words`` word for word, in a row."""
    size = len(part)
    return any(words[k : k + size] == part for k in range(len(words) - size + 1))


#: words of a quoted fragment looked for, with one word changed, inside a longer quote
CHANGED_WORDS = (5, 15)
#: words of a fragment from which its last word changed is a misquote too ("... un
#: problema de falta de médicos" / "... de falta de personal")
LONG_FRAGMENT = 10


def _changed_fragments(
    ctx: Context, quotes: list, longer: list, copy_similarity: float, reported: set
):
    """A short quote of ``CHANGED_WORDS`` words that a longer quote holds with one word
    changed ("running a marathon on a sprained ankle" where the statement says "We are
    running a marathon on a broken ankle."), within one of its sentences: a misquote. Not
    when the word changed is the fragment's first, nor its last in a fragment under
    ``LONG_FRAGMENT`` words (the window may cut a longer phrase), when both words are
    stopwords (a pronoun adapted: "my" / "her own family"), or when the sentences around
    the two name people and none of them the same (two speakers). The later of the two is
    reported."""
    least, most = CHANGED_WORDS
    anchors: dict[str, set[int]] = defaultdict(set)  # a quote's two longest words -> quotes
    for i, q in enumerate(quotes):
        words = q.words
        if least <= len(words) <= most and i not in reported:
            for w in sorted(set(words), key=len)[-2:]:  # one of the two is unchanged
                anchors[w].add(i)
    if not anchors:
        return
    stopwords = _stopwords(ctx.lang)
    compared = 0  # windows compared with a fragment, at most FRAGMENT_COMPARISONS a draft
    for block, m, group, quoted in longer:
        n, present = len(quoted), frozenset(quoted)
        if n <= least:
            continue  # no fragment of its length or more is found inside it
        compared += sum(len(anchors.get(w, ())) for w in present)
        if compared > FRAGMENT_COMPARISONS:
            return  # a chant: each long quote holds the words of thousands of short ones
        near = {i for w in present for i in anchors.get(w, ()) if len(quotes[i].words) < n}
        near = {i for i in near if len(set(quotes[i].words) - present) <= 1}
        if not near:
            continue
        words = _placed_words(m.group(group))
        for size in {len(quotes[i].words) for i in near}:
            same = sorted(i for i in near if len(quotes[i].words) == size)
            compared += len(same) * max(0, len(words) - size + 1)
            if compared > FRAGMENT_COMPARISONS:
                return  # a draft of hundreds of quotes alike (a chant, a transcript): enough
            # a word inside the fragment, not at either end, where the window may cut a
            # longer phrase ("Kim Jong Un is fine" / "... is gravely ill"); a fragment of
            # LONG_FRAGMENT words agrees on enough to change its last
            last = size - (size < LONG_FRAGMENT)
            for at in range(len(words) - size + 1):
                window = words[at : at + size]
                folded = tuple(w for w, _, _ in window)
                found = []
                for i in same:
                    blank = _one_changed(folded, quotes[i].words)
                    if 1 <= blank < last:
                        found.append((blank, i))
                for blank, i in sorted(found):
                    short = quotes[i].words
                    if i in reported:
                        continue
                    if {short[blank], folded[blank]} <= stopwords:
                        continue  # "my own family" / "her own family": speech reported
                    if m.group(group)[window[blank][1]].isupper():
                        continue  # a capitalised word changed: another name ("de Sevilla"
                        # / "de Málaga"), the speaker's formula said of another place
                    hit = _fragment_hit(
                        ctx, quotes[i], block, m, group, window, copy_similarity, ONE_CHANGED
                    )
                    if hit is not None:
                        reported.add(i)
                        yield hit


#: most windows of longer quotes compared with fragments in a draft
FRAGMENT_COMPARISONS = 200_000


def _one_changed(a: tuple, b: tuple) -> int:
    """Where two word sequences of one length differ, when they differ in one place only;
    else -1 (the same, or two places or more: most windows, told by their first words)."""
    at = -1
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            if at >= 0:
                return -1
            at = k
    return at


#: words on either side of a change two quotes agree on, at least, together and each
REWORDED_CONTEXT = (5, 2)
#: most words a change replaces in either quote (three in all)
REWORDED_CHANGE = 2


def _reworded(ctx: Context, longer: list, copy_similarity: float, found: list[Span]):
    """Two quotes that agree on a stretch of words but for a change of one or two words
    inside it ("no vamos a hipotecar el futuro del club" / "... el porvenir del club",
    "a generation of children" / "a whole generation of children"; not two words for
    two: a clause reworded, unless one of each is a stopword: "las familias" / "los
    jóvenes" is a word changed with its article), with at least ``REWORDED_CONTEXT``
    words agreed around the change, two of them no stopwords, within the sentence of the
    change (and the sentence next to it, when the change ends or opens its own:
    ``_sentence_of``). These guards keep it to misquotes:

    * the change's words are not all stopwords (a pronoun or tense adapted in reported
      speech: "we will" / "they would"), nor one word inflected ("landscape coverage" /
      "landscapes"), nor capitalised (another name: "la Comisión de Apelación" / "la
      Comisión Disciplinaria");
    * neither quote stands in a heading (a headline shortens its quote) nor alone (a pull
      quote: the repetition rules');
    * the two paragraphs are not copies of each other (a pasted and edited passage: the
      repetition rules'; two quotes of one paragraph are parallel: "When my grandfather was
      a boy ... When my father was a boy"), and a speaker is named near both quotes in
      their paragraphs (``_speakers``: two bodies' condolences in one formula, a question
      and its answer, two parties' slogans name none in common);
    * the word changed holds no figure, and neither quote is a question or holds an
      editor's brackets (``_adapted``).

    At most ``REWORDED_PAIRS`` pairs of quotes are compared in a draft.

    The later is reported, once per quote."""
    least = REWORDED_CONTEXT[0]
    stopwords = _stopwords(ctx.lang)
    # two quotes that relate share two pairs of words in a row, a word of each no stopword:
    # the places of such pairs anchor the stretches the two agree on
    if sum(len(q[3]) >= least for q in longer) < 2:
        return  # most drafts: fewer than two quotes long enough
    content = {i: frozenset(q[3]) - stopwords for i, q in enumerate(longer) if len(q[3]) >= least}
    counts = Counter()
    for words in content.values():
        counts.update(words)
    shared = {w for w, n in counts.items() if n > 1}  # most drafts: none
    places: dict[tuple, list[tuple[int, int]]] = defaultdict(list)  # pair -> (quote, place)
    for i, words in content.items():
        if len(words & shared) < 2:
            continue
        for at, pair in enumerate(pairwise(longer[i][3])):
            if pair[0] in shared or pair[1] in shared:
                places[pair].append((i, at))
    anchors: dict[tuple[int, int], set] = defaultdict(set)  # two quotes -> places in each
    for found_at in places.values():
        if 1 < len(found_at) <= MAX_SAME_QUOTE:
            for n, (j, q) in enumerate(found_at):
                for i, p in found_at[:n]:
                    if i != j:
                        anchors[i, j].add((p, q))
    done: set[int] = set()
    settings: dict[int, Span | None] = {}  # a quote -> its paragraph (_setting)
    paragraphs: dict[Span, list[str]] = {}  # a paragraph -> its first words
    pairs_read = 0
    for (i, j), at in sorted(anchors.items()):
        if len(at) < 2 or j in done:
            continue
        a, b = longer[i][3], longer[j][3]
        if a == b:
            continue
        pairs_read += 1
        if pairs_read > REWORDED_PAIRS:
            break  # a draft of hundreds of quotes alike (a chant, a list): enough compared
        for x, y, changed, near in _candidates(ctx, a, b, at, stopwords):
            for k in (i, j):
                if k not in settings:
                    settings[k] = _setting(ctx, longer[k])
            pi, pj = settings[i], settings[j]
            if pi is None or pj is None or pi == pj:
                break  # a heading's or a pull quote, or one paragraph's two quotes: parallel
            for p in (pi, pj):
                if p not in paragraphs:
                    text = ctx.doc.text[p.start : p.end]
                    paragraphs[p] = _WORDS.findall(fold(text))[:PARAGRAPH_WORDS]
            if near or not _mostly_quote(longer[i], paragraphs[pi], longer[j], paragraphs[pj]):
                # (a near copy of a quote in a paragraph that copies its paragraph: the
                # paragraph repeated, the repetition rules' finding)
                if _copies(paragraphs[pi], paragraphs[pj], copy_similarity):
                    break  # a paragraph pasted again and edited
            hit = _reworded_hit(
                ctx, longer[i], longer[j], x, y, changed, near, copy_similarity, found
            )
            if hit is not None:
                done.add(j)
                yield hit
                break


def _mostly_quote(a, words_a: list[str], b, words_b: list[str]) -> bool:
    """Each of two quotes (entries of ``longer``) makes most of its paragraph (``words_a``,
    ``words_b``): paragraphs alike because their quotes are, told apart by the words
    around the quotes ("..., ha asegurado Saavedra" / "..., ha insistido la ministra")."""
    return all(len(q[3]) >= QUOTE_SHARE * len(words) for q, words in ((a, words_a), (b, words_b)))


#: least share of its paragraph's words a quote holds for the paragraph to be its setting
QUOTE_SHARE = 0.6


#: most pairs of quotes that share words compared for a changed word, and most words of a
#: paragraph compared with another (a paragraph pasted again is alike from its start)
REWORDED_PAIRS = 200
PARAGRAPH_WORDS = 300


def _copies(a: list[str], b: list[str], least: float) -> bool:
    """Whether two paragraphs' words are alike at ``least`` (``_similarity``), the quick
    bounds asked first."""
    if len(a) < 3 or len(b) < 3:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    bounds = (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
    return all(bound() >= least for bound in bounds)


def _word_changes(ctx: Context, a: tuple, b: tuple, anchors: set, stopwords: frozenset):
    """The changes (``_changes``) between the words ``a`` and ``b`` of two quotes that the
    word guards of ``_reworded`` leave: enough words agreed around, not only stopwords
    changed, no word inflected."""
    least, side = REWORDED_CONTEXT
    for x, y in _changes(a, b, anchors):
        if x.size + y.size < least or x.size < side or y.size < side:
            continue
        gap_a, gap_b = a[x.a + x.size : y.a], b[x.b + x.size : y.b]
        agreed = a[x.a : x.a + x.size] + a[y.a : y.a + y.size]
        if sum(w not in stopwords for w in agreed) < 2:
            continue  # "es decir el ... de la": words any two sentences share
        if set(gap_a) | set(gap_b) <= stopwords:
            continue  # speech reported: a pronoun or a tense adapted
        if len(gap_a) == len(gap_b) == REWORDED_CHANGE and not (
            sum(w not in stopwords for w in gap_a) == sum(w not in stopwords for w in gap_b) == 1
        ):
            continue  # two words for two: a clause said another way ("las familias" / "los
            # jóvenes", a word and its article, is one word changed)
        if set(ctx.lang.stems(list(gap_a))) & set(ctx.lang.stems(list(gap_b))):
            continue  # a word inflected, another added: the quote adapted
        yield x, y


def _candidates(ctx: Context, a: tuple, b: tuple, anchors: set, stopwords: frozenset):
    """The stretches two quotes' words ``a`` and ``b`` agree on around their changes, with
    the places of the words changed in each: a change of one or two words
    (``_word_changes``), else the two as a near copy (``_near_copy``)."""
    some = False
    for x, y in _word_changes(ctx, a, b, anchors, stopwords):
        some = True
        yield x, y, (range(x.a + x.size, y.a), range(x.b + x.size, y.b)), False
    if not some:
        near = _near_copy(a, b)
        if near is not None:
            yield *near, True


def _near_copy(a: tuple, b: tuple):
    """Two quotes that agree, from the first words they share to the last, on
    ``NEAR_SHARE`` of their words and ``NEAR_WORDS`` at least, two in a row at each end
    (a word agreed alone beyond them is left out), with some
    changes between (a word moved, an article added, two words changed a few words apart:
    "Mi cliente nunca cobró un euro de nadie, y eso lo saben todos en el pueblo" / "Mi
    cliente no cobró nunca un euro de nadie, y eso lo sabe todo el pueblo"): the stretch
    agreed at each end and the places of the words changed inside, or None. A quote that
    holds the other's words in a row, the rest cut, is a shorter quotation, no change."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    blocks = [k for k in matcher.get_matching_blocks() if k.size]
    while blocks and blocks[0].size < 2:
        blocks.pop(0)  # a word agreed alone at an end ("We will not build ..." / "We are
        # not going to build ..."): the stretch compared starts at two in a row
    while blocks and blocks[-1].size < 2:
        blocks.pop()
    if len(blocks) < 2:
        return None
    first, last = blocks[0], blocks[-1]
    agreed = sum(k.size for k in blocks)
    reach = max(last.a + last.size - first.a, last.b + last.size - first.b)
    if agreed < NEAR_WORDS or agreed < NEAR_SHARE * reach:
        return None
    kept_a = {k.a + n for k in blocks for n in range(k.size)}
    kept_b = {k.b + n for k in blocks for n in range(k.size)}
    differ_a = [n for n in range(first.a, last.a + last.size) if n not in kept_a]
    differ_b = [n for n in range(first.b, last.b + last.size) if n not in kept_b]
    x, y = _Run(first.a, first.b, first.size), _Run(last.a, last.b, last.size)
    return x, y, (differ_a, differ_b)


#: least words two quotes agree on, and least share of the stretch between the first and
#: the last they share, for a near copy (``_near_copy``)
NEAR_WORDS, NEAR_SHARE = 8, 0.75


class _Run(NamedTuple):
    """Words two quotes hold alike: ``size`` of them from ``a`` in the one, ``b`` in the
    other."""

    a: int
    b: int
    size: int


def _changes(a: tuple, b: tuple, anchors: set[tuple[int, int]]):
    """Pairs of stretches (``_Run``) the words ``a`` and ``b`` hold alike with up to
    ``REWORDED_CHANGE`` words of each between them, from the places where the two agree on
    two words in a row (``anchors``): each stretch as long as the two agree, then the next
    after a change."""
    runs: list[_Run] = []
    reach: dict[int, int] = {}  # a diagonal (p - q) -> where in ``a`` its last run ends
    for p, q in sorted(anchors):
        if p < reach.get(p - q, -1):
            continue  # inside a run found already
        while p and q and a[p - 1] == b[q - 1]:
            p, q = p - 1, q - 1
        runs.append(_Run(p, q, _agree(a, b, p, q)))
        reach[p - q] = p + runs[-1].size
    most = REWORDED_CHANGE + 1
    for run in runs:
        for skip_a in range(most):
            for skip_b in range(most):
                if not (skip_a or skip_b):
                    continue  # none changed (two words for two are asked of in _word_changes)
                # the words after it
                p, q = run.a + run.size + skip_a, run.b + run.size + skip_b
                size = _agree(a, b, p, q)
                if size:
                    yield run, _Run(p, q, size)


def _agree(a: tuple, b: tuple, p: int, q: int) -> int:
    """How many words ``a`` from ``p`` and ``b`` from ``q`` hold alike."""
    n = 0
    while p + n < len(a) and q + n < len(b) and a[p + n] == b[q + n]:
        n += 1
    return n


def _setting(ctx: Context, quote: tuple) -> Span | None:
    """The paragraph a quote of ``longer`` stands in, or None when it stands in a heading or
    alone (a pull quote)."""
    block, m, _, _ = quote
    if block.kind == "heading":
        return None
    start, end = block.span.start + m.start(), block.span.start + m.end()
    paragraph = _paragraph(block, Span(start, end))
    before = ctx.doc.text[paragraph.start : start]
    after = ctx.doc.text[end : paragraph.end]
    if not (_WORDS.search(before) or _WORDS.search(after)):
        return None
    return paragraph


def _reworded_hit(ctx, earlier, later, x: _Run, y: _Run, changed, near, copy_similarity, found):
    """The finding for the stretches of two quotes of ``longer`` that ``x`` and ``y`` hold
    alike around a change, or None when a stretch crosses a sentence's end, a word changed
    is capitalised (another name: "la Comisión de Apelación" / "la Comisión
    Disciplinaria") or stands in brackets (an editor's declared change: "[ministers]"),
    either quote asks a question (the question put and the answer given), the later
    stretch overlaps a finding already made, the sentences around them are copies, or
    they name no speaker in common: the two must be one person's words, named beside both
    ("said Beverley Osei" ... "Ms Osei summed up"; a club's and a league's condolences, a
    question and its answer, two parties' slogans are not)."""
    spans, texts, arounds, names, changes = [], [], [], [], []
    least, side = REWORDED_CONTEXT
    for (block, m, group, _), start, cut, end, differ in (
        (earlier, x.a, (x.a + x.size, y.a), y.a + y.size, changed[0]),
        (later, x.b, (x.b + x.size, y.b), y.b + y.size, changed[1]),
    ):
        quote = m.group(group)
        if any(mark in quote for mark in "?¿"):
            return None  # the question put and the answer given
        words = _placed_words(quote)
        if any(quote[words[k][1]].isupper() for k in differ):
            return None
        start, end = _sentence_of(quote, words, start, cut, end)
        agreed = cut[0] - start + end - cut[1]
        if not near and (agreed < least or min(cut[0] - start, end - cut[1]) < side):
            return None  # too few words agreed within the sentence of the change (a near
            # copy agrees on enough words between its changes)
        base = block.span.start + m.start(group)
        span = Span(base + words[start][1], base + words[end - 1][2])
        text = ctx.doc.text[span.start : span.end]
        if cut[1] > cut[0] and _STOPS.search(quote, words[cut[0]][1], words[cut[1] - 1][2]):
            return None  # the change spans two sentences
        changes.append(tuple(words[k][0] for k in differ))
        spans.append(span)
        texts.append(text)
        arounds.append(_around(block, span)[0])
        names.append(_speakers(ctx, block, m))
    if _adapted(*changes, *texts):
        return None  # a figure updated, an editor's brackets
    if any(s.start < spans[1].end and spans[1].start < s.end for s in found):
        return None
    if _similarity(*arounds) >= copy_similarity:
        return None
    if _two_people(ctx, *names) if near else not _same_speaker(ctx, *names):
        return None
    found.append(spans[1])
    return Hit(
        spans[1],
        {
            "quote": texts[1],
            "other": texts[0],
            "how": REWORDED,
            "line": ctx.doc.locate(spans[0].start)[0],
        },
        related=((spans[0], "the other wording"),),
    )


def _sentence_of(quote: str, words: list, start: int, cut: tuple, end: int) -> tuple[int, int]:
    """The stretch ``start``..``end`` of a quote's ``words`` cut to the sentence of the
    change (``cut``), and to the sentence next to it when the change ends or opens its own
    ("... a costa de las familias. El alquiler de temporada ..." / "... de los jóvenes. El
    alquiler de temporada ..."): words agreed further away, past a stop, are no context."""
    for i in range(cut[0] - 2, start - 1, -1):  # a stop right before the change: it
        # opens its sentence, and the sentence before, agreed, is the context
        if _STOPS.search(quote, words[i][2], words[i + 1][1]):
            start = i + 1
            break
    for i in range(cut[1], end - 1):  # the same after it
        if _STOPS.search(quote, words[i][2], words[i + 1][1]):
            end = i + 1
            break
    return start, end


def _speakers(ctx: Context, block, m) -> frozenset[str]:
    """The capitalised words of the paragraph around a quotation (``m``), outside it and
    near it (``SPEAKER_CHARS``): who may have said it, named in the sentence or the one
    before ("Ms Okafor said ... \"This is ...,\" she said."). A speaker named by a title
    ("ha insistido la ministra"), with no one named beside the quote, stands for the names
    the draft writes right after that title, when it gives the title to one person ("La
    ministra de Hacienda, Elena Saavedra": ``_titled``)."""
    start, end = block.span.start + m.start(), block.span.start + m.end()
    paragraph = _paragraph(block, Span(start, end))
    text = ctx.doc.text
    before = text[max(paragraph.start, start - SPEAKER_CHARS) : start]
    after = text[end : min(paragraph.end, end + SPEAKER_CHARS)]
    near = before + " " + after
    names = {fold(w.group()) for w in _CAPITALISED.finditer(near)}
    if names - _stopwords(ctx.lang):
        return frozenset(names)  # someone named beside the quote: no title stands for them
    heads = name_titles(ctx.lang)
    for title in {w for w in _WORDS.findall(fold(near)) if w in heads}:
        names |= _titled(ctx, heads).get(title, frozenset())
    return frozenset(names)


#: words read after a title for the name of who holds it ("presidente del Gobierno, Pedro")
TITLED_WORDS = 6


def _titled(ctx: Context, heads: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each title the draft gives one person, with the capitalised words that name them
    right after it: the title's own words then the name ("la ministra de Hacienda, Elena
    Saavedra", "the works secretary Adriana Kiyomura"), up to the first lowercase word that
    is no connector, within ``TITLED_WORDS`` words. A title the draft gives two people
    (two names after it with no word in common: "el secretario general de CCOO, Unai
    Sordo" and "... de UGT, Pepe Álvarez") names no one, nor does a title no name follows
    ("la huelga general convocada ..."). Worked out once per draft, when a quote's speaker
    is asked."""

    def make() -> dict[str, frozenset[str]]:
        connectors = folded_words(ctx.lang, "name-connectors")
        seen: dict[str, list[frozenset[str]]] = defaultdict(list)
        text = ctx.doc.text
        for w in _WORDS.finditer(text):
            title = fold(w.group())
            if title not in heads:
                continue
            tail = _SENTENCE_END.split(text[w.end() : w.end() + 120], 1)[0]
            names = set()
            for word in tail.split()[:TITLED_WORDS]:
                word = word.strip(",;:()\"'«»“”")
                if _CAPITALISED.match(word):
                    names.add(fold(word))
                elif fold(word) not in connectors:
                    break
            names = names or _appositive(tail)
            if names:
                seen[title].append(frozenset(names))
        out = {}
        for title, named in seen.items():
            if all(not a.isdisjoint(b) for a in named for b in named):
                out[title] = frozenset().union(*named)
        return out

    return ctx.doc.memo("quote-titled", make)


_SENTENCE_END = regexcache.compile(r"[.!?;\n]")


def _appositive(tail: str) -> set[str]:
    """The capitalised words right after the first comma of a title's description, within
    ``APPOSITIVE_WORDS`` words of the title: its holder set apart ("El candidato del
    partido a la alcaldía, Tomás Rivas")."""
    head, comma, rest = tail.partition(",")
    if not comma or len(head.split()) > APPOSITIVE_WORDS:
        return set()
    names = set()
    for word in rest.split():
        word = word.strip(",;:()\"'«»“”")
        if not _CAPITALISED.match(word):
            break
        names.add(fold(word))
    return names


#: most words of a title's description before the comma that sets its holder apart
APPOSITIVE_WORDS = 8


#: characters read on either side of a quotation for the name of who said it
SPEAKER_CHARS = 300


def _same_speaker(ctx: Context, a: frozenset[str], b: frozenset[str]) -> bool:
    """The capitalised words around two quotations, outside them, share one that is no
    stopword: a speaker named beside both."""
    return bool((a & b) - _stopwords(ctx.lang))


def _two_people(ctx: Context, a: frozenset[str], b: frozenset[str]) -> bool:
    """What keeps a near copy of a quote from being one person's words: the capitalised
    words around each quote name someone, and none they have in common is a surname (a
    word the draft writes, somewhere, right after another capitalised word: "Noa
    Castiñeira" ... "Castiñeira"); a place named beside both ("w Sejmie") is no speaker.
    With no one named beside one of them ("she said"), it is one person's."""
    stop = _stopwords(ctx.lang)
    a, b = a - stop, b - stop
    return bool(a and b) and not (a & b & _after_capitals(ctx))


def _after_capitals(ctx: Context) -> frozenset[str]:
    """The folded capitalised words that stand right after another capitalised word."""
    return ctx.doc.memo(
        "quote-after-capitals",
        lambda: frozenset(fold(m.group(1)) for m in _AFTER_CAPITAL.finditer(ctx.doc.text)),
    )


_AFTER_CAPITAL = regexcache.compile(
    r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’.-]*[ \t]+(?=(\p{Lu}[\p{L}\p{M}'’-]+))"
)


def _paragraph(block, span: Span) -> Span:
    """The paragraph holding ``span``: the block, or its line in a block of unwrapped lines
    (a web page copied a paragraph to a line)."""
    if not unwrapped(block.prose):
        return block.span
    at = span.start - block.span.start
    start = block.prose.rfind("\n", 0, at) + 1
    end = block.prose.find("\n", at)
    end = len(block.prose) if end < 0 else end
    return Span(block.span.start + start, block.span.start + end)


REWORDED = "with a word or two changed"


def _placed_words(quote: str) -> list[tuple[str, int, int]]:
    """The folded words of a quote with their places in it (a fragment's window is cut
    from them)."""
    return [(fold(w.group()), w.start(), w.end()) for w in _WORDS.finditer(quote)]


def _fragment_hit(
    ctx: Context, short: _Quote, block, m, group: int, window: list, copy_similarity: float, how
) -> Hit | None:
    """The finding for a short quote (an entry of ``quotes``) whose words ``window`` of a
    longer quote (``m``'s ``group``) holds ``how`` (in another order, or one changed), or
    None when the two are not one quote worded two ways: the short quote is the longer
    one itself, the two differ only by an inflection (reported speech adapting the
    quote), the window spans two sentences ("¿Los necesitamos? No los ..."), the sentences
    around them are copies (a pasted and edited passage: the repetition rules'), or, for
    one word changed, they name people and none of them the same (two speakers). The later
    of the two is reported."""
    words, span, text = short.words, short.span, short.text
    base = block.span.start + m.start(group)
    if base <= span.start < base + len(m.group(group)):
        return None
    folded = [w for w, _, _ in window]
    if ctx.lang.stems(folded) == ctx.lang.stems(list(words)):
        return None
    inner = Span(base + window[0][1], base + window[-1][2])
    whole = ctx.doc.text[inner.start : inner.end]
    if _STOPS.search(whole):
        return None
    words_around, names_around = _around(block, inner)
    if _similarity(short.around[0], words_around) >= copy_similarity:
        return None
    if how == ONE_CHANGED and _adapted(
        tuple(folded), words, whole, ctx.doc.text[span.start : span.end]
    ):
        return None
    if how == ONE_CHANGED and _two_speakers(ctx, short.around[1], names_around):
        return None
    later, earlier = (span, inner) if span.start > inner.start else (inner, span)
    said, other = (text, whole) if later is span else (whole, text)
    return Hit(
        later,
        {
            "quote": said,
            "other": other,
            "how": how + ", inside a longer quote",
            "line": ctx.doc.locate(earlier.start)[0],
        },
        related=((earlier, "the other wording"),),
    )


def _keys(words: tuple, one_changed_min: int) -> list[tuple]:
    """Keys under which two quotes can relate (``_relation`` tells how): the same words in
    any order, or as many words, one half of them the same (one word changed leaves the
    other half as it was): three keys a quote, whatever its length."""
    keys = [("order", tuple(sorted(words)))]
    if len(words) >= one_changed_min:
        half = len(words) // 2
        keys += [("head", len(words), words[:half]), ("tail", len(words), words[half:])]
    return keys


def _around(block, span: Span) -> tuple[list[str], frozenset[str]]:
    """The words of the quote's sentence outside the quote, and those of them capitalised,
    the sentence's first too ("Kiyomura voltou a defender ..."): who may have said it
    (``_two_speakers``)."""
    for s in block.sentences:
        if s.span.start <= span.start < s.span.end:
            start, end = s.span.start, s.span.end
            break
    else:
        start, end = block.span.start, block.span.end
    # a sentence that never ends (a block of quotes without a stop) is read near the quote
    start, end = max(start, span.start - AROUND_CHARS), min(end, span.end + AROUND_CHARS)
    text = block.prose[start - block.span.start : end - block.span.start]
    cut = text[: span.start - start] + " " + text[span.end - start :]
    names = frozenset(fold(m.group()) for m in _CAPITALISED.finditer(cut))
    return _WORDS.findall(fold(cut)), names


#: most characters read on either side of a quote for the words around it
AROUND_CHARS = 200


def _two_speakers(ctx: Context, a: frozenset[str], b: frozenset[str]) -> bool:
    """The capitalised words around two quotes name people, and none of them the same: two
    speakers' words. A stopword (a sentence's "The", "On") names no one. Asked only of
    quotes that relate."""
    if not a or not b:
        return False
    stop = _stopwords(ctx.lang)
    a, b = a - stop, b - stop
    return bool(a and b and a.isdisjoint(b))


def _adapted(a: tuple, b: tuple, text_a: str, text_b: str) -> bool:
    """Two wordings a word apart that are no misquote: the word changed holds a figure (a
    toll updated, a bill amended: "within 30 days" / "within 90 days"), either is a
    question (the question put and the answer given), or either holds an editor's brackets
    (a declared change: "I think [ministers] have ...")."""
    changed = set(a) ^ set(b)
    if any(c.isdigit() for w in changed for c in w):
        return True
    return any(mark in t for t in (text_a, text_b) for mark in "?¿[]")


def _stopwords(lang) -> frozenset[str]:
    """The language's stopwords, folded (kept on the language: every draft asks)."""
    return lang.memo(("folded-stopwords",), lambda: frozenset(map(fold, lang.stopwords)))


def _similarity(a: list[str], b: list[str]) -> float:
    if len(a) < 3 or len(b) < 3:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


ONE_CHANGED = "with one word changed"
#: a capitalised word, without the possessive 's after it ("Alvarez's line" names Alvarez)
_CAPITALISED = regexcache.compile(
    r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’-]+?(?=(?:['’]s)?(?![\p{L}\p{M}'’-]))"
)


def _relation(ctx: Context, a: tuple, b: tuple, one_changed_min: int) -> str | None:
    if a == b or ctx.lang.stems(list(a)) == ctx.lang.stems(list(b)):
        return None
    if sorted(a) == sorted(b):
        return "in another order"
    if len(a) == len(b) >= one_changed_min and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return ONE_CHANGED
    return None


KIND = RuleKind("quote-variants", check_quotes, QuoteVariantsOptions, "A quote worded two ways.")
