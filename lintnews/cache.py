"""Results per file, keyed by content hash, resolved rule set and lintnews version.

One SQLite file (``.lintnews/cache/results.sqlite``) holds two tables: ``files`` maps a path
to the size, modification time and content hash last seen, so an unchanged file is answered
without reading it; ``results`` maps sha256(salt, path, content hash) to the serialised
findings. SQLite's locking (WAL journal, busy timeout) makes concurrent runs safe; a cache
that cannot be opened or written is skipped, never an error.

A repository may commit its own ``results.sqlite`` (see "Trust model" in the README): the
file is used only when its schema is exactly this one (no views, triggers or other objects
a query could run), and a result's key is an HMAC keyed by the user's secret
(:func:`lintnews.cachefolder.secret`), so no row written elsewhere answers a lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import stat
from pathlib import Path

from .cachefolder import make_cache_folder, secret
from .document import Span
from .findings import FileResult, Finding, Fix, Related

SCHEMA = """
create table if not exists files (path text primary key, mtime_ns integer, size integer,
                                  digest text);
create table if not exists results (key text primary key, payload text);
"""


class Cache:
    def __init__(self, folder: Path, salt: str, max_bytes: float = float("inf")):
        self.salt = salt
        self.max_bytes = max_bytes  # larger files are never read to be hashed
        self.db: sqlite3.Connection | None = None
        try:
            make_cache_folder(folder)
            for suffix in ("", "-wal", "-shm", "-journal"):  # never written through a link
                if (folder / f"results.sqlite{suffix}").is_symlink():
                    raise OSError("a symbolic link in the cache folder")
            self.db = sqlite3.connect(folder / "results.sqlite", timeout=10, isolation_level=None)
            self.db.execute("pragma trusted_schema=off")
            self.db.executescript(SCHEMA)
            if not _ours(self.db):
                raise sqlite3.DatabaseError("not a lintnews results cache")
            self.db.execute("pragma journal_mode=wal")
            self.db.execute("pragma synchronous=normal")
            self.db.execute("begin")
        except (OSError, sqlite3.Error):
            if self.db is not None:
                self.db.close()
            self.db = None

    def _key(self, path: str, digest: str) -> str:
        message = f"{self.salt}\0{path}\0{digest}".encode()
        return hmac.digest(secret(), message, hashlib.sha256).hex()

    def get(self, path: str) -> FileResult | None:
        return self.get_many([path]).get(path)

    def get_many(self, paths: list[str]) -> dict[str, FileResult]:
        """The cached results of the paths that have one, looked up with a few queries for all
        of them (not two per file). An unchanged file (same size and modification time) is
        answered without being read."""
        if self.db is None:
            return {}
        paths = [p for p in paths if _storable(p)]
        try:
            rows = dict(
                self._select("select path, mtime_ns, size, digest from files", "path", paths)
            )
        except sqlite3.Error:
            return {}
        wanted: dict[str, tuple] = {}  # result key -> (path, stat, digest, files row)
        for path in paths:
            try:
                st = os.stat(path)
                if st.st_size > self.max_bytes or not stat.S_ISREG(st.st_mode):
                    continue
                row = rows.get(path)
                if row and row[0] == st.st_mtime_ns and row[1] == st.st_size:
                    digest = row[2]
                else:
                    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                continue
            wanted[self._key(path, digest)] = (path, st, digest, row)
        try:
            payloads = dict(self._select("select key, payload from results", "key", list(wanted)))
        except sqlite3.Error:
            return {}
        out = {}
        for key, (path, st, digest, row) in wanted.items():
            if key not in payloads:
                continue
            try:
                if not row or row[2] != digest or row[0] != st.st_mtime_ns:
                    self._remember(path, st, digest)
                out[path] = _load(payloads[key])
            except (sqlite3.Error, ValueError, KeyError):
                continue
        return out

    def _select(self, query: str, column: str, values: list[str], batch: int = 500):
        """Rows of ``query where column in values``, as (value, rest...) pairs."""
        for i in range(0, len(values), batch):
            chunk = values[i : i + batch]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"{query} where {column} in ({marks})", chunk):
                yield row[0], row[1:] if len(row) > 2 else row[1]

    def put(self, path: str, digest: str, result: FileResult) -> None:
        if self.db is None or result.errors or result.notes or not _storable(path):
            return
        try:
            st = os.stat(path)
            self._remember(path, st, digest)
            self.db.execute(
                "insert or replace into results values (?, ?)",
                (self._key(path, digest), _dump(result)),
            )
        except (OSError, sqlite3.Error):
            pass

    def _remember(self, path, st, digest) -> None:
        self.db.execute(
            "insert or replace into files values (?, ?, ?, ?)",
            (path, st.st_mtime_ns, st.st_size, digest),
        )

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.execute("commit")
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None


def _storable(path: str) -> bool:
    """Whether SQLite can store the path: a file name that is no UTF-8 (its bytes kept as
    surrogates) is linted every time, not cached."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ours(db: sqlite3.Connection) -> bool:
    """Whether the database holds exactly the two tables of :data:`SCHEMA` (and their
    primary-key indexes), read from ``sqlite_master`` without running anything in it."""
    rows = db.execute("select type, name, sql from sqlite_master").fetchall()
    tables = {name: " ".join((sql or "").split()) for kind, name, sql in rows if kind == "table"}
    others = {name for kind, name, _ in rows if kind != "table"}
    expected = {}
    for statement in filter(str.strip, SCHEMA.split(";")):
        body = " ".join(statement.split()).removeprefix("create table if not exists ")
        expected[body.split(" ", 1)[0]] = f"CREATE TABLE {body}"
    indexes = {f"sqlite_autoindex_{name}_1" for name in expected}
    return tables == expected and others <= indexes


def _dump(result: FileResult) -> str:
    return json.dumps(
        {
            "path": result.path,
            "language": result.language,
            "findings": [
                [
                    f.rule,
                    f.level,
                    f.message,
                    f.start,
                    f.end,
                    f.line,
                    f.column,
                    f.end_line,
                    f.end_column,
                    [list(r.__dict__.values()) for r in f.related],
                    None
                    if f.fix is None
                    else [f.fix.span.start, f.fix.span.end, f.fix.replacement, f.fix.safe],
                    f.detail,
                ]
                for f in result.findings
            ],
        },
        ensure_ascii=False,
    )


def _load(payload: str) -> FileResult:
    data = json.loads(payload)
    findings = []
    for row in data["findings"]:
        rule, level, message, start, end, line, col, end_line, end_col, related, fix = row[:11]
        detail = row[11] if len(row) > 11 else ""
        findings.append(
            Finding(
                path=data["path"],
                rule=rule,
                level=level,
                message=message,
                start=start,
                end=end,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                related=tuple(Related(*r) for r in related),
                fix=None if fix is None else Fix(Span(fix[0], fix[1]), fix[2], fix[3]),
                detail=detail,
            )
        )
    return FileResult(path=data["path"], language=data["language"], findings=tuple(findings))
