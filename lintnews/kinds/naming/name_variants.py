"""``name-variants``: one entity, one spelling.

Names (see ``name_mentions``) are compared three ways, each with its own guards:

* **Spelling variants**: forms with the same key once case, accents, look-alike letters,
  ligatures, hyphens and spaces are folded, and (``transliteration``) y read as i, doubled
  letters single, x as ks, zh as j and an umlaut spelt with e: Pérez / Perez, Kim Jong-un /
  Kim Jong Un, Dmitry / Dmitri, Olexandr / Oleksandr, Köln / Koeln. The more used form is
  the right one; on a tie, the one the text holds more often inside longer names, then the
  first. A surname set in capitals ("Claire
  MARTIN") is typography; a sentence of a correction note (the language's
  ``correction-words``: "misspelled her name as ...") is not read for names. A form seen only
  at the start of sentences counts only when it is not an ordinary word of the language
  ("Estamos" is a word; "Pio" is a name), or when a form named elsewhere writes it with an
  accent more or less and the draft never writes it in lowercase ("Jose has ..." against
  José: the lexicon knows no case). Connectors inside a long name count as one mark
  (Ministerio de Salud / Ministerio de la Salud), and so do the language's
  ``acronym-connectors`` set inside an acronym (FCPyS / FCPS). A multi-word name is also
  looked for in lowercase: a rarer casing is a variant ("Cien años de soledad") unless it is
  a common noun heading the name ("el cerro del Tepeyac") or sits in a headline (title
  case). A one-word
  name met again in lowercase mid-sentence ("la sunat" / "la Sunat") is a variant when the
  lowercase form is no common word (``lowercase_zipf``) and the capital spelling is the
  draft's habit (``case_majority`` uses alone, inside sentences); a line of keywords
  ("josé antonio meade") is no evidence.
* **Typos**: name words one edit apart (a letter added, dropped, changed or two swapped:
  Carstens / Castens, Huffington / Huffingotn) or with one letter moved two places
  (Kristaps / Krisapts), or with rn written for m in one full name or in a surname alone
  the text introduced with its m (Karnau / Kamau Ndirangu; not a place beside a name,
  Karnal / Kamal Singh, nor two words, Garner / Gamer). This is where distinct names live,
  so the edit must not touch the first or last letter (Felps / Jelps, Copa / Copas, Julia /
  Julie) — a last letter changed inside one longer name is a slip, when the two share
  another name word and one follows a name word, so it is no given name (Air Europa / Air
  Europe, Jesús González Schmal / Gonzáles Schmal; Mario Rossi / Maria Rossi are two
  people) — nor change the case too, the word must be long enough, the rarer spelling must
  be rare enough to be a slip (not an established word or name in the lexicon: Colombia /
  Columbia are both established), it must be rare in the draft, two names whose other
  words differ are two people (Ana Martín / Luis Marín), and two acronyms a letter apart
  are two bodies (EPA / OPA, PPdeG / PSdeG).
* **Transliterated given names** (``given_names``, a file of families: Youssef / Yusuf /
  Yousef, Oleksandr / Aleksandr / Alexander): two spellings of one family with the same
  other words of a full name (Youssef El Amrani / Yusuf El Amrani) are one person's name
  written two ways. Two full names with other surnames are two people, and a use alone is
  no one's in particular (Olena Kovalchuk ... Elena, a neighbour).
* **Look-alike capitals**: a capital I or O written as a lowercase l or a zero, in a word
  that is no word of the language, where the text writes the name with its capital (llya /
  Ilya, 0konkwo / Okonkwo: ``_capital_lookalikes``).
* **A language with no data** (``und``): two forms apart only in a vowel's mark, on the
  last letter or in a short word, are two cases or two names (Czech přes Moravici / nad
  Moravicí, Vietnamese Dũng / Dung), and no paragraph is read as another language's.
* **Ampersands**: a name written with "&" and with the word it stands for (the language's
  ``ampersand-words``: Fauna & Flora International / Fauna and Flora International).
* **Possessives**: a name ending in s once written as a possessive without it ("Meadow's"
  where the draft says "Meadows"), and a two-word name once written with a possessive inside
  ("Hart's Island" / "Hart Island") when the draft never names its first word alone
  ("Ohio's Supreme Court" is Ohio's).
* **Not variants**: a long word of the language set in capitals (a masthead or a brand's
  style: CONFIDENCIAL / Confidencial), a compound with and without a linking element of the
  language's ``compound-links`` (Mitgliedstaaten / Mitgliedsstaaten), and the language's
  ``elisions`` glued to a name ("L’Etat" / "l’Etat" are both "Etat": ``name_mentions``).
  In a language whose data says ``capitalised-nouns`` (German), a capital is no evidence of
  a name: two forms that are both words (Garten / Gärten) or a compound with and without
  its hyphen (Musikstars / Musik-Stars) are words, and two forms apart only in the
  language's ``inflection-endings`` (Vertrags / Vertrages) are not a typo.
* **Look-alike letters** from other scripts, full-width and invisible characters
  (``lookalikes``): one finding per affected word form; a text written throughout with them
  is one finding. Ligatures ("ﬁ") and a name's two apostrophes are the ``typography``
  rule's: words with them are left out here.

The minority form is reported with the majority form and where it appears; the fix rewrites
it to the majority form and is unsafe (a wrong merge changes meaning).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from rapidfuzz.distance import OSA

from ... import regexcache
from ...document import Span
from ...errors import LintnewsError
from ...findings import Fix, Hit
from ...language import SENTENCE_END, UNKNOWN
from ...language import lexicon as lexicons
from ...language.normalize import fold, strip_accents
from ...patterns import either
from ...yamlload import line_of, read_yaml
from ..base import Context, Options, RuleKind, folder_of, option, options_dataclass
from ..typography.typography import has_ligature, only_apostrophes_differ, same_letters
from .lookalikes import lookalikes, mixed_script
from .mentions import (
    Mention,
    core,
    has_compat_chars,
    hashtags,
    is_caps_sentence,
    k_sound_key,
    key,
    mentions,
    runs,
    sentence_words,
    skipped_chunks,
    translit_key,
)
from .quotations import quotation_at, unless_quoted


@options_dataclass
class NameVariantsOptions(Options):
    transliteration: bool = option(
        True,
        "fold y/i, x/ks, zh/kh/j, ou/u, w/v, tsch/cz/ch, sch/sz/sh, doubled letters and an"
        " umlaut spelt with e (oe, ß/ss) when comparing",
    )
    min_length: int = option(3, "shortest name word (in letters) compared")
    skip_uppercase_lines: bool = option(True, "ignore names in lines written in capitals")
    typos: bool = option(True, "report names one edit apart (needs a lexicon of the language)")
    typo_min_length: int = option(5, "shortest name word (in letters) checked for typos")
    typo_max_count: int = option(2, "most uses of the rarer spelling for it to be a typo")
    known_zipf: float = option(
        2.0, "Zipf frequency from which a spelling is an established word or name"
    )
    ordinary_zipf: float = option(
        4.0, "Zipf frequency from which a sentence-initial word is an ordinary word"
    )
    bare_surname_zipf: float = option(
        4.0,
        "Zipf frequency below which a surname used alone and never introduced is a slip of"
        " one the text introduced with a given name (Yemi Adebanjo ... Adebanji said), even"
        " when both are established names",
    )
    wordlist: str = option(
        "large", "wordfreq list used as the lexicon: small or large", lexicons.WORDLISTS
    )
    case_majority: int = option(
        3, "fewest uses of a one-word name with its capital for its lowercase form to be a variant"
    )
    lowercase_zipf: float = option(
        3.75,
        "Zipf frequency below which a name met again in lowercase (petro / Petro, pinot noir /"
        " Pinot Noir) is no word of the language, so the lowercase form is a variant",
    )
    caps_word_min_length: int = option(
        7, "shortest word of the language in capitals taken as a masthead, not a name"
    )
    caps_common_zipf: float = option(
        4.5,
        "Zipf frequency from which a shorter word in capitals is a common word set in capitals"
        " (JUNI / Juni, LOCAL / Local), not a name",
    )
    lookalike_text_share: float = option(
        0.2, "share of words with look-alike letters from which the text is one finding"
    )
    given_names: str = option(
        "",
        "file of given names' transliterations (YAML, 'families': lists of one name's"
        " spellings), relative to the rule file; a project's replaces the shipped one",
        path=True,
    )


def prepare_names(options: NameVariantsOptions, base_dir: Path) -> dict[str, int]:
    """Read the ``given_names`` file: each spelling's transliteration key -> its family."""
    name = options["given_names"]
    if not name:
        return {}
    path = Path(name)
    if not path.is_absolute():
        path = folder_of(name, base_dir) / path
    try:
        data = read_yaml(path, LintnewsError) or {}
    except (LintnewsError, OSError) as exc:
        raise ValueError(f"option 'given_names': {exc}", "given_names") from None
    families = data.get("families") if isinstance(data, dict) else None
    if not isinstance(families, list) or not all(
        isinstance(f, list) and all(isinstance(n, str) and n.strip() for n in f) for f in families
    ):
        line = line_of(data, "families") if isinstance(data, dict) else None
        where = f"{path}:{line or 1}"
        raise ValueError(
            f"option 'given_names': {where}: 'families' must be a list of lists of names",
            "given_names",
        )
    out: dict[str, int] = {}
    for i, family in enumerate(families):
        for spelling in family:
            out.setdefault(translit_key(spelling), i)
    return out


