"""Loading Vale styles: each ``StylesPath/<Style>/<Rule>.yml`` becomes a native Rule.

A Vale rule's ``extends:`` picks the native kind (existence, substitution, occurrence,
repetition, consistency, conditional, capitalization, metric; ``readability`` runs as a
metric formula, ``spelling`` as the Vale layer's own kind); its keys become the kind's
options, its message's Go verbs the kind's message arguments, and its level (suggestion,
warning, error) the lintnews level (info, warning, error). Style files are read as Go's YAML
reads them (``goyaml``). The built-in ``Vale`` style provides ``Vale.Terms`` and
``Vale.Avoid`` (from the vocabularies), ``Vale.Repetition`` and ``Vale.Spelling``. A rule
lintnews cannot run (``sequence``, ``script``, ``lt``, a dictionary it cannot find) is
skipped, and the skipped rules are named in one note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import regexcache
from ..errors import ConfigError, RuleError
from ..ruleset import Rule, resolve_options
from ..scopes import KNOWN_ROOTS
from .filters import fields as filter_fields
from .goyaml import read_style_yaml
from .spelling import SYSTEM_FOLDERS, DictionaryMissing, find_dictionary

LEVEL_TO_NATIVE = {"suggestion": "info", "warning": "warning", "error": "error"}
NATIVE_TO_LEVEL = {v: k for k, v in LEVEL_TO_NATIVE.items()}
#: kinds lintnews does not run: a rule of them is skipped (named in one note)
UNSUPPORTED = {
    "sequence": "needs a part-of-speech tagger",
    "script": "runs code",
    "lt": "needs LanguageTool",
}
#: Vale's readability metrics as formulas of the metric kind's counts
READABILITY = {
    "Flesch-Kincaid": "0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59",
    "Gunning Fog": "0.4 * ((words / sentences) + 100 * (complex_words / words))",
    "Coleman-Liau": (
        "0.0588 * (characters / words * 100) - 0.296 * (sentences / words * 100) - 15.8"
    ),
    "SMOG": "1.043 * sqrt(polysyllabic_words * 30 / sentences) + 3.1291",
    "Automated Readability": ("4.71 * (characters / words) + 0.5 * (words / sentences) - 21.43"),
}


_DICTIONARY_NAME = regexcache.compile(r"[\w][\w.-]*")


class Unsupported(Exception):
    """A rule lintnews cannot run: skipped, and named in the run's note."""


#: message arguments filled in for the n-th ``%s`` of a Vale message, per kind
PLACEHOLDERS = {
    "existence": ["match"],
    "substitution": ["expected", "observed"],
    "occurrence": ["count"],
    "repetition": ["match"],
    "consistency": ["match"],
    "conditional": ["match"],
    "capitalization": ["text", "expected"],
    "metric": ["value"],
    "readability": ["value"],
    "terms": ["expected", "observed"],
    "spelling": ["match"],
}
_PLACEHOLDER = regexcache.compile(r"%%|%[-+# 0-9.]*[a-zA-Z]")


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
    #: per rule: its definition's fields as ``--filter`` reads them (filters.fields)
    fields: dict[str, dict] = field(default_factory=dict)


def vale_message(message: str, kind: str) -> str:
    """A Vale message (Go's ``fmt`` verbs) as a ``str.format`` template of the kind's
    arguments, filled as Vale fills it: every argument is a string (a count too), one empty
    string follows them, and extra arguments are dropped. ``%s`` and ``%v`` take the next
    argument, ``%q`` quotes it; any other verb prints as Go prints a string under it
    (``%!d(string=3)``), and a verb past the arguments as ``%!s(MISSING)``."""
    names = iter([*PLACEHOLDERS.get(kind, []), ""])
    escaped = message.replace("{", "{{").replace("}", "}}")

    def place(m):
        verb = m.group()
        if verb == "%%":
            return "%"
        name = next(names, None)
        if name is None:
            return f"%!{verb[-1]}(MISSING)"
        value = "{" + name + "}" if name else ""
        if verb[-1] in "sv":
            return value
        if verb[-1] == "q":
            return f'"{value}"'
        return f"%!{verb[-1]}(string={value})"

    return _PLACEHOLDER.sub(place, escaped)


def _scope(value: Any) -> list[str]:
    """Vale scopes as lintnews scopes; a name lintnews does not know is a front-matter key
    (``title``, ``description``)."""
    if value is None:
        return ["text"]
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        for part in str(item).split("&"):
            part = part.strip()
            if part.endswith((".md", ".txt")):
                part = part.rsplit(".", 1)[0]
            part = {"li": "list"}.get(part, part)
            negated, name = part.startswith("~"), part.lstrip("~")
            if name and name.split(".")[0] not in KNOWN_ROOTS:
                name = f"front_matter.{name}"
            out.append(("~" if negated else "") + name)
    return out


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items]


