"""Finding drafts on disk and decoding them. The only module that reads drafts."""

from __future__ import annotations

import codecs
import fnmatch
import os
from pathlib import Path

from .errors import InputError

DRAFT_SUFFIXES = (".md", ".markdown", ".txt")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", ".lintnews", "__pycache__"}


class Skipped(Exception):
    """A file that is not a draft (binary): skipped with a note, not an error."""


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files named directly, plus drafts found recursively in folders, in sorted order."""
    out: list[str] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = _walk(p, exclude)
        else:
            found = [given]  # missing files are reported when read
        for f in found:
            if f not in seen:
                seen.add(f)
                out.append(f)
    return out


def _walk(root: Path, exclude: tuple[str, ...]) -> list[str]:
    found = []
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.lower().endswith(DRAFT_SUFFIXES) and not is_excluded(path, exclude):
                found.append(path)
    return found


def is_excluded(path: str, exclude: tuple[str, ...]) -> bool:
    posix = Path(path).as_posix()
    return any(
        fnmatch.fnmatch(posix, pat)
        or fnmatch.fnmatch(posix, f"*/{pat}")
        or fnmatch.fnmatch(Path(path).name, pat)
        for pat in exclude
    )


def read_draft(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(path, data)


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
