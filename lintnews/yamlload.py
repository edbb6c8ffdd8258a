"""Safe YAML loading for config and rule files, with line numbers for error messages.

Only plain data is built (PyYAML's SafeLoader); documents are size-limited and alias
expansion is bounded, so a hostile file cannot exhaust memory ("billion laughs").
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import where

MAX_BYTES = 2_000_000
MAX_ALIASES = 100


class MarkedDict(dict):
    """A mapping that remembers the 1-based line of each key (``lines[key]``)."""

    lines: dict
    line: int = 0


# The C parser when PyYAML was built with libyaml; the constructors stay the safe ones.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _construct_mapping(loader, node):
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
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, path: str | Path, error: type[Exception]):
    """Parse one YAML document; raise ``error('path:line: message')`` on any problem."""
    if len(text) > MAX_BYTES:
        raise error(f"{path}: file too large for YAML ({len(text)} bytes, limit {MAX_BYTES})")
    try:
        aliases = text.count("*") and sum(
            1 for ev in yaml.parse(text, Loader=_Base) if isinstance(ev, yaml.AliasEvent)
        )
        if aliases > MAX_ALIASES:
            raise error(f"{path}: too many YAML aliases ({aliases}, limit {MAX_ALIASES})")
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        located = _pure_python_error(text) or exc
        mark = located.problem_mark or located.context_mark
        line = mark.line + 1 if mark else None
        problem = located.problem or located.context or "invalid YAML"
        raise error(f"{where(path, line)}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: invalid YAML: {exc}") from None


def _pure_python_error(text: str) -> yaml.MarkedYAMLError | None:
    """The syntax error as the pure-Python parser reports it: it places marks better."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None


def read_yaml(path: Path, error: type[Exception]):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None
    return load_yaml(text, path, error)


def line_of(data, key) -> int | None:
    """The line of ``key`` inside a MarkedDict, or of the mapping itself."""
    if isinstance(data, MarkedDict):
        return data.lines.get(key, data.line)
    return None
