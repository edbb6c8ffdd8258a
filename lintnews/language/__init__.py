"""Per-language resources (stopwords, stemmer, abbreviations, lead-ins), loaded from data.

Resources live in ``languages/<code>.yaml`` inside rule folders (built-in and the
newsroom's own ``rule-paths``): a language is added by adding data, not code. Files for the
same language are merged (lists are concatenated, later scalars win).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import regexcache
from ..document import Memo
from ..errors import ConfigError
from ..files import confined
from ..records import frozen
from ..yamlload import line_of, read_yaml

WORD = regexcache.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*|\p{N}+")
#: a line's end as a sentence's or a clause's: a stop, colon or semicolon, and the quotes or
#: brackets that close after it (what the leftover and naming rules read as "not a title")
SENTENCE_END = regexcache.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
#: a quotation between double quotes: straight, typographic (“…”, „…“, „…”), angle quotes
#: («…», ‹…›), and the Nordic ”…” and »…« (opened before a letter, so that English text's
#: closing ” and a French » before the next « open nothing); a pattern's source, for the
#: kinds that read quotations
DOUBLE_QUOTATION = (
    r"\"[^\"]{1,2000}\"|“[^”“]{1,2000}[”“]|„[^“”„\"]{1,2000}[“”\"]|«[^»]{1,2000}»|‹[^›]{1,2000}›"
    r"|(?<![\p{L}\p{N}])”(?=\p{L})[^”“\n]{1,2000}”|»(?=\p{L})[^»«\n]{1,2000}«"
)
_LIST_KEYS = ("stopwords", "abbreviations", "leadins")

_recent_words: dict[str, tuple[str, ...]] = {}


def split_words(text: str) -> tuple[str, ...]:
    """``WORD.findall(text)``, kept for the last 64 texts: rules that read the same paragraph
    (the leftover rules' lines, the repetition rules' blocks) split it once. Too few to keep
    a draft's paragraphs for the next draft."""
    found = _recent_words.get(text)
    if found is None:
        if len(_recent_words) >= 64:
            del _recent_words[next(iter(_recent_words))]
        found = _recent_words[text] = tuple(WORD.findall(text))
    return found


@frozen
class Language(Memo):
    """A language's data: stopwords, stemmer, abbreviations, lead-ins and lists."""

    code: str
    name: str = ""
    stemmer: str = ""
    stopwords: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    leadins: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @cached_property
    def _stem_fn(self):
        if not self.stemmer:
            return lambda words: words
        import Stemmer  # PyStemmer, the C build of the Snowball stemmers

        return Stemmer.Stemmer(self.stemmer).stemWords

    def stems(self, words: list[str]) -> list[str]:
        return self._stem_fn(words)

    @cached_property
    def elisions(self) -> frozenset[str]:
        """The language's elided articles and prepositions (``elisions``: French "l", "d",
        "qu"), lowercased."""
        return frozenset(w.lower() for w in self.data.get("elisions", []) or [])

    def content_words(self, text: str) -> list[str]:
        """Lowercased words of ``text`` that are not stopwords."""
        return [w for w in (m.lower() for m in WORD.findall(text)) if w not in self.stopwords]


UNKNOWN = Language("und")


def elided(word: str, elisions: frozenset[str]) -> int:
    """How many characters an elided word ("l’", "D'") takes at the start of ``word``: the
    naming and repetition rules read "L’Etat" as "Etat" and "l’arrivée" as "arrivée"."""
    for mark in ("’", "'"):
        at = word.find(mark)
        if 0 < at < len(word) - 1 and word[:at].lower() in elisions:
            return at + 1
    return 0


def load_languages(folders: list[Path]) -> dict[str, Language]:
    merged: dict[str, dict[str, Any]] = {}
    shapes: dict[str, str] = {}  # a key's shape, as the first file that sets it has it
    for folder in folders:
        lang_dir = folder / "languages"
        if not lang_dir.is_dir():
            continue
        for path in sorted(lang_dir.glob("*.yaml")):
            confined(path, lang_dir, ConfigError)
            data = read_yaml(path, ConfigError) or {}
            if not isinstance(data, dict) or not isinstance(data.get("language"), str):
                line = line_of(data, "language")
                raise ConfigError(f"{path}:{line or 1}: invalid language file: needs 'language'")
            into = merged.setdefault(data["language"], {})
            for key in _LIST_KEYS:
                values = data.get(key) or []
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    line = line_of(data, key)
                    raise ConfigError(
                        f"{path}:{line}: invalid language file: '{key}' must be "
                        'a list of strings (quote words such as "no")'
                    )
            for key, value in data.items():
                _check_type(path, data, key, value, shapes)
                if key in _LIST_KEYS or isinstance(value, list):
                    into.setdefault(key, [])
                    into[key] = into[key] + list(value or [])
                else:
                    into[key] = value
    languages = {code: _build(code, d) for code, d in merged.items()}
    if UNKNOWN.code not in languages and languages:
        languages[UNKNOWN.code] = _unknown(merged)
    return languages


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list of strings" if all(isinstance(v, str) for v in value) else "a list"
    if isinstance(value, dict):
        strings = all(isinstance(v, str) for v in value.values())
        return "a mapping of strings" if strings else "a mapping"
    if isinstance(value, bool):
        return "true or false"
    return "a string" if isinstance(value, str) else type(value).__name__


