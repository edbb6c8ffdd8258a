"""Loading Vale styles: each ``StylesPath/<Style>/<Rule>.yml`` becomes a native Rule.

A Vale rule's ``extends:`` picks the native kind (existence, substitution, occurrence,
repetition, consistency, conditional, capitalization, metric); its keys become the kind's
options, its ``%s`` message placeholders the kind's message arguments, and its level
(suggestion, warning, error) the lintnews level (info, warning, error). The built-in
``Vale`` style provides ``Vale.Terms`` and ``Vale.Avoid`` (from the vocabularies) and
``Vale.Repetition``. Kinds lintnews does not run (spelling, sequence, script, readability)
are reported as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import regexcache
from ..errors import ConfigError, RuleError
from ..ruleset import Rule, resolve_options
from ..yamlload import read_yaml

LEVEL_TO_NATIVE = {"suggestion": "info", "warning": "warning", "error": "error"}
NATIVE_TO_LEVEL = {v: k for k, v in LEVEL_TO_NATIVE.items()}
UNSUPPORTED = {"spelling", "sequence", "script", "readability", "lt"}
#: message arguments filled in for the n-th ``%s`` of a Vale message, per kind
PLACEHOLDERS = {
    "existence": ["match"],
    "substitution": ["expected", "observed"],
    "occurrence": [],
    "repetition": ["match"],
    "consistency": ["match"],
    "conditional": ["match"],
    "capitalization": ["text"],
    "metric": ["value"],
    "terms": ["expected", "observed"],
}
_PLACEHOLDER = regexcache.compile(r"%%|%[-+# 0-9.]*[svdqf]")


@dataclass
class Vocabulary:
    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)


@dataclass
class Library:
    """Every rule the styles define, by ``Style.Rule``, and the notes made while loading."""

    rules: dict[str, Rule] = field(default_factory=dict)
    styles: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: per rule: most alerts reported per file (Vale's ``limit``), 0 for no limit
    limits: dict[str, int] = field(default_factory=dict)
    #: per rule: Vale's ``link`` and ``description``, for the JSON output
    links: dict[str, tuple[str, str]] = field(default_factory=dict)


def vale_message(message: str, kind: str) -> str:
    """A Vale ``%s`` message as a ``str.format`` template of the kind's arguments."""
    names = iter(PLACEHOLDERS.get(kind, []))
    escaped = message.replace("{", "{{").replace("}", "}}")

    def place(m):
        if m.group() == "%%":
            return "%"
        name = next(names, None)
        return "{" + name + "}" if name else m.group()

    return _PLACEHOLDER.sub(place, escaped)


def _scope(value: Any) -> list[str]:
    if value is None:
        return ["text"]
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        for part in str(item).split("&"):
            part = part.strip()
            if part.endswith((".md", ".txt")):
                part = part.rsplit(".", 1)[0]
            out.append({"list": "list", "li": "list"}.get(part, part))
    return out


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items]


def native_options(kind: str, data: dict, accepted: list[str]) -> dict[str, Any]:
    """The native options of a Vale rule (``data`` is its YAML mapping)."""
    ignorecase = bool(data.get("ignorecase", False))
    vocab_on = data.get("vocab", True) is not False
    exceptions = _strings(data.get("exceptions")) + (accepted if vocab_on else [])
    scope = _scope(data.get("scope"))
    if kind == "existence":
        nonword = bool(data.get("nonword", False))
        return {
            "tokens": _strings(data.get("tokens")),
            "raw": _strings(data.get("raw")),
            "append": bool(data.get("append", False)),
            "nonword": nonword,
            "ignorecase": ignorecase,
            "exceptions": exceptions if not nonword else _strings(data.get("exceptions")),
            "scope": scope,
        }
    if kind == "substitution":
        action = data.get("action") or {}
        replace = isinstance(action, dict) and action.get("name") == "replace"
        return {
            "swap": {str(k): str(v) for k, v in (data.get("swap") or {}).items()},
            "ignorecase": ignorecase,
            "nonword": bool(data.get("nonword", False)),
            "exceptions": exceptions,
            "scope": scope,
            "quote_choices": replace and not action.get("params"),
            "capitalize": bool(data.get("capitalize", False)),
        }
    if kind == "occurrence":
        return {
            "token": str(data.get("token", "")),
            "min": int(data.get("min", 0) or 0),
            "max": int(data.get("max", 0) or 0),
            "ignorecase": ignorecase,
            "scope": scope,
            "zero_at": "file",
        }
    if kind == "repetition":
        return {
            "tokens": _strings(data.get("tokens")) or [r"[^\s]+"],
            "max": int(data.get("max", 0) or 0),
            "ignorecase": ignorecase,
            "alpha": bool(data.get("alpha", False)),
            "adjacent": False,
            "exceptions": exceptions,
            "scope": scope,
        }
    if kind == "consistency":
        return {
            "either": {str(k): str(v) for k, v in (data.get("either") or {}).items()},
            "ignorecase": ignorecase,
            "nonword": bool(data.get("nonword", False)),
            "scope": scope,
            "per": "block",
        }
    if kind == "conditional":
        return {
            "first": str(data.get("first", "")),
            "second": str(data.get("second", "")),
            "where": "block",
            "ignorecase": ignorecase,
            "exceptions": exceptions,
            "scope": scope,
        }
    if kind == "capitalization":
        return {
            "match": str(data.get("match", "$sentence")),
            "style": str(data.get("style", "AP")),
            "exceptions": exceptions,
            "indicators": _strings(data.get("indicators")),
            "threshold": float(data.get("threshold", 0) or 0.8),
            "prefix": str(data.get("prefix", "") or ""),
            "scope": scope,
        }
    if kind == "metric":
        return {
            "formula": str(data.get("formula", "")),
            "condition": str(data.get("condition", "")),
        }
    raise ValueError(f"unknown kind '{kind}'")


