"""One Vale-compatible run: the config read once, styles loaded once, each file end to end.

text -> Document (lintnews parsers) -> ignores and skipped scopes masked -> the rules the
config's sections give this file -> findings -> inline ``<!-- vale -->`` comments ->
MinAlertLevel.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import regex

from .. import regexcache
from ..document import Block, Document
from ..engine import lint
from ..errors import ConfigError, LintnewsError
from ..findings import FileResult, level_rank
from ..language import load_languages
from ..parsers import blank, make_block, markdown
from ..parsers import text as plain
from ..plugin import manager
from ..plugin.builtin import builtin_rules_dir
from ..ruleset import Rule, RuleSet
from ..runner import collect_kinds, with_sentences
from ..scopes import INLINE
from . import directives, spelling
from .htmlprose import html_prose
from .ini import ValeConfig, glob_matches, parse
from .rendered import render
from .styles import LEVEL_TO_NATIVE, Library, load_styles, read_vocab

#: Vale lints in English unless a style says otherwise
LANGUAGE = "en"
MARKDOWN = {"md", "markdown", "mdown", "mkdn", "mkd", "mdwn", "mdx"}
TEXT = {"txt", "text"}
HTML = {"html", "htm", "xhtml"}
#: formats linted as rendered (markup gone), their markup in the source
MARKUP = frozenset({"md", "html"})
_SKIPPED_KINDS = {
    "blockquote": ("blockquote", 0),
    "table": ("table", 0),
    "li": ("list_item", 0),
    "ul": ("list_item", 0),
    "ol": ("list_item", 0),
    "list": ("list_item", 0),
    "heading": ("heading", 0),
    "img": ("image", 0),
    **{f"h{n}": ("heading", n) for n in range(1, 7)},
}
#: IgnoredScopes that name inline markup, as the scopes module finds it
_INLINE_SCOPES = {
    "strong": "strong",
    "b": "strong",
    "em": "emphasis",
    "i": "emphasis",
    "a": "link",
    "link": "link",
}


class Session:
    def __init__(
        self,
        config_path: Path,
        cwd: Path,
        min_level: str | None = None,
        ignore_syntax: bool = False,
        ext: str = ".txt",
        rule_filter=None,
    ):
        self.config: ValeConfig = parse(config_path)
        self.cwd = cwd
        self.min_level = min_level or self.config.min_level
        self.ignore_syntax = ignore_syntax
        #: --ext other than .txt: every file is read as that format (as Vale does)
        self.forced_ext = "" if ext in ("", ".txt") else ext
        self.notes: list[str] = []
        # the toolkit of a lintnews run, without a run: plugins, kinds, languages
        self.plugins = manager.build()
        self.kinds = {**collect_kinds(self.plugins), spelling.KIND.name: spelling.KIND}
        self.languages = load_languages([builtin_rules_dir()])
        english = self.languages.get(LANGUAGE)
        self.abbreviations = english.abbreviations if english else frozenset()
        self.library = self._load()
        #: the rules Vale's --filter keeps (filters.compile_filter over each rule's fields)
        self.kept: set[str] | None = None
        if rule_filter is not None:
            self.kept = {n for n, f in self.library.fields.items() if rule_filter(f)}
        self._rulesets: dict[tuple, RuleSet] = {}

    def _load(self) -> Library:
        cfg = self.config
        packages = set()
        for package in cfg.packages:
            name = package.rstrip("/").rsplit("/", 1)[-1].removesuffix(".zip")
            packages.add(name)
            if not (cfg.styles_path and (cfg.styles_path / name).is_dir()):
                self.notes.append(f"package '{name}' is unavailable: lintnews does not download")
        names: set[str] = set()
        for section in cfg.sections:
            names.update(section.based_on or [])
            names.update(key.split(".")[0] for key in section.checks)
        if cfg.styles_path is None and names - {"Vale"} - packages:
            raise ConfigError("E100 [loadStyles] Runtime error: StylesPath is not set")
        available = {
            n for n in names if n == "Vale" or (cfg.styles_path and (cfg.styles_path / n).is_dir())
        }
        based = {n for s in cfg.sections for n in (s.based_on or [])}
        missing = sorted(based - available - packages)
        if missing:
            raise ConfigError(f"E100 [loadStyles] style '{missing[0]}' not found in StylesPath")
        vocab = read_vocab(cfg.styles_path, cfg.vocab)
        library = load_styles(cfg.styles_path, available, self.kinds, vocab, cfg.root)
        self.notes += library.notes
        return library

    # -- what applies to a file ------------------------------------------------------------

    def format_of(self, path: str) -> str | None:
        ext = (self.forced_ext or Path(path).suffix).lstrip(".").lower()
        ext = self.config.formats.get(ext, ext)
        if ext in MARKDOWN:
            return "txt" if self.ignore_syntax else "md"
        if ext in TEXT:
            return "txt"
        if ext in HTML:
            return "txt" if self.ignore_syntax else "html"
        return None

    def _sections(self, path: str):
        cfg = self.config
        glob_all = [s for s in cfg.sections if s.glob == "*"]
        specific = [
            s for s in cfg.sections if s.glob != "*" and glob_matches(s.glob, path, self.cwd)
        ]
        return glob_all, specific

    def rules_for(self, path: str) -> tuple[Rule, ...]:
        glob_all, specific = self._sections(path)
        based = None
        for section in specific:  # the last matching section that sets styles wins
            if section.based_on is not None:
                based = section.based_on
        if based is None:
            based = [n for s in glob_all for n in (s.based_on or [])]
        levels: dict[str, str | None] = {}
        for style in based:
            for name in self.library.styles.get(style, []):
                levels[name] = None
        for section in [*glob_all, *specific]:
            for key, setting in section.checks.items():
                names = [key] if key in self.library.rules else self.library.styles.get(key, [])
                for name in names:
                    if setting == "NO":
                        levels.pop(name, None)
                    elif setting == "YES":
                        levels.setdefault(name, None)
                    else:
                        levels[name] = setting
        rules = []
        for name in sorted(levels):
            if self.kept is not None and name not in self.kept:
                continue
            rule = self.library.rules[name]
            if levels[name]:
                rule = dataclasses.replace(rule, level=LEVEL_TO_NATIVE[levels[name]])
            rules.append(rule)
        return tuple(rules)

    def ruleset_of(self, rules: tuple[Rule, ...]) -> RuleSet:
        key = tuple((r.id, r.level) for r in rules)
        if key not in self._rulesets:
            self._rulesets[key] = RuleSet(rules, self.languages)
        return self._rulesets[key]

    def ignores_for(self, path: str) -> list[str]:
        glob_all, specific = self._sections(path)
        out = []
        for section in [*glob_all, *specific]:
            out += section.block_ignores + section.token_ignores
        return out

    # -- linting ---------------------------------------------------------------------------

    def parse(self, text: str, fmt: str, shown: str) -> Document:
        """The draft parsed by the parser of its format, in English, with its sentences."""
        if fmt == "html":  # one HTML block, its prose found as Vale finds it (htmlprose)
            html = make_block(text, "html", 0, len(text), blank(text))
            doc = Document.build(shown, text, LANGUAGE, {}, [html])
        else:
            doc = (markdown if fmt == "md" else plain).parse(shown, text)
        return dataclasses.replace(doc, language=LANGUAGE, blocks=self._sentences(doc.blocks))

    def _sentences(self, blocks) -> tuple[Block, ...]:
        return tuple(with_sentences(b, self.abbreviations) for b in blocks)

    def lint_text(self, text: str, path: str, fmt: str, shown: str) -> FileResult:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # lines as Vale counts them
        rules = self.rules_for(path)
        on_source = tuple(r for r in rules if fmt not in MARKUP or _reads_source(r))
        on_rendered = tuple(r for r in rules if r not in on_source)
        try:
            doc = self.parse(text, fmt, shown)
            # HTML blocks linted as Vale lints them; ``doc`` keeps them for the comments
            linted = self._html_prose(doc) if fmt in MARKUP else doc
            ignored = self._ignored(doc, path)
            findings, errors = lint(self._mask(linted, ignored), self.ruleset_of(on_source))
            if on_rendered:
                rendered = render(linted)
                spans = [(rendered.to_rendered(s), rendered.to_rendered(e)) for s, e in ignored]
                view = self._mask(rendered.doc, spans)
                view = dataclasses.replace(view, blocks=self._sentences(view.blocks))
                more, more_errors = lint(view, self.ruleset_of(on_rendered))
                findings += [rendered.to_source(doc, f) for f in more]
                errors += more_errors
        except LintnewsError as exc:
            return FileResult(path=shown, errors=(str(exc),), source=text)
        if fmt in MARKUP:
            findings = [_across_markup(linted, f) for f in directives.apply(doc, findings)]
        # a match that runs over a line break shows it as a space in the message, as Vale's
        # one-line alerts do
        findings = [
            dataclasses.replace(f, message=f.message.replace("\n", " ")) if "\n" in f.message else f
            for f in findings
        ]
        floor = level_rank(LEVEL_TO_NATIVE[self.min_level])
        unique = {}
        for f in findings:
            if level_rank(f.level) >= floor:
                unique.setdefault((f.rule, f.line, f.column), f)
        kept, counts = [], {}
        for f in sorted(unique.values(), key=lambda f: (f.line, f.column, f.rule, f.message)):
            counts[f.rule] = counts.get(f.rule, 0) + 1
            if counts[f.rule] <= self.library.limits.get(f.rule, counts[f.rule]):
                kept.append(f)
        return FileResult(
            path=shown,
            language=doc.language,
            findings=tuple(kept),
            errors=tuple(errors),
            source=text,
        )

    def _html_prose(self, doc: Document) -> Document:
        cfg = self.config
        blocks = html_prose(doc, cfg.skipped_scopes, cfg.ignored_classes).blocks
        return dataclasses.replace(doc, blocks=self._sentences(blocks))

    def _inline_ignores(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of the inline markup IgnoredScopes names (bold, italic, links)."""
        spans = []
        for name in self.config.ignored_scopes:
            if name in _INLINE_SCOPES:
                spans += [m.span() for m in INLINE[_INLINE_SCOPES[name]].finditer(doc.text)]
        return spans

    def _class_ignores(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of the HTML elements (inline in Markdown) of a class IgnoredClasses names,
        skipped as Vale skips them (``<span class="nop">TODO</span>``)."""
        if not self.config.ignored_classes:
            return []
        wanted = set(self.config.ignored_classes)
        spans = []
        for m in _CLASSED_ELEMENT.finditer(doc.text):
            if wanted & set(m.group("cls").split()):
                spans.append(m.span())
        return spans

    def _ignored(self, doc: Document, path: str) -> list[tuple[int, int]]:
        """Spans of the source Vale ignores: BlockIgnores and TokenIgnores matches (found in
        the source, as Vale does before rendering), the inline scopes IgnoredScopes names and
        the elements of the classes IgnoredClasses names."""
        spans = self._inline_ignores(doc) + self._class_ignores(doc)
        for pattern in self.ignores_for(path):
            try:
                compiled = regexcache.compile(pattern, regex.M)
                spans += [m.span() for m in compiled.finditer(doc.text, timeout=2.0)]
            except regex.error as exc:
                raise ConfigError(f"invalid ignore pattern {pattern!r}: {exc}") from None
            except TimeoutError:
                raise ConfigError(f"ignore pattern {pattern!r} took too long") from None
        return spans

    def _mask(self, doc: Document, spans: list[tuple[int, int]]) -> Document:
        """The ignored spans blanked, the skipped scopes left out."""
        skipped = [_SKIPPED_KINDS[s] for s in self.config.skipped_scopes if s in _SKIPPED_KINDS]
        if not spans and not skipped:
            return doc
        blocks = []
        for block in doc.blocks:
            if any(block.kind == k and (not lvl or block.level == lvl) for k, lvl in skipped):
                continue
            blocks.append(_blank(block, spans))
        return dataclasses.replace(doc, blocks=tuple(blocks))


#: an inline HTML element with a class attribute and its text (no tag inside it): every part
#: stops at the next ``<`` or ``>``, so a draft full of unclosed tags costs a linear scan
_CLASSED_ELEMENT = regexcache.compile(
    r"<(?P<tag>[A-Za-z][\w-]*)\b[^<>]*?\bclass\s*=\s*[\"'](?P<cls>[^\"'<>]*)[\"'][^<>]*>"
    r"[^<\n]*</(?P=tag)\s*>"
)

#: scopes read in the draft's source (markup included), not in the rendered text
SOURCE_SCOPES = frozenset({"raw", "code", "link", "strong", "emphasis", "alt"})


def _reads_source(rule: Rule) -> bool:
    scopes = rule.options.get("scope") or []
    return any(s.split(".")[0] in SOURCE_SCOPES for s in scopes if not s.startswith("~"))


def _across_markup(doc: Document, finding):
    """A match that spans hidden markup ("API in](url) in") is placed at its line's start.

    Vale finds an alert again by searching the rendered match in the source; when markup
    sits inside the match the search fails and Vale falls back to the start of the line.
    """
    block = next((b for b in doc.blocks if b.span.start <= finding.start < b.span.end), None)
    if block is None or block.kind == "code":
        return finding
    base, end = block.span.start, min(finding.end, block.span.end)
    hidden = [
        block.prose[i - base] == " " and not doc.text[i].isspace()
        for i in range(finding.start, end)
    ]
    if len(hidden) > 2 and not hidden[0] and not hidden[-1] and any(hidden):
        line_start = doc.line_starts[finding.line - 1]
        return dataclasses.replace(finding, start=line_start, column=1)
    return finding


def _blank(block: Block, spans: list[tuple[int, int]]) -> Block:
    start, end = block.span.start, block.span.end
    inside = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
    if not inside:
        return block
    chars = list(block.prose)
    for s, e in inside:
        for i in range(s - start, e - start):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return dataclasses.replace(block, prose="".join(chars))
