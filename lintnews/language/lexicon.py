"""Word frequencies of a language: which spellings are established words or names.

The data is wordfreq's (PyPI ``wordfreq``: its code is Apache-2.0, its word lists CC BY-SA
4.0; built from Wikipedia, subtitles, news, books and web text). Its lists are read straight
from the installed package's data files, not shipped in lintnews as a derived copy (which
would have to be CC BY-SA too), without importing wordfreq itself (whose import pulls in
ftfy and langcodes and costs more than the lookup), and only when a rule asks for the
language: a run that lints no draft of that language never pays for it. Words are stored
lowercased, names included ("colombia", "putin"), so a frequency says that a spelling is in
use, not that it is a common noun.
"""

from __future__ import annotations

import importlib.util
import zlib
from functools import lru_cache
from pathlib import Path

#: wordfreq's lists: "small" (about 35,000 words per language, Zipf >= ~3) or "large".
WORDLISTS = ("small", "large")


class Lexicon:
    """Zipf frequencies (log10 of uses per billion words) of lowercased words."""

    def __init__(self, code: str, zipf: dict[str, float]):
        self.code = code
        self._zipf = zipf

    def zipf(self, word: str) -> float:
        """0.0 for a word the list does not hold."""
        return self._zipf.get(word.lower(), 0.0)

    def __len__(self) -> int:
        return len(self._zipf)


def _data_file(code: str, wordlist: str) -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / f"{wordlist}_{code}.msgpack.gz"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=8)
def load(code: str, wordlist: str = "large", floor: float = 0.0) -> Lexicon | None:
    """The lexicon of a language, or None when wordfreq has no list for it.

    Words rarer than ``floor`` (Zipf) are left out and read as 0.0: a rule that only asks
    "at least X?" with X >= floor gets the same answers from a smaller, faster table.
    """
    if wordlist not in WORDLISTS:
        raise ValueError(f"unknown word list '{wordlist}' (known: {', '.join(WORDLISTS)})")
    path = _data_file(code, wordlist)
    if path is None:
        return None
    import msgpack  # a dependency of wordfreq

    # wordfreq's "cB" format: an array of a header, then buckets of words; bucket i holds
    # the words whose frequency is 10 ** (-i / 100), i.e. Zipf 9 - i / 100.
    unpacker = msgpack.Unpacker(raw=False)
    unpacker.feed(zlib.decompress(path.read_bytes(), wbits=31))
    count = unpacker.read_array_header()
    header = unpacker.unpack() if count else None
    if not isinstance(header, dict) or header.get("format") != "cB":
        return None
    buckets = []
    for index in range(count - 1):
        if round(9 - index / 100, 2) < floor:
            break
        buckets.append(unpacker.unpack())
    # a word listed twice keeps its first (most frequent) bucket: fill from the rarest up
    zipf: dict[str, float] = {}
    for index in range(len(buckets) - 1, -1, -1):
        zipf.update(dict.fromkeys(buckets[index], round(9 - index / 100, 2)))
    return Lexicon(code, zipf)
