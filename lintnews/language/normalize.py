"""Text folding shared by the rule kinds: look-alike letters, accents, compatibility forms."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import regexcache

# Letters from other scripts that look like Latin ones (Unicode confusables, the common subset).
_CONFUSABLES = {
    "а": "a",
    "в": "B",
    "е": "e",
    "к": "k",
    "м": "M",
    "н": "H",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "T",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Ԁ": "D",
    "α": "a",
    "ο": "o",
    "ρ": "p",
    "ν": "v",
    "τ": "t",
    "ι": "i",
    "κ": "k",
    "υ": "u",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}
#: and the look-alikes with an accent (Greek ί, ό, Cyrillic ё, ї), as the Latin letter without
#: it: the accent is no part of the key, and the letter's look-alike is
_CONFUSABLES.update(
    {
        c: _CONFUSABLES[unicodedata.normalize("NFD", c)[0]]
        for c in map(chr, (*range(0x370, 0x530), *range(0x1F00, 0x2000)))
        if unicodedata.normalize("NFD", c)[0] in _CONFUSABLES
        and len(unicodedata.normalize("NFD", c)) > 1
    }
)
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_COMBINING = regexcache.compile(r"\p{Mn}+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: any character the two tables change (translating is slow: skipped for text without one)
_TRANSLATED = re.compile(
    "[" + re.escape("".join(_CONFUSABLES)) + "\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)


def has_confusables(word: str) -> bool:
    """True when a word mixes Latin letters with look-alike letters of another script."""
    has_latin = any("a" <= c.lower() <= "z" for c in word)
    return has_latin and any(c in _CONFUSABLES for c in word)


def fold_confusables(text: str) -> str:
    """NFKC (ligatures, full-width forms), invisible characters dropped, look-alikes to Latin.

    Keeps the length only when no ligature or invisible character is present; use it for
    matching, not for offsets.
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    if _TRANSLATED.search(text) is None:
        return text
    return text.translate(_INVISIBLE).translate(_CONFUSABLE_TABLE)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return _COMBINING.sub("", decomposed)


def fold(text: str) -> str:
    """Lowercase, no accents, no look-alikes: the key under which spellings are compared.

    Words and short phrases are kept (they come back draft after draft); longer texts, a
    line or a paragraph's opening, are folded each time."""
    if len(text) <= 40:
        return _fold_kept(text)
    return _fold(text)


@lru_cache(maxsize=65536)
def _fold_kept(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if not text.isascii():
        quick = text.translate(plain_latin())
        if quick.isascii():  # every other character was a plain accented Latin letter
            return quick.lower()
    return strip_accents(fold_confusables(text)).lower()


_PLAIN_LATIN: dict[int, str | int] = {}


def plain_latin() -> dict[int, str | int]:
    """Accented Latin letters (Latin-1 to Latin Extended Additional) that fold to one ASCII
    letter by themselves, whatever is around them: NFKC keeps them, they are no look-alike
    or invisible character, and NFD makes them an ASCII letter and nonspacing marks only.
    For a text of ASCII and these letters, ``fold`` is this table and ``lower`` (NFKC
    composes nothing across them, and NFD's reordering moves only marks, which go)."""
    if not _PLAIN_LATIN:
        # ASCII maps to itself: str.translate handles a missing key as a KeyError, per
        # character
        _PLAIN_LATIN.update({code: code for code in range(128)})
        for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
            c = chr(code)
            parts = unicodedata.normalize("NFD", c)
            if (
                unicodedata.normalize("NFKC", c) == c
                and c not in _CONFUSABLES
                and len(parts) > 1
                and parts[0].isascii()
                and parts[0].isalpha()
                and all(unicodedata.category(m) == "Mn" for m in parts[1:])
            ):
                _PLAIN_LATIN[code] = parts[0]
    return _PLAIN_LATIN
