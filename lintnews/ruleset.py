"""Loading YAML rules, validating them against their kind's schema, and selecting them.

A rule file (one rule per file)::

    id: stray-caption          # kebab-case
    kind: caption              # a rule kind registered through lintnews_rule_kinds
    level: warning             # error | warning | info
    enabled: true              # false: off unless a config or preset turns it on
    languages: [es, en]        # omitted or empty: every language
    message: "Stray caption: {text}"   # or per language: {en: ..., es: ...}, each a
                                       # template or a list (the first one the finding fills)
    detail: "{reason}"         # optional: the technical detail (--verbose, JSON, SARIF)
    options: {...}             # validated against the kind's option schema
    docs: {what: ..., why: ..., fail: ..., pass: ...}
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
from contextvars import ContextVar
from dataclasses import field
from pathlib import Path
from typing import Any

import regex

from . import regexcache
from .errors import RuleError, did_you_mean
from .files import confined
from .findings import LEVELS
from .kinds.base import FileName, Options, RuleKind, check_type, type_name
from .language import Language, load_languages
from .records import frozen
from .yamlload import line_of, read_yaml

RULE_ID = regexcache.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RULE_KEYS = {"id", "kind", "level", "enabled", "languages", "message", "detail", "options", "docs"}
#: the language whose message template is used when the draft's language has none
FALLBACK_LANGUAGE = "en"
DOC_SECTIONS = ("what", "why", "fail", "pass")


@frozen
class Rule:
    """One loaded rule: its kind, checked options, level, languages, message and docs."""

    id: str
    kind: RuleKind
    level: str
    #: the message template when the draft's language has none in ``messages`` (English)
    message: str
    #: the options as the user set them (the kind's Options dataclass)
    options: Any
    languages: tuple[str, ...] = ()
    enabled: bool = True
    docs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    path: str = ""
    #: what the kind's ``prepare`` made of the options, once (``ctx.prepared``)
    prepared: Any = field(default=None, compare=False, hash=False, repr=False)
    #: the message catalogue: language code -> templates, the first one the finding's
    #: values fill is used (a rule whose ``message`` is one text has none)
    messages: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: the technical detail's template (scores, measures: --verbose, JSON, SARIF)
    detail: str = ""

    @property
    def description(self) -> str:
        """The docs' first clause, at most 90 characters: one line of `lintnews rules`."""
        what = " ".join((self.docs.get("what", "") or self.kind.description).split())
        first = regex.split(r"(?<=\w)[.:;](?:\s|$)|\s\(", what, maxsplit=1)[0].rstrip(". ")
        return first if len(first) <= 90 else first[:89].rsplit(" ", 1)[0] + "…"

    def applies_to(self, language: str) -> bool:
        return not self.languages or language in self.languages

    def format_message(self, args: dict[str, Any], language: str = "") -> str:
        """The message in the draft's language (else English, else ``message``): the first
        template of the catalogue whose placeholders the finding's values fill."""
        templates = (
            *self.messages.get(language, ()),
            *self.messages.get(FALLBACK_LANGUAGE, ()),
            self.message,
        )
        for template in templates:
            try:
                return template.format(**args)
            except (KeyError, IndexError, ValueError, AttributeError):
                continue
        return self.message

    def format_detail(self, args: dict[str, Any]) -> str:
        try:
            return self.detail.format(**args)
        except (KeyError, IndexError, ValueError, AttributeError):
            return ""

    def templates(self) -> list[str]:
        """Every message template of the rule, its detail's too."""
        return [self.message, *(t for ts in self.messages.values() for t in ts), self.detail]


@frozen
class RuleSet:
    """What a run lints with: enabled rules and language resources, resolved once."""

    rules: tuple[Rule, ...]
    languages: dict[str, Language]
    #: every rule, with the config's level, options and on/off applied
    available: tuple[Rule, ...] = ()
    #: run-wide resources handed to every check as ``ctx.resources`` (e.g. an archive index)
    resources: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def fingerprint(self) -> str:
        payload = [
            (r.id, r.kind.name, r.level, r.languages, r.message, r.options, r.prepared)
            + (sorted(r.messages.items()), r.detail)
            for r in self.rules
        ]
        text = json.dumps(payload, sort_keys=True, default=canonical)
        return hashlib.sha256(text.encode()).hexdigest()


