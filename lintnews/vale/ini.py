"""Reading a Vale configuration (``.vale.ini``) into plain data.

Core keys (before any section): ``StylesPath``, ``MinAlertLevel``, ``Vocab``, ``Packages``,
``IgnoredScopes``, ``SkippedScopes``. Glob sections (``[*]``, ``[*.md]``, ``[*.{md,txt}]``)
hold ``BasedOnStyles``, ``BlockIgnores``, ``TokenIgnores`` and rule settings
(``Style.Rule = YES|NO|suggestion|warning|error``, ``Style = NO``). ``[formats]`` maps an
extension to a format (``mdx = md``). Lines may continue with a trailing backslash.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .. import regexcache
from ..errors import ConfigError

CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
LEVELS = ("suggestion", "warning", "error")
LIST_KEYS = {
    "BasedOnStyles",
    "BlockIgnores",
    "IgnorePatterns",
    "TokenIgnores",
    "Vocab",
    "Packages",
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
}
_SECTION = regexcache.compile(r"^\[(.*)\]\s*$")
_KEY = regexcache.compile(r"^([^=]+?)\s*=\s*(.*)$")


@dataclass
class Section:
    glob: str
    based_on: list[str] | None = None
    #: "Style.Rule" or "Style" -> "YES" | "NO" | a level
    checks: dict[str, str] = field(default_factory=dict)
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path | None = None
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=lambda: ["code", "tt"])
    skipped_scopes: list[str] = field(default_factory=lambda: ["script", "style", "pre", "figure"])
    #: HTML classes whose elements are not linted (Vale's ``IgnoredClasses``)
    ignored_classes: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent


def find_config(start: Path, given: str | None = None) -> Path:
    """The config named by ``--config`` (a file or a folder), or the first found upward."""
    if given:
        path = Path(given)
        if path.is_dir():
            for name in CONFIG_NAMES:
                if (path / name).is_file():
                    return path / name
            raise ConfigError(f"{given}: no .vale.ini in this folder")
        if not path.is_file():
            raise ConfigError(f"{given}: config file not found")
        return path
    env = os.environ.get("VALE_CONFIG_PATH")
    if env and Path(env).is_file():
        return Path(env)
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    raise ConfigError(".vale.ini not found (searched upward from the working directory)")


def split_list(value: str) -> list[str]:
    """Comma-separated values; ``\\,`` keeps a comma inside a value."""
    parts = regex.split(r"(?<!\\),", value)
    return [p.replace("\\,", ",").strip() for p in parts if p.strip()]


def _logical_lines(text: str):
    pending, first = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped[0] in "#;"):
            continue
        first = first or number
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            pending += stripped[:-1] + " "
            continue
        yield first, pending + stripped
        pending, first = "", 0
    if pending:
        yield first, pending


def parse(path: Path) -> ValeConfig:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    config = ValeConfig(path=path.resolve())
    section: Section | None = None
    in_formats = False
    for number, line in _logical_lines(text):
        m = _SECTION.match(line)
        if m:
            name = m.group(1).strip()
            in_formats = name == "formats"
            section = None if in_formats else Section(glob=name)
            if section is not None:
                config.sections.append(section)
            continue
        m = _KEY.match(line)
        if not m:
            raise ConfigError(f"{path}:{number}: invalid config: expected 'key = value'")
        key, value = m.group(1).strip(), m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        if in_formats:
            config.formats[key.lstrip(".")] = value.lstrip(".")
        elif section is None:
            _core_key(config, key, value, f"{path}:{number}")
        else:
            _section_key(section, key, value, f"{path}:{number}")
    return config


def _core_key(config: ValeConfig, key: str, value: str, where: str) -> None:
    if key == "StylesPath":
        config.styles_path = (config.root / value).resolve() if value else None
        # a repository's .vale.ini is untrusted (see "Trust model" in the README): its styles
        # stay inside the project, the ini's folder or the one lintnews runs in
        roots = (config.root.resolve(), Path.cwd().resolve())
        styles = config.styles_path
        if styles is not None and not any(styles.is_relative_to(r) for r in roots):
            raise ConfigError(f"{where}: invalid config: StylesPath must stay inside the project")
    elif key == "MinAlertLevel":
        if value not in LEVELS:
            raise ConfigError(f"{where}: invalid config: MinAlertLevel must be one of {LEVELS}")
        config.min_level = value
    elif key == "Vocab":
        config.vocab += split_list(value)
    elif key == "Packages":
        config.packages += split_list(value)
    elif key == "IgnoredScopes":
        config.ignored_scopes = split_list(value)
    elif key == "SkippedScopes":
        config.skipped_scopes = split_list(value)
    elif key == "IgnoredClasses":
        config.ignored_classes += split_list(value)
    # other core keys (WordTemplate, NLPEndpoint...) do not change Markdown or text linting


def _section_key(section: Section, key: str, value: str, where: str) -> None:
    if key == "BasedOnStyles":
        section.based_on = (section.based_on or []) + split_list(value)
    elif key in ("BlockIgnores", "IgnorePatterns"):  # IgnorePatterns: Vale's newer name
        section.block_ignores += split_list(value)
    elif key == "TokenIgnores":
        section.token_ignores += split_list(value)
    elif key in ("Transform", "Lang", "CommentDelimiters", "IgnoredClasses", "Blueprint"):
        return
    else:
        setting = value.upper() if value.upper() in ("YES", "NO") else value.lower()
        if setting not in ("YES", "NO", *LEVELS):
            raise ConfigError(
                f"{where}: invalid config: {key} must be YES, NO or a level, not '{value}'"
            )
        section.checks[key] = setting


def glob_regex(pattern: str) -> regex.Pattern:
    """A Vale section glob (``*``, ``**``, ``?``, ``[..]``, ``{a,b}``) as a regex."""
    out, i, depth = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            while i + 1 < len(pattern) and pattern[i + 1] == "*":
                i += 1
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(regex.escape(c))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(regex.escape(c))
        i += 1
    return regexcache.compile("".join(out) + r"\Z", regex.S)


def glob_matches(pattern: str, path: str, cwd: Path | None = None) -> bool:
    """True when ``path`` (tried absolute, relative and bare name) matches the glob."""
    negate = pattern.startswith("!")
    compiled = glob_regex(pattern[1:] if negate else pattern)
    absolute = Path(path).resolve()
    candidates = {absolute.as_posix(), Path(path).as_posix(), absolute.name}
    if cwd is not None:
        with contextlib.suppress(ValueError):
            candidates.add(absolute.relative_to(cwd.resolve()).as_posix())
    found = any(compiled.match(c) for c in candidates)
    return not found if negate else found