def make_rule(name: str, data: dict, kinds: dict, accepted: list[str], path: Path) -> Rule:
    kind_name = str(data.get("extends", "")).strip()
    level = str(data.get("level", "suggestion")).lower()
    if level not in LEVEL_TO_NATIVE:
        raise RuleError(f"{path}: invalid rule {name}: level must be suggestion, warning or error")
    if kind_name not in kinds or kind_name not in PLACEHOLDERS:
        raise RuleError(f"{path}: invalid rule {name}: unknown extends '{kind_name}'")
    kind = kinds[kind_name]
    try:
        native = native_options(kind_name, data, accepted)
        options, prepared = resolve_options(kind, None, native, path.parent)
    except (ValueError, TypeError) as exc:
        raise RuleError(f"{path}: invalid rule {name}: {exc.args[0]}") from None
    message = str(data.get("message", ""))
    if kind_name == "substitution" and options["quote_choices"]:
        for spec in ("'%s'", '"%s"'):
            if message.count(spec) == 2:
                message = message.replace(spec, "%s", 1)
    docs = {"what": str(data.get("description") or data.get("message", ""))}
    if data.get("link"):
        docs["why"] = f"See {data['link']}"
    return Rule(
        id=name,
        kind=kind,
        level=LEVEL_TO_NATIVE[level],
        message=vale_message(message, kind_name),
        options=options,
        docs=docs,
        path=str(path),
        prepared=prepared,
    )


def builtin_rules(kinds: dict, vocab: Vocabulary) -> dict[str, Rule]:
    """The ``Vale`` style: Terms and Avoid from the vocabularies, and Repetition."""
    rules = {}
    here = Path("<builtin>")
    repetition = {
        "extends": "repetition",
        "level": "error",
        "message": "'%s' is repeated!",
        "alpha": True,
        "tokens": [r"[^\s]+"],
    }
    rules["Vale.Repetition"] = make_rule("Vale.Repetition", repetition, kinds, vocab.accept, here)
    if vocab.reject:
        avoid = {
            "extends": "existence",
            "level": "error",
            "message": "Avoid using '%s'.",
            "tokens": vocab.reject,
        }
        rules["Vale.Avoid"] = make_rule("Vale.Avoid", avoid, kinds, [], here)
    if vocab.accept:
        kind = kinds["terms"]
        options, prepared = resolve_options(kind, None, {"terms": vocab.accept}, Path.cwd())
        rules["Vale.Terms"] = Rule(
            id="Vale.Terms",
            kind=kind,
            level="error",
            message="Use '{expected}' instead of '{observed}'.",
            options=options,
            docs={"what": "Accepted vocabulary terms must be written as accepted."},
            path=str(here),
            prepared=prepared,
        )
    return rules


def read_vocab(styles_path: Path | None, names: list[str]) -> Vocabulary:
    vocab = Vocabulary()
    for name in names:
        folders = []
        if styles_path is not None:
            folders = [
                styles_path / "config" / "vocabularies" / name,
                styles_path / "Vocab" / name,
            ]
        folder = next((f for f in folders if f.is_dir()), None)
        if folder is None:
            raise ConfigError(f"Vocab '{name}' not found in {styles_path}")
        for file_name, into in (("accept.txt", vocab.accept), ("reject.txt", vocab.reject)):
            path = folder / file_name
            if path.is_file():
                try:
                    lines = path.read_text(encoding="utf-8-sig").splitlines()
                except (OSError, UnicodeDecodeError) as exc:
                    reason = exc.reason if isinstance(exc, UnicodeDecodeError) else exc.strerror
                    raise ConfigError(f"{path}: cannot read: {reason or exc}") from None
                into.extend(s.strip() for s in lines if s.strip() and not s.startswith("#"))
    return vocab


def load_styles(
    styles_path: Path | None, names: set[str], kinds: dict, vocab: Vocabulary, root: Path
) -> Library:
    """Load the named styles (``Vale`` is built in) into a Library of native rules."""
    library = Library()
    if "Vale" in names:
        builtin = builtin_rules(kinds, vocab)
        library.rules.update(builtin)
        library.styles["Vale"] = sorted(builtin)
        library.notes.append("Vale.Spelling: 'spelling' rules are not supported; skipped")
    for style in sorted(names - {"Vale"}):
        folder = styles_path / style if styles_path is not None else None
        if folder is None or not folder.is_dir():
            raise ConfigError(f"style '{style}' not found in StylesPath ({styles_path})")
        library.styles[style] = []
        files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
        for path in files:
            name = f"{style}.{path.stem}"
            data = read_yaml(path, RuleError)
            if not isinstance(data, dict):
                raise RuleError(f"{path}: invalid rule {name}: expected a mapping")
            extends = str(data.get("extends", ""))
            if extends in UNSUPPORTED:
                library.notes.append(f"{name}: '{extends}' rules are not supported; skipped")
                continue
            library.rules[name] = make_rule(name, data, kinds, vocab.accept, path)
            library.styles[style].append(name)
            if isinstance(data.get("limit"), int) and data["limit"] > 0:
                library.limits[name] = data["limit"]
            link, description = data.get("link") or "", data.get("description") or ""
            library.links[name] = (str(link), str(description))
    return library