def canonical(value: Any) -> Any:
    """A stable JSON stand-in for option values JSON cannot encode (sets, patterns...); a
    value with a ``fingerprint()`` (a kind's large prepared value) stands for itself."""
    fingerprint = getattr(value, "fingerprint", None)
    if callable(fingerprint) and not isinstance(value, type):
        return fingerprint()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if hasattr(value, "pattern"):
        return value.pattern
    if isinstance(value, tuple):
        return list(value)
    return regex.sub(r" at 0x[0-9a-f]+", "", repr(value))


def load_rules(folders: list[Path], kinds: dict[str, RuleKind]) -> list[Rule]:
    rules: dict[str, Rule] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            confined(path, folder, RuleError)
            rule = load_rule(path, kinds)
            if rule.id in rules:
                raise RuleError(
                    f"{path}: invalid rule: id '{rule.id}' already defined in {rules[rule.id].path}"
                )
            rules[rule.id] = rule
    return list(rules.values())


def load_rule(path: Path, kinds: dict[str, RuleKind]) -> Rule:
    data = read_yaml(path, RuleError)

    def fail(key: str | None, problem: str) -> RuleError:
        line = line_of(data, key) if key else None
        where = f"{path}:{line}" if line else str(path)
        return RuleError(f"{where}: invalid rule: {problem}")

    if not isinstance(data, dict):
        raise fail(None, "expected a mapping")
    for key in data:
        if key not in RULE_KEYS:
            raise fail(key, f"unknown key '{key}'")
    for key in ("id", "kind"):
        if not isinstance(data.get(key), str):
            raise fail(key if key in data else None, f"'{key}' must be a string")
    if not RULE_ID.match(data["id"]):
        raise fail("id", f"id '{data['id']}' is not kebab-case")
    kind = kinds.get(data["kind"])
    if kind is None:
        raise fail("kind", f"unknown kind '{data['kind']}' (known: {', '.join(sorted(kinds))})")
    level = data.get("level", "warning")
    if level not in LEVELS:
        raise fail("level", f"level must be one of {', '.join(LEVELS)}, not '{level}'")
    languages = data.get("languages") or []
    if not check_type(languages, ("list", str)):
        raise fail("languages", "'languages' must be a list of language codes")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled", "'enabled' must be true or false")
    docs = data.get("docs") or {}
    if not isinstance(docs, dict) or not all(isinstance(v, str) for v in docs.values()):
        raise fail("docs", "'docs' must map sections (what, why, fail, pass) to text")
    try:
        message, messages = parse_message(data.get("message"))
    except ValueError as exc:
        raise fail("message" if "message" in data else None, str(exc)) from None
    detail = data.get("detail", "")
    if not isinstance(detail, str):
        raise fail("detail", "'detail' must be a string")
    raw_options = data.get("options") or {}
    if not isinstance(raw_options, dict):
        raise fail("options", "'options' must be a mapping")
    try:
        options, prepared = resolve_options(kind, None, raw_options, path.parent)
    except ValueError as exc:
        key = exc.args[1] if len(exc.args) > 1 else "options"
        raise RuleError(
            f"{path}:{line_of(raw_options, key) or line_of(data, 'options')}: "
            f"invalid rule: {exc.args[0]}"
        ) from None
    return Rule(
        id=data["id"],
        kind=kind,
        level=level,
        message=message,
        options=options,
        languages=tuple(languages),
        enabled=enabled,
        docs=dict(docs),
        path=str(path),
        prepared=prepared,
        messages=messages,
        detail=detail,
    )


def parse_message(value: Any) -> tuple[str, dict[str, tuple[str, ...]]]:
    """A rule's ``message``: one template for every language, or a mapping of language
    codes to a template or a list of them. Returns the fallback template (English, else
    the first given) and the catalogue. Raise ValueError for a malformed one."""
    if isinstance(value, str):
        _fields(value)  # an unbalanced brace is an error now, not a raw message later
        return value, {}
    if not isinstance(value, dict) or not value:
        raise ValueError(
            "'message' must be a string or a mapping of language codes to messages (en: ...)"
        )
    messages: dict[str, tuple[str, ...]] = {}
    for code, templates in value.items():
        if isinstance(templates, str):
            templates = [templates]
        if (
            not isinstance(code, str)
            or not isinstance(templates, list)
            or not templates
            or not all(isinstance(t, str) and t.strip() for t in templates)
        ):
            raise ValueError(f"message for '{code}' must be a text or a list of texts")
        for template in templates:
            _fields(template)
        messages[code] = tuple(templates)
    fallback = messages.get(FALLBACK_LANGUAGE) or next(iter(messages.values()))
    return fallback[0], messages


