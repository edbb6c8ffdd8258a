"""Naming consistency: one entity, one spelling, one article; one quote, one wording.

* ``name-variants``: capitalised names are grouped under a folded key (no accents, case,
  hyphens, spaces or look-alike letters; optional transliteration folds such as y/i and
  doubled letters). A group with two surface forms is an inconsistency: the minority form
  is reported with the majority form and where it appears.
* ``article-agreement``: the same name after a masculine and a feminine article
  (``el``/``la``, ``del``/``de la``, ``al``/``a la``); names are the same when one's words
  start the other's ("Congreso" / "Congreso de Quintana Roo").
* ``quote-variants``: the same quoted words in another order, or with one word changed,
  across straight, curly and angle quotes.
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..document import Span
from ..findings import Fix, Hit
from ..language.normalize import fold
from ..plugin import hookimpl
from .base import Context, Option, RuleKind

_NAME_TOKEN = r"(?:\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*|\p{Ll}+\p{Lu}[\p{L}\p{M}]*)"
_NAME_RUN = regex.compile(rf"{_NAME_TOKEN}(?:[ -]{_NAME_TOKEN})*")


def _prose_sentences(doc):
    for block in doc.blocks:
        if block.is_prose:
            for s in block.sentences:
                yield block, s


def _sentence_text(doc, s):
    return doc.text[s.span.start : s.span.end]


# ---------------------------------------------------------------- name variants

NAME_OPTIONS = {
    "transliteration": Option(True, bool, "fold y/i and doubled letters when comparing"),
    "min_length": Option(3, int, "shortest name (in letters) compared"),
    "skip_uppercase_lines": Option(True, bool, "ignore names in lines written in capitals"),
}


def _key(form: str, translit: bool) -> str:
    key = regex.sub(r"[\s\-'’.]", "", fold(form))
    if translit:
        key = regex.sub(r"(.)\1+", r"\1", key.replace("y", "i"))
    return key


def _mentions(ctx: Context):
    """(form, span, sentence_initial) for each capitalised name run in the prose."""
    doc = ctx.doc
    stop = ctx.lang.stopwords
    for block, s in _prose_sentences(doc):
        text = block.prose[s.span.start - block.span.start : s.span.end - block.span.start]
        letters = [c for c in text if c.isalpha()]
        if (
            ctx.options.get("skip_uppercase_lines", True)
            and letters
            and sum(c.isupper() for c in letters) / len(letters) > 0.6
        ):
            continue
        first_word = regex.match(r"\W*", text).end()
        for m in _NAME_RUN.finditer(text):
            for form, start in _split_run(m.group(), m.start(), stop):
                if len(form) < ctx.options.get("min_length", 3):
                    continue
                yield (
                    form,
                    Span(s.span.start + start, s.span.start + start + len(form)),
                    start == first_word,
                )


def _split_run(run: str, start: int, stop: frozenset[str]):
    """Single tokens and the whole run; stopword tokens (sentence-initial 'El') dropped."""
    tokens = [(m.group(), start + m.start()) for m in regex.finditer(r"\S+", run)]
    tokens = [(t, o) for t, o in tokens if t.lower() not in stop]
    yield from tokens
    if len(tokens) > 1:
        first, last = tokens[0], tokens[-1]
        yield run[first[1] - start : last[1] - start + len(last[0])], first[1]


def check_names(ctx: Context):
    translit = ctx.options["transliteration"]
    groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for form, span, initial in _mentions(ctx):
        groups[_key(form, translit)][form].append((span, initial))
    for forms in groups.values():
        if len(forms) < 2:
            continue
        # a form seen only at sentence starts may be an ordinary word, unless it is in capitals
        named = {
            f: occ
            for f, occ in forms.items()
            if any(not initial for _, initial in occ) or f.isupper()
        }
        if len(named) < 2:
            continue
        ranked = sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0].start))
        major, major_occ = ranked[0]
        for form, occ in ranked[1:]:
            if " " in form and " " not in major and major.replace("-", " ") != form:
                continue
            where = ctx.doc.locate(major_occ[0][0].start)[0]
            for span, _ in occ:
                yield Hit(
                    span,
                    {"form": form, "majority": major, "count": len(major_occ), "line": where},
                    related=((major_occ[0][0], f"'{major}' here"),),
                    fix=Fix(span, major, safe=False),
                )


# ---------------------------------------------------------------- article agreement

ARTICLE_OPTIONS = {
    "masculine": Option(["el", "del", "al"], ("list", str), "masculine articles"),
    "feminine": Option(["la"], ("list", str), "feminine articles"),
}


def check_articles(ctx: Context):
    o = ctx.options
    gender = {a.lower(): "m" for a in o["masculine"]} | {a.lower(): "f" for a in o["feminine"]}
    if not gender:
        return
    articles = "|".join(regex.escape(a) for a in sorted(gender, key=len, reverse=True))
    pattern = regex.compile(rf"\b((?i:{articles}))\s+({_NAME_RUN.pattern})", regex.V1)
    uses = []  # (gender, words, article_span, name)
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in pattern.finditer(block.prose):
            if (
                not m.group(1)[0].islower()
                and m.start() > 0
                and not regex.search(r"[.!?¿¡\"“«]\s*$|^\s*$", block.prose[: m.start()])
            ):
                continue
            name = m.group(2)
            words = tuple(fold(w) for w in name.split())
            art = Span(block.span.start + m.start(1), block.span.start + m.end(1))
            uses.append((gender[m.group(1).lower()], words, art, name, m.group(1)))
    reported = set()
    for _i, (g, words, span, name, art) in enumerate(uses):
        same = [u for u in uses if _same_entity(words, u[1])]
        masc = [u for u in same if u[0] == "m"]
        fem = [u for u in same if u[0] == "f"]
        if not masc or not fem:
            continue
        minority = (
            "m"
            if len(masc) < len(fem)
            else "f"
            if len(fem) < len(masc)
            else max(same, key=lambda u: u[2].start)[0]
        )
        if g != minority or span in reported:
            continue
        reported.add(span)
        other = (fem if g == "m" else masc)[0]
        yield Hit(
            span,
            {
                "article": art,
                "name": name,
                "other": other[4],
                "line": ctx.doc.locate(other[2].start)[0],
            },
            related=((other[2], f"'{other[4]} {other[3]}' here"),),
        )


def _same_entity(a: tuple, b: tuple) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# ---------------------------------------------------------------- quote variants

QUOTE_OPTIONS = {
    "min_words": Option(2, int, "fewest words in a quote compared"),
    "max_words": Option(40, int, "most words in a quote compared"),
    "one_word_changed_min": Option(4, int, "fewest words for the one-word-changed test"),
}
_QUOTE = regex.compile(
    r"(?<![\p{L}\p{N}])'([^'\n]{2,400}?)'(?![\p{L}\p{N}])|\"([^\"\n]{2,400}?)\"|“([^”\n]{2,400}?)”"
    r"|‘([^’\n]{2,400}?)’(?![\p{L}])|«([^»\n]{2,400}?)»"
)


def check_quotes(ctx: Context):
    o = ctx.options
    quotes = []
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for m in _QUOTE.finditer(block.prose):
            group = next(g for g in range(1, 6) if m.group(g) is not None)
            words = tuple(regex.findall(r"[\p{L}\p{N}]+", fold(m.group(group))))
            if o["min_words"] <= len(words) <= o["max_words"]:
                span = Span(block.span.start + m.start(group), block.span.start + m.end(group))
                quotes.append((words, span, m.group(group)))
    for i, (words, span, text) in enumerate(quotes):
        for earlier_words, earlier_span, earlier_text in quotes[:i]:
            how = _quote_relation(words, earlier_words, o["one_word_changed_min"])
            if how:
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


def _quote_relation(a: tuple, b: tuple, one_changed_min: int) -> str | None:
    if a == b:
        return None
    if sorted(a) == sorted(b):
        return "in another order"
    if len(a) == len(b) >= one_changed_min and sum(x != y for x, y in zip(a, b, strict=False)) == 1:
        return "with one word changed"
    return None


KINDS = [
    RuleKind("name-variants", check_names, NAME_OPTIONS, "Names spelled two ways.", fixes="unsafe"),
    RuleKind(
        "article-agreement",
        check_articles,
        ARTICLE_OPTIONS,
        "A name used with a masculine and a feminine article.",
    ),
    RuleKind("quote-variants", check_quotes, QUOTE_OPTIONS, "A quote worded two ways."),
]


@hookimpl
def lintnews_rule_kinds():
    return KINDS
