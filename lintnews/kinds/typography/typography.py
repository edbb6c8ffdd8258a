"""``typography``: characters that a copy from a PDF or another tool left in the text.

One finding per draft for each cause, with the count and the other places in ``related``:

* **Presentation-form ligatures** (U+FB00-FB06: "ﬁ", "ﬂ", "ﬀ", "ﬃ", "ﬄ", "ﬅ", "ﬆ"), which a
  PDF copy leaves inside words ("conﬁrmed"): search, spell-checking and the archive miss
  those words. The safe fix writes the letters out (Unicode NFKC of each ligature). Letters
  of a language are never reported: French "œ" (œuvre, cœur), Danish and Norwegian "æ",
  German "ß", Dutch "ĳ".
* **Letters written as a base letter and a separate accent** (Unicode decomposed form, as
  some systems save text: "Näßler" typed as "a" + U+0308): the word looks the same but
  differs from its composed spelling for search and comparison. The safe fix composes the
  letters (Unicode NFC of each such word); marks with no composed letter (Devanagari vowel
  signs, combining accents on letters no language composes) are left alone. A capitalised
  word the draft also writes composed is a name spelled two ways: ``name-variants`` reports
  it, not this rule.
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
#: a word holding a combining mark (NFC may compose it with the letter before)
_WORD_WITH_MARK = regexcache.compile(r"[\p{L}\p{M}]*\p{M}[\p{L}\p{M}]*")
_APOSTROPHE_NAME = regexcache.compile(r"(?<![\p{L}\p{M}'’])[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)+")


@options_dataclass
class TypographyOptions(Options):
    ligatures: bool = option(True, "report presentation-form ligatures (ﬁ, ﬂ) in words")
    apostrophes: bool = option(True, "report names written with two kinds of apostrophe")
    decomposed: bool = option(True, "report letters written as a letter and a separate accent")
    max_related: int = option(12, "most other places listed with a finding")


def has_ligature(word: str) -> bool:
    """A presentation-form ligature inside the word ("ﬁnal"); "œuvre" has none."""
    return not word.isascii() and any(c in LIGATURES for c in word)


def only_apostrophes_differ(a: str, b: str) -> bool:
    """Two forms that differ only in the kind of apostrophe (O'Neill / O’Neill)."""
    return a != b and a.replace("’", "'") == b.replace("’", "'")


def same_letters(a: str, b: str) -> bool:
    """Two forms that are one spelling once composed (Unicode NFC): "Näßler" with a
    precomposed "ä" and with "a" and a combining diaeresis."""
    return a != b and unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


def check(ctx: Context):
    o = ctx.options
    text = ctx.doc.text
    prose = [b for b in ctx.doc.blocks if b.is_prose]
    if o["ligatures"] and any(c in text for c in LIGATURES):
        yield from _ligatures(ctx, prose)
    if o["decomposed"] and not unicodedata.is_normalized("NFC", text):
        yield from _decomposed(ctx, prose)
    if o["apostrophes"] and "'" in text and "’" in text:
        yield from _apostrophes(ctx, prose)


def _ligatures(ctx: Context, prose):
    places = _words(prose, _WORD_WITH_LIGATURE)
    if not places:
        return
    start, end = places[0][0], places[-1][1]
    fixed = _LIGATURE.sub(_spelled_out, ctx.doc.text[start:end])
    what = f"{_places(len(places))} with letters joined into one character (a PDF copy)"
    yield _one_finding(ctx, places, _LIGATURE.sub(_spelled_out, places[0][2]), what, fixed)


def _spelled_out(m) -> str:
    return unicodedata.normalize("NFKC", m.group())


def _decomposed(ctx: Context, prose):
    text = ctx.doc.text
    places = [
        p
        for p in _words(prose, _WORD_WITH_MARK)
        if not unicodedata.is_normalized("NFC", p[2]) and not _name_also_composed(p[2], text)
    ]
    if not places:
        return
    composed = [unicodedata.normalize("NFC", word) for _, _, word in places]
    what = f"{_places(len(places))} with a letter and its accent written apart"
    yield _one_finding(ctx, places, composed[0], what, _rewritten(text, places, composed))


def _words(prose, pattern) -> list[tuple[int, int, str]]:
    """(start, end, word) of the prose words ``pattern`` matches, in draft order."""
    return [
        (block.span.start + m.start(), block.span.start + m.end(), m.group())
        for block in prose
        for m in pattern.finditer(block.prose)
    ]


def _rewritten(text: str, places, words: list[str]) -> str:
    """The stretch of ``text`` from the first place to the last, each place written as its
    word in ``words`` and nothing between them changed."""
    out, at = [], places[0][0]
    for (start, end, _), word in zip(places, words, strict=True):
        out += [text[at:start], word]
        at = end
    return "".join(out)


def _one_finding(ctx: Context, places, plain: str, what: str, fixed: str) -> Hit:
    """One finding for the draft: the first place, the others in ``related``, and a safe fix
    that writes ``fixed`` over the stretch from the first place to the last."""
    first = places[0]
    return Hit(
        Span(first[0], first[1]),
        {"form": first[2], "plain": plain, "count": len(places), "what": what},
        related=_related(places[1:], ctx.options["max_related"]),
        fix=Fix(Span(first[0], places[-1][1]), fixed, safe=True),
    )


def _name_also_composed(word: str, text: str) -> bool:
    """A capitalised word the draft also writes composed: a name spelled two ways, which
    ``name-variants`` reports (Näßler / Näßler)."""
    return word[:1].isupper() and unicodedata.normalize("NFC", word) in text


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
    majority: dict[tuple[int, int, str], str] = {}  # each misspelt place: its name's majority
    for spellings in forms.values():
        if len(spellings) < 2:
            continue
        ranked = sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
        for _, occ in ranked[1:]:
            majority.update(dict.fromkeys(occ, ranked[0][0]))
    if not majority:
        return
    # one finding for the draft (one careless paste mixed the apostrophes), its fix writing
    # each name's majority spelling
    places = sorted(majority)
    names = "one name" if len(set(majority.values())) == 1 else "names"
    what = f"{names} with two kinds of apostrophe, {_places(len(places))} to fix"
    fixed = _rewritten(ctx.doc.text, places, [majority[p] for p in places])
    yield _one_finding(ctx, places, majority[places[0]], what, fixed)


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
