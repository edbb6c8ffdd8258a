"""``house-style``: names written the way the newsroom's style sheet says.

A style sheet is a YAML file named by the rule's ``dictionaries`` option (paths relative to
the rule or config file that names them)::

    language: es                   # default scope of the entries (optional)
    imports: [agency.yaml]         # other sheets, relative to this one
    ignore: [Kyiv]                 # imported entries to drop (by id or expected form)
    entries:
      - expected: Dmitri Peskov    # the preferred form (also the entry's name)
        id: peskov                 # optional name used by ``ignore``
        variants: [Dmitry Peskov]  # literal forms it replaces
        patterns: ['Dmitr(?:y|ii?|iy) Peskov']   # regular expressions it replaces
        note: Fundéu transliteration
        languages: [es]            # overrides the file's scope
        ignore_case: false
        tests:                     # self-tests, run when the sheet loads
          - {from: "Dmitry Peskov dijo", to: "Dmitri Peskov dijo"}
          - "el portavoz Dmitri Peskov -> el portavoz Dmitri Peskov"

A path ``builtin:house-style/es.yaml`` names a sheet shipped with lintnews (in
``dictionaries`` and ``imports``). Entries may also be given inline in the rule's ``entries``
option. A match must stand as a whole word: no letter (accented ones included), digit or
hyphen-joined word may touch either end, so "Jong" never matches inside "Jong-un"; patterns
may contain hyphens. Words of handles, hashtags and addresses are left alone. Every
replacement is a safe fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import regex

from ... import prefilter, regexcache
from ...document import Span
from ...errors import LintnewsError
from ...findings import Fix, Hit
from ...patterns import UserPattern
from ...records import frozen
from ...yamlload import read_yaml
from ..base import Context, Options, RuleKind, folder_of, option, options_dataclass
from .quotations import unless_quoted


@options_dataclass
class HouseStyleOptions(Options):
    dictionaries: list[str] = option([], "style sheet files, relative to the rule file", path=True)
    entries: list[dict] = option([], "entries given inline, as in a style sheet")


_ENTRY_KEYS = {
    "expected",
    "id",
    "variants",
    "patterns",
    "note",
    "languages",
    "ignore_case",
    "tests",
}
BUILTIN = "builtin:"
_SHEET_KEYS = {"language", "languages", "imports", "ignore", "entries"}
_BEFORE = r"(?<![\p{L}\p{M}\p{N}_@#/]|[\p{L}\p{M}\p{N}]-)"
_AFTER = r"(?![\p{L}\p{M}\p{N}_/]|-[\p{L}\p{M}\p{N}])"


@frozen
class Entry:
    """One entry of the style sheet: the preferred form and the pattern of others."""

    name: str
    expected: str
    pattern: Any  # compiled regex
    note: str
    languages: tuple[str, ...]
    source: str

    def applies_to(self, language: str) -> bool:
        return not self.languages or language in self.languages

    def apply(self, text: str) -> str:
        return self.pattern.sub(
            lambda m: self.expected if m.group() != self.expected else m.group(), text
        )


def prepare_house_style(options: HouseStyleOptions, base_dir: Path) -> tuple[Entry, ...]:
    """Read the sheets, check every entry and run its self-tests (ValueError on a failure);
    the entries, the sheets' first, are what checks get (``ctx.prepared``)."""
    paths = [str(_resolve(folder_of(p, base_dir), p)) for p in options["dictionaries"]]
    entries: dict[str, Entry] = {}
    read: dict[Path, list[Entry]] = {}  # a sheet imported twice is read once
    for path in paths:
        for entry in _read_sheet(Path(path), (), read):
            entries[entry.name] = entry
    for raw in options["entries"]:
        entry = _entry(raw, (), "options.entries")
        entries[entry.name] = entry
    _no_cycle(tuple(entries.values()))
    return tuple(entries.values())


def _no_cycle(entries: tuple[Entry, ...]) -> None:
    """Entries whose fixes undo each other (Kiev -> Kyiv and Kyiv -> Kiev, or a longer
    cycle once imports are merged) would make ``--fix`` flip a draft forever: an error
    naming them. An entry rewrites another's expected form when its pattern changes it."""
    rewriters = _rewriters(entries)
    after = {
        e.name: [
            o.name
            for o in rewriters(e.expected)
            if o is not e and _shared_language(e, o) and o.apply(e.expected) != e.expected
        ]
        for e in entries
    }
    by_name = {e.name: e for e in entries}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for e in entries:
        if e.name in state:
            continue
        # depth first without recursion (a chain of thousands of entries is no error)
        path: list[str] = [e.name]
        todo = [iter(after[e.name])]
        state[e.name] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                described = " -> ".join(
                    f"'{by_name[n].expected}' ({by_name[n].source})" for n in cycle[:-1]
                )
                raise ValueError(
                    f"style sheet entries contradict each other: {described} -> "
                    f"'{by_name[cycle[0]].expected}' again (each rewrites the next one's form)"
                )
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(after[nxt]))


