"""``article-agreement``: one entity, one article.

The same name after a masculine and a feminine article (``el``/``la``, ``del``/``de la``,
``al``/``a la``). Two names are the same entity when they are equal, or when the longer one
continues the shorter with a connector ("Congreso" / "Congreso de Quintana Roo"); a longer
name that goes on with another capitalised word is another entity ("la FIFA" / "el FIFA
World Cup Trophy Tour"). A name followed by an adjective in its article's gender or by a
year names one sense of it (a city and its football club: "El Sevilla goleó", "la Sevilla
futbolera") and is not compared. The minority use is reported; the unsafe fix swaps its
article.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import regex

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ...language.normalize import fold
from ..base import Context, Options, RuleKind, option, options_dataclass
from .quotations import unless_quoted


@options_dataclass
class ArticleAgreementOptions(Options):
    masculine: list[str] = option(["el", "del", "al"], "masculine articles")
    feminine: list[str] = option(["la", "de la", "a la"], "feminine articles")
    swap: dict[str, str] = option(
        {"el": "la", "la": "el", "del": "de la", "de la": "del", "al": "a la", "a la": "al"},
        "the article that replaces each article in a fix",
    )


_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*|\p{Ll}+\p{Lu}[\p{L}\p{M}]*)"
_NAME_PART = rf"{_NAME_WORD}(?:[ -]{_NAME_WORD})*"
_NAME_RUN = rf"{_NAME_PART}(?:\s+(?:de|del|de la|de los|de las)\s+{_NAME_PART})*"


def check_articles(ctx: Context):
    o = ctx.options
    gender, pattern = _articles(tuple(o["masculine"]), tuple(o["feminine"]))
    if not gender:
        return
    connectors = frozenset(w.lower() for w in ctx.lang.data.get("name-connectors", []))
    uses = []  # (gender, words, article span, name, article)
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in pattern.finditer(block.prose):
            if not m.group(1)[0].islower() and not _starts_sentence(block.prose, m.start()):
                continue
            art_text = " ".join(m.group(1).split())
            if _modified(block.prose, m.end(), gender[art_text.lower()]):
                continue  # "la Sevilla futbolera", "la Barcelona de 1992": a sense of it
            words = tuple(fold(w) for w in m.group(2).split())
            art = Span(block.span.start + m.start(1), block.span.start + m.end(1))
            uses.append((gender[art_text.lower()], words, art, m.group(2), art_text))
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
        replacement = _swap(art, o["swap"])
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


#: the word after a name: an adjective that agrees with the article ("la Sevilla futbolera",
#: "el Madrid moderno"), or "de" and a year ("la Barcelona de 1992")
_AFTER = regexcache.compile(r"[ \t]+(?:de[ \t]+\d|(\p{Ll}[\p{L}\p{M}]*))")
#: the ending of an adjective in the singular article's gender (a word in -os or -as after a
#: singular name is a verb or a plural: "el Klinikum Oberwald podríamos pagar")
_AGREES = {"f": "a", "m": "o"}


@lru_cache(maxsize=16)
def _articles(
    masculine: tuple[str, ...], feminine: tuple[str, ...]
) -> tuple[dict[str, str], regex.Pattern | None]:
    """{article: gender} and the pattern of an article and the name after it, made once
    per rule's options (not on every draft)."""
    gender = {a.lower(): "m" for a in masculine} | {a.lower(): "f" for a in feminine}
    if not gender:
        return gender, None
    articles = "|".join(
        regex.escape(a).replace(r"\ ", r"\s+") for a in sorted(gender, key=len, reverse=True)
    )
    pattern = regexcache.compile(
        rf"(?<![\p{{L}}\p{{M}}])((?i:{articles}))\s+({_NAME_RUN})", regex.V1
    )
    return gender, pattern


def _modified(prose: str, end: int, gender: str) -> bool:
    """Whether the name ending at ``end`` is followed by a word that makes the phrase one
    sense of the name rather than the name itself: an adjective in the article's gender or
    a year. A city and its football club take different articles ("El Sevilla goleó", "La
    Sevilla futbolera vivió una noche de fiesta"); neither is a second article of one name."""
    m = _AFTER.match(prose, end)
    if m is None:
        return False
    word = m.group(1)
    return word is None or (len(word) > 3 and word.endswith(_AGREES[gender]))


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
)