def resolve_options(
    kind: RuleKind, base: Options | dict | None, given: dict[str, Any], base_dir: Path
) -> tuple[Options, Any]:
    """The kind's options: defaults, then ``base``, then ``given``; and what the kind's
    ``prepare`` makes of them.

    Raise ValueError(message, key) when invalid. ``base_dir`` is the folder of the file
    that set ``given``: a file name it sets is kept as a :class:`FileName` relative to it.
    """
    cls = kind.options
    specs = cls.specs()
    if base is None:
        values = {}
    elif isinstance(base, dict):  # what a kind of the dict contract prepared (see below)
        values = dict(base)
    else:
        values = {name: getattr(base, name) for name in specs}
    for key, value in given.items():
        spec = specs.get(key)
        if spec is None:
            known = ", ".join(sorted(specs)) or "none"
            raise ValueError(f"unknown option '{key}' for kind '{kind.name}' (known: {known})", key)
        if not check_type(value, spec.type):
            raise ValueError(f"option '{key}' must be {_article(type_name(spec.type))}", key)
        if spec.choices and value not in spec.choices:
            *most, last = map(str, spec.choices)
            allowed = f"{', '.join(most)} or {last}" if most else last
            raise ValueError(f"option '{key}' must be {allowed}", key)
        values[key] = _with_folder(value, base_dir, key) if spec.path else value
    options = cls(**{name: values[name] for name in specs if name in values})
    if kind.mapping:  # a kind of the dict contract: prepare reads and returns a dict, and
        # is given its own output again (with the config's changes) when a config overrides
        values = {**dict(options.items()), **values}
        return options, kind.prepare(values, base_dir) if kind.prepare is not None else values
    prepared = kind.prepare(options, base_dir) if kind.prepare is not None else None
    return options, prepared


#: the folders a file named by an option may resolve into, after links (None: anywhere). The
#: Runner sets it to the project, the built-in rules and the plugins' rule folders.
CONFINED_TO: ContextVar[tuple[Path, ...] | None] = ContextVar("CONFINED_TO", default=None)


def _with_folder(value: Any, folder: Path, key: str) -> Any:
    """File names (in lists too) as :class:`FileName`s that know the folder they came from."""
    if isinstance(value, str) and value:
        roots = CONFINED_TO.get()
        if roots is not None:
            try:
                path = (folder / value).resolve()
            except (OSError, RuntimeError):  # a link to itself, a loop of links
                what = f"option '{key}': file '{value}' cannot be resolved"
                raise ValueError(what, key) from None
            if not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"option '{key}': file '{value}' is outside the project", key)
        return FileName(value, folder)
    if isinstance(value, list):
        return [_with_folder(v, folder, key) for v in value]
    return value


def matches(rule_id: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(rule_id, p) for p in patterns)


def check_ids(patterns: list[str] | None, known, where: str) -> None:
    """Each of ``patterns`` (an id or a glob) names at least one of ``known``, or it is an
    error with the closest id: a typo must not lint nothing and pass."""
    for pattern in patterns or ():
        if any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in known):
            continue
        what = (
            f"'{pattern}' matches no rule"
            if any(c in pattern for c in "*?[")
            else (f"unknown rule '{pattern}'")
        )
        raise RuleError(f"{where}: {what}{did_you_mean(pattern, known)}")


def build_ruleset(
    folders: list[Path],
    kinds: dict[str, RuleKind],
    overrides: dict[str, Any],
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config_path: str = "config",
) -> RuleSet:
    """Load every rule, apply the config's per-rule overrides, then --select / --ignore.

    ``overrides`` maps a rule id to ``"off"``, a level, or ``{level, options, enabled}``.
    """
    available = load_rules(folders, kinds)
    by_id = {r.id: r for r in available}
    for rule_id in overrides:
        if rule_id not in by_id:
            line = line_of(overrides, rule_id)
            where = f"{config_path}:{line}" if line else config_path
            hint = did_you_mean(rule_id, by_id)
            raise RuleError(f"{where}: invalid config: unknown rule '{rule_id}' in 'rules'{hint}")
    enabled = []
    configured = [_override(r, overrides.get(r.id), overrides, config_path) for r in available]
    for rule in configured:
        on = matches(rule.id, select) if select else rule.enabled
        if ignore and matches(rule.id, ignore):
            on = False
        if on:
            enabled.append(rule)
    return RuleSet(tuple(enabled), load_languages(folders), tuple(configured))


