"""``typography``: characters that a copy from a PDF or another tool left in the text.

One finding per draft for each cause, with the count and the other places in ``related``:

* **Presentation-form ligatures** (U+FB00-FB06: "ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ", "ﬅ", "ﬆ"), which a
  PDF copy leaves inside words ("conﬁrmed"): search, spell-checking and the archive miss
  those words. The safe fix writes the letters out (Unicode NFKC of each ligature). Letters
  of a language are never reported: French "œ" (œuvre, cœur), Danish and Norwegian "æ",
  German "ß", Dutch "ĳ".
* **Mixed apostrophes in one name**: the same name written with a straight (') and a
  curly (’) apostrophe (O'Neill / O’Neill). The safe fix writes the minority places with
  the majority apostrophe.

``name-variants`` leaves these words and differences to this kind.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from ... import regexcache
from ...document import Span
from ...findings import Fix, Hit
from ..base import Context, Options, RuleKind, option, options_dataclass

#: the Latin presentation forms (a copy artefact), not letters of any language
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_LIGATURE = regexcache.compile("[" + LIGATURES + "]")
_WORD_WITH_LIGATURE = regexcache.compile(r"[\p{L}\p{M}]*[" + LIGATURES + r"][\p{L}\p{M}]*")
_APOSTROPHE_NAME = regexcache.compile(r"(?<![\p{L}\p{M}'’])[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)+")


@options_dataclass
class TypographyOptions(Options):
    ligatures: bool = option(True, "report presentation-form ligatures (ﬁ, ﬂ) in words")
    apostrophes: bool = option(True, "report a name written with two kinds of apostrophe")
    max_related: int = option(12, "most other places listed with a finding")


def has_ligature(word: str) -> bool:
    """A presentation-form ligature inside the word ("ﬁnal"); "œuvre" has none."""
    return not word.isascii() and any(c in LIGATURES for c in word)


def only_apostrophes_differ(a: str, b: str) -> bool:
    """Two forms that differ only in the kind of apostrophe (O'Neill / O’Neill)."""
    return a != b and a.replace("’", "'") == b.replace("’", "'")


def check(ctx: Context):
    o = ctx.options
    text = ctx.doc.text
    prose = [b for b in ctx.doc.blocks if b.is_prose]
    if o["ligatures"] and any(c in text for c in LIGATURES):
        yield from _ligatures(ctx, prose)
    if o["apostrophes"] and "'" in text and "’" in text:
        yield from _apostrophes(ctx, prose)


def _ligatures(ctx: Context, prose):
    places: list[tuple[int, int, str]] = []
    for block in prose:
        for m in _WORD_WITH_LIGATURE.finditer(block.prose):
            places.append((block.span.start + m.start(), block.span.start + m.end(), m.group()))
    if not places:
        return
    first = places[0]
    start, end = first[0], places[-1][1]
    region = ctx.doc.text[start:end]
    fixed = _LIGATURE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), region)
    yield Hit(
        Span(first[0], first[1]),
        {
            "form": first[2],
            "plain": _LIGATURE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), first[2]),
            "count": len(places),
            "what": f"{_places(len(places))} with letters joined into one character (a PDF copy)",
        },
        related=_related(places[1:], ctx.options["max_related"]),
        fix=Fix(Span(start, end), fixed, safe=True),
    )


def _apostrophes(ctx: Context, prose):
    forms: dict[str, dict[str, list[tuple[int, int, str]]]] = defaultdict(lambda: defaultdict(list))
    for block in prose:
        for m in _APOSTROPHE_NAME.finditer(block.prose):
            word = m.group()
            if word[-2:] in ("'s", "’s"):
                word = word[:-2]  # a possessive is not part of the name: O'Hara's, Smith’s
            if "'" not in word and "’" not in word or word == word.lower():
                continue  # not a name
            at = block.span.start + m.start()
            forms[word.replace("’", "'")][word].append((at, at + len(word), word))
    for spellings in forms.values():
        if len(spellings) < 2:
            continue
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
        major = ranked[0][0]
        minority = sorted(p for _, occ in ranked[1:] for p in occ)
        first = minority[0]
        where = _places(len(minority))
        yield Hit(
            Span(first[0], first[1]),
            {
                "form": first[2],
                "plain": major,
                "count": len(minority),
                "what": f"one name with two kinds of apostrophe, {where} to fix",
            },
            related=_related(minority[1:], ctx.options["max_related"]),
            fix=Fix(Span(first[0], first[1]), major, safe=True),
        )


def _places(n: int) -> str:
    return "1 place" if n == 1 else f"{n} places"


def _related(places, limit: int) -> tuple[tuple[Span, str], ...]:
    return tuple((Span(s, e), f"'{w}' also here") for s, e, w in places[:limit])


KIND = RuleKind(
    "typography",
    check,
    TypographyOptions,
    "Characters a copy from a PDF or another tool left in the text.",
    fixes="safe",
)
