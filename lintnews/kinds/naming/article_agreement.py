"""``article-agreement``: one entity, one article.

The same name after a masculine and a feminine article, by the language's
``gendered-articles`` (Spanish ``el``/``la``, ``del``/``de la``; French ``le``/``la``;
Italian ``il``/``la``; Portuguese ``o``/``a``). Two names are the same entity when they are
equal, or when the longer one continues the shorter with a connector ("Congreso" /
"Congreso de Quintana Roo"); a longer name that goes on with another capitalised word is
another entity ("la FIFA" / "el FIFA World Cup Trophy Tour"). A name followed by an
adjective in its article's gender or by a year names one sense of it (a city and its
football club: "El Sevilla goleó", "la Sevilla futbolera") and is not compared; a verb is
no adjective ("La CNMC considera": considerar is a word). An article right after a
capitalised word is part of a longer name ("Lula da Silva"). The minority use is reported;
the unsafe fix swaps its article.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import regex

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language import lexicon as lexicons
from ...language.normalize import fold
from ...patterns import either
from ..base import Context, Options, RuleKind, option, options_dataclass
from .quotations import unless_quoted


@options_dataclass
class ArticleAgreementOptions(Options):
    masculine: list[str] = option(
        [], "masculine articles (none given: the language's gendered-articles)"
    )
    feminine: list[str] = option(
        [],
        "feminine articles, each the partner of the masculine one at its place (none given:"
        " the language's gendered-articles)",
    )
    swap: dict[str, str] = option(
        {},
        "the article that replaces each article in a fix (none given: its partner in the"
        " other list)",
    )


#: Zipf frequency from which a word is a word of the language (an adjective's other
#: gender, a verb's infinitive)
KNOWN_ZIPF = 2.0


class Grammar(NamedTuple):
    """A language's articles as the kind reads them."""

    gender: dict[str, str]  # article -> "m" or "f"
    pattern: regex.Pattern | None  # an article and the name after it
    swap: dict[str, str]  # article -> the other gender's
    endings: dict[str, str]  # gender -> the last letter of an adjective in it
    infinitive: str  # what a verb's third person takes to be its infinitive
    opening_only: frozenset[str]  # articles that are prepositions too, unless opening


_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*|\p{Ll}+\p{Lu}[\p{L}\p{M}]*)"
_NAME_PART = rf"{_NAME_WORD}(?:[ -]{_NAME_WORD})*"


def check_articles(ctx: Context):
    grammar = _grammar(ctx)
    if grammar.pattern is None:
        return
    code = ctx.doc.language or ctx.lang.code  # its lexicon, read only if a word is asked
    connectors = frozenset(w.lower() for w in ctx.lang.data.get("name-connectors", []))
    uses = []  # (gender, words, article span, name, article)
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in grammar.pattern.finditer(block.prose):
            opening = _starts_sentence(block.prose, m.start())
            if not m.group(1)[0].islower() and not opening:
                continue
            art_text = " ".join(m.group(1).split())
            gender = grammar.gender[art_text.lower()]
            if not opening and art_text.lower() in grammar.opening_only:
                continue  # Portuguese "a" is a preposition as often ("pediu a Costa")
            if _after_name(block.prose, m.start()):
                continue  # "Lula da Silva": a particle inside a longer name
            if _modified(block.prose, m.end(), gender, grammar, code):
                continue  # "la Sevilla futbolera", "la Barcelona de 1992": a sense of it
            words = tuple(fold(w) for w in m.group(2).split())
            art = Span(block.span.start + m.start(1), block.span.start + m.end(1))
            uses.append((gender, words, art, m.group(2), art_text))
    reported = set()
    by_first = defaultdict(list)  # the uses of names by their first word (one entity's share it)
    for u in uses:
        by_first[u[1][0]].append(u)
    same_as: dict[tuple, list] = {}  # uses of the same entity, by the words of a name
    for g, words, span, name, art in uses:
        if words not in same_as:
            same_as[words] = [
                u for u in by_first[words[0]] if _same_entity(words, u[1], connectors)
            ]
        same = same_as[words]
        masc = [u for u in same if u[0] == "m"]
        fem = [u for u in same if u[0] == "f"]
        if not masc or not fem:
            continue
        if len(masc) != len(fem):
            minority = "m" if len(masc) < len(fem) else "f"
        else:
            minority = max(same, key=lambda u: u[2].start)[0]
        if g != minority or span in reported:
            continue
        reported.add(span)
        other = (fem if g == "m" else masc)[0]
        replacement = _swap(art, grammar.swap)
        yield Hit(
            span,
            {
                "article": art,
                "name": name,
                "other": other[4],
                "line": ctx.doc.locate(other[2].start)[0],
            },
            related=((other[2], f"'{other[4]} {other[3]}' here"),),
            fix=unless_quoted(ctx.doc, Fix(span, replacement, safe=False) if replacement else None),
        )


def prepare_articles(options: ArticleAgreementOptions, base_dir) -> tuple:
    """The rule's own articles, made hashable once: what the language's are memoised by."""
    return tuple(options.masculine), tuple(options.feminine), tuple(sorted(options.swap.items()))


