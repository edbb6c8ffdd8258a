"""A persistent index of published articles, to find draft paragraphs pasted from them.

The index is one SQLite file (by default ``.lintnews/archive.sqlite`` beside the project
config). Opening it brings it up to date with the archive folders: a file whose size or
modification time changed is re-read, a new file is added, a file that is gone is dropped;
an unchanged archive is not read at all.

Lookups use an inverted index of *terms* (folded words of four letters or more, cut to
six letters so that inflections share a term, hashed to integers). For a draft paragraph
only its rarest terms (by document frequency in the archive) are looked up, so the rows read
depend on how rare the paragraph's words are, not on the size of the archive. The few
candidates that share enough of those terms come back as text; the rule kind decides with
its own thresholds whether they are repeats.

Terms are language-independent on purpose: an archive may mix languages, and candidate
selection only needs to be generous, not exact.
"""

from __future__ import annotations

import math
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import regexcache
from .errors import ConfigError
from .language.normalize import fold

SCHEMA_VERSION = "1"
DEFAULT_INDEX = Path(".lintnews") / "archive.sqlite"
_TERM_WORD = regexcache.compile(r"\p{L}[\p{L}\p{M}]{3,}")
RAREST = 8  # terms of a draft paragraph looked up
CANDIDATES = 10  # archived paragraphs returned per lookup, at most