def check_names(ctx: Context):
    o = ctx.options
    floor = min(o["known_zipf"], o["ordinary_zipf"])
    lex = lexicons.load(ctx.doc.language or ctx.lang.code, o["wordlist"], floor)
    found = _collect(ctx)
    hits: list[Hit] = []
    hits += lookalikes(ctx, found["all_words"], found["word_count"], o["lookalike_text_share"])
    mention_list = [m for m in found["mentions"] if not _odd_chars(m.form)]
    mention_list += _case_variants(ctx, found["runs"], lex, o["lowercase_zipf"], o["ordinary_zipf"])
    mention_list += _lowercase_names(ctx, mention_list, lex, o)
    mention_list += _spaced_pairs(ctx.doc.text, found["runs"], mention_list)
    mention_list += _spaced_hyphenated(ctx.doc.text, mention_list)
    mention_list += _particle_surnames(ctx, found["runs"], mention_list, lex, o)
    mention_list += _split_brands(ctx, mention_list)
    groups: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    to_key = translit_key if o["transliteration"] else key
    if o["transliteration"] and ctx.lang.data.get("k-sound-spellings"):
        to_key = k_sound_key  # Spanish text: a Basque name's k is its c or qu
    inner = frozenset(ctx.lang.data.get("acronym-connectors", []) or ())
    for m in mention_list:
        core = m.core_form
        if inner and core[-1:].isupper():  # an acronym may hold a connector: FCPyS
            core = _acronym_core(core, inner)
        groups[to_key(core)][m.form].append(m)

    if o["transliteration"] and any(c in ctx.doc.text for c in _HACEKS):
        _hacek_digraphs(groups, to_key)
    _untitled(ctx, groups)

    def ordinary(form: str) -> bool:
        # the lexicon first: the draft's lowercase words are gathered only if it is asked
        low = form.lower()
        if lex is not None and lex.zipf(low) >= o["ordinary_zipf"]:
            return True
        return low in _lowercase_words(ctx.doc)

    def named(form: str, occ: list[Mention]) -> bool:
        return any(not m.initial for m in occ) or form.isupper() or not ordinary(form)

    lang = ctx.lang
    native = frozenset(lang.data.get("native-letters") or ())
    titles = name_titles(lang)
    openers = lang.memo(
        ("name-openers",),
        lambda: frozenset(
            fold(w) for w in (*lang.stopwords, *(lang.data.get("name-openers") or ()))
        ),
    )

    particles = folded_words(lang, "name-connectors")

    def given(before: tuple[str, ...], rarer: bool) -> tuple[str, ...]:
        """The words before a name in its longer name that may be given names: no title
        (``name-titles``: "Mr", "President", "Staatspräsident"), and, before the rarer
        form, not a first word that the draft also writes in lowercase, a sentence's
        opening ("Later Djoković", "Meanwhile Erdoğan"), nor a stopword or one of the
        language's ``name-openers`` ("Neben Tkatschenko", "Later Adabanjo told ..."). A
        little word is kept ("The Role of ...": an English title's in a German text), but
        for a surname's particle, one of the ``name-connectors`` right before the name
        (Nolwenn Le Gal / Maxime Le Gall share no given name)."""
        if before and before[-1] in particles:
            before = before[:-1]
        return tuple(
            w
            for i, w in enumerate(before)
            if w not in titles
            and (
                i
                or not rarer
                or (w not in openers and (len(w) <= 3 or w not in _lowercase_folded(ctx.doc)))
            )
        )

    links = tuple(ctx.lang.data.get("compound-links", []) or ())
    endings = frozenset(ctx.lang.data.get("inflection-endings", []) or ())
    gathered: dict[str, list[Mention]] = {}

    def word_uses() -> dict[str, list[Mention]]:  # a name word's uses, gathered if asked
        if not gathered:
            for m in mention_list:
                if m.words == 1:
                    gathered.setdefault(m.form, []).append(m)
        return gathered

    nouns = bool(ctx.lang.data.get("capitalised-nouns")) and lex is not None
    text = ctx.doc.text
    for all_forms in groups.values():
        # one form alone has no variant to be named against (most groups): not asked
        forms = (
            {f: occ for f, occ in all_forms.items() if named(f, occ)}
            if len(all_forms) > 1
            else all_forms
        )
        if 0 < len(forms) < len(all_forms):
            forms = _accented_openers(ctx, all_forms, forms)
        if len(forms) > 1:
            forms = _without_foreign(ctx, forms)
        if len(forms) < 2:
            hits += _misspelt_words(ctx, all_forms, lex, o["known_zipf"], ordinary)
            continue
        # the spelling the draft itself uses more (outside quotations) first, then the more
        # used, its uses with the letters composed and decomposed counted together; then
        # the form with its letters composed (a decomposed one is never the one to write);
        # on a tie, the one the text holds more often inside longer names too ("... de
        # Fomento José Luis Ramírez"), then the one of established words ("Councillor
        # Rebecca Evans" once, "Councillor Rebbeca Evans" once), then the first
        composed = {f: unicodedata.normalize("NFC", f) for f in forms}
        spelt: dict[str, list[Mention]] = defaultdict(list)
        for f, occ in forms.items():
            spelt[composed[f]] += occ
        # a word list knows a name's plain transliteration better than its own letters
        # (Djokovic, Đoković): the lexicon weighs only names of plain letters
        weigh = lex if all(fold(f).isascii() for f in forms) else None
        head = {
            f: (
                _LL_POINT in f.lower(),  # Catalan's l·l, never its keyboard point
                -_own(ctx, spelt[composed[f]]),
                -len(spelt[composed[f]]),
                composed[f] != f,
            )
            for f in forms
        }
        tied = Counter(head.values())  # the text is searched only to break a tie
        ranked = sorted(
            forms.items(),
            key=lambda kv: (
                head[kv[0]],
                -_uses(text, kv[0]) if tied[head[kv[0]]] > 1 else 0,
                not _established(kv[0], weigh),
                kv[1][0].start,
            ),
        )
        major, major_occ = ranked[0]
        if major.islower() and any(f.lower() == major for f in forms if f != major):
            # a name's lowercase form, met outside the quotation that holds its capitals
            # ("Mar di Bóia", a record's title, and the saying "mar di bóia"): a variant
            # at most, never the spelling to write
            continue
        written = composed[major]  # the spelling a finding asks for
        for form, occ in ranked[1:]:
            if only_apostrophes_differ(form, major):
                continue  # O'Neill / O’Neill: the typography rule's
            if _capitalised_start(form, occ, major, major_occ):
                continue  # el-Sisi / "El-Sisi said ...": a sentence's capital
            if _surname_in_capitals(form, major):
                continue  # "Par Claire MARTIN" / Claire Martin: a byline's typography
            if _masthead(form, major, lex, o):
                continue  # CONFIDENCIAL / Confidencial: a word of the language in capitals
            if _compound_link(form, major, links):
                continue  # Mitgliedstaaten / Mitgliedsstaaten: a compound's two forms
            lower, major_lower = form.lower(), major.lower()
            a, b = (unicodedata.normalize("NFC", f) for f in (lower, major_lower))
            if a != b and fold(form) == fold(major) and _inflected(a, b, endings, bare=False):
                continue  # Kubera / Kuberą: one name in two cases (Polish); not the letters
                # of a transliteration (Kowalski / Kowalsky is a slip)
            if (
                nouns
                and _both_words(form, major, lex, o["known_zipf"], native)
                and not _one_surname(form, occ, major_occ)
                and not (
                    fold(form) == fold(major)
                    and _rare_surname(form, occ, lex, o)
                    and _introduced(occ, major_occ, titles)
                )
            ):
                continue  # Garten / Gärten, Musikstars / Musik-Stars: words, not a name
                # (Dörte Schäfer ... Bürgermeisterin Schafer is one woman)
            if lower != major_lower and _caps_and_title(form, major):
                continue  # MEEDIA / Media: the case and the letters differ, two changes
            if _other_numeral(form, major):
                continue  # Erfurt II / Erfurt III, Elizabeth I / Elizabeth II: two of a kind
            if ctx.lang.code == UNKNOWN.code and (
                _vowel_marks_only(form, major) or _doubled_vowel_ending(form, major)
            ):
                continue  # přes Moravici / nad Moravicí, Dũng / Dung: a case, another name;
                # Suomen / Suomeen: Finnish cases, a long vowel in the ending
            if key(form) != key(major) and ordinary(form) and ordinary(major):
                continue  # both ordinary words a transliteration apart (Polo / Pollo)
            single = all(m.words == 1 for m in (*occ, *major_occ))
            if single and (
                _different_people(occ, major_occ, given, introduced=True)
                or (lower != major_lower and _inverted_people(occ, major_occ, text))
            ):
                continue  # Anna Smith / Ana López, Löffler, Michelle / Weiland, Michele
            if not single and _other_people_titled(form, major, word_uses(), given):
                continue  # Cllr Smith / Cllr Smyth: John Smith and Karen Smyth
            hits += _report(ctx, form, occ, written, major_occ)
    if o["typos"] and lex is not None:
        hits += _typos(ctx, groups, lex, named, ordinary, links, given)
    hits += _transliterated_given(ctx, found["mentions"], found["runs"], ctx.prepared or {})
    hits += _organisation_words(ctx, found["runs"], endings)
    hits += _reordered_words(ctx, found["runs"])
    hits += _connector_changed(ctx, found["runs"])
    hits += _capital_lookalikes(ctx, mention_list, lex, o)
    hits += _possessive_names(ctx, found["possessives"], found["runs"], mention_list)
    hits += _ampersand_variants(ctx, found["ampersands"], lex if nouns else None, o)
    yield from _dedupe(_consistent(hits))


def _hacek_digraphs(groups: dict, to_key) -> None:
    """Join a group of names written with a háček (š, č, ž: Czech, Slovak, Croatian spell a
    Ukrainian or Russian name so) to the group of the same name written with the English
    digraphs (sh, ch, zh): Ševčuk / Shevchuk, Žukov / Zhukov. Plain letters for them are one
    key already (Ševčuk / Sevcuk)."""
    for k in [k for k, forms in groups.items() if any(c in f for f in forms for c in _HACEKS)]:
        if k not in groups:
            continue  # joined to another already
        for occ in list(groups[k].values()):
            alt = to_key(occ[0].core_form.translate(_HACEK_TABLE))
            if alt != k and alt in groups:
                for form, uses in groups.pop(alt).items():
                    groups[k][form] += uses


_HACEKS = "šžčŠŽČ"
_HACEK_TABLE = str.maketrans({"š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ž": "zh", "Ž": "Zh"})


def name_titles(lang) -> frozenset[str]:
    """The language's ``name-titles``, folded ("Mr", "President", "Staatspräsident")."""
    return folded_words(lang, "name-titles")


def folded_words(lang, name: str) -> frozenset[str]:
    """A word list of the language's data, folded, kept on the language."""
    return lang.memo((name,), lambda: frozenset(fold(w) for w in lang.data.get(name) or ()))


def _collect(ctx: Context) -> dict:
    o = ctx.options
    titles = name_titles(ctx.lang)
    suffixes = folded_words(ctx.lang, "name-suffixes")
    connectors = frozenset(w.lower() for w in ctx.lang.data.get("name-connectors", []))
    elisions = ctx.lang.elisions
    endings = ctx.lang.code == UNKNOWN.code  # a name's case ending after an apostrophe
    corrections = _corrections(ctx)
    out: dict = {
        "mentions": [],
        "runs": [],
        "all_words": [],
        "word_count": 0,
        "possessives": [],
        "ampersands": [],
    }
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for s in block.sentences:
            text = block.prose_of(s.span)
            words, count = sentence_words(text, s.span.start, connectors, elisions, endings)
            out["all_words"] += words
            out["word_count"] += count
            out["mentions"] += hashtags(text, s.span.start)
            if "'s " in text or "’s " in text:  # a possessive between two name words
                out["possessives"] += _possessive_pairs(words, text, s.span.start)
            if " & " in text:
                out["ampersands"] += _ampersand_names(words, text, s.span.start)
            if o["skip_uppercase_lines"] and is_caps_sentence(text):
                continue
            if corrections is not None and corrections.search(text):
                continue  # "An earlier version misspelled her name as ...": the old spelling
            caps = _caps_lines(text, s.span.start) if o["skip_uppercase_lines"] else ()
            for run in runs(words, text, s.span.start, connectors):
                found = mentions(
                    run,
                    ctx.lang.stopwords,
                    o["min_length"],
                    text,
                    s.span.start,
                    connectors,
                    titles,
                    suffixes,
                )
                if caps:  # a line of its own in capitals inside the sentence: a masthead
                    found = [m for m in found if not any(a <= m.start < b for a, b in caps)]
                out["mentions"] += found
                # whole runs (a longer name inside one is a mention of its own, not a run)
                out["runs"] += [m for m in found if 1 < m.words == len(m.context)]
    return out


