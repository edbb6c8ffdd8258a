"""Sentence splitting over prose with offsets kept."""

from __future__ import annotations

from .. import regexcache

# A sentence ends at . ! ? … (optionally followed by closing quotes or brackets) when what
# follows is whitespace and then an opening quote, bracket, ¿, ¡, dash, digit or capital;
# the quotes of every language count (German „…“ and »…«, French « … », Swiss ‹…›).
# The match is the whitespace (\K drops the mark before it; the same matches as a lookbehind,
# which the regex module scans for at every position, two to three times slower).
_BOUNDARY = regexcache.compile(
    r"""[.!?…]["'”’»“‘«›)\]]*\K\s+(?=["'“‘«„‚»‹(\[¿¡—–-]*[\p{Lu}\p{N}])"""
)
#: a line break before a capital, a digit or an opening mark, after a line with no stop
_LINE_BREAK = regexcache.compile(r"""\n\s*(?=["'“‘«„‚»‹(\[¿¡—–-]*[\p{Lu}\p{N}])""")
#: a line longer than this is no hard-wrapped line: a block of two such lines or more is a
#: paste of paragraphs one to a line (a web page's text copied without blank lines), and
#: each of its lines ends a sentence
UNWRAPPED = 100


def split(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start()]
        last = _last_word(before)
        if last and _is_abbreviation(last, abbreviations):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    if unwrapped(text):
        out = _at_line_breaks(text, out)
    return [_trim(text, s, e) for s, e in out if text[s:e].strip()]


def unwrapped(text: str) -> bool:
    """A text of several lines, two of them too long for hard-wrapped lines, or one between
    short ones (a page's dek between its headline and its byline). One long line over or
    under the short lines of a poem or a song is their introduction or their credit."""
    if "\n" not in text:
        return False
    lines = text.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > UNWRAPPED]
    return len(long) >= 2 or (len(long) == 1 and 0 < long[0] < len(lines) - 1)


def _at_line_breaks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` cut where a line ends with no stop and the next opens as a sentence does:
    in a block of unwrapped lines each is a paragraph, a headline, a dek or a byline
    ("... on Centre Court\nSergeeva, who had ..."), whatever its last character. The cuts
    and the spans are both in order: one pass over each."""
    cuts = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(text)]
    out = []
    at = 0
    for start, end in spans:
        while at < len(cuts) and cuts[at][0] <= start:
            at += 1
        while at < len(cuts) and cuts[at][1] < end:
            out.append((start, cuts[at][0]))
            start = cuts[at][1]
            at += 1
        out.append((start, end))
    return out


def _last_word(before: str) -> str:
    r"""The letters and dots before the final stop of ``before`` ("EE.UU" of "... EE.UU."),
    or "" if it does not end with a stop after one: what ``([\p{L}.]+)[.]$`` captures,
    read backwards from the end instead of searched for from the start."""
    end = len(before) - 1
    if end < 1 or before[end] != ".":
        return ""
    start = end
    while start > 0 and (before[start - 1].isalpha() or before[start - 1] == "."):
        start -= 1  # str.isalpha is \p{L}
    return before[start:end]


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    word = word.lower().rstrip(".")
    return (
        word in abbreviations
        or (len(word) == 1 and word.isalpha())  # initials: "John F. Kennedy"
        or "." in word  # "EE.UU.", "a.m."
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