def _rewriters(entries: tuple[Entry, ...]):
    """``rewriters(text)``: the entries whose pattern may match ``text``, in sheet order: those
    with a literal every match needs (``prefilter``) whose rarest three letters (among all
    the sheet's literals) ``text`` holds, and those without one. A sheet of thousands of
    entries is not tried entry by entry against each expected form."""
    literals: list[tuple[int, list[str]]] = []  # entry -> its clause's literals, folded
    always: list[int] = []
    for i, entry in enumerate(entries):
        needs = entry.pattern.needs()
        clause = prefilter.best(needs) if needs else ()  # a literal of it in every match
        folded = [prefilter.fold(x) for x, _ in clause]
        if not folded or any(len(x) < 3 for x in folded):
            always.append(i)
        else:
            literals.append((i, folded))
    counts: Counter = Counter(t for _, lits in literals for x in lits for t in _threes(x))
    index: dict[str, list[int]] = defaultdict(list)  # three letters -> entries
    for i, lits in literals:
        for x in lits:
            index[min(_threes(x), key=counts.__getitem__)].append(i)

    def rewriters(text: str) -> list[Entry]:
        found = set(always)
        for three in _threes(prefilter.fold(text)):
            found.update(index.get(three, ()))
        return [entries[i] for i in sorted(found)]

    return rewriters


def _threes(text: str) -> set[str]:
    return {text[at : at + 3] for at in range(len(text) - 2)}


def _shared_language(a: Entry, b: Entry) -> bool:
    return not a.languages or not b.languages or bool(set(a.languages) & set(b.languages))


def _resolve(folder: Path, name: str) -> Path:
    """``name`` relative to ``folder``; ``builtin:PATH`` is inside lintnews' own rules. A
    sheet resolves into the folders a rule's files may come from (the project, the built-in
    and the plugins' rules: ``ruleset.CONFINED_TO``), a ``builtin:`` one into the built-in
    rules, after links: a repository's sheet never makes lintnews read another file."""
    from ...ruleset import CONFINED_TO

    if name.startswith(BUILTIN):
        from ...plugin.builtin import builtin_rules_dir

        roots: tuple[Path, ...] | None = (builtin_rules_dir().resolve(),)
        path = (roots[0] / name[len(BUILTIN) :].lstrip("/\\")).resolve()
    else:
        roots = CONFINED_TO.get()
        path = (folder / name).resolve()
    if roots is not None and not any(path.is_relative_to(root) for root in roots):
        raise ValueError(f"style sheet '{name}' is outside the project")
    return path


#: most style sheets one rule's sheets may read, imports included
MAX_SHEETS = 256


def _read_sheet(path: Path, stack: tuple[Path, ...], read: dict) -> list[Entry]:
    if path in stack:
        raise ValueError(f"style sheet {path} imports itself")
    if path in read:
        return read[path]
    if len(read) >= MAX_SHEETS:
        raise ValueError(f"style sheet {path}: more than {MAX_SHEETS} sheets imported")
    read[path] = found = _sheet_entries(path, stack, read)
    return found


def _sheet_entries(path: Path, stack: tuple[Path, ...], read: dict) -> list[Entry]:
    try:
        data = read_yaml(path, LintnewsError) or {}
    except (LintnewsError, OSError) as exc:
        raise ValueError(f"cannot read style sheet: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"style sheet {path}: expected a mapping")
    unknown = set(data) - _SHEET_KEYS
    if unknown:
        raise ValueError(f"style sheet {path}: unknown key '{sorted(unknown)[0]}'")
    scope = data.get("languages") or ([data["language"]] if data.get("language") else [])
    found: dict[str, Entry] = {}
    for name in _strings(data.get("imports"), path, "imports"):
        for entry in _read_sheet(_resolve(path.parent, name), (*stack, path), read):
            found[entry.name] = entry
    for name in _strings(data.get("ignore"), path, "ignore"):
        if found.pop(name, None) is None:
            for key in [k for k, e in found.items() if e.expected == name]:
                del found[key]
    raw_entries = data.get("entries") or []
    if not isinstance(raw_entries, list):
        raise ValueError(f"style sheet {path}: 'entries' must be a list")
    for raw in raw_entries:
        entry = _entry(raw, tuple(scope), str(path))
        found[entry.name] = entry
    return list(found.values())


def _strings(value, path: Path, key: str) -> list[str]:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"style sheet {path}: '{key}' must be a list of strings")
    return value