def _caps_lines(text: str, offset: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of the lines in capitals of a sentence that spans several
    lines ("OSTFRIESEN-ECHO" above the page's menu line): a masthead set in capitals, as a
    sentence in capitals is."""
    if "\n" not in text:
        return []
    out, at = [], 0
    for line in text.split("\n"):
        if is_caps_sentence(line):
            out.append((offset + at, offset + at + len(line)))
        at += len(line) + 1
    return out


def _corrections(ctx: Context):
    """The language's ``correction-words`` as one pattern: a sentence holding one quotes a
    spelling the draft corrects, which is no variant of the name. None without them, or in a
    draft that holds none of them (most: a few substring tests, no search of its sentences)."""

    def make():
        words = tuple(w.lower() for w in ctx.lang.data.get("correction-words") or ())
        if not words:
            return words, None
        pattern = rf"(?i)(?<![\p{{L}}\p{{M}}])(?:{either(words)})(?![\p{{L}}\p{{M}}])"
        return words, regexcache.compile(pattern)

    words, pattern = ctx.lang.memo("correction-words", make)
    if pattern is None:
        return None
    low = ctx.doc.text.lower()
    return pattern if any(w in low for w in words) else None


#: Catalan's l·l written with a keyboard's point (Marcel.lí): the spelling never to write
_LL_POINT = "l.l"


def _transliterated_given(
    ctx: Context, mention_list: list[Mention], full_names: list[Mention], families: dict
) -> list[Hit]:
    """Two transliterations of one given name (``families``: key -> family) with the same
    other words of a full name around them (Youssef El Amrani / Yusuf El Amrani, Amina
    Mohammed / Amina Muhammad): one person's name written two ways. A title is no part of
    the name. A use alone is no one's in particular (Elena, a neighbour, beside Olena
    Kovalchuk; cartoons of Muhammad beside Amina Mohammed), nor is a run longer than a
    person's name (``GIVEN_NAME_RUN``). The form used more is the name; on a tie, the
    first."""
    if not families:
        return []
    titles = name_titles(ctx.lang)
    starts = sorted((r.start, r.end, r.form) for r in full_names)

    def run_of(m: Mention) -> tuple[int, int, str] | None:
        at = bisect_right(starts, (m.start, math.inf)) - 1
        return starts[at] if at >= 0 and m.start < starts[at][1] else None

    text = ctx.doc.text
    # (family, words before, the surname's shape) -> (spelling's key, surname) -> its uses
    people: dict[tuple, dict[tuple, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mention_list:
        if m.words != 1 or not 1 < len(m.context) <= GIVEN_NAME_RUN or not m.form[:1].isupper():
            continue
        spelling = translit_key(m.form)
        family = families.get(spelling)
        if family is None:
            continue
        words = [w for w in m.context if w not in titles]
        own = fold(m.form)
        if own not in words or len(words) < 2:
            continue
        at = words.index(own)
        after = tuple(map(translit_key, _surname(text, m, words[at + 1 :], run_of(m))))
        # a given name is known by the surname after it, whatever role or place goes before
        # ("Mining Minister Mohammed Lahlali" / "Muhammad Lahlali"); a name last in its
        # run, by the words before it (Amina Mohammed / Ms Amina Muhammad); a surname after
        # it by its letters with each run of vowels one vowel and h as g (the letter
        # Ukrainian reads h and Russian g): transliterated with it (Mohammed al-Hashimi /
        # Muhammad al-Hashemi, Oleksandr Horbenko / Aleksandr Gorbenko)
        before = () if after else tuple(map(translit_key, words[:at]))
        skeleton = tuple(_VOWELS.sub("a", w.replace("h", "g")) for w in after)
        people[(family, before, skeleton)][(spelling, after)].append(m)
    out: list[Hit] = []
    for spellings in people.values():
        if len(spellings) < 2 or len({given for given, _ in spellings}) < 2:
            continue  # one given name's spelling: a surname's slip is the typo rules'
        major_occ, *others = _by_use(spellings.values())
        major = major_occ[0].form
        full = run_of(major_occ[0])
        evidence = "two transliterations of one given name, for one person" + (
            f" ({full[2]})" if full else ""
        )
        after_of = {id(m): after for (_, after), uses in spellings.items() for m in uses}
        surname = after_of[id(major_occ[0])]
        for occ in others:
            after = after_of[id(occ[0])]
            if after == surname:
                out += _report(ctx, occ[0].form, occ, major, major_occ, evidence)
            elif all(OSA.distance(x, y) <= 1 for x, y in zip(after, surname, strict=True)):
                # the surname transliterated too: the full names are the two spellings
                names = [_to_run_end(text, m, run_of(m)) for m in occ]
                majors = [_to_run_end(text, m, run_of(m)) for m in major_occ]
                evidence = "two transliterations of one person's name, a vowel apart"
                out += _report(ctx, names[0].form, names, majors[0].form, majors, evidence)
    return out


def _surname(text: str, m: Mention, after: list[str], run) -> list[str]:
    """The name words after a given name up to its run's first connector: "al-Hashimi" of
    "Mohammed al-Hashimi of the University of Sharjah" (``after``, its run's words after
    it, when it stands in no run)."""
    return after if run is None else fold(_to_run_end(text, m, run).form).split()[1:]


def _to_run_end(text: str, m: Mention, run: tuple[int, int, str] | None) -> Mention:
    """A given name's mention and its surname after it (``_surname``): the person's name."""
    end = m.end
    if run is not None:
        tail = text[m.end : run[1]]
        for word in tail.split():
            name = word.rstrip(_CLOSING)
            if fold(name) not in m.context:
                break
            end = text.index(name, end) + len(name)
            if name != word:
                break  # "al-Rubaie," ends the name
    return Mention(text[m.start : end], m.start, end, m.initial, m.context, m.words)


_CLOSING = ",.;:!?)]»”’\"'"
#: a run of vowels (in a ``translit_key``: y is i)
_VOWELS = regexcache.compile(r"[aeiou]+")


#: most words of a run read as one person's name for its transliterated given name
GIVEN_NAME_RUN = 6


def _organisation_words(ctx: Context, runs: list[Mention], endings: frozenset[str]) -> list[Hit]:
    """A longer name (``ORGANISATION_WORDS`` name words or more) written again with one of
    its words in another form of the same word, the others as they were: National Mine
    Safety Authority / National Mining Safety Authority, Confederación Hidrológica /
    Hidrográfica del Guadalmina. The two words share their stem or their first
    ``SHARED_PREFIX`` letters. Not a title or an office (Ministry / Minister of Health,
    Government / Governor of Texas: two bodies), nor a case or number of the language's
    ``inflection-endings`` (des Landkreises / der Landkreis Oberwald). The form used more
    is the name; on a tie, the first. Both forms have the same connectors (del Salar / de
    los Salares is a description in the plural), and the first word is never the one
    that differs (Julián / Juliana Espinosa Ortiz are two people; Grünen-Kandidatin /
    Grünen-Politikerin Miriam Faltermeier, two roles of one), but for its plural before a
    connector (Centers / Center for Disease Control). A run that a sentence's
    first word and a connector open is compared from the name after them too
    (``_without_opener``: "Técnicos del Centro Criptográfico Nacional")."""
    runs = [*runs, *filter(None, (_without_opener(ctx.doc.text, m) for m in runs if m.initial))]
    # the first word is one both forms hold (or the rest, for a plural first word): only
    # runs that share it and their length with another run of other words are compared
    # (most drafts: none)
    heads: dict[tuple, set] = defaultdict(set)
    for m in runs:
        if _longer_name(m):
            heads[(m.words, m.context[0])].add(m.context)
            heads[(m.words, m.context[1:])].add(m.context)
    whole = [
        m
        for m in runs
        if m.words == len(m.context)
        and (
            len(heads.get((m.words, m.context[0]), ())) > 1
            or len(heads.get((m.words, m.context[1:]), ())) > 1
        )
    ]
    if len(whole) < 2:
        return []
    titles = name_titles(ctx.lang)
    # (length, place, the other words) -> the word at that place -> the run's uses
    slots: dict[tuple, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    placed: set[tuple] = set()  # the slots of a place after a connector (_after_connector)
    for m in whole:
        seq = fold(m.form).split()  # its name words and connectors
        joined = tuple(w for w in seq if w not in m.context)
        place = _after_connector(m, seq)
        # a first word apart is another person or a role, unless a connector follows it
        # and the two differ by a plural's s (Centers / Center for Disease Control)
        first = 0 if len(seq) > 1 and seq[1] not in m.context else 1
        for at in range(first, len(m.context)):
            others = m.context[:at] + m.context[at + 1 :]
            slot = (len(m.context), at, others, joined)
            slots[slot][m.context[at]].append(m)
            if at in place and at == len(m.context) - 1:
                # the place's last word ("de Alcobendas / de Alcorcón"); a word before the
                # last is the members': "of Transport / of Transportation Workers"
                placed.add(slot)
    out: list[Hit] = []
    reported: set[tuple] = set()
    for slot, words in slots.items():
        if len(words) != 2:
            continue  # one word (most slots), or a slot of several names: a list
        (a, a_occ), (b, b_occ) = words.items()
        at = slot[1]
        if slot in placed and not (
            {a, b} & _lowercase_folded(ctx.doc) and len(set(ctx.lang.stems([a, b]))) == 1
        ):
            continue  # the place or person a body is of: Policía Local de Alcobendas /
            # de Alcorcón, Armed Forces of Niger / of Nigeria are two bodies; not two forms
            # of one word, one stem, the draft writes in lowercase too (Royal College of
            # Nursing / of Nurses; Torrente / Torrevieja beside "un torrente de barro" are
            # two towns)
        if at == 0:
            if a.rstrip("s") != b.rstrip("s") or a == b:
                continue  # a first word: only its plural is the body's other spelling
            singular = a_occ if len(a) < len(b) else b_occ
            if not any(_after_the(ctx, m.start) for m in singular):
                continue  # "a Sister of Charity", "fue Hermana de la Caridad": a member
        elif a.rstrip("s") == b.rstrip("s"):
            continue  # a plural: the system and one of its bodies (Federal Reserve Banks)
        if a in titles or b in titles or "-" in a + b or not _one_word(ctx, a, b, endings):
            continue  # an office, a compound (Maps / Maps-Karten), an inflection
        if _glued(a_occ[0].form) or _glued(b_occ[0].form):
            continue  # "Instituto Superior de IngenieríaCedida": the next word glued on
        major_occ, occ = _by_use((a_occ, b_occ))
        pair = (occ[0].form, major_occ[0].form)
        if pair in reported:
            continue
        reported.add(pair)
        evidence = "one word of a longer name in two forms"
        out += _report(ctx, occ[0].form, occ, major_occ[0].form, major_occ, evidence)
    return out


def _reordered_words(ctx: Context, runs: list[Mention]) -> list[Hit]:
    """A longer name (``ORGANISATION_WORDS`` name words or more) written again with its
    words in another order, its first word as it was: Unidad Central Operativa / Unidad
    Operativa Central, European Data Protection Board / European Board for Data Protection
    (a connector more or less with the order). The name words before a run's first
    connector are compared too ("la Unidad Central Operativa de la Guardia Civil"), and
    a run with the words after its "and" (``_conjoined``). The form used more is the name;
    on a tie, the first."""
    orders: dict[tuple, dict[tuple, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    joined = _conjoined(ctx, runs)
    for m in [*runs, *joined, *filter(None, (_before_connector(ctx.doc.text, m) for m in runs))]:
        if _longer_name(m):
            words = (m.context[0], tuple(sorted(m.context)))
            orders[words][m.context].append(m)
    out: list[Hit] = []
    for by_order in orders.values():
        if len(by_order) != 2:
            continue  # one order (most names), or several: a list, not a name
        major_occ, occ = _by_use(by_order.values())
        evidence = "the words of a longer name in another order"
        out += _report(ctx, occ[0].form, occ, major_occ[0].form, major_occ, evidence)
    return out


def _connector_changed(ctx: Context, runs: list[Mention]) -> list[Hit]:
    """A longer name (``ORGANISATION_WORDS`` name words or more) written again with a
    connector more or less between two of its name words, the name words as they were:
    Unión Tranviarios Automotor / Unión de Tranviarios Automotor. (Another connector in
    its place is one mark of ``core``: Ministerio de Salud / de la Salud share a key.) The
    form used more is the name; on a tie, the first."""
    forms: dict[tuple, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in runs:
        if _longer_name(m):
            forms[m.context][m.form].append(m)
    out: list[Hit] = []
    for by_form in forms.values():
        if len(by_form) < 2:
            continue  # one way (most names): no connectors to compare
        by_gaps: dict[tuple, list[Mention]] = defaultdict(list)
        for form, uses in by_form.items():
            gaps, joined = [], False  # before each name word: a connector?
            for w in fold(form).split():
                if w in uses[0].context:
                    gaps.append(joined)
                    joined = False
                else:
                    joined = True
            by_gaps[tuple(gaps[1:])] += uses
        if len(by_gaps) < 2:
            continue
        major_occ, *others = _by_use(by_gaps.values())
        evidence = "a longer name with a connector more or less"
        for occ in others:
            out += _report(ctx, occ[0].form, occ, major_occ[0].form, major_occ, evidence)
    return out


def _conjoined(ctx: Context, runs: list[Mention]) -> list[Mention]:
    """A run and the capitalised words after one of the language's ``ampersand-words`` or
    an ampersand, and its connectors ("Consejo Económico y Social", "Organisation for
    Economic Co-operation and Development", "Academia de las Artes y las Ciencias
    Cinematográficas"), as one run: a name's words on either side of its "and" may trade
    places."""
    words = folded_words(ctx.lang, "ampersand-words")
    if not words:
        return []
    connectors = folded_words(ctx.lang, "name-connectors")
    text, out = ctx.doc.text, []
    for m in runs:
        tail = _AND_NAME.match(text, m.end)
        if tail is None or (tail.group(1) != "&" and fold(tail.group(1)) not in words):
            continue
        if not connectors.issuperset(fold(tail.group(2)).split()):
            continue  # "y las Artes": an article after the "and" is the name's; "y en" is not
        added = tuple(fold(w) for w in tail.group(3).split())
        form, end = text[m.start : tail.end()], tail.end()
        context, count = m.context + added, m.words + len(added)
        out.append(Mention(form, m.start, end, m.initial, context, count, form))
    return out


#: a conjunction (or an ampersand), up to two lowercase words, and the capitalised words after it
_AND_NAME = regexcache.compile(
    r" (\p{Ll}{1,4}|&)((?: \p{Ll}{1,4}){0,2}) (\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*"
    r"(?: \p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*)*)"
)


def _by_use(spellings) -> list[list[Mention]]:
    """Each spelling's uses in the text's order, the spelling used most first (on a tie,
    the one met first): the name, then its variants."""
    ranked = sorted(spellings, key=lambda occ: (-len(occ), min(m.start for m in occ)))
    return [sorted(occ, key=lambda m: m.start) for occ in ranked]


def _before_connector(text: str, m: Mention) -> Mention | None:
    """The run's name words before its first connector, as a run of its own ("Unidad Central
    Operativa" of "Unidad Central Operativa de la Guardia Civil"); None for a run without a
    connector, or with fewer than ``ORGANISATION_WORDS`` words before it."""
    if m.words <= ORGANISATION_WORDS:
        return None  # most runs: too short to hold a connector after enough words
    surface, folded = m.form.split(), fold(m.form).split()
    if len(surface) != len(folded):
        return None
    head = next((i for i, w in enumerate(folded) if w not in m.context), len(folded))
    if not ORGANISATION_WORDS <= head < len(folded):
        return None
    form = " ".join(surface[:head])
    if not text.startswith(form, m.start):
        return None
    context = tuple(folded[:head])
    return Mention(form, m.start, m.start + len(form), m.initial, context, head, form)


def _spaced_pairs(text: str, runs: list[Mention], mention_list: list[Mention]) -> list[Mention]:
    """Two name words side by side inside a longer run that the draft also writes as one
    hyphenated word ("la Regione Emilia Romagna" / "l'Emilia-Romagna"): the pair is a
    mention of its own, compared with the hyphenated word (a run's words are otherwise
    compared whole or one by one). Not in a name its acronym defines right after it."""
    hyphened = {key(m.form) for m in mention_list if m.words == 1 and "-" in m.form}
    if not hyphened:
        return []  # most drafts
    out = []
    for m in runs:
        if m.words < 3 or _DEFINED.match(text, m.end):
            continue  # a run of two is compared whole already; a name its acronym defines
            # is written as its bearer writes it ("Aigües Ter Llobregat (ATL)")
        for (a, at), (b, _) in pairwise(_placed_parts(m)):
            pair = f"{a} {b}"
            if a.isalpha() and b[:1].isupper() and b.isalpha() and key(pair) in hyphened:
                if text[at : at + len(pair)] == pair:
                    out.append(Mention(pair, at, at + len(pair), False, m.context, 2))
    return out


def _particle_surnames(ctx: Context, runs: list[Mention], mention_list: list[Mention], lex, o):
    """A surname's capitalised particle and the name after it inside a longer run ("Stefano
    De Luca", "Dirk Van Dijk"), where the draft also writes the two as one word (Deluca,
    Vandijk; not a word of the language, Cruella De Vil beside "Devil", nor a word with an
    inner capital, a name of its own: LaGuardia): the pair is a mention of its own,
    compared with the joined word."""
    particles = folded_words(ctx.lang, "name-connectors")
    pairs = []  # (pair, where, run) of each capitalised particle and the word after it
    for m in runs:
        for (a, at), (b, _) in pairwise(_placed_parts(m)):
            if a[:1].isupper() and fold(a) in particles:
                pairs.append((f"{a} {b}", at, m))
    if not pairs:
        return []  # most drafts
    wanted = {key(pair) for pair, _, _ in pairs}
    joined = {
        key(m.form)
        for m in mention_list
        if m.words == 1
        and key(m.form) in wanted
        and m.form.isalpha()
        and m.form[1:].islower()  # LaGuardia, the airport, beside Fiorello La Guardia
        and (lex is None or lex.zipf(m.form.lower()) < o["ordinary_zipf"])
    }
    text = ctx.doc.text
    return [
        Mention(pair, at, at + len(pair), False, m.context, 2)
        for pair, at, m in pairs
        if key(pair) in joined and text[at : at + len(pair)] == pair
    ]


def _spaced_hyphenated(text: str, mention_list: list[Mention]) -> list[Mention]:
    """A hyphenated name of three parts or more, capitalised at both ends ("Stoke-on-Trent",
    "Aix-en-Provence"), written elsewhere with spaces, where its little words break the run
    ("Stoke on Trent City Council"): each spaced use is a mention of its own, compared with
    the hyphenated one. The text is read once, whatever the number of such names."""
    wanted: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for form in {m.form for m in mention_list if m.words == 1 and "-" in m.form}:
        parts = form.split("-")
        if len(parts) < 3 or not (parts[0][:1].isupper() and parts[-1][:1].isupper()):
            continue  # Rolls-Royce / Rolls Royce: two name words, compared as runs are
        wanted[parts[0]].append((" ".join(parts), tuple(fold(p) for p in parts)))
    if not wanted:
        return []  # most drafts
    out = []
    for word in _CAPITAL_WORD.finditer(text):
        for spaced, context in wanted.get(word.group(), ()):
            at, end = word.start(), word.start() + len(spaced)
            if text.startswith(spaced, at) and not _letter(text[end : end + 1] or " "):
                out.append(Mention(spaced, at, end, False, context, 1))
    return out


#: a capitalised word, where a spaced name may open
_CAPITAL_WORD = regexcache.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*")


def _split_brands(ctx: Context, mention_list: list[Mention]) -> list[Mention]:
    """A name written as one word with a capital inside (SoftBank, LaLiga, DeMarco) and as
    its parts apart elsewhere ("Soft Bank", "en La Liga"): each spaced occurrence is a
    mention, compared with the joined word (their keys are one). Not a sentence's opening
    whose first part is a little word of the language ("La Guardia Civil detuvo ...", and
    the airport LaGuardia): its capital is the sentence's."""
    if not _CAMEL_WORD.search(ctx.doc.text):
        return []  # most drafts: no word holds a capital after a lowercase letter
    joined = {m.form for m in mention_list if m.words == 1 and _CAMEL.fullmatch(m.form)}
    if not joined:
        return []
    little = ctx.lang.stopwords | frozenset(
        w.lower() for w in ctx.lang.data.get("name-connectors", []) or ()
    )
    taken = {(m.start, m.end) for m in mention_list}
    spaced = {" ".join(_CAMEL_PART.findall(f)): f for f in joined}
    if not any(f in ctx.doc.text for f in spaced):
        return []  # no name written apart (most drafts with a joined one)
    pattern = regexcache.compile(
        r"(?<![\p{L}\p{M}])(?:" + "|".join(map(re.escape, spaced)) + r")(?![\p{L}\p{M}])"
    )
    out = []
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for s in block.sentences:
            text = block.prose_of(s.span)
            first = len(text) - len(text.lstrip(_OPENING))  # where its first word starts
            for hit in pattern.finditer(text):
                form = hit.group()
                start, end = s.span.start + hit.start(), s.span.start + hit.end()
                initial = hit.start() <= first
                parts = form.split()
                if (start, end) in taken or (initial and parts[0].lower() in little):
                    continue
                if _in_longer_name(text, hit.start(), hit.end(), little):
                    continue  # Fiorello La Guardia, the Black Rock Desert, "How We Work
                    # Now", La Guardia de Jaén: another name, of which the pair is a part
                context = tuple(fold(p) for p in parts)
                out.append(Mention(form, start, end, initial, context, len(parts)))
    return out


def _in_longer_name(text: str, start: int, end: int, little: frozenset[str]) -> bool:
    """A capitalised word right before ``start`` or right after ``end`` (a little word of the
    language between allowed: "Sieur de La Salle", "La Guardia de Jaén")."""
    before = text[max(0, start - NEAR_CHARS) : start].split()[-2:]
    after = text[end : end + NEAR_CHARS].split()[:2]
    for near in (before[::-1], after):
        if near and near[0].lower() in little:
            near = near[1:]  # a connector: the word past it
        if near and near[0][:1].isupper():
            return True
    return False


#: characters read on each side of a pair for the two words next to it
NEAR_CHARS = 80
#: a word of two capitalised parts or more ("SoftBank", "LaLiga"), and one such part
_CAMEL = regexcache.compile(r"\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)+")
_CAMEL_PART = regexcache.compile(r"\p{Lu}\p{Ll}+")
_CAMEL_WORD = regexcache.compile(r"\p{Lu}\p{Ll}+\p{Lu}\p{Ll}")
_OPENING = " \t\n\"'“‘„‚«¿¡([—–-*_#>"


def _placed_parts(m: Mention) -> list[tuple[str, int]]:
    """The words and connectors of a run's form with where each starts in the text, read
    as single-spaced (the caller checks the text: a run across a line break is not)."""
    out, at = [], m.start
    for part in m.form.split(" "):
        out.append((part, at))
        at += len(part) + 1
    return out


#: an acronym in brackets right after a name: the name it defines
_DEFINED = regexcache.compile(r"[ \t]*\(\p{Lu}[\p{Lu}\p{N}&.-]{1,7}\)")


def _without_opener(text: str, m: Mention) -> Mention | None:
    """The name after a run's first word and the connectors after it, when that word opens
    a sentence ("Técnicos del Centro Criptográfico Nacional": the Centro's name), as a run
    of its own; None when the run is too short or its second word is no connector."""
    parts = _placed_parts(m)
    if m.words <= ORGANISATION_WORDS or len(parts) < 3 or fold(parts[1][0]) in m.context:
        return None
    k = 2
    while k < len(parts) and fold(parts[k][0]) not in m.context[1:]:
        k += 1  # "de la", "of the": connectors in a row
    form = " ".join(p for p, _ in parts[k:])
    start = parts[k][1] if k < len(parts) else m.end + 1
    if text[start : start + len(form)] != form:
        return None  # a run written across a line break or with other spaces
    return Mention(form, start, start + len(form), False, m.context[1:], m.words - 1)


def _after_the(ctx: Context, start: int) -> bool:
    """The word before ``start`` is one of the language's ``definite-articles`` ("the
    Center for Disease Control"): the body itself, where "a Sister of Charity" or "Taty
    Almeida, Madre de Plaza de Mayo" names one of its members."""
    before = ctx.doc.text[max(0, start - 8) : start].split()
    return bool(before) and fold(before[-1]) in folded_words(ctx.lang, "definite-articles")


def _after_connector(m: Mention, seq: list[str]) -> set[int]:
    """The places (among the run's name words; ``seq``: its folded words and connectors)
    of the one or two words after its last connector: the place or person a body is of
    ("de Santa Clara"; not "of the Gold Coast Federation", a name of its own)."""
    names, place, k = set(m.context), set(), -1
    for w in seq:
        if w in names:
            k += 1
            place.add(k)
        else:
            place = set()  # a connector: only the words after the last one count
    return place if len(place) <= PLACE_WORDS and len(place) < len(m.context) else set()


#: most words of the place or person after a body's connector ("de Santa Clara")
PLACE_WORDS = 2


def _glued(form: str) -> bool:
    """A word of the form holds a capital after a lowercase letter ("IngenieríaCedida"): a
    page's next word glued on, or a brand's camel case, not a word's other form."""
    return bool(_GLUED.search(form))


_GLUED = regexcache.compile(r"\p{Ll}\p{Lu}")
#: fewest and most name words of a name whose words are compared one by one (a run longer
#: than a body's name is a list or a title: not compared, each of its places a key to copy)
ORGANISATION_WORDS = 3
ORGANISATION_MOST = 12


def _longer_name(m: Mention) -> bool:
    """A whole run of ``ORGANISATION_WORDS`` to ``ORGANISATION_MOST`` name words: the names
    whose words are compared one by one (another form, another order, a connector)."""
    return ORGANISATION_WORDS <= m.words == len(m.context) <= ORGANISATION_MOST


#: first letters two forms of a word share (Hidrológica / Hidrográfica)
SHARED_PREFIX = 4


def _one_word(ctx: Context, a: str, b: str, endings: frozenset[str]) -> bool:
    """Two folded words that are forms of one word: one stem, or the same first
    ``SHARED_PREFIX`` letters; not two inflections the language lists."""
    if _inflected(a, b, endings):
        return False
    stem_a, stem_b = ctx.lang.stems([a, b])
    shared = min(len(a), len(b)) > SHARED_PREFIX and a[:SHARED_PREFIX] == b[:SHARED_PREFIX]
    return stem_a == stem_b or shared


def _capital_lookalikes(ctx: Context, mention_list: list[Mention], lex, o) -> list[Hit]:
    """A name whose capital I or O is written with a look-alike character, a lowercase l or
    a zero ("llya Morozov" for Ilya, "0konkwo" for Okonkwo): a word no name would be read
    as, so the mentions never hold it. Reported when the text writes the name with its
    capital inside a sentence (not only opening one: Croatian "Iako" / "lako" are words),
    the word is no word of the language, an l-word stands in a name (a capitalised word
    beside it: "llya Morozov", not "een leper balletje" beside Ieper) and it is rare in the
    draft (``typo_max_count``: a form written often is the text's word, not a slip)."""
    names: dict[str, list[Mention]] = defaultdict(list)
    for m in mention_list:
        if m.words == 1 and m.form[:1] in "IO" and len(m.form) > 3:
            names[("l" if m.form[0] == "I" else "0") + m.form[1:]].append(m)
    names = {
        k: occ for k, occ in names.items() if any(not m.initial or len(m.context) > 1 for m in occ)
    }
    if not names:
        return []
    doc = ctx.doc
    if len(names) <= FEW_NAMES and not any(look in doc.text for look in names):
        return []  # a plain search first: most drafts hold none of the look-alikes
    found: dict[str, list[Mention]] = defaultdict(list)
    for m in _CAPITAL_LOOKALIKE.finditer(doc.text):
        if m.group() not in names:
            continue
        block = doc.block_at(m.start())
        if block is None or not block.is_prose:
            continue
        at = m.start() - block.span.start
        if block.prose[at : at + len(m.group())] != m.group():
            continue  # masked: code, a link's target
        if m.group()[0] == "l" and not _beside_capital(block.prose, at, at + len(m.group())):
            continue
        found[m.group()].append(Mention(m.group(), m.start(), m.end(), False, (), 1))
    out: list[Hit] = []
    for form, uses in found.items():
        if len(uses) > o["typo_max_count"] or (
            lex is not None and lex.zipf(form) >= o["known_zipf"]
        ):
            continue
        major_occ = names[form]
        evidence = "a look-alike character for its capital (l for I, 0 for O)"
        out += _report(ctx, form, uses, major_occ[0].form, major_occ, evidence)
    return out


#: most look-alike names searched for one by one before the text's one scan
FEW_NAMES = 64


def _beside_capital(text: str, start: int, end: int) -> bool:
    """A capitalised word right before or after ``text[start:end]`` (one space apart)."""
    after = text[end : end + 2]
    before = text[max(0, start - 40) : start].rstrip(" ").rsplit(" ", 1)[-1]
    return (after[:1] == " " and after[1:2].isupper()) or (
        text[start - 1 : start] == " " and before[:1].isupper()
    )


#: a word opening with a lowercase l or a zero before lowercase letters
_CAPITAL_LOOKALIKE = regexcache.compile(
    r"(?<![\p{L}\p{M}\p{N}])[l0]\p{Ll}{3,}(?![\p{L}\p{M}\p{N}])"
)


def _possessive_pairs(words, text: str, offset: int) -> list[Mention]:
    """Two name words with a possessive 's between them ("Hart's Island"), as one mention."""
    out = []
    for w, nxt in zip(words, words[1:], strict=False):
        if not (w.possessive and w.name and nxt.name):
            continue
        if text[w.end - offset : nxt.start - offset] in ("'s ", "’s "):
            form = text[w.start - offset : nxt.end - offset]
            out.append(Mention(form, w.start, nxt.end, w.initial, (), 2, f"{w.text} {nxt.text}"))
    return out


def _ampersand_names(words, text: str, offset: int) -> list[Mention]:
    """Names with an ampersand between two name words ("Fauna & Flora International"): the
    words from the one before it to the last name word after it."""
    out = []
    for i, (w, nxt) in enumerate(zip(words, words[1:], strict=False)):
        if not (w.name and nxt.name) or text[w.end - offset : nxt.start - offset] != " & ":
            continue
        end = nxt
        for after in words[i + 2 :]:
            if not after.name or text[end.end - offset : after.start - offset] != " ":
                break
            end = after
        form = text[w.start - offset : end.end - offset]
        out.append(Mention(form, w.start, end.end, w.initial, (), 2))
    return out


def _ampersand_variants(ctx: Context, ampersands: list[Mention], nouns_lex, o):
    """A name written with "&" and with the word it stands for (the language's
    ``ampersand-words``: "Fauna & Flora International" / "Fauna and Flora International"):
    the rarer spelling, or the later one, is reported. In a language that capitalises its
    nouns (``nouns_lex`` is its lexicon), words of the language joined by "und" are prose
    ("Prävention und Hilfe"), not a name. A name's words on either side of its ampersand
    in the other order ("Landbrug & Fødevarer" / "Fødevarer & Landbrug") are one name too."""
    if not ampersands:
        return []
    by_form: dict[str, list[Mention]] = defaultdict(list)
    for m in ampersands:
        parts = [w.lower() for w in m.form.split() if w != "&"]
        if nouns_lex is None or any(nouns_lex.zipf(w) < o["known_zipf"] for w in parts):
            by_form[m.form].append(m)
    out = []
    orders: dict[tuple, list[str]] = defaultdict(list)
    for form in by_form:
        orders[tuple(sorted(fold(form).split()))].append(form)
    for forms in orders.values():
        if len(forms) == 2:
            major_occ, occ = _by_use(by_form[f] for f in forms)
            evidence = "the words of a name around its ampersand in another order"
            out += _report(ctx, occ[0].form, occ, major_occ[0].form, major_occ, evidence)
    words = ctx.lang.data.get("ampersand-words", []) or []
    for form, occ in by_form.items():
        for word in words:
            other = form.replace(" & ", f" {word} ")
            found = _occurrences(ctx.doc, other)
            if not found:
                continue
            pair = sorted([(form, occ), (other, found)], key=lambda f: (-len(f[1]), f[1][0].start))
            (major, major_occ), (minor, minor_occ) = pair
            out += _report(ctx, minor, minor_occ, major, major_occ)
            break
    return out


def _occurrences(doc, phrase: str) -> list[Mention]:
    """Where ``phrase`` is written in the draft's prose, as it is written (any spacing)."""
    pattern = re.compile(
        r"(?<![^\W\d_])" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![^\W\d_])"
    )
    return [
        Mention(phrase, block.span.start + m.start(), block.span.start + m.end(), False, (), 2)
        for block in doc.blocks
        if block.is_prose
        for m in pattern.finditer(block.prose)
    ]


