"""Finding the names of a draft: capitalised words, the runs they form, and their keys.

A *word* is a run of letters (inner apostrophes kept, a possessive ``'s`` dropped). A *name
word* starts with a capital ("Putin", "NXIVM") or has one inside ("iPhone"). A *run* is a
sequence of name words joined by a space or a hyphen, with the language's connectors
("de", "del", "of") allowed between two name words: "Ministerio de la Salud Pública",
"Kim Jong-un", "Pakal-Na- Palenque". Left out as not prose: words of handles, hashtags,
addresses and file names, and words in capitals that belong to a line, dateline or run
written in capitals ("CIUDAD DE MÉXICO.-"). A chunk with a digit is left out too, except a
name with a number after a hyphen ("COVID-19": the name is compared).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ... import regexcache
from ...language import elided
from ...language.normalize import fold, fold_confusables, plain_latin

#: a word, its parts joined by an apostrophe or hyphen; in a sentence that writes Catalan's
#: l·l (or l.l, a keyboard's point for its middle dot: Marcel.lí), that too (_WORD_LL)
_WORD = regexcache.compile(r"[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*")
_WORD_LL = regexcache.compile(
    r"[\p{L}\p{M}]+(?:(?:['’-]|(?<=[\p{L}\p{M}][lL])[·.](?=[lL][\p{L}\p{M}]))[\p{L}\p{M}]+)*"
)
_LL = regexcache.compile(r"[\p{L}\p{M}][lL][·.][lL][\p{L}\p{M}]")
#: a case ending after an apostrophe that ends a name (Turkish "Hatay'ı": ``endings``)
_APOSTROPHE_ENDING = regexcache.compile(r"(?<=\p{L})['’]\p{Ll}{1,3}$")
_JOIN = regexcache.compile(r"^(?: |-|- | -| - )$")
_OPENERS = "\"'“‘„‚«¿¡([—–-*_ \t"
#: what makes a chunk (a run of characters other than space and newline) not prose, besides
#: a dot between two letters ("T.V", "example.com"): see _marks
_NOT_PROSE_CHARS = "@#_/\\*"
#: invisible characters that break a word in two when they stand inside it (a soft hyphen,
#: a zero-width space or word joiner): the word is not read for names, its halves are no
#: names; beside a word they change nothing
_INVISIBLE = "\u00ad\u200b\u2060"
_WWW = regexcache.compile(r"(?<![^ \n])www")
_DOMAIN = regexcache.compile(r"\.(?:com|org|net|mx|es)\b")
_DOMAINS = (".com", ".org", ".net", ".mx", ".es")
#: what str.isdigit accepts (the regex module's Unicode tables may be newer than Python's:
#: each character found is checked with isdigit)
_DIGIT = regexcache.compile(r"[\p{Numeric_Type=Digit}\p{Numeric_Type=Decimal}]")
#: every character str.isdigit accepts, and a few more, in the standard ``re`` module (which
#: finds one in a sentence several times faster): ``\d`` is str.isdecimal there, and the
#: ranges hold the other digits (superscripts, Ethiopic, circled, dingbat ...); a sentence
#: with none has no digit to look for with ``_DIGIT`` (a test checks every code point)
MAYBE_DIGIT = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070-\u2089\u2460-\u24ff\u2776-\u2793"
    "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)


@dataclass(slots=True)  # not frozen: one is made for most words, and frozen ones are slow to make
class Word:
    """A word of a sentence that may belong to a name, with its offsets."""

    text: str
    start: int
    end: int
    initial: bool  # first word of its sentence (or of a quotation)
    name: bool  # starts with or contains a capital
    possessive: bool = False  # written with a possessive 's, dropped from ``text``

    @property
    def caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


@dataclass(slots=True)  # not frozen, as Word
class Mention:
    """One occurrence of a form: a single name word or a whole run."""

    form: str
    start: int
    end: int
    initial: bool
    #: the folded name words of the run this occurrence belongs to (itself for a run)
    context: tuple[str, ...]
    words: int  # how many name words the form has
    #: the form without its connectors ("Ministerio Salud Pública"): what keys are made of
    core: str = ""
    possessive: bool = False  # a one-word form written with a possessive 's

    @property
    def core_form(self) -> str:
        return self.core or self.form


_KEY_DROP = regexcache.compile(r"[\s\-'’.]")
_WORD_SPLIT = regexcache.compile(r"[\s\-]+")
_DOUBLED = regexcache.compile(r"(.)\1+")
_DATELINE_DASH = regexcache.compile(r"\.?\s?[-–—](?!\d)")


@lru_cache(maxsize=32768)
def key(form: str) -> str:
    """Spelling-blind key: no case, accents, look-alikes, spaces, hyphens or apostrophes, and
    Catalan's l·l as ll (the · of ``core`` marks where connectors stood: a mark kept)."""
    return _KEY_DROP.sub("", fold(form).replace("l·l", "ll"))


