"""Finding, merging and validating the project configuration.

Sources, first found wins: ``--config FILE``; ``.lintnews.yaml`` (or ``.lintnews.yml``) in
the working directory or a parent; ``[tool.lintnews]`` in a ``pyproject.toml`` there.
``extends`` names presets (``default``, ``strict``) shipped in ``rules/presets/``; the
project's own keys are applied on top.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .files import DEFAULT_INCLUDE, links_out
from .findings import LEVELS
from .records import frozen
from .yamlload import MarkedDict, line_of, read_yaml

CONFIG_NAMES = (".lintnews.yaml", ".lintnews.yml")
KEYS = {
    "language",
    "extends",
    "rules",
    "rule-paths",
    "exclude",
    "include",
    "fail-level",
    "archive",
    "max-file-size",
}
DEFAULT_MAX_FILE_MB = 5
#: what a config may raise ``max-file-size`` to: a repository cannot make CI lint a draft
#: of any size (see "Trust model" in the README)
MAX_FILE_MB_CAP = 10


@frozen
class Config:
    """The resolved project configuration (file, presets and defaults merged)."""

    path: str = ""
    language: str = ""
    #: the line of ``language`` in the config file (0: not set there)
    language_line: int = 0
    rules: dict[str, Any] = field(default_factory=dict)
    rule_paths: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    #: file-name globs of the drafts a folder walk lints
    include: tuple[str, ...] = DEFAULT_INCLUDE
    fail_level: str = "warning"
    #: folders of published articles that repeated-paragraph looks drafts up in
    archive: tuple[Path, ...] = ()
    #: drafts larger than this (in MB) are reported as errors instead of being linted
    max_file_size: float = DEFAULT_MAX_FILE_MB


def find_config(start: Path) -> Path | None:
    """The config file found from ``start`` up. One that is a link out of its folder (to a
    file a repository's author wants read) is an error, not read."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return _not_linked_out(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(_not_linked_out(pyproject)) is not None:
            return pyproject
    return None


def _not_linked_out(path: Path) -> Path:
    if links_out(path, path.parent):
        raise ConfigError(f"{path}: a link out of the project; the config is not read through it")
    return path


def load_config(path: Path | None, presets_dir: Path) -> Config:
    if path is None:
        return _resolve({}, "", Path.cwd(), presets_dir)
    if path.name == "pyproject.toml":
        data = _pyproject_section(path)
        if data is None:
            raise ConfigError(f"{path}: invalid config: no [tool.lintnews] table")
    else:
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        data = read_yaml(path, ConfigError)
        if data is None:
            data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: invalid config: expected a mapping")
    return _resolve(data, str(path), path.parent, presets_dir)


def _pyproject_section(path: Path) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if "lintnews" not in text:  # no table for us: not worth importing tomllib
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError(f"{path}: invalid TOML: nested too deep") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):  # tool = "lintnews"
        raise ConfigError(f"{path}: invalid TOML: 'tool' must be a table")
    return tool.get("lintnews")


def _resolve(data: dict, source: str, base_dir: Path, presets_dir: Path) -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        line = line_of(data, key)
        where = f"{source}:{line}" if line else (source or "config")
        return ConfigError(f"{where}: invalid config: {problem}")

    for key in data:
        if key not in KEYS:
            raise fail(key, f"unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
    extends = data.get("extends", ["default"])
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise fail("extends", "'extends' must be a preset name or a list of them")
    merged: dict[str, Any] = {}
    rules = MarkedDict()
    rules.lines = {}
    for name in extends:
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise fail("extends", f"'extends' names a preset, not a path: '{name}'")
        preset = _load_preset(name, presets_dir, fail)
        rules.update(preset.get("rules") or {})
        merged.update({k: v for k, v in preset.items() if k != "rules"})
    own_rules = data.get("rules") or {}
    if not isinstance(own_rules, dict) or not all(isinstance(k, str) for k in own_rules):
        raise fail("rules", "'rules' must be a mapping of rule ids")
    rules.update(own_rules)
    rules.lines = dict(getattr(own_rules, "lines", {}))
    rules.line = getattr(own_rules, "line", 0)
    merged.update({k: v for k, v in data.items() if k not in ("rules", "extends")})

    language = merged.get("language", "")
    if not isinstance(language, str):
        raise fail("language", "'language' must be a language code such as es or en")
    fail_level = merged.get("fail-level", "warning")
    if fail_level not in LEVELS:
        raise fail("fail-level", f"'fail-level' must be one of {', '.join(LEVELS)}")
    max_size = merged.get("max-file-size", DEFAULT_MAX_FILE_MB)
    if (
        isinstance(max_size, bool)
        or not isinstance(max_size, (int, float))
        or not max_size > 0  # NaN too: it compares false with everything
    ):
        raise fail("max-file-size", "'max-file-size' must be a positive number of megabytes")
    if not max_size <= MAX_FILE_MB_CAP:
        raise fail("max-file-size", f"'max-file-size' may be at most {MAX_FILE_MB_CAP} (MB)")
    rule_paths = merged.get("rule-paths", [])
    exclude = merged.get("exclude", [])
    archive = merged.get("archive", [])
    include = merged.get("include", list(DEFAULT_INCLUDE))
    for key, value in (
        ("rule-paths", rule_paths),
        ("exclude", exclude),
        ("archive", archive),
        ("include", include),
    ):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"'{key}' must be a list of strings")
    root = base_dir.resolve()  # the project: what the config's paths may name

    def confined(key: str, p: str) -> Path:
        path = (base_dir / p).resolve()
        if not path.is_relative_to(root):
            raise fail(key, f"'{key}' must stay inside the project ({root}): '{p}' does not")
        return path

    folders = []
    for p in rule_paths:
        folder = confined("rule-paths", p)
        if not folder.is_dir():
            raise fail("rule-paths", f"rule folder '{p}' not found")
        folders.append(folder)
    return Config(
        path=source,
        language=language,
        language_line=line_of(data, "language") if "language" in data else 0,
        rules=rules,
        rule_paths=tuple(folders),
        exclude=tuple(exclude),
        include=tuple(include),
        fail_level=fail_level,
        archive=tuple(confined("archive", p) for p in archive),
        max_file_size=max_size,
    )


def _load_preset(name: str, presets_dir: Path, fail) -> dict:
    path = presets_dir / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in presets_dir.glob("*.yaml")))
        raise fail("extends", f"unknown preset '{name}' (known: {known})")
    data = read_yaml(path, ConfigError) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: invalid preset: expected a mapping")
    return data