@dataclass(frozen=True)
class Places:
    """Where a style's files may be: the project (the config's folder), StylesPath, and the
    system's dictionary folders (``/usr/share/hunspell``, ``/usr/share/myspell``)."""

    root: Path
    styles_path: Path | None = None

    def inside(self, path: Path) -> bool:
        """True for a path in the project, StylesPath or the system's dictionary folders."""
        path = path.resolve()
        roots = [self.root, *SYSTEM_FOLDERS]
        if self.styles_path:
            roots.append(self.styles_path)
        return any(path.is_relative_to(r.resolve()) for r in roots)

    def find(self, name: str, *subfolders: str, folder: bool = False) -> Path | None:
        """A file (or folder) a rule names, as Vale looks for it: from the project, in
        StylesPath, then in StylesPath's ``subfolders``; None when none is in the project."""
        candidates = [self.root / name]
        if self.styles_path is not None:
            candidates.insert(0 if folder else 1, self.styles_path / name)
            candidates += [self.styles_path / sub / name for sub in subfolders]
        for path in candidates:
            if (path.is_dir() if folder else path.is_file()) and self.inside(path):
                return path
        return None

    def ignore_files(self) -> list[Path]:
        """``StylesPath/config/ignore/*``: the word lists ``Vale.Spelling`` ignores."""
        folder = self.styles_path / "config" / "ignore" if self.styles_path else None
        if folder is None or not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and self.inside(p))


