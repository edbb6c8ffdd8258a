"""Drafts on disk: finding, reading, decoding and (atomically) writing them. The only module
that reads drafts; the cache folder's files are :mod:`lintnews.cachefolder`'s."""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import hashlib
import os
import stat
from pathlib import Path

from .errors import InputError, printable
from .records import frozen

#: which files a folder walk lints, by name (the config's ``include`` replaces it)
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
#: a project's own documents and a Vale style's vocabulary lists, never drafts in a walk
#: (named on the command line, they are)
NOT_DRAFTS = (
    "README*",
    "LICENSE*",
    "LICENCE*",
    "CHANGELOG*",
    "CONTRIBUTING*",
    "COPYING*",
    "ACCEPT.TXT",
    "REJECT.TXT",
)
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".lintnews", "__pycache__"}


class Skipped(Exception):
    """A file that is not a draft (binary): skipped with a note, not an error."""


@frozen
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


class NotFixed(Exception):
    """A draft ``--fix`` leaves alone (a symbolic link, hard links, read-only): a note."""


def inside(real: str, root: str) -> bool:
    """Whether the real path ``real`` is ``root`` or below it, and not in a hidden or
    skipped folder there (``.git/config`` is inside a repository but no draft)."""
    rel = os.path.relpath(real, root)
    if rel == ".":
        return True
    parts = rel.split(os.sep)
    return parts[0] != ".." and not any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1])


def discover(
    paths: list[str],
    exclude: tuple[str, ...] | Walk = (),
    root: str | Path | None = None,
    notes: list[str] | None = None,
) -> list[str]:
    """Files named directly, plus drafts found recursively in folders, in sorted order.

    With a project ``root``, a symbolic link (a draft, a folder in the walk, or a link on the
    way to a file named) whose target is outside both the root and the folder named is not
    followed: a note goes to ``notes`` instead (see "Trust model" in the README)."""
    walk = exclude if isinstance(exclude, Walk) else Walk(exclude=exclude)
    out: list[str] = []
    seen: set[str] = set()  # real paths: a file reached twice (links, loops) is linted once
    visited: set[tuple[int, int]] = {_dev_ino(p) for p in walk.skip if p.is_dir()}
    notes = [] if notes is None else notes
    real_root = os.path.realpath(root) if root is not None else None
    for given in paths:
        p = Path(given)
        real = os.path.realpath(given)
        if real_root and _escapes(given, real, str(root), real_root):
            notes.append(_left_out(given))
            continue
        if p.is_dir():  # the folder named is the user's choice; links below it are not
            roots = (real_root, real) if real_root else None
            found = _walk(p, walk, visited, roots, notes)
        elif walk.force_exclude and is_excluded(given, walk.exclude):
            found = []
        else:  # a missing file is reported when read
            found = [(given, real)]
        for f, real_path in found:
            if real_path not in seen:
                seen.add(real_path)
                out.append(f)
    return out