def _possessive_names(ctx: Context, possessives, run_mentions, mention_list):
    """A name of two words written once with a possessive between them: "Hart's Island"
    where the draft says "Hart Island" more often, and never names the first word alone
    ("Washington's Supreme Court" is the court of Washington, named on its own)."""
    if not possessives:
        return []
    taken = {(m.start, m.start + len(m.core.split()[0])) for m in possessives}
    alone = {
        m.form
        for m in mention_list
        if m.words == 1 and len(m.context) == 1 and (m.start, m.end) not in taken
    }
    plain: dict[str, list[Mention]] = defaultdict(list)
    for m in run_mentions:
        words = m.form.split()
        for pair in {f"{x} {y}" for x, y in zip(words, words[1:], strict=False)}:
            plain[pair].append(m)
    by_pair: dict[str, list[Mention]] = defaultdict(list)
    for m in possessives:
        by_pair[m.core].append(m)
    out = []
    for pair, occ in by_pair.items():
        if pair.split()[0] in alone:
            continue
        major_occ = plain.get(pair, [])
        if len(occ) > ctx.options["typo_max_count"] or len(major_occ) < max(2, len(occ) + 1):
            continue
        for form in {m.form for m in occ}:
            out += _report(ctx, form, [m for m in occ if m.form == form], pair, major_occ)
    return out