@lru_cache(maxsize=32768)
def translit_key(form: str) -> str:
    """``key`` with y read as i, doubled letters single (Dmitry / Dmitri, Pretelini), an
    umlaut's spelling with e read as the vowel, ß as ss (Köln / Koeln, Schüßler / Schuessler),
    the letters with no accent to drop that English copy writes plain (Michał / Michal,
    Yıldız / Yildiz, Ørsted / Orsted, Đoković / Djoković, Ægir / Aegir; æ is ae, so that
    the e goes as an umlaut's does: Kjærgaard / Kjaergaard), and the spellings
    transliterations of one Cyrillic letter disagree on: x as ks (Olexandr / Oleksandr), zh
    and dzh as j (Zhaparov / Japarov), German tsch and sch and Polish cz and sz as ch and
    sh, w as v (Tkatschenko / Tkachenko, Szewczuk / Shevchuk), kh as the Spanish j
    (Kharchenko / Jarchenko), ou as u (Mansour / Mansur), Dutch tsj and Swedish tj as ch
    (Tsjernenko, Tkatjenko), a name's opening hr as gr (Hrytsenko / Gritsenko), a final ij
    as i (Zelenskyj / Zelensky, Dmitrij / Dmitri), a final iov as ev (Ponomariov /
    Ponomarev), and Basque's tx as ch (Goikoetxea /
    Goicoechea; its k: ``k_sound_key``)."""
    return "".join(map(_translit_word, _WORD_SPLIT.split(form)))


def _translit_word(word: str) -> str:
    spelt = key(word).translate(_PLAIN_LETTERS)
    if "ae" in spelt or "oe" in spelt or "ue" in spelt:  # the regular expressions only when
        spelt = _UMLAUT_E.sub(r"\1", spelt)  # they may change something: most words not
    spelt = _ukrainian_h(spelt)
    for written, read in _TRANSLIT_SPELLINGS:  # in this order: tsch before sch, dzh before zh
        spelt = spelt.replace(written, read)
    if any(map(str.__eq__, spelt, spelt[1:])):
        spelt = _DOUBLED.sub(r"\1", spelt)
    # the j that Czech, Slovak, Polish and German transliterations write after a final i
    # or y (Zelenskyj, Dmitrij)
    if spelt.endswith("ij"):
        return spelt[:-1]
    # a final ё after a consonant, that Spanish and French write io or yo, English e
    # (Ponomariov / Ponomaryov / Ponomarev, Gorbachiov; its v is b in k_sound_key)
    if spelt[-3:] in ("iov", "iob"):
        return spelt[:-3] + "e" + spelt[-1]
    return spelt


