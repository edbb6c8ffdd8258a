"""The cache folder: what runs keep to start faster, and the result cache beside it.

A run keeps compiled patterns (:mod:`lintnews.regexcache`), parsed rule and config files
(:mod:`lintnews.yamlload`), lexicon indexes (:mod:`lintnews.language.lexicon`) and values a
kind builds from a file (:func:`derived`: the leftover classifier's trees) in one folder
(``.lintnews/cache`` beside the config file, or ``--cache-dir``); the result cache
(:mod:`lintnews.cache`) lives there too. :class:`CacheFolder` is the one object that opens it
for a run and saves what the run added: ``lintnews check`` opens it before anything compiles
(so that all of it can come from the folder) and hands it to the :class:`~lintnews.runner.Runner`;
the Python API passes one to the Runner the same way, and a Runner without one (``lintnews
vale``, ``lint_text`` by default) keeps nothing. This module also holds the folder's file
handling: atomic writes, marshal values, bounded entries.

The folder sits in the repository, whose files a pull request's author controls, so what is
read from it is authenticated: marshal values carry an HMAC-SHA256 keyed by a per-user
secret kept outside any repository (:func:`secret`, in the user's cache folder), and a file
without a valid one is a cache miss. The compiled patterns (handed to ``regex``'s C engine)
and the parsed YAML never come from a file that lintnews did not write for this user.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
from functools import lru_cache
from pathlib import Path

from .files import linked, read_unlinked, replace_file


class CacheFolder:
    """One run's cache folder (``path`` None: nothing is read or kept). Use it as a context
    manager, or :meth:`open` and :meth:`close`: closing saves what the run added."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path is not None else None
        self.is_open = False

    @classmethod
    def find(cls, cache_dir: str | None, config_path: str | Path | None) -> CacheFolder:
        """``cache_dir`` as given, or ``.lintnews/cache`` beside the config file."""
        return cls(cache_folder(cache_dir, config_path))

    def open(self) -> CacheFolder:
        """Read what earlier runs kept: from now on patterns, YAML files and lexicons come
        from the folder when they can. A folder without a path (or already open) does nothing."""
        if self.path is None or self.is_open:
            return self
        from . import regexcache, yamlload
        from .language import lexicon

        regexcache.load(self.path)
        yamlload.use_cache(self.path)
        lexicon.use_index_dir(self.path)
        _derived.use(self.path)
        self.is_open = True
        return self

    def close(self) -> None:
        """Save what this run compiled and parsed (a folder that cannot be written only
        means the next run redoes it), and stop using the folder."""
        if not self.is_open:
            return
        from . import regexcache, yamlload
        from .language import lexicon

        regexcache.save()
        yamlload.save_cache()
        _derived.save()
        _derived.use(None)
        lexicon.use_index_dir(None)
        regexcache.load(None)
        yamlload.use_cache(None)
        self.is_open = False

    def __enter__(self) -> CacheFolder:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CacheFolder({str(self.path) if self.path else None!r})"


def derived(name: str, source: str, make):
    """``make()``, a value made from the text ``source`` (plain values marshal can store),
    kept in the open cache folder under ``name`` and reused while ``source`` is the same (a
    kind's weights file built into its model: ``source`` holds all it is made from)."""
    return _derived.get(name, source, make)


class _Derived:
    """The values :func:`derived` keeps: ``name -> (digest of the source, value)``."""

    FILE = "derived.bin"
    LIMIT = 50

    def __init__(self):
        self.use(None)

    def use(self, folder: Path | None) -> None:
        self.folder, self.values, self.used, self.changed = folder, {}, set(), False
        if folder is not None:
            values = read_cache_value(folder / self.FILE)
            self.values = values if isinstance(values, dict) else {}

    def get(self, name: str, source: str, make):
        if self.folder is None:
            return make()
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        hit = self.values.get(name)
        if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == digest:
            self.used.add(name)
            return hit[1]
        value = make()
        self.values[name] = (digest, value)
        self.used.add(name)
        self.changed = True
        return value

    def save(self) -> None:
        if self.folder is None or not self.changed:
            return
        first = {k: self.values[k] for k in self.used}
        write_cache_value(self.folder / self.FILE, kept_entries(first, self.values, self.LIMIT))
        self.changed = False