def _entry(raw: Any, scope: tuple[str, ...], source: str) -> Entry:
    if not isinstance(raw, dict) or not isinstance(raw.get("expected"), str):
        raise ValueError(f"{source}: each entry needs an 'expected' form")
    name = str(raw.get("id") or raw["expected"])
    where = f"{source}: entry '{name}'"
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key '{sorted(unknown)[0]}'")
    variants = raw.get("variants") or []
    patterns = raw.get("patterns") or []
    if not all(isinstance(v, str) and v for v in [*variants, *patterns]):
        raise ValueError(f"{where}: variants and patterns must be lists of strings")
    if not variants and not patterns:
        raise ValueError(f"{where}: needs 'variants' or 'patterns'")
    alternatives = [regex.escape(v) for v in variants] + [f"(?:{p})" for p in patterns]
    flags = regex.V1 | (regex.IGNORECASE if raw.get("ignore_case") else 0)
    try:
        pattern = UserPattern(f"{_BEFORE}(?:{'|'.join(alternatives)}){_AFTER}", flags)
    except ValueError as exc:
        raise ValueError(f"{where}: bad pattern: {exc}") from None
    languages = raw.get("languages", list(scope)) or []
    entry = Entry(
        name, raw["expected"], pattern, str(raw.get("note") or ""), tuple(languages), source
    )
    for spec in raw.get("tests") or []:
        before, after = _spec(spec, where)
        got = entry.apply(before)
        if got != after:
            raise ValueError(f"{where}: self-test failed: '{before}' gives '{got}', not '{after}'")
    return entry


def _spec(spec: Any, where: str) -> tuple[str, str]:
    if isinstance(spec, str) and " -> " in spec:
        before, after = spec.split(" -> ", 1)
        return before, after
    if (
        isinstance(spec, dict)
        and isinstance(spec.get("from"), str)
        and isinstance(spec.get("to"), str)
    ):
        return spec["from"], spec["to"]
    raise ValueError(f"{where}: a test is 'FROM -> TO' or {{from: FROM, to: TO}}")


def check_house_style(ctx: Context):
    entries = [e for e in ctx.prepared if e.applies_to(ctx.doc.language)]
    if not entries:
        return
    for block in ctx.doc.blocks:
        if not block.is_prose:
            continue
        matches = []
        for entry in entries:
            for m in entry.pattern.finditer(block.prose):
                if m.group() != entry.expected:
                    matches.append((m.start(), m.end(), entry, m.group()))
        end = -1
        for start, stop, entry, found in sorted(matches, key=lambda x: (x[0], -x[1])):
            if start < end:
                continue
            end = stop
            span = Span(block.span.start + start, block.span.start + stop)
            note = f" ({entry.note})" if entry.note else ""
            # inside a quotation, words are the speaker's: no fix; inside a longer name (a
            # title: "The Kyiv Independent", "El Kyiv Post"), a fix an editor confirms
            fix = unless_quoted(ctx.doc, Fix(span, entry.expected, safe=True))
            if fix is not None and _in_longer_name(block.prose, start, stop):
                fix = Fix(span, entry.expected, safe=False)
            yield Hit(
                span,
                {"found": found, "expected": entry.expected, "note": note, "entry": entry.name},
                fix=fix,
            )


#: a capitalised word right after a match: the match is part of a longer name
_NAME_AFTER = regexcache.compile(r"[ \t]+\p{Lu}")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """The words at ``start:end`` open a longer name ("Kyiv Post", "El Kyiv Independent"):
    a capitalised word follows them. (One before them says nothing: a given name, a title,
    a sentence's first word.)"""
    return bool(_NAME_AFTER.match(text, end))


KIND = RuleKind(
    "house-style",
    check_house_style,
    HouseStyleOptions,
    "A name written otherwise than the newsroom's style sheet says.",
    fixes="safe",
    prepare=prepare_house_style,
)