_ACRONYM = regexcache.compile(r"\p{Lu}+(?:\p{Ll}{1,3}\p{Lu}+)+")
_INNER_LOWER = regexcache.compile(r"\p{Ll}+")


def _acronym(form: str) -> bool:
    """In capitals, or capitals with a short lowercase word set inside ("PSdeG", "CiU")."""
    return form.isupper() or bool(_ACRONYM.fullmatch(form))


def _acronym_core(form: str, inner: frozenset[str]) -> str:
    """An acronym without the lowercase words of the language set inside it (its
    ``acronym-connectors``): "FCPyS" is "FCPS"."""
    if not inner or not form[-1:].isupper() or not _ACRONYM.fullmatch(form):
        return form
    parts = _INNER_LOWER.findall(form)
    if not all(p in inner for p in parts):
        return form
    return _INNER_LOWER.sub("", form)


@lru_cache(maxsize=32768)
def _odd_chars(form: str) -> bool:
    return any(mixed_script(w) or has_compat_chars(w) or has_ligature(w) for w in form.split())


def _evidence(form: str, major: str) -> str:
    """What makes the two forms one name, in plain words (the message says it)."""
    if form.lower() == major.lower():
        return "only the capitals differ"
    if same_letters(form, major):
        return "the same letters, an accent written as a separate character in one"
    if fold(form) == fold(major):
        return "only the accents differ"
    if key(form) == key(major):
        return "only a hyphen, space, apostrophe or point differs"
    if translit_key(form) == translit_key(major):
        return "only a transliteration differs (a doubled letter, y for i, ö as oe, ł as l)"
    if "&" in form + major:
        return "an ampersand and the word it stands for"
    if major == form + "s":
        return "a possessive's apostrophe inside the name"
    if key(form) == key(major) + "s" or form.replace("’", "'").replace("'s ", " ") == major:
        return "a possessive inside the name"
    capitals = [c for c in form if c.isupper()]
    if (form.isupper() or major.isupper()) and capitals == [c for c in major if c.isupper()]:
        return "the same acronym with and without a connecting word"
    if len(form.split()) > 1 and len(major.split()) > 1:
        return "the same name with another connecting word"
    if _rn_for_m(fold(form), fold(major)):
        if len(form) > len(major):
            return "rn written for m (letters that look alike)"
        return "m written for rn (letters that look alike)"
    if OSA.distance(fold(form), fold(major)) > 1 and k_sound_key(form) == k_sound_key(major):
        return "only the spelling of a k sound differs (Basque k and tx, Spanish c, qu, ch)"
    return "one letter apart"


def _report(
    ctx: Context,
    form: str,
    occ: list[Mention],
    major: str,
    major_occ: list[Mention],
    evidence: str = "",
):
    where = ctx.doc.locate(major_occ[0].start)[0]
    evidence = evidence or _evidence(form, major)
    if evidence == "one letter apart" and _same_frame(occ, major_occ):
        evidence += ", in the same full name"
    reason = f"{evidence}; spelled so {len(major_occ)}x, first at line {where}"
    for m in occ:
        others = [o for o in occ[:4] if o is not m][:3]
        related = [(Span(major_occ[0].start, major_occ[0].end), f"'{major}' here")]
        related += [(Span(o.start, o.end), f"'{form}' also here") for o in others]
        span = Span(m.start, m.end)
        yield Hit(
            span,
            {
                "form": form,
                "majority": major,
                "reason": reason,
                "count": len(major_occ),
                "line": where,
            },
            related=tuple(related),
            fix=unless_quoted(ctx.doc, Fix(span, major, safe=False)),
        )


_NAME_PARTS = regexcache.compile(r"[\s\-]+")


def _established(form: str, lex) -> bool:
    """Whether the lexicon holds every word of ``form`` (a hyphenated word's parts each)
    but its acronyms, as written or without its accents, and it has such a word: "Rebecca"
    is, "Rebbeca" is not; an acronym ("FCA", "COVID" of "COVID-Station") is no evidence
    either way, and neither are accents ("Lindström" is as established as "Lindstrom":
    a web-wide word list writes the plain letters more often). Only whether, not how often."""
    if lex is None:
        return False
    words = [w for w in _NAME_PARTS.split(form) if 2 * sum(map(str.isupper, w)) < len(w)]
    return bool(words) and all(lex.zipf(w.lower()) > 0 or lex.zipf(fold(w)) > 0 for w in words)


def _uses(text: str, form: str) -> int:
    """How often ``form`` stands in the text as whole words, inside longer names too."""
    count, at = 0, text.find(form)
    while at >= 0:
        end = at + len(form)
        if not (at and _letter(text[at - 1])) and not (end < len(text) and _letter(text[end])):
            count += 1
        at = text.find(form, at + 1)
    return count


def _letter(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char).startswith("M")


def _surname_in_capitals(form: str, major: str) -> bool:
    """Two forms of a full name that differ only in its last word set in capitals ("Claire
    MARTIN" / "Claire Martin"): the French and academic way to set a surname, typography."""
    a, b = form.split(), major.split()
    if len(a) < 2 or len(a) != len(b) or a[:-1] != b[:-1] or a[-1].lower() != b[-1].lower():
        return False
    caps, title = sorted((a[-1], b[-1]), key=lambda w: not w.isupper())
    return caps.isupper() and title[:1].isupper() and not title.isupper()


def _capitalised_start(form: str, occ: list[Mention], major: str, major_occ) -> bool:
    """Two forms that differ only in the case of their first letter, the capitalised one
    always at the start of a sentence: a name that opens with a lowercase particle
    ("el-Sisi", "al-Assad", "dos Santos") takes a capital there."""
    if form[1:] != major[1:] or form[:1].lower() != major[:1].lower() or form[:1] == major[:1]:
        return False
    upper = occ if form[:1].isupper() else major_occ
    return all(m.initial for m in upper)


def _masthead(form: str, major: str, lex, o) -> bool:
    """One word, once in capitals: a long word of the language (longer than acronyms are:
    NASA, PEMEX) or a shorter common one (JUNI, LOCAL: commoner than acronyms are) set in
    capitals is a masthead, a brand's style or emphasis, not another spelling of a name."""
    if " " in form or " " in major or form.lower() != major.lower():
        return False
    if form.isupper() == major.isupper() or lex is None:
        return False
    long = len(form) >= o["caps_word_min_length"]
    return lex.zipf(form.lower()) >= (o["known_zipf"] if long else o["caps_common_zipf"])


def _compound_link(form: str, major: str, links: tuple[str, ...]) -> bool:
    """The two differ by a linking element inside a compound (the language's
    ``compound-links``): "Mitgliedstaaten" / "Mitgliedsstaaten"."""
    if not links or _spelt_out(form) == _spelt_out(major):
        return False  # Schönefeld / Schoenefeld: an umlaut spelt out, not a linking "e"
    a, b = sorted((key(form), key(major)), key=len)
    for link in links:
        if len(b) - len(a) != len(link):
            continue
        if any(b == a[:i] + link + a[i:] for i in range(4, len(a) - 3)):
            return True
    return False


def _spelt_out(form: str) -> str:
    """A form with its umlauts and ß written out in plain letters (ö as oe)."""
    return form.lower().translate(_SPELT_OUT)


_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _one_surname(form: str, occ: list[Mention], major_occ: list[Mention]) -> bool:
    """Every use of both forms sits in a longer name with one other name word in common:
    a given name spelt two ways before one surname (Hans-Peter / Hanspeter Lindemann),
    which no compound of the language is. Two words against the same two hyphenated
    (Hans Peter / Hans-Peter Walser) need that surname right after every use."""
    if " " in form + major_occ[0].form:
        return _one_surname_after(form, occ, major_occ)
    own = {fold(form), fold(major_occ[0].form)}
    common = None
    for m in (*occ, *major_occ):
        others = set(m.context) - own - {fold(p) for p in m.form.split("-")}
        common = others if common is None else common & others
        if not common:
            return False
    return True


def _one_surname_after(form: str, occ: list[Mention], major_occ: list[Mention]) -> bool:
    """Two capitalised words and the same two hyphenated, each use opening a full name of
    one name word more, the same for all (Hans Peter / Hans-Peter Walser): a given name.
    Other spaced forms are a longer name's parts, compounds among them (Zeit
    Online-Geschäftsführer Rainer Esser, Heinrich Böll Stiftung / Heinrich-Böll-Stiftung)."""
    spaced, joined = sorted((form, major_occ[0].form), key=lambda f: "-" in f)
    words = spaced.split()
    if len(words) != 2 or "-".join(words) != joined or not all(w[:1].isupper() for w in words):
        return False
    surnames = set()
    for m in (*occ, *major_occ):
        own = tuple(fold(w) for w in m.form.split())
        if len(m.context) != len(own) + 1 or m.context[: len(own)] != own:
            return False
        surnames.add(m.context[-1])
    return len(surnames) == 1


def _both_words(form: str, major: str, lex, known: float, native=frozenset()) -> bool:
    """In a language that capitalises its nouns: two forms that differ only in the
    language's own accented letters (``native-letters``; umlauts: Garten / Gärten), both
    words of the language, or only in hyphens and spaces, the parts of the split one all
    words (Musikstars / Musik-Stars: a compound's two accepted forms). Other differences
    (case, a doubled letter: Terasse / Terrasse; a foreign letter: Erdoğan / Erdogan, both
    in the lexicon as names are) stay."""
    a, b = form.lower(), major.lower()
    if a == b:
        return False
    if fold(a) == fold(b):
        if native and not {c for c in set(a) ^ set(b) if not c.isascii()} <= native:
            return False
        return _known_heads(a, b, lex, known)
    if key(form) != key(major):
        return False
    split = max((form, major), key=lambda f: len(_PARTS.split(f)))
    parts = [p for p in _PARTS.split(split) if p]
    return len(parts) > 1 and all(lex.zipf(p.lower()) >= known for p in parts)


