"""Drafts on disk: finding, reading, decoding and (atomically) writing them. The only module
that reads drafts; the cache folder's files are :mod:`lintnews.cachefolder`'s."""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: which files a folder walk lints, by name (the config's ``include`` replaces it)
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
#: a project's own documents, never drafts in a walk (named on the command line, they are)
NOT_DRAFTS = ("README*", "LICENSE*", "LICENCE*", "CHANGELOG*", "CONTRIBUTING*", "COPYING*")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".lintnews", "__pycache__"}


class Skipped(Exception):
    """A file that is not a draft (binary): skipped with a note, not an error."""


@dataclass(frozen=True)
class Walk:
    """What a folder walk skips and takes (files named directly are always drafts, unless
    ``force_exclude``)."""

    exclude: tuple[str, ...] = ()
    #: file-name globs of the drafts a walk takes
    include: tuple[str, ...] = DEFAULT_INCLUDE
    #: ``exclude`` applies to files named directly too (the pre-commit hook names them)
    force_exclude: bool = False
    #: skip what git ignores (in a git work tree)
    gitignore: bool = True
    #: folders that are never walked into (the config's rule folders: data, not drafts)
    skip: tuple[Path, ...] = ()


def discover(paths: list[str], exclude: tuple[str, ...] | Walk = ()) -> list[str]:
    """Files named directly, plus drafts found recursively in folders, in sorted order."""
    walk = exclude if isinstance(exclude, Walk) else Walk(exclude=exclude)
    out: list[str] = []
    seen: set[str] = set()  # real paths: a file reached twice (links, loops) is linted once
    visited: set[tuple[int, int]] = {_dev_ino(p) for p in walk.skip if p.is_dir()}
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = _walk(p, walk, visited)
        elif walk.force_exclude and is_excluded(given, walk.exclude):
            found = []
        else:  # a missing file is reported when read
            found = [(given, os.path.realpath(given))]
        for f, real in found:
            if real not in seen:
                seen.add(real)
                out.append(f)
    return out


def _dev_ino(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _walk(root: Path, walk: Walk, visited: set[tuple[int, int]]) -> list[tuple[str, str]]:
    """(path, real path) of the drafts under ``root``. A file that is not a link has the real
    path of its folder plus its name: one realpath per folder, not per file."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        real_folder = os.path.realpath(folder)
        for name in sorted(files):
            path = os.path.join(folder, name)
            if (
                any(fnmatch.fnmatch(name.lower(), pat.lower()) for pat in walk.include)
                and not any(fnmatch.fnmatchcase(name.upper(), pat) for pat in NOT_DRAFTS)
                and os.path.isfile(path)
                and not is_excluded(path, walk.exclude)
            ):
                link = os.path.islink(path)
                found.append(
                    (path, os.path.realpath(path) if link else os.path.join(real_folder, name))
                )
    return _not_ignored(root, found) if walk.gitignore and found else found


def _not_ignored(root: Path, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``found`` without the files git ignores (``git check-ignore``; tracked files are never
    ignored). Outside a git work tree, or without git, nothing is ignored."""
    import subprocess

    names = [os.path.relpath(path, root) for path, _ in found]
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root,
            input=b"".join(os.fsencode(name) + b"\0" for name in names),
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return found
    if proc.returncode not in (0, 1):  # 128: not a work tree
        return found
    ignored = {os.fsdecode(name) for name in proc.stdout.split(b"\0")}
    return [item for item, name in zip(found, names, strict=True) if name not in ignored]


def is_excluded(path: str, exclude: tuple[str, ...]) -> bool:
    posix = Path(path).as_posix()
    return any(
        fnmatch.fnmatch(posix, pat)
        or fnmatch.fnmatch(posix, f"*/{pat}")
        or fnmatch.fnmatch(Path(path).name, pat)
        for pat in exclude
    )


@dataclass(frozen=True)
class Source:
    """A draft as read from disk: its text and what is needed to write it back unchanged."""

    path: str
    text: str
    encoding: str  # "utf-8", "utf-16-le" or "utf-16-be"
    bom: bytes  # the byte-order mark the file started with (b"" for none)
    digest: str  # sha256 of the bytes read

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_source(path: str, max_mb: float | None = None) -> Source:
    data = _read_bytes(path, max_mb)
    text = decode(path, data)
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    return Source(path, text, encoding, bom, hashlib.sha256(data).hexdigest())


def write_source(source: Source, text: str) -> None:
    """Write ``text`` back atomically (temporary file, then rename), keeping encoding, BOM
    and permissions; refuse when the file changed on disk since it was read."""
    path = Path(source.path)
    try:
        current = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise InputError(f"{path}: cannot write fixes: {exc.strerror or exc}") from None
    if hashlib.sha256(current).hexdigest() != source.digest:
        raise InputError(f"{path}: changed on disk while being fixed; not written")
    replace_file(path, source.encode(text), suffix=".lintnews", mode=mode, durable=True)


def replace_file(
    path: Path, data: bytes, suffix: str = "", mode: int | None = None, durable: bool = False
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a
    reader sees the old file or the new one, never part of one. ``durable``: on disk before
    the rename."""
    import tempfile  # only runs that write pay for it (it imports shutil and random)

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _check_size(path: str, size: int, max_mb: float) -> None:
    if size > max_mb * 1024 * 1024:
        raise InputError(
            f"{path}: file too large to lint ({size / 1048576:.1f} MB; the limit "
            f"is {max_mb:g} MB, set max-file-size in the config)"
        )


def read_draft(path: str) -> str:
    return decode(path, _read_bytes(path))


def _read_bytes(path: str, max_mb: float | None = None) -> bytes:
    """The file's bytes, once one stat says it is a regular file (a FIFO or device would
    block or never end) no larger than ``max_mb``."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file")
        if max_mb is not None:
            _check_size(path, info.st_size, max_mb)
        with open(path, "rb", buffering=0) as f:
            return f.readall()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode(path: str, data: bytes) -> str:
    """UTF-8 (BOM optional) or UTF-16 with BOM; the BOM is not part of the text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise Skipped(f"{path}: binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