_derived = _Derived()


def cache_folder(cache_dir: str | None, config_path: str | Path | None) -> Path | None:
    """``cache_dir`` as given, or ``.lintnews/cache`` beside the config file (or in the
    working directory when there is none). None (no cache kept) when ``.lintnews`` or its
    ``cache`` is a symbolic link: a repository's link is not followed (see "Trust model")."""
    if cache_dir:
        return Path(cache_dir)
    base = Path(config_path).parent if config_path else Path.cwd()
    folder = base / ".lintnews" / "cache"
    return None if linked(folder, base) else folder


def make_cache_folder(folder: Path) -> None:
    """Create the cache folder; a ``.lintnews`` folder ignores itself in git."""
    folder.mkdir(parents=True, exist_ok=True)
    gitignore = folder.parent / ".gitignore"
    if folder.parent.name == ".lintnews" and not (gitignore.is_symlink() or gitignore.exists()):
        gitignore.write_text("*\n", encoding="utf-8")


SIGNED = b"lintnews-hmac-sha256\n"
KEY_BYTES = 32


@lru_cache(maxsize=1)
def secret() -> bytes:
    """This user's key for the cache folders' files: ``lintnews/cache-key`` in the user's
    cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``), made on first use, readable by the
    user alone. When it cannot be read or made, a key for this process only: nothing kept
    is trusted, runs are only slower."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "lintnews" / "cache-key"
    for _ in range(2):
        try:
            key = read_unlinked(path)
            if len(key) == KEY_BYTES and path.stat().st_uid == os.getuid():
                return key
            break
        except FileNotFoundError:
            _make_key(path)
        except OSError:
            break
    return os.urandom(KEY_BYTES)


def _make_key(path: Path) -> None:
    """Write a new key whole, then link it into place (a concurrent run's key wins)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent)  # mode 0600
        try:
            os.write(fd, os.urandom(KEY_BYTES))
            os.close(fd)
            os.link(tmp, path)
        finally:
            os.unlink(tmp)
    except OSError:
        pass


def secret_tag(name: str) -> str:
    """A short tag for a cache file's name that only this user's secret makes."""
    return hmac.digest(secret(), name.encode(), hashlib.sha256).hex()[:24]


def sign(data: bytes) -> bytes:
    return SIGNED + hmac.digest(secret(), data, hashlib.sha256) + data


def verified(blob: bytes) -> bytes | None:
    """The data :func:`sign` wrapped, or None when the MAC is missing or wrong (a file this
    user's lintnews did not write: never unmarshalled)."""
    start = len(SIGNED) + hashlib.sha256().digest_size
    if not blob.startswith(SIGNED) or len(blob) < start:
        return None
    data = blob[start:]
    expected = hmac.digest(secret(), data, hashlib.sha256)
    return data if hmac.compare_digest(blob[len(SIGNED) : start], expected) else None


def read_cache_value(path: Path):
    """The value ``write_cache_value`` stored in ``path``; None for a file that is missing,
    unreadable, not whole, or not authenticated."""
    try:
        data = verified(read_unlinked(path))
        return None if data is None else marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_cache_value(path: Path, value) -> bool:
    """Store plain values (marshal: strings, numbers, tuples, lists, dicts) in a file of the
    cache folder, authenticated; False when they cannot be stored or written."""
    try:
        data = marshal.dumps(value)
    except ValueError:
        return False
    return write_cache_file(path, sign(data))


def kept_entries(first: dict, earlier: dict, limit: int) -> dict:
    """What a cache file keeps: ``first`` (what this run used), then ``earlier`` entries
    while there is room, so that the file never grows without bound."""
    out = dict(first)
    for key, value in earlier.items():
        if len(out) >= limit:
            break
        out.setdefault(key, value)
    return out


def write_cache_file(path: Path, data: bytes) -> bool:
    """Replace a file of the cache folder atomically (concurrent runs each write a whole
    file). False when it cannot be written: a cache that is not kept is only slower."""
    try:
        make_cache_folder(path.parent)
        replace_file(path, data)
    except OSError:
        return False
    return True
