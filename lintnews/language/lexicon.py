"""Word frequencies of a language: which spellings are established words or names.

The data is wordfreq's (PyPI ``wordfreq``: its code is Apache-2.0, its word lists CC BY-SA
4.0; built from Wikipedia, subtitles, news, books and web text). Its lists are read straight
from the installed package's data files, not shipped in lintnews as a derived copy (which
would have to be CC BY-SA too), without importing wordfreq itself (whose import pulls in
ftfy and langcodes and costs more than the lookup), and only when a rule asks for the
language: a run that lints no draft of that language never pays for it. Words are stored
lowercased, names included ("colombia", "putin"), so a frequency says that a spelling is in
use, not that it is a common noun.

Reading a list costs tens of milliseconds (decompressing and unpacking it), which a one-file
run (a pre-commit hook) would pay on every start. Runs with a cache folder therefore keep an
index of each list there (:func:`use_index_dir`; ``lintnews check`` uses its result cache's
folder): the words sorted in one string, looked up by binary search, loaded in about a
millisecond. The index is a local copy of the installed data, named after the data file's
size and time, and rebuilt when either changes.
"""

from __future__ import annotations

import importlib.util
import unicodedata
import zlib
from array import array
from functools import lru_cache
from pathlib import Path

from ..cachefolder import secret_tag, write_cache_file
from ..files import read_unlinked

#: wordfreq's lists: "small" (about 35,000 words per language, Zipf >= ~3) or "large".
WORDLISTS = ("small", "large")


class Lexicon:
    """Zipf frequencies (log10 of uses per billion words) of lowercased words."""

    def __init__(self, code: str, zipf):
        self.code = code
        self._zipf = zipf  # a dict, or a _PackedTable read from an index

    def zipf(self, word: str) -> float:
        """0.0 for a word the list does not hold. The word is looked up as wordfreq stores
        it: case-folded (German "ß" as "ss": "Größe" is "grösse") and composed (NFC)."""
        folded = word.casefold()
        if not folded.isascii():
            folded = unicodedata.normalize("NFC", folded)
        return self._zipf.get(folded, 0.0)

    def __len__(self) -> int:
        return len(self._zipf)


class _PackedTable:
    """Words sorted as UTF-8 in one byte string with their start offsets, and Zipf values in
    hundredths. Reading an index is three copies of bytes (nothing is decoded)."""

    MAGIC = b"lintnews-lexicon-2\n"

    def __init__(self, blob: bytes, offsets: array, values: array):
        self.blob = blob  # b"word\nword\n...", sorted
        self.offsets = offsets  # start of each word, then one past the end of the blob
        self.values = values
        self._seen: dict[str, float] = {}  # answers already looked up

    @classmethod
    def build(cls, zipf: dict[str, float]) -> _PackedTable:
        # UTF-8 orders as code points do; a word with a newline could not be stored
        encoded = sorted((w.encode(), z) for w, z in zipf.items() if "\n" not in w)
        offsets = array("I", [0])
        for word, _ in encoded:
            offsets.append(offsets[-1] + len(word) + 1)
        values = array("H", (round(z * 100) for _, z in encoded))
        return cls(b"".join(w + b"\n" for w, _ in encoded), offsets, values)

    def get(self, word: str, default: float = 0.0) -> float:
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) > 50_000:
                self._seen.clear()
            found = self._seen[word] = self._search(word.encode("utf-8", "surrogatepass"))
        return default if found < 0 else found

    def _search(self, word: bytes) -> float:
        """The word's Zipf value, or -1.0."""
        blob, offsets = self.blob, self.offsets
        lo, hi = 0, len(self.values)
        while lo < hi:
            mid = (lo + hi) // 2
            found = blob[offsets[mid] : offsets[mid + 1] - 1]
            if found < word:
                lo = mid + 1
            elif found > word:
                hi = mid
            else:
                return self.values[mid] / 100
        return -1.0

    def __len__(self) -> int:
        return len(self.values)

    def dumps(self) -> bytes:
        sizes = array("I", [len(self.values), len(self.blob)])
        parts = (sizes, self.offsets, self.values)
        return self.MAGIC + b"".join(p.tobytes() for p in parts) + self.blob

    @classmethod
    def loads(cls, data: bytes) -> _PackedTable | None:
        """The table, or None for a file that is not a whole index."""
        try:
            return cls._loads(data)
        except ValueError:  # a truncated part
            return None

    @classmethod
    def _loads(cls, data: bytes) -> _PackedTable | None:
        if not data.startswith(cls.MAGIC):
            return None
        at = len(cls.MAGIC)
        sizes = array("I")
        sizes.frombytes(data[at : at + 2 * sizes.itemsize])
        if len(sizes) != 2:
            return None
        count, blob_size = sizes
        offsets, values = array("I"), array("H")
        at += 2 * sizes.itemsize
        end = at + (count + 1) * offsets.itemsize
        offsets.frombytes(data[at:end])
        at, end = end, end + count * values.itemsize
        values.frombytes(data[at:end])
        blob = data[end:]
        if len(offsets) != count + 1 or len(values) != count or len(blob) != blob_size:
            return None
        if offsets[-1] != blob_size:
            return None
        return cls(blob, offsets, values)


_index_dir: Path | None = None


def use_index_dir(folder: Path | None) -> None:
    """Keep (and read) lexicon indexes in ``folder``; None reads the lists every run."""
    global _index_dir
    if folder != _index_dir:
        _index_dir = folder
        load.cache_clear()


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
    if _index_dir is None:
        zipf = _read_wordfreq(path, floor)
        return None if zipf is None else Lexicon(code, zipf)
    stat = path.stat()
    name = f"lexicon-{code}-{wordlist}-{floor:g}-{stat.st_size}-{stat.st_mtime_ns}"
    # the name carries a tag only this user's secret makes: a file committed to a repository
    # is never opened (signing megabytes would cost every start more than the rest does)
    index = _index_dir / f"{name}-{secret_tag(name)}.bin"
    try:
        table = _PackedTable.loads(read_unlinked(index))
    except OSError:
        table = None
    if table is None:
        zipf = _read_wordfreq(path, floor)
        if zipf is None:
            return None
        table = _PackedTable.build(zipf)
        write_cache_file(index, table.dumps())
    return Lexicon(code, table)


def _read_wordfreq(path: Path, floor: float) -> dict[str, float] | None:
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
    return zipf