def _override(rule: Rule, value: Any, overrides: dict, config_path: str) -> Rule:
    if value is None:
        return rule
    line = line_of(overrides, rule.id)
    where = f"{config_path}:{line}" if line else config_path
    if value is False or value == "off":
        return dataclasses.replace(rule, enabled=False)
    if value is True or value == "on":
        return dataclasses.replace(rule, enabled=True)
    if isinstance(value, str):
        if value not in LEVELS:
            raise RuleError(
                f"{where}: invalid config: rules.{rule.id} must be off, on, "
                f"{', '.join(LEVELS)} or a mapping, not '{value}'"
            )
        return dataclasses.replace(rule, level=value, enabled=True)
    if not isinstance(value, dict):
        raise RuleError(f"{where}: invalid config: rules.{rule.id} must be a level or a mapping")
    unknown = set(value) - {"level", "options", "enabled", "message"}
    if unknown:
        raise RuleError(
            f"{where}: invalid config: unknown key '{sorted(unknown)[0]}' in rules.{rule.id}"
        )
    level = value.get("level", rule.level)
    if level not in LEVELS:
        raise RuleError(
            f"{where}: invalid config: rules.{rule.id}.level must be one of {', '.join(LEVELS)}"
        )
    try:
        base_dir = Path(config_path).parent if config_path != "config" else Path.cwd()
        base = rule.prepared if rule.kind.mapping else rule.options
        given = value.get("options") or {}
        if not isinstance(given, dict):
            raise ValueError("'options' must be a mapping of option names")
        options, prepared = resolve_options(rule.kind, base, given, base_dir)
    except ValueError as exc:
        raise RuleError(f"{where}: invalid config: rules.{rule.id}: {exc.args[0]}") from None
    message, messages = rule.message, rule.messages
    if "message" in value:
        given = value["message"]
        if isinstance(given, str) and not given.strip():
            raise RuleError(f"{where}: invalid config: rules.{rule.id}.message must be a text")
        try:
            new, catalogue = parse_message(given)
        except ValueError as exc:
            raise RuleError(f"{where}: invalid config: rules.{rule.id}.message: {exc}") from None
        known = set().union(*map(_fields, rule.templates()))
        extra = set().union(_fields(new), *(_fields(t) for ts in catalogue.values() for t in ts))
        extra -= known
        if extra:
            gives = ", ".join(f"{{{name}}}" for name in sorted(known)) or "nothing"
            raise RuleError(
                f"{where}: invalid config: rules.{rule.id}.message uses {{{sorted(extra)[0]}}}, "
                f"which this rule does not give (it gives {gives})"
            )
        if catalogue:  # per language: the config's languages over the rule's own
            messages = {**rule.messages, **catalogue}
            if FALLBACK_LANGUAGE in catalogue:
                message = new  # else the rule's fallback stays (its one text, or English)
        else:  # one text: every language
            message, messages = new, {}
    return dataclasses.replace(
        rule,
        level=level,
        options=options,
        prepared=prepared,
        enabled=bool(value.get("enabled", True)),
        message=message,
        messages=messages,
    )


#: the widest a message's field may be padded or cut ("{text:>40}"): a repository's
#: template cannot make each finding megabytes long
MAX_FIELD_WIDTH = 1000
_WIDTHS = regexcache.compile(r"\d+")


def _fields(template: str) -> set[str]:
    """The names a message template fills (``{text}``, ``{line}``...); ValueError for a
    field padded or cut wider than ``MAX_FIELD_WIDTH``."""
    import string

    names = set()
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            names.add(name)
        if spec and any(int(n) > MAX_FIELD_WIDTH for n in _WIDTHS.findall(spec)):
            raise ValueError(f"field '{{{name}:{spec}}}' wider than {MAX_FIELD_WIDTH} characters")
    return names


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
