"""Safe YAML loading for config and rule files, with line numbers for error messages.

Only plain data is built (PyYAML's SafeLoader); documents are size-limited and alias
expansion is bounded, so a hostile file cannot exhaust memory ("billion laughs").
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from pathlib import Path

from .cachefolder import kept_entries, read_cache_value, write_cache_value
from .errors import where

MAX_BYTES = 2_000_000
MAX_ALIASES = 100
#: nodes of a document with every alias expanded (what walking or caching it costs), and
#: its nesting: a few aliases of aliases ("billion laughs") or a deep list are an error
MAX_NODES = 100_000
MAX_DEPTH = 100
CACHE_FILE = "yaml-parsed.bin"
MAX_CACHED_FILES = 300  # a run of the built-in rules reads ~16
MAX_KEPT_TEXTS = 32  # front matters a run adds (a one-file check adds one)


class MarkedDict(dict):
    """A mapping that remembers the 1-based line of each key (``lines[key]``)."""

    lines: dict
    line: int = 0


@lru_cache(maxsize=1)
def _yaml():
    """PyYAML and the loader classes, imported on first parse (a run whose files are all in
    the parse cache never imports PyYAML, which costs ~20 ms)."""
    import yaml

    # The C parser when PyYAML was built with libyaml; the constructors stay the safe ones.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        pass

    def construct_mapping(loader, node):
        # a key written twice is an error (the second silently replaced the first: a
        # second "rules:" block dropped the first); keys a merge ("<<") brings may be
        # overridden, as YAML means them to be
        merged = any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value)
        loader.flatten_mapping(node)
        out = MarkedDict()
        out.lines = {}
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark
                ) from None
            if key in out and not merged:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def construct_str(loader, node):
        value = loader.construct_scalar(node)
        if "\x00" in value:  # "\0" escaped in a quoted string: no path or word holds one
            raise yaml.constructor.ConstructorError(
                None, None, "a NUL character in a string", node.start_mark
            )
        return value

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:str", construct_str)
    return yaml, base, Loader


def load_yaml(text: str, path: str | Path, error: type[Exception]):
    """Parse one YAML document; raise ``error('path:line: message')`` on any problem."""
    if len(text) > MAX_BYTES:
        raise error(f"{path}: file too large for YAML ({len(text)} bytes, limit {MAX_BYTES})")
    yaml, _Base, _Loader = _yaml()
    try:
        aliases = text.count("*") and sum(
            1 for ev in yaml.parse(text, Loader=_Base) if isinstance(ev, yaml.AliasEvent)
        )
        if aliases > MAX_ALIASES:
            raise error(f"{path}: too many YAML aliases ({aliases}, limit {MAX_ALIASES})")
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            problem = _shape_problem(node, yaml.nodes)
            if problem:
                raise error(f"{where(path, node.start_mark.line + 1)}: {problem}")
            try:
                return loader.construct_document(node)
            except (ValueError, OverflowError) as exc:  # a date 2024-13-45, a huge integer
                line = _failing_line(loader, node, yaml.nodes)
                raise error(f"{where(path, line)}: invalid YAML value: {exc}") from None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        located = _pure_python_error(text) or exc
        mark = located.problem_mark or located.context_mark
        line = mark.line + 1 if mark else None
        problem = located.problem or located.context or "invalid YAML"
        raise error(f"{where(path, line)}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: invalid YAML: {exc}") from None


def _shape_problem(root, nodes) -> str:
    """Why a composed document is too big once its aliases are expanded, too deep, or
    recursive ("" when it is none of them). Each node is visited once (sizes of shared
    nodes are remembered), so the check costs what the document's text does."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if isinstance(node, nodes.MappingNode):
            kids = [n for pair in node.value for n in pair]
        elif isinstance(node, nodes.SequenceNode):
            kids = node.value
        else:
            kids = []
        if done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[key] > MAX_NODES:
                return f"YAML too large once its aliases are expanded (over {MAX_NODES} values)"
            if depth[key] > MAX_DEPTH:
                return f"YAML nested too deep (over {MAX_DEPTH} levels)"
            continue
        if key in size:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for kid in kids:
            if id(kid) in open_nodes:
                return "recursive YAML alias (an anchor used inside itself)"
            if id(kid) not in size:
                stack.append((kid, False))
    return ""