def spelling_options(
    data: dict, accepted: list[str], places: Places, name: str = ""
) -> dict[str, Any]:
    """The options of a Vale ``spelling`` rule: its dictionaries found, its ignore files read."""
    folders = []
    if data.get("dicpath"):
        folder = places.find(str(data["dicpath"]), folder=True)
        if folder is None:
            raise Unsupported(f"dicpath '{data['dicpath']}' is not a folder of the project")
        folders.append(folder)
    if places.styles_path is not None:
        folders += [places.styles_path / "config" / "dictionaries", places.styles_path]
    found: list[Path] = []
    if data.get("dic") and data.get("aff"):
        dic, aff = places.find(str(data["dic"])), places.find(str(data["aff"]))
        if dic is None or aff is None:
            raise Unsupported(f"dictionary '{data['dic']}' not found")
        if dic.with_suffix("") != aff.with_suffix(""):
            raise Unsupported("'dic' and 'aff' must name one dictionary")
        found.append(dic.with_suffix(""))
    else:
        names = _strings(data.get("dictionaries")) or ["en_US"]
        if data.get("dictionaries") and data.get("append"):
            names = ["en_US", *names]
        for dictionary in names:
            if not _DICTIONARY_NAME.fullmatch(dictionary):  # a name, not a path elsewhere
                raise Unsupported(f"invalid dictionary name '{dictionary}'")
            try:
                found.append(find_dictionary(dictionary, folders))
            except DictionaryMissing:
                missing = f"no Hunspell dictionary '{dictionary}' (.dic/.aff) found"
                raise Unsupported(missing) from None
    ignored: list[str] = []
    if name == "Vale.Spelling":
        files: list[Path | None] = list(places.ignore_files())
    else:
        files = [places.find(f, "config/ignore") for f in _strings(data.get("ignore"))]
    for path in files:
        if path is None:
            continue  # as Vale: a missing ignore file is no error
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            raise Unsupported(f"cannot read ignore file '{path.name}'") from None
        ignored += [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    vocab_on = data.get("vocab", True) is not False
    return {
        "dictionaries": [str(f) for f in found],
        "filters": _strings(data.get("filters")),
        "custom": bool(data.get("custom", False)),
        "ignored": ignored,
        "exceptions": accepted if vocab_on else [],
        "scope": _scope(data.get("scope")),
    }


def readability_options(data: dict) -> dict[str, Any]:
    metrics = _strings(data.get("metrics"))
    unknown = [m for m in metrics if m not in READABILITY]
    if not metrics or unknown:
        raise ValueError(f"unknown readability metric '{(unknown or [''])[0]}'")
    formulas = " + ".join(f"({READABILITY[m]})" for m in metrics)
    return {
        "formula": f"({formulas}) / {len(metrics)}",
        "condition": f"> {float(data.get('grade', 0) or 0)!r}",
    }


#: the lintnews kind that runs each Vale kind (the others run as the kind of their name)
NATIVE_KIND = {"spelling": "vale-spelling", "readability": "metric"}


def native_options(
    kind: str, data: dict, accepted: list[str], places: Places | None = None, name: str = ""
) -> dict[str, Any]:
    """The native options of a Vale rule (``data`` is its YAML mapping)."""
    if kind == "spelling":
        return spelling_options(data, accepted, places or Places(Path.cwd()), name)
    if kind == "readability":
        return readability_options(data)
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
            "groups": "any",
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


def make_rule(
    name: str, data: dict, kinds: dict, accepted: list[str], path: Path, places=None
) -> Rule:
    """The native rule of a Vale rule; Unsupported when lintnews cannot run it."""
    kind_name = str(data.get("extends", "")).strip()
    level = str(data.get("level", "suggestion")).lower()
    if level not in LEVEL_TO_NATIVE:
        raise RuleError(f"{path}: invalid rule {name}: level must be suggestion, warning or error")
    if kind_name in UNSUPPORTED:
        raise Unsupported(f"'{kind_name}' {UNSUPPORTED[kind_name]}")
    native_name = NATIVE_KIND.get(kind_name, kind_name)
    if native_name not in kinds or kind_name not in PLACEHOLDERS:
        raise Unsupported(f"unknown extends '{kind_name}'")
    kind = kinds[native_name]
    try:
        native = native_options(kind_name, data, accepted, places, name)
        options, prepared = resolve_options(kind, None, native, path.parent)
    except (ValueError, TypeError) as exc:
        raise Unsupported(str(exc.args[0])) from None
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


def builtin_rules(
    kinds: dict, vocab: Vocabulary, places: Places | None = None, skipped: list | None = None
) -> dict[str, Rule]:
    """The ``Vale`` style: Terms and Avoid from the vocabularies, Repetition, and Spelling
    (with an en_US dictionary from the styles or the system; named in ``skipped`` without)."""
    rules = {}
    here = Path("<builtin>")
    spelling = {
        "extends": "spelling",
        "level": "error",
        "message": "Did you really mean '%s'?",
    }
    try:
        rules["Vale.Spelling"] = make_rule(
            "Vale.Spelling", spelling, kinds, vocab.accept, here, places
        )
    except Unsupported as exc:
        if skipped is not None:
            skipped.append(("Vale.Spelling", str(exc)))
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
        # one spelling per term: a later vocabulary's ("Definately") wins over an earlier one's
        terms = list({term.lower(): term for term in vocab.accept}.values())
        options, prepared = resolve_options(kind, None, {"terms": terms}, Path.cwd())
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
    """Load the named styles (``Vale`` is built in) into a Library of native rules.

    A rule lintnews cannot run (a kind it lacks, options it cannot honour, a dictionary it
    cannot find) is skipped, and the skipped rules are named in one note.
    """
    library = Library()
    places = Places(root, styles_path)
    skipped: list[tuple[str, str]] = []
    if "Vale" in names:
        builtin = builtin_rules(kinds, vocab, places, skipped)
        library.rules.update(builtin)
        for name in builtin:
            extends = {"Vale.Terms": "substitution", "Vale.Avoid": "existence"}.get(
                name, name.split(".")[1].lower()
            )
            library.fields[name] = filter_fields(name, {"extends": extends, "level": "error"})
        library.styles["Vale"] = sorted(builtin)
    for style in sorted(names - {"Vale"}):
        folder = styles_path / style if styles_path is not None else None
        if folder is None or not folder.is_dir():
            raise ConfigError(f"style '{style}' not found in StylesPath ({styles_path})")
        library.styles[style] = []
        files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
        for path in files:
            name = f"{style}.{path.stem}"
            data = read_style_yaml(path, RuleError)
            if not isinstance(data, dict):
                raise RuleError(f"{path}: invalid rule {name}: expected a mapping")
            try:
                library.rules[name] = make_rule(name, data, kinds, vocab.accept, path, places)
            except Unsupported as exc:
                skipped.append((name, str(exc)))
                continue
            library.styles[style].append(name)
            if isinstance(data.get("limit"), int) and data["limit"] > 0:
                library.limits[name] = data["limit"]
            link, description = data.get("link") or "", data.get("description") or ""
            library.links[name] = (str(link), str(description))
            library.fields[name] = filter_fields(name, data)
    if skipped:
        listed = "; ".join(f"{name} ({why})" for name, why in skipped)
        library.notes.append(f"skipped {len(skipped)} rule(s) lintnews cannot run: {listed}")
    return library