_PARTS = regexcache.compile(r"[\s\-‐]+")
#: the fewest letters of a compound's last word looked up alone (Öfen in Kaminöfen)
HEAD_LETTERS = 3


def _known_heads(a: str, b: str, lex, known: float) -> bool:
    """Two forms that differ only in accents are two words when, from some letter up to the
    first that differs, both endings are words: the whole forms (Garten / Gärten) or a
    compound's last word (Kaminofen / Kaminöfen: Ofen / Öfen, a plural's umlaut)."""
    if len(a) != len(b):
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))
    return any(
        lex.zipf(a[k:]) >= known and lex.zipf(b[k:]) >= known
        for k in range(min(first, len(a) - HEAD_LETTERS), -1, -1)
    )


def _misspelt_words(ctx: Context, forms: dict, lex, known: float, ordinary):
    """An ordinary word at sentence starts, once with its accents dropped ("Despues")."""
    if lex is None or len(forms) != 2:
        return []
    (a, a_occ), (b, b_occ) = sorted(forms.items(), key=lambda kv: lex.zipf(kv[0]))
    if key(a) != key(b) or a.lower() == b.lower() or not ordinary(b):
        return []
    if lex.zipf(a) >= known or a.lower() in _lowercase_words(ctx.doc) or len(a_occ) > len(b_occ):
        return []
    return list(_report(ctx, a, a_occ, b, b_occ))


_LOWER_WORD = regexcache.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*")


def _lowercase_folded(doc) -> frozenset[str]:
    """The draft's lowercase words, folded as a name's words are (gathered when asked)."""
    return doc.memo("lowercase-folded", lambda: frozenset(map(fold, _lowercase_words(doc))))


def _accented_openers(ctx: Context, all_forms: dict, named: dict) -> dict:
    """The named forms, and a form met only opening a sentence that a named form writes with
    an accent more or less, if the draft never writes it in lowercase: a common word's
    letters ("Jose has started ...", José elsewhere; the lexicon, which knows no case,
    holds "jose" as a common word), where "Más tarde" against "Artur Mas" is the word, met
    in lowercase too; or, an acronym's length, that a named form writes in capitals past
    its first letter inside a sentence ("Nasa paused ...", "... and NASA will": a
    sentence's start capitalises only the first letter; "LEEDS City Council will ...",
    a wire's first word in capitals, is no acronym)."""
    out = dict(named)
    lowercase = _lowercase_words(ctx.doc)
    for f, occ in all_forms.items():
        if f in named or f.lower() in lowercase:
            continue
        accented = any(strip_accents(f) == strip_accents(g) and f != g for g in named)
        # an acronym used inside a sentence, not a wire's first word in capitals, and more
        # often than the sentence-case form (which is then the slip)
        caps = named.get(f.upper(), ())
        inside = any(not m.initial for m in caps) and len(caps) > len(occ)
        if accented or (f[1:].islower() and _acronym_length(f) and inside):
            out[f] = occ
    return out


def _acronym_length(form: str) -> bool:
    """As long as an acronym is (NASA, ONU): a longer word in capitals is a label or a
    word stressed ("UPDATE, 8.12.2018:"), and its sentence-case form the word."""
    return ACRONYM_LETTERS[0] <= len(form) <= ACRONYM_LETTERS[1]


#: fewest and most letters of an acronym whose sentence-case form opening a sentence is
#: its second spelling
ACRONYM_LETTERS = (3, 5)


def _lowercase_words(doc) -> frozenset[str]:
    """Words the draft writes in lowercase (gathered once per draft)."""

    def gather() -> frozenset[str]:
        # lowercased and split again in one call each, not word by word: a word holds no
        # whitespace, and lowercasing looks at no character outside the word (see detect)
        prose = (" ".join(_LOWER_WORD.findall(b.prose)) for b in doc.blocks if b.is_prose)
        return frozenset(" ".join(prose).lower().split())

    return doc.memo("lowercase-words", gather)


def _untitled(ctx: Context, groups) -> None:
    """Drop the uses of a form in a heading written in title case when the group holds the
    same letters with fewer capitals (``_raised``): a headline's capitals are its style
    ("Sellers On EBay Face New Rules", "Why Von Der Leyen's Win Matters"), no second
    spelling of the name, and they do not outvote the body's ("eBay")."""
    headings, stopwords, text = _headings(ctx.doc), ctx.lang.stopwords, ctx.doc.text
    for forms in groups.values():
        if len(forms) < 2:
            continue  # one form: nothing to compare (most groups)
        for form in list(forms):
            if not any(f != form and _raised(form, f) for f in forms):
                continue
            kept = [
                m
                for m in forms[form]
                if not (_in_heading(m, headings) and _in_title(text, m, headings, stopwords))
            ]
            if kept:
                forms[form] = kept
            else:
                del forms[form]


def _own(ctx: Context, occ: list[Mention]) -> int:
    """The uses outside quotations: the draft's own spelling votes, a speaker's does not."""
    return sum(1 for m in occ if quotation_at(ctx.doc, Span(m.start, m.end)) is None)


def _without_foreign(ctx: Context, forms: dict) -> dict:
    """The forms without their uses in a quote or paragraph in another language, when
    another form differs from them in accents only: "... coming from Mexico" in an English
    tweet quoted in a Spanish draft is English's spelling, neither a second spelling of
    México nor a vote for one."""
    out = {}
    for form, occ in forms.items():
        if any(f.lower() != form.lower() and fold(f) == fold(form) for f in forms):
            occ = [m for m in occ if not _in_foreign_quote(ctx, m)]
        if occ:
            out[form] = occ
    return out


def _in_foreign_quote(ctx: Context, m: Mention) -> bool:
    """The mention sits in a quotation, or else a paragraph, of prose (``FOREIGN_QUOTE_WORDS``
    words or more, most of them lowercase) of which fewer than ``FOREIGN_STOPWORDS`` are the
    draft language's little words: a tweet or a statement quoted in its own language, whose
    spelling of a name ("... coming from Mexico" in a Spanish draft) is that language's."""
    doc = ctx.doc
    span = quotation_at(doc, Span(m.start, m.end))
    if span is None:
        block = doc.block_at(m.start)
        span = block.span if block is not None else Span(m.start, m.end)
    return doc.memo(("foreign-text", span), lambda: _foreign(ctx, span))


def _foreign(ctx: Context, span: Span) -> bool:
    if ctx.lang.code == UNKNOWN.code:
        return False  # a draft in a language lintnews has no data for: no other to tell
    raw = _QUOTE_WORD.findall(ctx.doc.text[span.start : span.end])
    if len(raw) < FOREIGN_QUOTE_WORDS or 2 * sum(w.islower() for w in raw) < len(raw):
        return False  # short, or a list of names ("Filed under: Arts, Jean Simeon Chardin")
    stopwords = ctx.lang.stopwords
    return sum(w.lower() in stopwords for w in raw) < FOREIGN_STOPWORDS * len(raw)


FOREIGN_QUOTE_WORDS = 10
FOREIGN_STOPWORDS = 0.1
_QUOTE_WORD = regexcache.compile(r"[\p{L}\p{M}]+")
#: a run of letters as the standard ``re`` module reads one (``_phrase_pattern``'s words)
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _raised(title: str, other: str) -> bool:
    """``title`` is ``other`` with some letters raised to capitals, as title case raises a
    word's first ("EBay" for "eBay"), and none lowered ("Youtube" for "YouTube" is a
    misspelling, not a headline's style)."""
    return (
        len(title) == len(other)
        and title.lower() == other.lower()
        and all(a == b or (a.isupper() and b.islower()) for a, b in zip(title, other, strict=True))
    )


def _case_variants(
    ctx: Context, run_mentions: list[Mention], lex, lowercase: float, ordinary: float
):
    """Multi-word names met again, less often, with other capitals ("Cien años de soledad").

    Not headings (title case is a headline style), and not a lowercase head before a
    connector ("el cerro del Tepeyac", "el presidente de México": common nouns).
    """
    seen: set[tuple[int, int]] = {(m.start, m.end) for m in run_mentions}
    # the capitals that say a phrase is a name: not those of a title in title case (a
    # headline style), and, for the first word, not a sentence start's
    headings = _headings(ctx.doc)
    stopwords = ctx.lang.stopwords
    counts: dict[str, int] = defaultdict(int)
    inside: dict[str, int] = defaultdict(int)  # of those, the uses inside a sentence
    for m in run_mentions:
        if _in_title(ctx.doc.text, m, headings, stopwords):
            continue
        counts[m.form] += 1
        inside[m.form] += not m.initial
    if not counts:
        return []
    whole = ctx.doc.text
    low = whole.lower()
    if len(low) == len(whole) and not any(_case_differs(f.split(), whole, low) for f in counts):
        return []  # every word of every form is written only as the form writes it
    connectors = frozenset(w.lower() for w in ctx.lang.data.get("name-connectors", []))
    sentences = [
        (s.span.start, text, text.lower())
        for block in ctx.doc.blocks
        if block.is_prose and block.kind != "heading"
        for s in block.sentences
        for text in [block.prose_of(s.span)]
        if not is_caps_sentence(text)
    ]
    # the sentences holding each run of letters: a form is looked for only in the sentences
    # that hold its rarest run (a case-insensitive match holds every run of the form's words)
    holding: dict[str, list[int]] = defaultdict(list)
    for k, (_, _, lower) in enumerate(sentences):
        for run in set(_LETTER_RUN.findall(lower)):
            holding[run].append(k)
    out = []
    found: dict[str, list[Mention]] = defaultdict(list)
    plain: dict[int, bool] = {}  # a sentence -> whether it is single-spaced
    for form in sorted(counts):
        words = form.split()
        last = words[-1].lower()
        runs = _LETTER_RUN.findall(form.lower())
        rows = min((holding.get(r, ()) for r in runs), key=len) if runs else range(len(sentences))
        for k in rows:
            offset, text, lower = sentences[k]
            if last not in lower or not _case_differs(words, text, lower):
                continue
            if k not in plain:
                plain[k] = _single_spaced(text)  # asked once a sentence, when a form is
            for start, end in _phrase_spans(words, text, lower, plain[k]):
                span = (offset + start, offset + end)
                raw = " ".join(text[start:end].split())
                initial = not text[:start].strip("\"'“‘«¿¡(—–- ")
                surface = raw[:1].upper() + raw[1:] if initial else raw
                if span in seen or surface == form or surface.isupper():
                    continue
                if not _named_variant(raw, form, initial, lex, lowercase):
                    continue
                if _common_head(raw, form, connectors, lex, ordinary):
                    continue
                seen.add(span)
                marked = core(surface.split(), connectors)
                found[form].append(Mention(surface, *span, initial, (), len(words), marked))
    for form, variants in found.items():
        by_surface: dict[str, int] = defaultdict(int)
        for m in variants:
            by_surface[m.form] += 1
        head = form.split()[1:]
        out += [
            m
            for m in variants
            # only the first word's capital differs: sentence starts are no evidence of it
            if by_surface[m.form] < (inside if m.form.split()[1:] == head else counts)[form]
        ]
    return out


#: the most words of a line without a final stop read as a title ("Artgerechte Haltung")
TITLE_WORDS = 8
_TITLE_WORD = regexcache.compile(r"\p{L}[\p{L}\p{M}'’-]*")


def _headings(doc) -> list:
    """The spans of the draft's headings (kept on the document: two checks read them)."""
    return doc.memo(("heading-spans",), lambda: [b.span for b in doc.blocks if b.kind == "heading"])


def _in_heading(m: Mention, headings: list) -> bool:
    return any(h.start <= m.start < h.end for h in headings)


