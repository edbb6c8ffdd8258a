"""``quote-variants``: one quote, one wording.

The same quoted words in another order ('sagrada lucha' / 'lucha sagrada') or with one word
changed, across straight, curly and angle quotes; and a quoted fragment whose words stand in
another order inside a longer quote, within one of its sentences (``_fragments``). These
guards keep it to misquotes:

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
  sentence counts ("Kiyomura voltou ..."); a stopword names no one.

The later wording is reported, with the earlier one and its line; no fix is offered: a
quotation is corrected against the source, never rewritten to the draft's other wording.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from difflib import SequenceMatcher

from ... import regexcache
from ...document import Span
from ...findings import Hit
from ...language.normalize import fold
from ..base import Context, Options, RuleKind, option, options_dataclass


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


_QUOTE = regexcache.compile(
    r"(?<![\p{L}\p{N}])'([^'\n]{2,400}?)'(?![\p{L}\p{N}])|\"([^\"\n]{2,400}?)\"|“([^”\n]{2,400}?)”"
    r"|‘([^’\n]{2,400}?)’(?![\p{L}])|«([^»\n]{2,400}?)»"
)
_WORDS = regexcache.compile(r"[\p{L}\p{N}]+")


def check_quotes(ctx: Context):
    o = ctx.options
    quotes = []
    longer = []  # every quote of more than min_words words: (block, match, group, its words)
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in _QUOTE.finditer(block.prose):
            group = next(g for g in range(1, 6) if m.group(g) is not None)
            words = tuple(_WORDS.findall(fold(m.group(group))))
            if len(words) > o["min_words"]:
                longer.append((block, m, group, words))
            if o["min_words"] <= len(words) <= min(o["max_words"], o["passage_words"] - 1):
                span = Span(block.span.start + m.start(group), block.span.start + m.end(group))
                around, names = _around(block, span)
                quotes.append((words, span, m.group(group), around, names))
    reported: set[int] = set()  # short quotes already reported as a fragment
    yield from _fragments(ctx, quotes, longer, o["copy_similarity"], reported)
    yield from _changed_fragments(ctx, quotes, longer, o["copy_similarity"], reported)
    index: dict[tuple, list[int]] = defaultdict(list)  # comparison key -> earlier quotes
    seen: Counter = Counter()
    for i, (words, span, text, around, names) in enumerate(quotes):
        keys = _keys(words, o["one_word_changed_min"])
        earlier = sorted({j for k in keys for j in index.get(k, ())})
        seen[words] += 1
        if seen[words] <= MAX_SAME_QUOTE:  # a quote pasted many times: a few copies suffice
            for k in keys:
                index[k].append(i)
        for earlier_words, earlier_span, earlier_text, earlier_around, earlier_names in (
            quotes[j] for j in earlier
        ):
            how = _relation(ctx, words, earlier_words, o["one_word_changed_min"])
            if not how or _similarity(around, earlier_around) >= o["copy_similarity"]:
                continue
            if how == ONE_CHANGED and _two_speakers(ctx, names, earlier_names):
                continue  # two speakers, each named beside their own words
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


MAX_SAME_QUOTE = 8
_STOPS = regexcache.compile(r"[.!?¡¿;:…]")
#: most words of a quoted fragment looked for, in another order, inside a longer quote
FRAGMENT_WORDS = 6


def _fragments(ctx: Context, quotes: list, longer: list, copy_similarity: float, reported: set):
    """A short quote whose words stand in another order inside a longer quote ("a lonely
    and long fight" where the statement says "This will be a long and lonely fight, but
    ..."): the fragment misquotes the statement. The later of the two is reported."""
    wanted: dict[tuple, list[int]] = defaultdict(list)  # sorted words -> short quotes
    for i, q in enumerate(quotes):
        if len(q[0]) <= FRAGMENT_WORDS:
            wanted[tuple(sorted(q[0]))].append(i)
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
                    if i in reported or folded == quotes[i][0]:
                        continue
                    hit = _fragment_hit(
                        ctx, quotes[i], block, m, group, window, copy_similarity, "in another order"
                    )
                    if hit is not None:
                        reported.add(i)
                        yield hit


#: words of a quoted fragment looked for, with one word changed, inside a longer quote
CHANGED_WORDS = (5, 8)


def _changed_fragments(
    ctx: Context, quotes: list, longer: list, copy_similarity: float, reported: set
):
    """A short quote of ``CHANGED_WORDS`` words that a longer quote holds with one word
    changed ("running a marathon on a sprained ankle" where the statement says "We are
    running a marathon on a broken ankle."), within one of its sentences: a misquote. Not
    when the word changed is the fragment's first or last (the window may cut a longer
    phrase), when both words are stopwords (a pronoun adapted: "my" / "her own family"),
    or when the sentences around the two name people and none of them the same (two
    speakers). The later of the two is reported."""
    least, most = CHANGED_WORDS
    wanted: dict[tuple, list[int]] = defaultdict(list)  # the words, one blanked -> quotes
    anchors: dict[str, set[int]] = defaultdict(set)  # a quote's two longest words -> quotes
    for i, q in enumerate(quotes):
        words = q[0]
        if least <= len(words) <= most and i not in reported:
            for at in range(len(words)):
                wanted[(at, words[:at] + words[at + 1 :])].append(i)
            for w in sorted(set(words), key=len)[-2:]:  # one of the two is unchanged
                anchors[w].add(i)
    if not wanted:
        return
    stopwords = _stopwords(ctx.lang)
    for block, m, group, quoted in longer:
        n, present = len(quoted), frozenset(quoted)
        if n <= least:
            continue  # no fragment of its length or more is found inside it
        near = {i for w in present for i in anchors.get(w, ()) if len(quotes[i][0]) < n}
        near = {i for i in near if len(set(quotes[i][0]) - present) <= 1}
        if not near:
            continue
        words = _placed_words(m.group(group))
        for size in {len(quotes[i][0]) for i in near}:
            for at in range(len(words) - size + 1):
                window = words[at : at + size]
                folded = tuple(w for w, _, _ in window)
                # a word inside the fragment, not at either end, where the window may cut a
                # longer phrase ("Kim Jong Un is fine" / "... is gravely ill")
                for blank in range(1, size - 1):
                    key = (blank, folded[:blank] + folded[blank + 1 :])
                    for i in wanted.get(key, ()):
                        short = quotes[i][0]
                        if i in reported or i not in near or folded == short:
                            continue
                        if {short[blank], folded[blank]} <= stopwords:
                            continue  # "my own family" / "her own family": speech reported
                        hit = _fragment_hit(
                            ctx, quotes[i], block, m, group, window, copy_similarity, ONE_CHANGED
                        )
                        if hit is not None:
                            reported.add(i)
                            yield hit


def _placed_words(quote: str) -> list[tuple[str, int, int]]:
    """The folded words of a quote with their places in it (a fragment's window is cut
    from them)."""
    return [(fold(w.group()), w.start(), w.end()) for w in _WORDS.finditer(quote)]


def _fragment_hit(
    ctx: Context, short: tuple, block, m, group: int, window: list, copy_similarity: float, how
) -> Hit | None:
    """The finding for a short quote (an entry of ``quotes``) whose words ``window`` of a
    longer quote (``m``'s ``group``) holds ``how`` (in another order, or one changed), or
    None when the two are not one quote worded two ways: the short quote is the longer
    one itself, the two differ only by an inflection (reported speech adapting the
    quote), the window spans two sentences ("¿Los necesitamos? No los ..."), the sentences
    around them are copies (a pasted and edited passage: the repetition rules'), or, for
    one word changed, they name people and none of them the same (two speakers). The later
    of the two is reported."""
    words, span, text, around, names = short
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
    if _similarity(around, words_around) >= copy_similarity:
        return None
    if how == ONE_CHANGED and _two_speakers(ctx, names, names_around):
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


def _stopwords(lang) -> frozenset[str]:
    """The language's stopwords, folded (kept on the language: every draft asks)."""
    return lang.memo(("folded-stopwords",), lambda: frozenset(map(fold, lang.stopwords)))


def _similarity(a: list[str], b: list[str]) -> float:
    if len(a) < 3 or len(b) < 3:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


ONE_CHANGED = "with one word changed"
_CAPITALISED = regexcache.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’-]+")


def _relation(ctx: Context, a: tuple, b: tuple, one_changed_min: int) -> str | None:
    if a == b or ctx.lang.stems(list(a)) == ctx.lang.stems(list(b)):
        return None
    if sorted(a) == sorted(b):
        return "in another order"
    if len(a) == len(b) >= one_changed_min and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return ONE_CHANGED
    return None


KIND = RuleKind("quote-variants", check_quotes, QuoteVariantsOptions, "A quote worded two ways.")