def _check_type(
    path: Path, data: dict, key: str, value: Any, shapes: dict[str, str], name: str = ""
) -> None:
    """A key of a language file has the shape the first file that set it gave it (the
    built-in languages load first): the rules read it so ("name-connectors: 5" in a
    project's language file is an error with its line, not a rule failing on each draft).
    So do the keys of a mapping ("gendered-articles: {masculine: [o, no]}": "no" is false
    in YAML, no word). An empty list fits any list."""
    name = name or key
    shape = _shape(value)
    known = shapes.setdefault(name, shape)
    if isinstance(value, dict) and known.startswith("a mapping"):
        for sub, inner in value.items():
            _check_type(path, data, key, inner, shapes, f"{name}.{sub}")
        return
    if shape == known or (value == [] and known.startswith("a list")):
        return
    if known == "a list of strings" and value is None:
        return  # "key:" left empty: no words
    line = line_of(data, key)
    raise ConfigError(f"{path}:{line}: invalid language file: '{name}' must be {known}")


#: lists of one language's grammar, which another language does not share
_OWN_GRAMMAR = ("inflection-endings", "native-letters", "compound-links")


def _unknown(merged: dict[str, dict[str, Any]]) -> Language:
    """The language of a draft in none of the languages lintnews has data for: every
    language's words and phrases (a page's furniture is often English whatever its
    language; a caption label of any of them is no word of an unknown one), no stemmer,
    and none of one language's grammar (German endings, a capitalised noun)."""
    lists: dict[str, list] = {}
    for code in sorted(merged):
        for key, value in merged[code].items():
            if isinstance(value, list) and key not in _OWN_GRAMMAR:
                seen = lists.setdefault(key, [])
                seen += [v for v in value if v not in seen]
    return _build(UNKNOWN.code, {"name": "unknown", **lists})


def _build(code: str, d: dict[str, Any]) -> Language:
    return Language(
        code=code,
        name=d.get("name", code),
        stemmer=d.get("stemmer", ""),
        stopwords=frozenset(w.lower() for w in d.get("stopwords", [])),
        abbreviations=frozenset(a.lower().rstrip(".") for a in d.get("abbreviations", [])),
        leadins=tuple(d.get("leadins", [])),
        data={k: v for k, v in d.items() if k not in (*_LIST_KEYS, "language", "name", "stemmer")},
    )


#: the share of a text's words a language's stopwords must cover for the text to be taken as
#: written in it: 0.19 and more in every draft of the evaluation sets in a language lintnews
#: has data for (a page of lists and tables the least), 0.14 and less in Finnish, Czech or
#: Chinese pages, whose few short words ("a", "na") some language's list also holds.
#: Norwegian and Danish share enough of Swedish's (0.20) to be read as Swedish, and a
#: Hungarian news text enough of Catalan's ("a", "és", "de", "ha": 0.22) to be read so.
MIN_STOPWORD_SHARE = 0.15
#: ... or, in a text of names and figures (an honours list, a results page), a share this
#: large and ``CLEAR_LEAD`` times the next language's
MIN_CLEAR_SHARE = 0.08
CLEAR_LEAD = 3.0
#: fewer words than this say too little to rule a language out
MIN_WORDS_TO_REJECT = 40


#: on a tie (a short text whose only stopword is "a"), the first six languages lintnews
#: had data for win, alphabetically, then the others
_FIRST_ON_TIE = ("de", "en", "es", "fr", "it", "pt")


def _tie_order(item: tuple[str, Language]) -> tuple[int, str]:
    code = item[0]
    return (_FIRST_ON_TIE.index(code) if code in _FIRST_ON_TIE else len(_FIRST_ON_TIE), code)


def detect(text: str, languages: dict[str, Language], sample_words: int = 400) -> str:
    """The language whose stopwords cover most of the first words of ``text``; "" when
    none covers enough of them, nor leads the others clearly: a language lintnews has no
    data for is not read with the data of another (Czech with Polish words and endings)."""
    # lowercased in one call: a word holds no whitespace, and lowercasing depends on no
    # character outside the word (a final sigma looks only at the letters around it)
    words = " ".join(WORD.findall(text[:20000])[:sample_words]).lower().split()
    counts = Counter(words)
    best, best_score, second = "", 0, 0
    for code, lang in sorted(languages.items(), key=_tie_order):
        if code == UNKNOWN.code:
            continue  # every language's words: the fallback, not a candidate
        score = sum(map(counts.__getitem__, lang.stopwords & counts.keys()))
        if score > best_score:
            best, best_score, second = code, score, best_score
        elif score > second:
            second = score
    if len(words) < MIN_WORDS_TO_REJECT or best_score >= MIN_STOPWORD_SHARE * len(words):
        return best
    if best_score >= MIN_CLEAR_SHARE * len(words) and best_score >= CLEAR_LEAD * second:
        return best
    return ""