def _in_title(text: str, m: Mention, headings, stopwords: frozenset[str]) -> bool:
    """The mention is in a title written in title case (every word but the little ones
    capitalised): a heading, or a short line without a final stop that it opens (a subhead,
    a label). Such capitals are a headline style; a title in sentence case ("El silencio de
    Ludwika Paleta") keeps a name's capitals only."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : end if end >= 0 else len(text)].strip()
    if not _in_heading(m, headings):
        if text[start : m.start].strip(" \t>*-_"):
            return False
        if len(line.split()) > TITLE_WORDS or SENTENCE_END.search(line):
            return False
    words = _TITLE_WORD.findall(line.lstrip("#").strip())
    return all(w[:1].isupper() for w in words if w.lower() not in stopwords)


def _lowercase_names(ctx: Context, mention_list: list[Mention], lex, o) -> list[Mention]:
    """One-word names met again in lowercase mid-sentence ("petro" / "Petro"), when the
    lowercase form is no word of the language (below ``lowercase_zipf``; in a language that
    capitalises its nouns, below ``known_zipf``, as a noun's lowercase form is an adjective
    or a verb) and the draft writes the name alone with its capital, inside sentences and
    outside headings, at least ``case_majority`` times and more often than in lowercase. A
    sentence without capitals, or a name in lowercase next to another of the draft's names
    in lowercase (a line of keywords, "josé antonio meade"), says nothing about case."""
    if lex is None:
        return []
    headings = _headings(ctx.doc)
    shortest = o["typo_min_length"]
    capital: dict[str, int] = defaultdict(int)
    names = set()  # the one-word names of the draft, lowercased
    for m in mention_list:
        form = m.form
        if m.words == 1 and not m.initial and form[:1].isupper():
            names.add(form.lower())
        if len(m.context) != 1 or m.initial or not form[:1].isupper() or form.isupper():
            continue  # a word of a longer name may be a common noun ("Fundación para la Salud")
        if len(form) < shortest or _in_heading(m, headings):
            continue
        capital[form] += 1
    ceiling = o["lowercase_zipf"]
    if ctx.lang.data.get("capitalised-nouns"):
        ceiling = min(ceiling, o["known_zipf"])
    wanted = {
        f.lower(): f
        for f, n in capital.items()
        if n >= o["case_majority"] and lex.zipf(f.lower()) < ceiling
    }
    if wanted:  # the draft's lowercase words, gathered only when a name may be among them
        lowered = _lowercase_words(ctx.doc)
        wanted = {low: f for low, f in wanted.items() if low in lowered}
    if not wanted:
        return []
    found: dict[str, list[Mention]] = defaultdict(list)
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        for s in block.sentences:
            text = block.prose_of(s.span)
            if is_caps_sentence(text) or text.islower():
                continue  # capitals, or none at all (a line of keywords): no case evidence
            if not any(w in text for w in wanted):
                continue
            words = list(_LOWER_WORD.finditer(text))
            for i, word in enumerate(words):
                low = word.group()
                if low not in wanted or _not_prose(text, word.start(), word.end()):
                    continue
                near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
                if any(n.group() in names and _adjacent(text, n, word) for n in near):
                    continue  # "josé antonio meade": a name in lowercase, a line of keywords
                start = s.span.start + word.start()
                found[low].append(Mention(low, start, start + len(low), False, (fold(low),), 1))
    return [
        m
        for low, occ in found.items()
        if len(occ) <= o["typo_max_count"] and len(occ) < capital[wanted[low]]
        for m in occ
    ]


def _adjacent(text: str, a, b) -> bool:
    """Only spaces between the two matches."""
    first, second = sorted((a, b), key=lambda m: m.start())
    return not text[first.end() : second.start()].strip()


def _not_prose(text: str, start: int, end: int) -> bool:
    """The word sits in a handle, hashtag, address or file name, or is glued to a mark that
    makes it part of a longer token ("petro-dólares", "site/petro"), or is quoted alone."""
    if start and text[start - 1] in _GLUED_BEFORE or text[end : end + 1] in _GLUED_AFTER:
        return True
    if start and text[start - 1] in _QUOTES and text[end : end + 1] in _QUOTES:
        return True  # a word quoted alone is cited as a word ("pilea")
    return any(a <= start < b for a, b in skipped_chunks(text))


_GLUED_BEFORE = "@#./\\_-‐'’"
_GLUED_AFTER = tuple("@/\\_-‐")
_QUOTES = "\"“”„«»‘’'"


def _case_differs(words: list[str], text: str, lower: str) -> bool:
    """Whether one of ``words`` appears in ``text`` in another case: a match written exactly
    as the form is no variant, so most forms need no pattern at all."""
    if len(lower) != len(text):
        return True
    return any(lower.count(w.lower()) > text.count(w) for w in words)


def _single_spaced(text: str) -> bool:
    """Spaced with single spaces only (no tab, no line break, no two spaces in a row)."""
    return " ".join(text.split()) == text


def _phrase_spans(words: list[str], text: str, lower: str, plain: bool):
    """Where the words stand in the text (``lower``: it in lowercase), any case, any
    spacing, not inside a longer word or a handle: looked up as a string when the text is
    ``plain`` (``_single_spaced``) and lowercasing keeps its length (most sentences), else
    by a pattern (``_phrase_pattern``)."""
    if len(lower) != len(text) or not plain:
        yield from ((m.start(), m.end()) for m in _phrase_pattern(tuple(words)).finditer(text))
        return
    needle = " ".join(words).lower()
    at = lower.find(needle)
    while at >= 0:
        end = at + len(needle)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (_letter_re(before) or before in "@#" or _letter_re(after)):
            yield at, end
        at = lower.find(needle, at + 1)


def _letter_re(char: str) -> bool:
    """A letter as the standard ``re`` module reads ``[^\\W\\d_]``: a word character
    (alphanumeric) that is no decimal digit."""
    return char.isalnum() and not char.isdecimal()


@lru_cache(maxsize=4096)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The words, any case, any spacing, not inside a longer word or a handle.

    The standard ``re`` module compiles these per-draft patterns ten times faster than
    ``regex``; ``[^\\W\\d_]`` is a letter there.
    """
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W\d_])(?<![@#]){body}(?![^\W\d_])", re.IGNORECASE)


def _common_head(raw: str, form: str, connectors: frozenset[str], lex, ordinary: float) -> bool:
    """Only the first word is lowercase, and it is a common noun: "el presidente de México",
    "el cerro del Tepeyac", "president Joe Biden" (a title before a name)."""
    a, b = raw.split(), form.split()
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if differ != [0] or len(a) < 2:
        return False
    return a[1].lower() in connectors or (lex is not None and lex.zipf(a[0]) >= ordinary)


def _named_variant(surface: str, form: str, initial: bool, lex, known: float) -> bool:
    """The other casing still reads as a name: a capital inside it, or a word no lexicon has."""
    pairs = list(zip(surface.split(), form.split(), strict=False))
    if any(s[:1].isupper() for i, (s, _) in enumerate(pairs) if i or not initial):
        return True
    lowered = [s for s, f in pairs if s.lower() == f.lower() and s[:1] != f[:1]]
    return lex is not None and any(lex.zipf(w) < known for w in lowered)


def _typos(ctx: Context, groups, lex, named, ordinary, links=(), given=None):
    o = ctx.options
    titles = name_titles(ctx.lang)
    endings = frozenset(ctx.lang.data.get("inflection-endings", []) or ())
    nouns = bool(ctx.lang.data.get("capitalised-nouns"))
    singles = []
    for forms in groups.values():
        live = {f: occ for f, occ in forms.items() if named(f, occ)}
        if not live:
            continue
        total = [m for occ in live.values() for m in occ]
        form = max(live, key=lambda f: len(live[f]))
        if all(m.words == 1 for m in total) and len(fold(form)) >= o["typo_min_length"]:
            # "Marie" of "Jean-Marie Le Pen" is no use of "Marie" to set against "Marine Le
            # Pen": the uses compared leave such parts out (``_whole_uses``)
            whole = _whole_uses(total, ctx.doc.text)
            if whole:
                singles.append((fold(form), form, whole, total))
    singles.sort(key=lambda s: s[0])
    out = []
    keys = [s[0] for s in singles]
    for i, j in sorted({*_near_pairs(keys), *_rn_pairs(keys)}):
        a, b = singles[i], singles[j]
        looks = OSA.distance(a[0], b[0]) != 1 and not _moved_letter(a[0], b[0])
        if looks and not _rn_for_m(a[0], b[0]):
            continue
        if looks and min(lex.zipf(a[1]), lex.zipf(b[1])) >= o["known_zipf"]:
            continue  # both established (Garner / Gamer): two words, no slip
        if _compound_link(a[1], b[1], links) or _inflected(a[0], b[0], endings):
            continue  # Werkbahn / Werksbahn; Vertrags / Vertrages
        if _inverted_people(a[3], b[3], ctx.doc.text):
            continue  # "Löffler, Michelle" / "Weiland, Michele": a list of two people
        if _two_given_names(a, b, lex):
            continue  # María Sanz / Marta Sanz: two common given names, two people
        pair = _misplaced_possessive(a, b, o) or _typo_pair(a, b, lex, o, titles, nouns, given)
        if pair is not None:
            (form, occ), (major, major_occ) = pair
            if looks and not (_same_frame(occ, major_occ) or _introduced(occ, major_occ, titles)):
                continue  # a place beside a name (Karnal / Kamal Singh): no one's slip
            out += _report(ctx, form, occ, major, major_occ)
    return out


def _two_given_names(a: tuple, b: tuple, lex) -> bool:
    """Two forms (entries of ``_typos``' singles) a letter apart that are both common
    (``GIVEN_NAME_ZIPF``: María / Marta, Luis / Luisa) and both open a full name in the
    draft: two people's given names, not one name mistyped (a slip makes a rare word:
    Krisapts, Xóchilt)."""
    if min(lex.zipf(a[1]), lex.zipf(b[1])) < GIVEN_NAME_ZIPF:
        return False
    return all(
        any(len(m.context) >= 2 and m.context[0] == fold(m.form) for m in uses)
        for _, _, _, uses in (a, b)
    )


#: how common (Zipf) two given names a letter apart both are when they name two people
GIVEN_NAME_ZIPF = 3.5


def _near_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of ``keys`` that may be one edit apart: two that share
    a key with one letter deleted, or the whole of one (a letter changed, added, dropped,
    swapped with the next or moved two places leaves one such key in common). Found through
    an index of those keys, not by comparing every pair: a draft of many names is read in
    time near its length."""
    index: dict[str, list[int]] = defaultdict(list)  # each list in the keys' order
    for i, k in enumerate(keys):
        for v in {k} | {k[:p] + k[p + 1 :] for p in range(len(k))}:
            index[v].append(i)
    pairs = {
        (i, j)
        for members in index.values()
        for x, i in enumerate(members)
        for j in members[x + 1 :]
    }
    return sorted(pairs)


def _whole_uses(uses: list[Mention], text: str) -> list[Mention]:
    """The uses of a form that are not a part of a hyphenated word in a full name ("Marie"
    of "Jean-Marie Le Pen"): such a compound is a given name of its own, and its part no
    spelling of a name one letter away. A part of a compound noun alone
    ("Heizköper-Thermostate") is still compared."""
    return [
        m
        for m in uses
        if not (
            (text[m.start - 1 : m.start] == "-" or text[m.end : m.end + 1] == "-")
            and len(m.context) >= 2
        )
    ]


#: a surname and its comma before a given name, in a list written "Surname, Given"
_SURNAME_COMMA = regexcache.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]+),[ \t]*$")


def _inverted_people(a: list[Mention], b: list[Mention], text: str) -> bool:
    """Every use of both forms follows a surname and a comma ("Löffler, Michelle"), and the
    two forms never follow the same surname: two people of a list, not one name misspelt."""

    def surnames(uses: list[Mention]) -> set[str] | None:
        found = set()
        for m in uses:
            before = _SURNAME_COMMA.search(text, max(0, m.start - 40), m.start)
            if before is None:
                return None
            found.add(fold(before.group(1)))
        return found

    first = surnames(a)
    if not first:
        return False
    second = surnames(b)
    return bool(second) and first.isdisjoint(second)


def _inflected(a: str, b: str, endings: frozenset[str], bare: bool = True) -> bool:
    """Two forms of one stem that differ only in the language's ``inflection-endings``
    (``bare``: the stem alone may be one of them, as "" in the list allows; without it,
    both forms end in one: "Kaffe" is no case of "Kaffee")."""
    if not endings:
        return False
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    # the stem (three letters at least: Nys-a / Nys-ą) may end before the letters the two
    # share (Erneuerbar-en / Erneuerbar-er)
    return any(
        a[k:] in endings and b[k:] in endings and (bare or (a[k:] and b[k:]))
        for k in range(n, 2, -1)
    )


def _rn_pairs(keys: list[str]) -> list[tuple[int, int]]:
    """The pairs (i < j) of ``keys`` where one writes rn for the other's m (``_rn_for_m``),
    found through the keys themselves."""
    index = {k: i for i, k in enumerate(keys)}
    pairs = []
    for i, k in enumerate(keys):
        at = k.find("rn")
        while at >= 0:
            j = index.get(k[:at] + "m" + k[at + 2 :])
            if j is not None:
                pairs.append((min(i, j), max(i, j)))
            at = k.find("rn", at + 1)
    return pairs


def _rn_for_m(a: str, b: str) -> bool:
    """One writes r and n where the other has m, the rest alike (Karnau / Kamau,
    Villarrnayor / Villarmayor): letters that look alike side by side, a slip of reading
    or of recognition, two edits apart."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1:
        return False
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
    return a[at : at + 2] == "rn" and b[at : at + 1] == "m" and a[at + 2 :] == b[at + 1 :]


def _moved_letter(a: str, b: str) -> bool:
    """One letter moved two places, the rest alike: Kristaps / Krisapts (a typing slip that
    is two edits apart)."""
    if len(a) != len(b) or sorted(a) != sorted(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 3 or diff[2] - diff[0] != 2:
        return False
    i = diff[0]
    x, y = a[i : i + 3], b[i : i + 3]
    return y in (x[1:] + x[0], x[2] + x[:2])


def _misplaced_possessive(a, b, o):
    """A name ending in s written once as a possessive without it: "Meadow's" where the
    draft says "Meadows" (the apostrophe moved inside the name: "Meadows's", "Meadows'")."""
    short, long = sorted((a, b), key=lambda s: len(s[0]))
    if long[0] != short[0] + "s" or not all(m.possessive for m in short[2]):
        return None
    if len(short[2]) > o["typo_max_count"] or len(long[2]) <= len(short[2]):
        return None
    if _different_people(short[2], long[2]):
        return None  # Prince William's / Serena Williams
    return (short[1], short[2]), (long[1], long[2])


def _typo_pair(a, b, lex, o, titles=frozenset(), nouns=False, given=None):
    """(minority, majority) as (form, occurrences), or None when the two may be distinct.
    ``nouns``: the language writes its nouns with a capital (German), so a word alone or
    opening a sentence may be no name at all."""
    ka, kb = a[0], b[0]
    if ka[0] != kb[0] or ka[1:] == kb or kb[1:] == ka:
        return None  # the first letter differs: another name (Felps / Jelps)
    if _shape(a[1]) != _shape(b[1]):
        return None  # case and a letter both differ: two changes, not one slip
    if _acronym(a[1]) and _acronym(b[1]):
        return None  # two acronyms a letter apart name two bodies (EPA / OPA, PPdeG / PSdeG)

    def used(form: str, uses: list[Mention]) -> tuple:  # the more used, then established
        return (-len(uses), -lex.zipf(form), uses[0].start)

    major, minor = sorted((a, b), key=lambda s: used(s[1], s[2]))
    if len(major[2]) == len(minor[2]) and _introduced(major[2], minor[2], titles):
        major, minor = minor, major  # as many uses: the form introduced is the name
    surname = _rare_surname(minor[1], minor[2], lex, o)
    # the other form no ordinary word either: the two may be one surname, not two words
    rare = surname and lex.zipf(major[1]) < o["ordinary_zipf"]
    # or a surname as frequent as a word (González) that the text writes in names only
    in_names = rare or (surname and not nouns and all(len(m.context) > 1 for m in major[2]))
    introduced = in_names and _introduced(minor[2], major[2], titles)
    if ka[:-1] == kb or kb[:-1] == ka:
        # a surname opening a sentence with a letter added or dropped at its end (Declan
        # Fitzgibbon ... Fitzgibbons said), but not an s (a shop named after its founder:
        # JD Wetherspoon ... Wetherspoons said), nor in a language of capitalised nouns
        opening = not nouns and ka[-1:] != "s" and kb[-1:] != "s"
        # a letter added at the end: an ending (Copa / Copas), unless a rare surname's:
        # after the same given name (Claire Delahaye / Claire Delahay), or after a title
        # where the other was introduced (Margaret Oduya ... Ms Oduyah)
        person = rare and (
            _same_given(minor[2], major[2])
            or (introduced and all(len(m.context) > 1 or (m.initial and opening) for m in minor[2]))
        )
        # or a word inside a longer name, the rest of it the same around both (Instituto
        # Nacional de Estadística / Estadísticas, Digital Payments / Payment Corporation);
        # not its first word, a given name (Juliana / Julián Espinosa Ortiz are two)
        if person:
            return (minor[1], minor[2]), (major[1], major[2])
        # only the uses in the longer name count: "River" of "the River Tamsford" is no use
        # of "Tamsford River Authority" against "Tamsford Rivers Authority" (twice)
        frames = {_others(m) for m in a[2] if len(m.context) > 2} & {
            _others(m) for m in b[2] if len(m.context) > 2
        }
        if not frames:
            return None
        a_in = [m for m in a[2] if _others(m) in frames]
        b_in = [m for m in b[2] if _others(m) in frames]
        major, minor = sorted(((a[1], a_in), (b[1], b_in)), key=lambda s: used(*s))
        named = len(minor[1]) <= o["typo_max_count"] and not any(
            m.context[0] == fold(m.form) for m in minor[1]
        )
        return (minor, major) if named else None
    if introduced:
        # a surname the text never introduced, one slip from one it did ("Yemi Adebanjo ...
        # Adebanji said"): a news text names a person in full before the surname alone
        return (minor[1], minor[2]), (major[1], major[2])
    # the last two letters swapped is a slip of the fingers, no other ending (Okafor /
    # Okafro): read as a letter changed inside the name
    swapped = len(ka) == len(kb) > 3 and ka[:-2] == kb[:-2] and ka[-2:] == kb[-2:][::-1]
    ending = ka[-1] != kb[-1] and not swapped
    if ending:
        # the last letter differs: an ending or another name (Julia / Julie), unless inside
        # one longer name; only the uses in that name count (Air Europe, not Europe)
        a = (a[0], a[1], _surname_ending(a[2], b[2]))
        b = (b[0], b[1], _surname_ending(b[2], a[2]))
        if not a[2] or not b[2]:
            return None
    # the majority is the more used form, then the better established one, then the first
    ranked = sorted((a, b), key=lambda s: (-len(s[2]), -lex.zipf(s[1]), s[2][0].start))
    major, minor = ranked
    minor_occ = minor[2]
    if len(minor_occ) > o["typo_max_count"]:
        return None
    if swapped and lex.zipf(minor[1]) >= o["known_zipf"]:
        return None  # Christian / Christina: two names, whatever their frames
    framed = ending or _same_frame(minor_occ, major[2])
    if lex.zipf(minor[1]) >= o["known_zipf"] and not framed:
        return None  # both are established words or names (Colombia / Columbia)
    if _different_people(minor_occ, major[2], given, introduced=True):
        return None  # Ana Martín / Luis Marín
    return (minor[1], minor_occ), (major[1], major[2])


def _rare_surname(form: str, occ: list[Mention], lex, o) -> bool:
    """The rarer form is used rarely and is no established word (``bare_surname_zipf``):
    it may be a slip of a surname rather than a word of its own."""
    return len(occ) <= o["typo_max_count"] and lex.zipf(form) < o["bare_surname_zipf"]


def _same_given(minor: list[Mention], major: list[Mention]) -> bool:
    """Every use of the rarer form ends a name whose word before it a use of the other form
    has before it too (the same given name: "Claire Delahay" / "Claire Delahaye", "CGT
    Nadine Morvant" / "Nadine Morvan")."""

    def before(m: Mention) -> str | None:
        own = fold(m.form)
        return m.context[-2] if len(m.context) > 1 and m.context[-1] == own else None

    theirs = {before(m) for m in major} - {None}
    return all(before(m) in theirs for m in minor)


def _introduced(minor: list[Mention], major: list[Mention], titles: frozenset[str]) -> bool:
    """Every use of the rarer form is a surname alone (a title before it at most: "Ms
    Oduyah"), and the other form was written earlier after a given name ("Joy Oduya"): the
    rarer one names no one the text introduced."""

    def given_before(m: Mention) -> bool:
        own = fold(m.form)
        return own in m.context and any(w not in titles for w in m.context[: m.context.index(own)])

    if not all(set(m.context) <= {fold(m.form), *titles} for m in minor):
        return False
    first = min((m.start for m in major if given_before(m)), default=None)
    return first is not None and first < min(m.start for m in minor)


def _surname_ending(uses: list[Mention], other: list[Mention]) -> list[Mention]:
    """The ``uses`` of a form that sit in one longer name with a use of the ``other`` form:
    the two share another name word (Air Europa / Air Europe, Jesús González Schmal /
    Gonzáles Schmal), and one of them follows a name word, so it is no given name (Mario
    Rossi / Maria Rossi are two people). A last letter changed there is a slip."""
    around = frozenset().union(*(_others(m) for m in other))
    framed = [m for m in uses if _others(m) & around]
    if not framed:
        return []
    near = frozenset().union(*(_others(m) for m in framed))
    both = [*framed, *(m for m in other if _others(m) & near)]
    if all(not m.context or m.context[0] == fold(m.form) for m in both):
        return []
    return framed


def _vowel_marks_only(a: str, b: str) -> bool:
    """The two differ only in the marks of vowels, on the last letter (a case ending: Czech
    přes Moravici / nad Moravicí) or in a short word (a tone: Vietnamese Dũng / Dung are two
    names): in a language lintnews has no data for, no evidence of a slip. A consonant's
    mark dropped is one (Dvořák / Dvorak, Matovič / Matovic), and so is a vowel's inside a
    longer word (Orbán / Orban)."""
    a, b = (unicodedata.normalize("NFC", x) for x in (a, b))
    if a == b or len(a) != len(b) or fold(a) != fold(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if any(strip_accents(a[i]).lower() not in "aeiouy" for i in diffs):
        return False
    return diffs[-1] == len(a) - 1 or len(fold(a)) < UND_VOWEL_MARK_LENGTH


#: shortest word whose vowel's mark dropped inside it is a slip in a language with no data
UND_VOWEL_MARK_LENGTH = 5


def _doubled_vowel_ending(a: str, b: str) -> bool:
    """One form has a vowel doubled in its last three letters where the other has it once
    (Finnish Suomen / Suomeen, Helsingin / Helsinkiin's kind): in a language lintnews has no
    data for, a case ending's long vowel, not a letter typed twice. Not y (Zelensky /
    Zelenskyy is a transliteration)."""
    a, b = fold(a), fold(b)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) != len(short) + 1:
        return False
    for i in range(max(1, len(long) - 3), len(long)):
        if long[i] == long[i - 1] and long[i] in "aeiou" and long[:i] + long[i + 1 :] == short:
            return True
    return False


def _other_numeral(a: str, b: str) -> bool:
    """Two forms whose words differ only in Roman numerals (a district, a monarch, a
    team's second side): each names another one of a series."""
    x, y = a.split(), b.split()
    if len(x) != len(y):
        return False
    changed = [(p, q) for p, q in zip(x, y, strict=True) if p != q]
    return bool(changed) and all(
        _NUMERAL.fullmatch(p) and _NUMERAL.fullmatch(q) for p, q in changed
    )


_NUMERAL = regexcache.compile(r"[IVXLC]+")


def _caps_and_title(a: str, b: str) -> bool:
    """One form in capitals, the other capitalised only at its start (not FCPyS / FCPS)."""
    return any(x.isupper() and y[:1].isupper() and y[1:].islower() for x, y in ((a, b), (b, a)))


def _shape(form: str) -> str:
    return "upper" if form.isupper() else "title" if form[:1].isupper() else "other"


def _others(m: Mention, given=None, rarer: bool = False) -> frozenset[str]:
    """The other words of the longer name ``m`` sits in; with ``given``, of those before it
    only the ones that may be given names (not "Mr", not "Later" of "Later Djoković")."""
    own = fold(m.form)
    if given is None or own not in m.context:
        return frozenset(w for w in m.context if w != own)
    at = m.context.index(own)
    return frozenset((*given(m.context[:at], rarer), *m.context[at + 1 :])) - {own}


def _different_people(
    minor: list[Mention], major: list[Mention], given=None, introduced: bool = False
) -> bool:
    """Every use of the rarer form sits in a longer name (``introduced``: one use does, the
    others may be the surname alone), so does a use of the other at least, and those names
    share no other word: another person whose surname looks alike ("Valentino Rossi"
    beside "Francesco Rosi ... Rosi said"; introduced, "Daan Jansen" beside "Sven Janssen
    ... Janssen said"). Only the words that may be given names count (``given``): "Mr
    Erdoğan" after "Recep Tayyip Erdogan" is one man."""
    a = [_others(m, given, rarer=True) for m in minor]
    if introduced:
        a = [found for found in a if found]
    b = [found for found in (_others(m, given) for m in major) if found]
    if not a or not all(a) or not b:
        return False
    return not (frozenset().union(*a) & frozenset().union(*b))


def _other_people_titled(form: str, major: str, word_uses: dict, given) -> bool:
    """Two longer forms apart in one word only, whose two words the text gives two people
    each with a given name of their own: a title before each surname ("Cllr Smith" /
    "Cllr Smyth" beside "Councillor John Smith" and "Councillor Karen Smyth")."""
    a, b = form.split(), major.split()
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(changed) != 1:
        return False
    x, y = changed[0]
    return (
        bool(word_uses.get(x))
        and bool(word_uses.get(y))
        and _different_people(word_uses[x], word_uses[y], given, introduced=True)
    )


def _same_frame(minor: list[Mention], major: list[Mention], words: int = 1) -> bool:
    """The same longer name around both ("Cuidad de México" / "Ciudad de México"), with
    ``words`` other name words at least."""
    a = {_others(m) for m in minor if len(m.context) > words}
    b = {_others(m) for m in major if len(m.context) > words}
    return bool(a & b)


def _consistent(hits: list[Hit]) -> list[Hit]:
    """Without a longer name's finding that asks for the word a one-word finding corrects
    ("Write 'Mr Gritsenko', not 'Mr Hrytsenko'" beside "Write 'Hrytsenko', not
    'Gritsenko'": the two forms of "Mr ..." are one each, the surname's are two to one)."""
    wrong = {
        (h.args["majority"], h.args["form"])
        for h in hits
        if " " not in h.args.get("form", " ") and " " not in h.args.get("majority", " ")
    }
    if not wrong:
        return hits
    return [
        h
        for h in hits
        if " " not in h.args.get("form", "")
        or not any(
            (a, b) in wrong
            for a, b in zip(h.args["form"].split(), h.args["majority"].split(), strict=False)
        )
    ]


def _dedupe(hits: list[Hit]):
    """One finding per place: a whole-name finding covers the findings on its words (of two
    on one place, the first). A hit is covered when one before it, by start and then the
    longer first, reaches as far: one sweep, not every pair."""
    ordered = sorted(hits, key=lambda h: (-(h.span.end - h.span.start), h.span.start))
    spans = [h.span for h in ordered]
    covered: set[int] = set()
    reach = -1
    for i in sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i)):
        if spans[i].end <= reach:
            covered.add(i)
        reach = max(reach, spans[i].end)
    yield from (hit for i, hit in enumerate(ordered) if i not in covered)


KIND = RuleKind(
    "name-variants",
    check_names,
    NameVariantsOptions,
    "Names spelled two ways.",
    fixes="unsafe",
    prepare=prepare_names,
)