#: what ``translit_key`` reads each spelling as, one after the other
_TRANSLIT_SPELLINGS = (
    ("y", "i"),
    ("tsch", "ch"),
    ("tsj", "ch"),
    ("tj", "ch"),
    ("sch", "sh"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("kh", "j"),
    ("ou", "u"),
    ("w", "v"),
    ("dzh", "j"),
    ("zh", "j"),
    ("tx", "ch"),
    ("x", "ks"),
)


@lru_cache(maxsize=32768)
def k_sound_key(form: str) -> str:
    """``translit_key`` with the Spanish spellings of a k sound, c before a, o and u and qu
    before e and i, written k as Basque writes it (Goikoetxea / Goicoechea, Urkiaga /
    Urquiaga), and v written b, one sound in Spanish (Etxeberria / Echeverría, Bergara /
    Vergara): for a language whose data says ``k-sound-spellings``."""
    folded = fold(form)  # before translit_key reads "que" as "qu" (an umlaut's e)
    if "c" not in folded and "qu" not in folded and "v" not in folded:
        return translit_key(form)  # most names: the key other callers ask for, kept once
    spelt = _SPANISH_K.sub("k", folded).replace("v", "b")
    return translit_key(form if spelt == folded else spelt)


#: the Spanish spellings of a k sound (c before a, o, u; qu before e, i) inside a word: a
#: first letter is a given name's (Camila / Kamila, Carla / Karla: two names)
_SPANISH_K = regexcache.compile(r"(?<=\p{L})(?:c(?=[aou])|qu(?=[ei]))")


#: letters that are no letter with an accent (Unicode does not decompose them) and the
#: plain letters English copy writes for them
_PLAIN_LETTERS = str.maketrans(
    {"ß": "ss", "ł": "l", "ı": "i", "ø": "o", "đ": "dj", "ð": "d", "æ": "ae", "þ": "th", "ħ": "h"}
)


def _ukrainian_h(word: str) -> str:
    """A name's opening h before r read as g, as Ukrainian transliterates the letter Russian
    writes g (Hrytsenko / Gritsenko, Hryhoriy / Grigoriy): no English word opens so."""
    return "gr" + word[2:] if word.startswith("hr") else word


#: a vowel and the e that spells its umlaut without one (Koeln, Muenchen, Schuessler)
_UMLAUT_E = regexcache.compile(r"(?<=[^aeiou])([aou])e")


# asked twice per sentence (mentions, then case variants); a few drafts' worth are kept
@lru_cache(maxsize=256)
def is_caps_sentence(text: str) -> bool:
    """More than 60% of the letters are capitals."""
    # most sentences are ruled out by counts of their UTF-8 bytes: the capitals are at most
    # the ASCII ones and the characters outside ASCII (fewer than their bytes past the
    # first), the letters at least the ASCII ones
    data = text.encode("utf-8", "surrogatepass")
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    if upper + len(data) - len(text) <= 0.6 * (upper + lower):
        return False
    letters = sum(map(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, text)) / letters > 0.6


_ASCII_UPPER = bytes(range(65, 91))
_ASCII_LOWER = bytes(range(97, 123))


def sentence_words(
    text: str,
    offset: int,
    connectors: frozenset[str] = frozenset(),
    elisions: frozenset[str] = frozenset(),
    endings: bool = False,
) -> tuple[list[Word], int]:
    """The words of one sentence that names and look-alikes are made of, and how many words
    it has (``offset`` is where the sentence starts in the document). An elided article or
    preposition of the language (``elisions``: French "l’", "d’") is not part of the name
    it is glued to when it is written in lowercase: "l’Etat" is "Etat"; a capital one is read
    with it, a surname's particle ("Chiara D'Amico", "D'Alema ha detto") or a sentence's
    opening ("L’Etat", which no other form is then compared with). With ``endings`` (a draft in a
    language lintnews has no data for), one to three lowercase letters after an apostrophe
    that ends a name are its case ending, as Turkish writes them ("Hatay'ı", "Hatay'a"):
    the name is "Hatay".

    Plain words (lowercase, of ASCII or accented Latin letters, not a connector) are only
    counted: they can neither be part of a name run nor hold look-alike letters, and
    dropping them changes no run (a run breaks at them either way, since the gap to the
    next word then holds one). So is a connector right after a word that is not kept (most
    "de", "la", "of" follow a plain word): a run holds connectors only between two name
    words, and the gap before it already breaks any run.
    """
    out = []
    plain = 0
    first = len(text) - len(text.lstrip(_OPENERS))  # where the sentence's first word starts
    skipped = skipped_chunks(text)
    handles = "@" in text or "#" in text
    at = 0
    kept = False  # whether the word before was kept
    catalan = ("·" in text or ".l" in text or ".L" in text) and _LL.search(text)
    words = _WORD_LL if catalan else _WORD
    for m in words.finditer(text):  # a word never spans two chunks
        if skipped or handles:
            start = m.start()
            if skipped:
                while at < len(skipped) and skipped[at][1] <= start:
                    at += 1
                if at < len(skipped) and skipped[at][0] <= start:
                    kept = False
                    continue
            if handles:
                before = text[max(0, start - 2) : start]
                if "@" in before or "#" in before:
                    kept = False
                    continue
        word = m.group()
        if word.islower() and word.isascii():  # most words: the quick way to the test below
            if not kept:
                plain += 1  # a plain word, or a connector after one: counted only
                continue
            if word.endswith("'s"):
                word = word[:-2]
            if word not in connectors:
                plain += 1
                kept = False
                continue
            name = False
            cut = 0
            possessive = False
        else:
            cut = 0
            possessive = False
            if word[-2:] in ("'s", "’s"):
                word = word[:-2]
                possessive = True
            elif endings and ("'" in word or "’" in word):
                ending = _APOSTROPHE_ENDING.search(word)
                if ending:
                    word = word[: ending.start()]
            cut = elided(word, elisions) if elisions else 0
            if cut and word[:1].isupper():
                cut = 0  # a surname's particle: D'Amico, D'Alema
            if cut:
                word = word[cut:]
            name = len(word) > 1 and (word[:1].isupper() or word[1:] != word[1:].lower())
            if (
                not name
                and (word.isascii() or word.translate(plain_latin()).isascii())
                and word.lower() not in connectors
            ):  # a lowercase word of plain or accented Latin letters: no look-alike in it
                plain += 1
                kept = False
                continue
        start = m.start() + cut
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        initial = start <= first or (k >= 0 and text[k] in '"“„«¿¡(:')
        out.append(
            Word(word, offset + start, offset + start + len(word), initial, name, possessive)
        )
        kept = True
    out = _drop_caps_runs(out, text, offset)
    return out, len(out) + plain


def skipped_chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the chunks (runs of characters other than space and newline) that are
    not prose or hold a digit (str.isdigit), found from the marks and digits in them."""
    marks = _marks(text)
    digits = []
    pos = 0 if MAYBE_DIGIT.search(text) else len(text)
    while m := _DIGIT.search(text, pos):
        at = m.start()
        if not m.group().isdigit():
            pos = at + 1
            continue
        pos = _chunk_end(text, at)  # the chunk's other digits say the same
        if not _NAME_NUMBER.match(text, _chunk_start(text, at)):
            digits.append(at)
    if digits:
        marks = sorted(set(marks + digits))
    out: list[tuple[int, int]] = []
    end = -1
    for at in marks:
        if at < end:
            continue  # in the chunk just taken
        end = _chunk_end(text, at)
        out.append((_chunk_start(text, at), end))
    return out


#: a name with a number after a hyphen ("COVID-19", "Airbus A-320" is not: "A" is one
#: letter): the name is a word like any other
_NAME_NUMBER = regexcache.compile(r"[\p{L}\p{M}]{2,}-\d+(?:[,.;:)!?»”\"']*)(?=\s|$)")


def _chunk_start(text: str, at: int) -> int:
    return max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1


def _chunk_end(text: str, at: int) -> int:
    return min(e for e in (text.find(" ", at), text.find("\n", at), len(text)) if e >= 0)


def _marks(text: str) -> list[int]:
    """Sorted positions in ``text`` of what makes a chunk not prose: a character of
    ``_NOT_PROSE_CHARS``, a dot (not Catalan's l.l inside a word, ``_LL``: "Marcel.lí")
    or an ``_INVISIBLE`` character between two letters, "www"
    opening a chunk, a domain ending. Each is looked for only when a plain substring test
    says it may be there (most sentences hold none, and four regex scans of each sentence
    cost more than the tests)."""
    marks = []
    for c in _NOT_PROSE_CHARS:
        at = text.find(c)
        while at >= 0:
            marks.append(at)
            at = text.find(c, at + 1)
    for c in (".", *_INVISIBLE):
        at = text.find(c)
        while at >= 0:
            if (
                0 < at < len(text) - 1
                and text[at - 1].isalpha()
                and text[at + 1].isalpha()
                and not (c == "." and at >= 2 and _LL.match(text, at - 2))
            ):
                marks.append(at - 1)  # str.isalpha is \p{L}; Catalan's l.l is a word's
            at = text.find(c, at + 1)
    if "www" in text:
        marks += [m.start() for m in _WWW.finditer(text)]
    if any(d in text for d in _DOMAINS):
        marks += [m.start() for m in _DOMAIN.finditer(text)]
    return sorted(set(marks))


def _drop_caps_runs(words: list[Word], text: str, offset: int) -> list[Word]:
    """Words in capitals next to other words in capitals, or before a dateline dash (its
    date and agency between: "FARO (Lusa) –")."""
    keep = []
    for i, w in enumerate(words):
        if len(w.text) > 1 and w.text.isupper():  # w.caps, inlined: this runs for every word
            near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            close = [
                n
                for n in near
                if n.caps
                and len(text[min(n.end, w.end) - offset : max(n.start, w.start) - offset]) <= 2
            ]
            after = text[w.end - offset : w.end - offset + 3]
            if close or _DATELINE_DASH.match(after) or _caps_chunk_before(text, w.start - offset):
                continue
            if _dateline_tail(text, w.start - offset, w.end - offset):
                continue
        keep.append(w)
    return keep


#: what follows a place in capitals opening a dateline: a date, the agency, the dash ("LUGO,
#: 3 jun (EFE).-", "FARO (Lusa) –", "FULDA (dpa) -") or a colon, as Nordic papers write it
#: ("LAHTI (NTB): Sindre ..."), or a comma, the state or country in one to three capitalised
#: words and the dash ("TULSA, Okla. —", "KYIV, Ukraine —"). Narrower than the leftover
#: rules' ``DATELINE_START``, which takes any capitalised words before a dash: here the
#: agency in brackets or the comma and region is the evidence ("MERZ B. SCHWANEN – Zeitlose
#: ..." is a brand's line), and the region's dash opens the sentence with a capital, a
#: figure or a quotation ("OPEC, Saudi Arabia — and Russia —" and "NASA, Texas-based
#: engineers" are sentences about OPEC and NASA; a quotation in straight single quotes too:
#: "MÁLAGA, 15 mar. - 'La sal de los días' ..."); or a colon before the sentence's capital,
#: as South Asian papers write it ("PUNE: Sowing of ..."); or a comma and the date, a day
#: and a month's name or short form, before the dash ("VALMERE, Oct 14 —", "QUILCATA, 5 jun.
#: --", "LASTOVNJAK, 2. rujna –", "MADRID, 14 de octubre de 2025.-", "LYON, le 14 octobre
#: -", "DENVER, October 14th -", "VALDEMORA, 14/10/2025 -", "14.10. –", "2025-10-14 -", the
#: region between too: "IKARO, Nigeria, June 4 --"), a time after it ("Oct 14, 10:30 GMT -",
#: "10:30 Uhr –", "10.30 h -", "10:30 a.m. ET -", "10:30 GMT+1 -", "10:30 IST:") and a
#: newswire in slashes ("Oct. 14, 2025 /PRNewswire/ --")
_DATELINE_TAIL = regexcache.compile(
    r"(?:[ \t]*\([^()\n]{1,30}\)(?=,))?"  # the province in brackets: "VALDECORZA (Toledo), 14 jun"
    r"(?:(?:,[^()\n]{1,25}?)?\s*\([^()\n]{1,30}\)(?:\s*\.?\s?[-–—]|:[ \t]+[\p{Lu}\"“‘«'])"
    r"|:[ \t]+[\p{Lu}\"“‘«']"
    r"|,[ \t]*\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*){0,2}(?:[ \t]*[–—]|[ \t]+-|(?<=\.)-)"
    r"[ \t]*[\p{Lu}\p{N}\"“‘«'(]"
    r"|(?:,[ \t]*\p{Lu}[\p{L}.]*(?:[ \t]+\p{Lu}[\p{L}.]*){0,2})?,[ \t]*"
    r"(?:(?:le[ \t]+)?\d{1,2}\.?[ \t]+(?:de[ \t]+)?\p{L}{3,10}\.?|\p{L}{3,10}\.?[ \t]+\d{1,2}"
    r"(?:st|nd|rd|th)?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4}|\.)?|\d{4}-\d{2}-\d{2})"
    r"(?:,?[ \t]+(?:de[ \t]+)?\d{4})?"
    r"(?:,?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*(?:Uhr|h|[ap]\.?m\.?(?:[ \t]+\p{Lu}{2,4})?"  # the time
    r"|\p{Lu}{2,4}(?:[+-]\d{1,2})?))?)?"
    r"(?:[ \t]*/[\p{L}\p{N} -]{2,40}/)?"  # the newswire: "/PRNewswire/ --"
    r"[ \t]*(?:\.?[ \t]?(?:--|[-–—]|(?<=\p{Lu}):)[ \t]*[\p{Lu}\"“‘«'(]"
    r"|\.?(?<=\.)(?:[ \t]+[\p{Lu}\"“‘«'(]|[ \t]*$)))"  # a stop: "BILBAO, 27 de febrero. Grupo"
)


def _dateline_tail(text: str, start: int, end: int) -> bool:
    """The word in capitals opens the sentence as a dateline's place, its agency in brackets
    or its state or country after it: a place set in capitals by the wire's style, not a
    second spelling."""
    return not text[:start].strip(" *_>#\t") and bool(_DATELINE_TAIL.match(text, end))


def _caps_chunk_before(text: str, at: int) -> bool:
    """The chunk right before ``at`` is in capitals with dots ("L.A. WEEKLY", "U.S. NAVY"),
    so the word belongs to a run in capitals."""
    before = text[:at].rstrip(" ")
    if len(before) == len(text[:at]) or "." not in before[-6:]:
        return False
    chunk = before.rsplit(None, 1)[-1] if before.strip() else ""
    letters = [c for c in chunk if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def runs(words: list[Word], text: str, offset: int, connectors: frozenset[str]) -> list[list[Word]]:
    """Name words grouped into runs (connectors kept inside, never at either end)."""
    out: list[list[Word]] = []
    current: list[Word] = []
    pending: list[Word] = []  # connectors seen after the current run

    def gap(a: Word, b: Word) -> str:
        return text[a.end - offset : b.start - offset]

    for w in words:
        joined = bool(current) and _JOIN.match(gap((pending or current)[-1], w))
        if w.name and current and joined:
            current.extend(pending)
            current.append(w)
            pending = []
        elif w.name:
            if current:
                out.append(current)
            current, pending = [w], []
        elif current and joined and w.text.lower() in connectors and len(pending) < 2:
            pending.append(w)
        else:
            if current:
                out.append(current)
            current, pending = [], []
    if current:
        out.append(current)
    return out


def core(words: list[str], connectors: frozenset[str]) -> str:
    """The words with each inner run of connectors as one mark: "Ministerio · Salud"; a
    connector joined by a hyphen counts as one ("Castilla-La Mancha" is "Castilla ·
    Mancha", as "Castilla La Mancha" is)."""
    if any("-" in w for w in words):
        words = [p for w in words for p in _hyphen_parts(w, connectors)]
    out: list[str] = []
    for i, w in enumerate(words):
        inner = 0 < i < len(words) - 1
        if inner and w.lower() in connectors:
            if out[-1] != "·":
                out.append("·")
        else:
            out.append(w)
    return " ".join(out)


def _hyphen_parts(word: str, connectors: frozenset[str]) -> list[str]:
    """A hyphenated word split where a part is a connector ("Castilla-La"), else whole."""
    parts = word.split("-")
    if len(parts) > 1 and any(p.lower() in connectors for p in parts):
        return parts  # "Castilla-La", "La-Mancha"
    return [word]


def mentions(
    run: list[Word],
    stopwords: frozenset[str],
    min_length: int,
    text: str,
    offset: int,
    connectors: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
    suffixes: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The run as a whole (two name words or more), each name word and its hyphen parts. A
    title opening the run (``titles``, folded: "Mr Adeyemi Bakare") is no part of the name,
    nor are letters after it (``suffixes``: "Marie-Claire Dubois KC")."""
    while run and run[0].text.lower() in stopwords and not run[0].caps:
        run = run[1:]
    while len(run) > 2 and fold(run[0].text).rstrip(".") in titles:
        run = run[1:]
    while run and not run[-1].name:
        run = run[:-1]
    while len(run) > 2 and fold(run[-1].text).rstrip(".") in suffixes:
        run = run[:-1]
    names = [w for w in run if w.name]
    if not names:
        return []
    context = tuple(fold(w.text) for w in names)
    out = []
    if len(names) > 1:
        start, end = run[0].start, run[-1].end
        form = " ".join(text[start - offset : end - offset].split())
        marked = core([w.text for w in run], connectors)
        out.append(Mention(form, start, end, run[0].initial, context, len(names), marked))
    if len(names) > 2:
        # a name inside a longer run is a name of its own when a role or a place before it
        # joined it to the run ("Dijkgraaf Henk van den Berg", "Regionalleiter Hans-Jürgen
        # Brandt", "de Altamira del Río Gonzalo Sáenz-Ibarra"): its last two name words with
        # connectors between them, and a hyphenated name with the name word on each side of
        # it, compared with the same words written otherwise elsewhere
        at = [k for k, w in enumerate(run) if w.name]
        last = len(names) - 1
        # the last two with a connector between them: a surname's particles (van den Berg)
        windows = {(last - 1, last)} if at[last] - at[last - 1] > 1 else set()
        for i, w in enumerate(names):
            if "-" in w.text:
                windows |= {
                    (a, b) for a, b in ((i - 1, i), (i, i + 1)) if a >= 0 and b < len(names)
                }
        for a, b in sorted(windows):
            part = run[at[a] : at[b] + 1]
            start, end = part[0].start, part[-1].end
            form = " ".join(text[start - offset : end - offset].split())
            marked = core([w.text for w in part], connectors)
            out.append(Mention(form, start, end, part[0].initial, context, 2, marked))
    for w in names:
        letters = len(w.text) if w.text.isalpha() else len(_letters(w.text))
        if letters >= min_length:
            out.append(
                Mention(w.text, w.start, w.end, w.initial, context, 1, possessive=w.possessive)
            )
        if "-" in w.text:
            at = w.start
            for part in w.text.split("-"):
                if part[:1].isupper() and len(part) >= min_length:
                    around = tuple(c for c in context if c != fold(w.text)) + (fold(part),)
                    out.append(Mention(part, at, at + len(part), False, around, 1))
                at += len(part) + 1
    return out


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


@lru_cache(maxsize=65536)
def has_compat_chars(word: str) -> bool:
    """Full-width letters or invisible characters inside a word. Ligatures are not: the
    presentation forms ("ﬁ") are the ``typography`` rule's, and "œ", "ĳ" are letters."""
    if word.isascii():
        return False
    return len(word) > 1 and any(
        c in "\u200b\u200c\u200d\u2060\ufeff\u00ad" or "FULLWIDTH" in unicodedata.name(c, "")
        for c in word
    )


def clean(word: str) -> str:
    """The word in plain Latin letters (look-alikes and compatibility forms folded)."""
    return fold_confusables(word)


_HASHTAG = regexcache.compile(r"(?<![\p{L}\p{M}\p{N}&])#([\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)")


def hashtags(text: str, offset: int) -> list[Mention]:
    """Hashtags with a capital ("#LosSecretosDeAristegui"): compared with hashtags only."""
    out: list[Mention] = []
    if "#" not in text:  # most sentences: no scan
        return out
    for m in _HASHTAG.finditer(text):
        tag = m.group(1)
        if any(c.isupper() for c in tag) and len(tag) > 2:
            start = offset + m.start()
            out.append(Mention("#" + tag, start, start + len(tag) + 1, False, (), 1))
    return out