def _grammar(ctx: Context) -> Grammar:
    """The rule's articles (its options), else the language's ``gendered-articles``: made
    once per language and rule."""
    own = ctx.prepared or prepare_articles(ctx.options, None)
    return ctx.lang.memo(("gendered-articles", own), lambda: _make_grammar(ctx.lang, *own))


def _make_grammar(lang, masculine: tuple, feminine: tuple, swap: tuple) -> Grammar:
    """With no ``swap``, an article's partner is the other list's article at its place (the
    first, for an article listed at several places: Italian la for il and lo)."""
    data = lang.data.get("gendered-articles") or {}
    masculine = masculine or tuple(data.get("masculine") or ())
    feminine = feminine or tuple(data.get("feminine") or ())
    endings = {}
    if data.get("masculine-ending") and data.get("feminine-ending"):
        endings = {"f": data["feminine-ending"], "m": data["masculine-ending"]}
    gender = {a.lower(): "m" for a in masculine} | {a.lower(): "f" for a in feminine}
    partners = {a.lower(): b for a, b in swap}
    if not partners:
        for m, f in zip(masculine, feminine, strict=False):
            partners.setdefault(m.lower(), f.lower())
            partners.setdefault(f.lower(), m.lower())
    pattern = None
    if gender:
        run = _NAME_PART
        connectors = data.get("connectors") or ()
        if connectors:  # a name that goes on with a connector ("Congreso de Quintana Roo")
            run += rf"(?:\s+(?:{_alternation(connectors)})\s+{_NAME_PART})*"
        pattern = regexcache.compile(
            rf"(?<![\p{{L}}\p{{M}}])((?i:{_alternation(gender)}))\s+({run})", regex.V1
        )
    opening_only = frozenset(a.lower() for a in data.get("opening-only") or ())
    infinitive = data.get("infinitive-ending") or ""
    return Grammar(gender, pattern, partners, endings, infinitive, opening_only)


def _alternation(words) -> str:
    """Words as one alternation (``either``: the longest first), in lowercase, a space
    inside one as any blanks."""
    return either({w.lower() for w in words}).replace(r"\ ", r"\s+")


#: the word after a name: an adjective that may agree with the article ("la Sevilla
#: futbolera", "el Madrid moderno"), or "de" and a year ("la Barcelona de 1992")
_AFTER = regexcache.compile(r"[ \t]+(?:de[ \t]+\d|(\p{Ll}[\p{L}\p{M}]*))")


def _modified(prose: str, end: int, gender: str, grammar: Grammar, code: str) -> bool:
    """Whether the name ending at ``end`` is followed by a word that makes the phrase one
    sense of the name rather than the name itself: a year, or an adjective in the
    article's gender (it ends as the language's adjectives in that gender do, and its other
    gender is a word). A city and its football club take different articles ("El Sevilla
    goleó", "La Sevilla futbolera vivió una noche de fiesta"); neither is a second article
    of one name. A verb is no adjective: "La CNMC considera" (considerar is a word), "El
    Conagua sostuvo" (sostuva is none)."""
    m = _AFTER.match(prose, end)
    if m is None:
        return False
    word = m.group(1)
    if word is None:
        return True
    ending = grammar.endings.get(gender)
    if not ending or len(word) <= 3 or not word.endswith(ending):
        return False
    lex = lexicons.load(code, "large", KNOWN_ZIPF)
    if lex is None:
        return False  # no word list: a verb as likely as an adjective
    other = grammar.endings["f" if gender == "m" else "m"]
    if lex.zipf(word[: -len(ending)] + other) < KNOWN_ZIPF:
        return False
    return not (grammar.infinitive and lex.zipf(word + grammar.infinitive) >= KNOWN_ZIPF)


def _after_name(prose: str, pos: int) -> bool:
    """A capitalised word right before ``pos`` (blanks between), not a sentence's first: the
    article there is a particle of a longer name ("Lula da Silva", "Comisión Nacional del
    Agua"; not "Efectivos del UME")."""
    k = pos - 1
    while k >= 0 and prose[k] in " \t":
        k -= 1
    j = k
    while j >= 0 and (prose[j].isalpha() or prose[j] in "-'’"):
        j -= 1
    return j < k and prose[j + 1].isupper() and not _starts_sentence(prose, j + 1)


def _starts_sentence(prose: str, pos: int) -> bool:
    """Only blanks before ``pos``, or a sentence end or opening quote (a capital article)."""
    k = pos - 1
    while k >= 0 and prose[k].isspace():
        k -= 1
    return k < 0 or prose[k] in '.!?¿¡"“«'


def _swap(article: str, swap: dict[str, str]) -> str | None:
    new = swap.get(article.lower())
    if new is None:
        return None
    return new[:1].upper() + new[1:] if article[:1].isupper() else new


def _same_entity(a: tuple, b: tuple, connectors: frozenset[str]) -> bool:
    """Equal, or the longer goes on from the shorter with a connector word."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long[: len(short)] != short:
        return False
    return len(long) == len(short) or long[len(short)] in connectors


KIND = RuleKind(
    "article-agreement",
    check_articles,
    ArticleAgreementOptions,
    "A name used with a masculine and a feminine article.",
    fixes="unsafe",
    prepare=prepare_articles,
)