def _failing_line(loader, root, nodes) -> int | None:
    """The line of the first scalar that cannot be built (the constructor's ValueError names
    no place)."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left half-built
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, OverflowError):
                return node.start_mark.line + 1
        elif isinstance(node, nodes.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        else:
            stack.extend(reversed(node.value))
    return None


def _pure_python_error(text: str):
    """The syntax error as the pure-Python parser reports it: it places marks better."""
    yaml = _yaml()[0]
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


def read_yaml(path: Path, error: type[Exception]):
    """The YAML file at ``path``: a regular file (not a device or a pipe, which a link in a
    repository may name: /dev/zero), read no further than the size limit."""
    try:
        if not path.is_file():
            raise error(f"{path}: cannot read: not a regular file")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise error(f"{path}: file too large for YAML (over {MAX_BYTES} bytes)")
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None
    return _kept(str(path), text, path, error)


def load_kept(text: str, path: str | Path, error: type[Exception]):
    """:func:`load_yaml` for a text that comes back in later runs under other names (a
    draft's front matter: the body is what gets edited), kept in the cache folder by its
    text: a one-file check of a draft with a front matter then never imports PyYAML. A run
    keeps the first ``MAX_KEPT_TEXTS`` such texts it parses."""
    import hashlib

    key = "text:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if key not in _cache.parsed and _cache.texts >= MAX_KEPT_TEXTS:
        return load_yaml(text, path, error)
    return _kept(key, text, path, error)


def _kept(key: str, text: str, path: str | Path, error: type[Exception]):
    """The parse of ``text`` kept under ``key`` in the cache folder, or parsed now (and kept)."""
    if _cache.folder is None:
        return load_yaml(text, path, error)
    hit = _cache.parsed.get(key)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == text:
        try:  # a cache file is not trusted to be well formed (see "Trust model")
            data = _thaw(hit[1])
        except (RecursionError, TypeError, ValueError, IndexError, AttributeError):
            pass  # parsed again below
        else:
            _cache.used.add(key)
            return data
    data = load_yaml(text, path, error)
    frozen = _freeze(data)
    try:
        marshal.dumps(frozen)
    except ValueError:  # dates and other values marshal cannot store: parse every time
        return data
    _cache.parsed[key] = (text, frozen)
    _cache.used.add(key)
    _cache.changed = True
    _cache.texts += key.startswith("text:")
    return data


class _Cache:
    """Parsed files kept between runs in the cache folder, keyed by path and checked
    against the whole text (so an edit, however quick, is never missed)."""

    folder: Path | None = None
    parsed: dict[str, tuple[str, object]] = {}
    used: set[str] = set()  # files this run read
    changed = False
    texts = 0  # texts (not files) this run added


_cache = _Cache()


def use_cache(folder: Path | None) -> None:
    """Read (and later, :func:`save_cache`) the parsed files kept in ``folder``."""
    _cache.folder, _cache.parsed, _cache.used, _cache.changed = folder, {}, set(), False
    _cache.texts = 0
    if folder is None:
        return
    parsed = read_cache_value(folder / CACHE_FILE)
    if isinstance(parsed, dict):
        _cache.parsed = parsed


def kept() -> frozenset[str]:
    """The paths of the files whose parsed form the cache folder holds this run."""
    return frozenset(_cache.parsed)


def save_cache() -> None:
    if _cache.folder is None or not _cache.changed:
        return
    first = {k: _cache.parsed[k] for k in _cache.used}
    kept = kept_entries(first, _cache.parsed, MAX_CACHED_FILES)
    if not write_cache_value(_cache.folder / CACHE_FILE, kept):
        return
    _cache.changed = False


def _freeze(data):
    """Plain values marshal stores; a MarkedDict becomes a tuple (YAML never makes tuples)."""
    if isinstance(data, MarkedDict):
        items = [(k, _freeze(v), data.lines.get(k, 0)) for k, v in data.items()]
        return (data.line, items)
    if isinstance(data, list):
        return [_freeze(v) for v in data]
    return data


def _thaw(data):
    if isinstance(data, tuple):
        out = MarkedDict()
        out.line, out.lines = data[0], {}
        for key, value, line in data[1]:
            out[key] = _thaw(value)
            out.lines[key] = line
        return out
    if isinstance(data, list):
        return [_thaw(v) for v in data]
    return data


def line_of(data, key) -> int | None:
    """The line of ``key`` inside a MarkedDict, or of the mapping itself."""
    if isinstance(data, MarkedDict):
        return data.lines.get(key, data.line)
    return None