#: reads one archive file: (1-based line, paragraph text) for each of its paragraphs
Reader = Callable[[str], Iterable[tuple[int, str]]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime_ns INTEGER, size INTEGER);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY, file INTEGER NOT NULL, line INTEGER, text TEXT);
CREATE INDEX IF NOT EXISTS paragraphs_by_file ON paragraphs (file);
CREATE TABLE IF NOT EXISTS terms (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings (
    term INTEGER NOT NULL, para INTEGER NOT NULL, PRIMARY KEY (term, para)) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class ArchivedParagraph:
    path: str
    line: int
    text: str


@dataclass(frozen=True)
class UpdateStats:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0


def terms(text: str) -> set[int]:
    """The index terms of a text: hashed six-letter prefixes of its folded long words."""
    return {zlib.crc32(w[:6].encode()) for w in _TERM_WORD.findall(fold(text))}


class ArchiveIndex:
    """An open archive index. Use :func:`open_archive` to open and update one."""

    def __init__(self, db_path: Path | str):
        self.path = Path(db_path)
        self.db = _connect_ours(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-65536")  # 64 MiB: the postings B-tree in memory
        self._postings: list[tuple[int, int]] = []  # added, not yet written (sorted on write)
        self._df: dict[int, int] = {}
        self.last_update = UpdateStats()
        self._check_schema()

    def _check_schema(self) -> None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None or row[0] != SCHEMA_VERSION:
            for table in ("meta", "files", "paragraphs", "terms", "postings"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            self.db.commit()

    def close(self) -> None:
        self.db.close()

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]

    # -- updating -------------------------------------------------------------------------

    def update(self, files: Iterable[str], read: Reader) -> UpdateStats:
        """Bring the index in line with ``files`` (every archive file, by path)."""
        known = {
            path: (fid, mtime, size)
            for fid, path, mtime, size in self.db.execute(
                "SELECT id, path, mtime_ns, size FROM files"
            )
        }
        added = changed = unchanged = 0
        seen = set()
        with self.db:
            for path in files:
                path = str(Path(path).resolve())
                seen.add(path)
                stat = Path(path).stat()
                old = known.get(path)
                if old and (old[1], old[2]) == (stat.st_mtime_ns, stat.st_size):
                    unchanged += 1
                    continue
                if old:
                    self._remove_file(old[0])
                    changed += 1
                else:
                    added += 1
                self._add_file(path, stat.st_mtime_ns, stat.st_size, read(path))
                if len(self._postings) > 500_000:
                    self._flush()
            gone = [fid for path, (fid, _, _) in known.items() if path not in seen]
            for fid in gone:
                self._remove_file(fid)
            self._flush()
        return UpdateStats(added, changed, len(gone), unchanged)

    def _add_file(self, path: str, mtime_ns: int, size: int, paragraphs) -> None:
        cur = self.db.execute(
            "INSERT INTO files (path, mtime_ns, size) VALUES (?, ?, ?)", (path, mtime_ns, size)
        )
        fid = cur.lastrowid
        for line, text in paragraphs:
            cur = self.db.execute(
                "INSERT INTO paragraphs (file, line, text) VALUES (?, ?, ?)", (fid, line, text)
            )
            pid = cur.lastrowid
            for term in terms(text):
                self._postings.append((term, pid))
                self._df[term] = self._df.get(term, 0) + 1

    def _flush(self) -> None:
        """Write pending postings in term order (B-tree friendly) and document frequencies."""
        self._postings.sort()
        self.db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", self._postings)
        self.db.executemany(
            "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            sorted(self._df.items()),
        )
        self._postings, self._df = [], {}

    def _remove_file(self, fid: int) -> None:
        rows = self.db.execute("SELECT id, text FROM paragraphs WHERE file = ?", (fid,)).fetchall()
        df: dict[int, int] = {}
        postings = []
        for pid, text in rows:
            for term in terms(text):
                postings.append((term, pid))
                df[term] = df.get(term, 0) + 1
        self.db.executemany("DELETE FROM postings WHERE term = ? AND para = ?", postings)
        self.db.executemany(
            "UPDATE terms SET df = df - ? WHERE term = ?", [(n, t) for t, n in df.items()]
        )
        self.db.execute("DELETE FROM terms WHERE df <= 0")
        self.db.execute("DELETE FROM paragraphs WHERE file = ?", (fid,))
        self.db.execute("DELETE FROM files WHERE id = ?", (fid,))

    # -- looking up -----------------------------------------------------------------------

    def candidates(self, text: str, exclude_path: str = "") -> list[ArchivedParagraph]:
        """Archived paragraphs that share enough of the rarest terms of ``text``."""
        wanted = list(terms(text))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        found = self.db.execute(
            f"SELECT term, df FROM terms WHERE term IN ({marks})", wanted
        ).fetchall()
        rare = [t for t, _ in sorted(found, key=lambda r: r[1])[:RAREST]]
        if not rare:
            return []
        need = max(1, math.ceil(len(rare) * 3 / RAREST)) if len(rare) > 1 else 1
        marks = ",".join("?" * len(rare))
        rows = self.db.execute(
            f"""SELECT p.line, p.text, f.path FROM (
                    SELECT para, COUNT(*) AS n FROM postings WHERE term IN ({marks})
                    GROUP BY para HAVING n >= ? ORDER BY n DESC LIMIT ?) AS hits
                JOIN paragraphs p ON p.id = hits.para JOIN files f ON f.id = p.file
                ORDER BY hits.n DESC""",
            (*rare, need, CANDIDATES + 1),
        ).fetchall()
        exclude = str(Path(exclude_path).resolve()) if exclude_path else ""
        return [ArchivedParagraph(path, line, t) for line, t, path in rows if path != exclude][
            :CANDIDATES
        ]


def _connect_ours(path: Path) -> sqlite3.Connection:
    """A connection to the index at ``path``, which a repository may have committed: the
    file is read only when it holds nothing but this module's tables and indexes (a view,
    a trigger or another table could run a query of the repository's for ever, or write);
    anything else, or a file that is no database, is deleted and the index built again.
    Its schema's own SQL is never run (``trusted_schema=off``)."""
    if path.exists() and not path.is_file():
        raise ConfigError(f"{path}: not a file; the archive index cannot be kept there")

    def connect() -> sqlite3.Connection:
        db = sqlite3.connect(str(path), timeout=60)  # another run may be updating
        db.execute("PRAGMA trusted_schema=OFF")
        return db

    db = connect()
    try:
        if _only_our_schema(db):
            return db
    except sqlite3.DatabaseError:
        pass
    db.close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return connect()


#: the tables and indexes :data:`_SCHEMA` makes
_OUR_NAMES = frozenset(regexcache.compile(r"(?:TABLE|INDEX) IF NOT EXISTS (\w+)").findall(_SCHEMA))


def _only_our_schema(db: sqlite3.Connection) -> bool:
    """Whether ``sqlite_master`` lists only tables and indexes of :data:`_SCHEMA` (an empty
    database too), read without running anything the file holds."""
    return all(
        kind in ("table", "index") and (name in _OUR_NAMES or name.startswith("sqlite_autoindex_"))
        for kind, name in db.execute("SELECT type, name FROM sqlite_master")
    )


def open_archive(
    roots: Iterable[Path | str], read: Reader, db_path: Path | str, list_files=None
) -> ArchiveIndex:
    """Open (creating it if needed) the index at ``db_path`` and update it from ``roots``.

    ``list_files(roots)`` lists the archive files (by default ``*.md``, ``*.markdown`` and
    ``*.txt`` under each root); ``read(path)`` gives a file's paragraphs.
    """
    db_path = Path(db_path)
    names = [db_path.name + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    for link in (db_path.parent, *(db_path.parent / name for name in names)):
        if link.is_symlink():  # never opened, written or dropped through a link
            raise ConfigError(f"{link}: a symbolic link; the archive index is not kept through it")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    index = ArchiveIndex(db_path)
    files = (list_files or _list_files)([Path(r) for r in roots])
    index.last_update = index.update(files, read)
    return index


def _list_files(roots: list[Path]) -> list[str]:
    """The archive's files under each root; a file that is a link out of its root is left
    out (see "Trust model" in the README)."""
    out = []
    for root in roots:
        if root.is_file():
            out.append(str(root))
            continue
        real_root = root.resolve()
        folders: dict[Path, bool] = {}  # a folder's real path: once per folder, not per file
        for pattern in ("*.md", "*.markdown", "*.txt"):
            out += [
                str(p)
                for p in root.rglob(pattern)
                if p.is_file() and _inside(p, real_root, folders)
            ]
    return sorted(set(out))


def _inside(path: Path, real_root: Path, folders: dict[Path, bool]) -> bool:
    """Whether ``path`` (its folder, and the file when it is a link) resolves under
    ``real_root``; ``folders`` remembers the folders already resolved."""
    if path.parent not in folders:
        folders[path.parent] = path.parent.resolve().is_relative_to(real_root)
    if not folders[path.parent]:
        return False
    return not path.is_symlink() or path.resolve().is_relative_to(real_root)