def _dev_ino(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _escapes(given: str, real: str, root: str, real_root: str) -> bool:
    """A path named on the command line that leaves the project through a link: the path
    itself is one, or a folder on its way below the root is."""
    lex = os.path.abspath(given)
    abs_root = os.path.abspath(root)
    under = os.path.commonpath([lex, abs_root]) == abs_root
    linked = os.path.islink(given.rstrip("/") or given) or (under and real != lex)
    return linked and not inside(real, real_root)


def _left_out(path: str) -> str:
    return f"{printable(path)}: symbolic link to outside the project, skipped"


#: deepest folder under a path named on the command line that is walked
MAX_WALK_DEPTH = 100


def _walk(
    top: Path,
    walk: Walk,
    visited: set[tuple[int, int]],
    roots: tuple[str, str] | None,
    notes: list[str],
) -> list[tuple[str, str]]:
    """(path, real path) of the drafts under ``top``. A file that is not a link has the real
    path of its folder plus its name: one realpath per folder, not per file. With ``roots``,
    a linked folder or draft that resolves outside all of them is skipped with a note."""

    def outside(real: str) -> bool:
        return roots is not None and not any(inside(real, r) for r in roots)

    found = []
    base = str(top).rstrip(os.sep).count(os.sep)
    for folder, dirs, files in os.walk(top, followlinks=True):
        if folder.count(os.sep) - base >= MAX_WALK_DEPTH and dirs:
            # (os.walk descends by recursion: a repository's deep nest would end the run)
            notes.append(f"{printable(folder)}: folders nested past {MAX_WALK_DEPTH} left out")
            dirs[:] = []
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop, or a rule folder
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        real_folder = os.path.realpath(folder)
        if outside(real_folder):
            notes.append(_left_out(folder))
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if (
                any(fnmatch.fnmatch(name.lower(), pat.lower()) for pat in walk.include)
                and not any(fnmatch.fnmatchcase(name.upper(), pat) for pat in NOT_DRAFTS)
                and os.path.isfile(path)
                and not is_excluded(path, walk.exclude)
            ):
                link = os.path.islink(path)
                real = os.path.realpath(path) if link else os.path.join(real_folder, name)
                if link and outside(real):
                    notes.append(_left_out(path))
                    continue
                found.append((path, real))
    return _not_ignored(top, found) if walk.gitignore and found else found


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


@frozen
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


def links_out(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a symbolic link that resolves outside ``folder``."""
    return path.is_symlink() and not path.resolve().is_relative_to(folder.resolve())


def confined(path: Path, folder: Path, error: type[Exception]) -> None:
    """A rule or language file is read only if it resolves inside its folder: a link in a
    repository's rule folder to a file elsewhere (a secret, /dev/zero) is an error."""
    if links_out(path, folder):
        raise error(f"{path}: a link out of its folder; rule files are read only inside it")


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
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise NotFixed(f"{path}: a symbolic link; fixes not written through it")
        mode = stat.S_IMODE(info.st_mode)
        if not mode & stat.S_IWUSR:
            raise NotFixed(f"{path}: read-only; fixes not written")
        if info.st_nlink > 1:  # a rename would break the other links; in place is not atomic
            raise NotFixed(f"{path}: has {info.st_nlink} hard links; fixes not written")
        current = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot write fixes: {exc.strerror or exc}") from None
    if hashlib.sha256(current).hexdigest() != source.digest:
        raise InputError(f"{path}: changed on disk while being fixed; not written")
    try:  # a full disk: this draft unchanged (the temporary file is removed), the run goes on
        replace_file(path, source.encode(text), suffix=".lintnews", mode=mode, durable=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot write fixes: {exc.strerror or exc}") from None


def replace_file(
    path: Path, data: bytes, suffix: str = "", mode: int | None = None, durable: bool = False
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a
    reader sees the old file or the new one, never part of one. ``durable``: on disk before
    the rename."""
    import tempfile  # only runs that write pay for it (it imports shutil and random)

    from .signals import held

    # An interruption (Ctrl-C, SIGTERM: both raise here) is held while the temporary file
    # is made and while it is removed, so that none is left behind: it is raised once the
    # name is known, inside the ``try``, whose cleanup runs.
    tmp = None
    try:
        with held():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            with held(), contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def read_unlinked(path: Path) -> bytes:
    """A file's bytes, refusing (OSError) a symbolic link or anything but a regular file: for
    the files lintnews keeps itself, which a repository may have replaced by links."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        return f.read()


def linked(path: Path, below: Path) -> Path | None:
    """The first symbolic link among ``path``'s parts below the folder ``below`` (``path``
    included): None when there is none."""
    part = below
    for name in path.relative_to(below).parts:
        part = part / name
        if part.is_symlink():
            return part
    return None


def _check_size(path: str, size: int, max_mb: float) -> None:
    if size > max_mb * 1024 * 1024:
        raise InputError(
            f"{path}: file too large to lint ({size / 1048576:.1f} MB; the limit "
            f"is {max_mb:g} MB, set max-file-size in the config)"
        )


def read_draft(path: str, max_mb: float | None = None) -> str:
    return decode(path, _read_bytes(path, max_mb))


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
