"""One lint run: plugins, config and rules resolved once, then each file end to end.

text -> Document (parse hook) -> language -> sentences -> rules -> findings -> FileResult
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .cachefolder import CacheFolder
from .config import Config, find_config, load_config
from .document import Block, Document, Sentence, Span
from .engine import lint
from .errors import ConfigError, InputError, LintnewsError, RuleError
from .files import NotFixed, Skipped, Walk, discover, read_draft, read_source, write_source
from .findings import FileResult
from .language import detect
from .language.sentences import split
from .plugin import manager
from .plugin.builtin import builtin_rules_dir
from .ruleset import CONFINED_TO, RuleSet, build_ruleset


class Runner:
    def __init__(
        self,
        config_path: str | None = None,
        select=None,
        ignore=None,
        language: str = "",
        plugins=None,
        config: Config | None = None,
        archive: list[str] | None = None,
        cache_folder: CacheFolder | None = None,
    ):
        #: where start-up work is kept between runs (opened here when it is not yet); a
        #: Runner without one keeps nothing
        self.cache_folder = (cache_folder or CacheFolder(None)).open()
        self.plugins = plugins or manager.build()
        config_given = config is not None
        if config is None:
            presets = builtin_rules_dir() / "presets"
            path = Path(config_path) if config_path else find_config(Path.cwd())
            config = load_config(path, presets)
        self.config: Config = config
        #: the project: what a repository's files may reach (see "Trust model" in the README)
        self.root = Path(config.path).parent.absolute() if config.path else Path.cwd()
        #: notes about paths left out when drafts were found (links out of the project)
        self.notes: list[str] = []
        self.language = language_code(language or self.config.language)
        self.kinds = collect_kinds(self.plugins)
        folders = [Path(p) for paths in self.plugins.hook.lintnews_rule_paths() for p in paths]
        # files named by rule options: in the project, the built-in rules or a plugin's folder
        roots = (self.root, builtin_rules_dir(), *folders)
        folders += list(self.config.rule_paths)
        # a Config made in Python (no file) is the caller's own: its paths go anywhere
        trusted = None if self.config.path == "" and config_given else roots
        confined = CONFINED_TO.set(trusted and tuple(Path(r).resolve() for r in trusted))
        try:
            self.ruleset: RuleSet = build_ruleset(
                folders, self.kinds, self.config.rules, select, ignore, self.config.path or "config"
            )
        finally:
            CONFINED_TO.reset(confined)
        if self.language and self.language not in self.ruleset.languages:
            known = ", ".join(sorted(self.ruleset.languages))
            if language:
                where = "--lang"
            else:
                where = f"{where_config(self.config)}: invalid config"
            raise ConfigError(f"{where}: unknown language '{self.language}' (known: {known})")
        archive_roots = [*self.config.archive, *(Path(p) for p in archive or ())]
        if archive_roots:  # the RuleSet is frozen: a new one with its resources
            resources = {**self.ruleset.resources, "archive": self._open_archive(archive_roots)}
            self.ruleset = dataclasses.replace(self.ruleset, resources=resources)

    def _open_archive(self, roots: list[Path]):
        """The archive index, brought up to date once per run (see lintnews.archive)."""
        from .archive import DEFAULT_INDEX, open_archive
        from .errors import ConfigError

        for root in roots:
            if not root.exists():
                raise ConfigError(f"archive folder '{root}' not found")
        base = Path(self.config.path).parent if self.config.path else Path.cwd()

        def paragraphs(path: str):
            try:  # the parse hook alone: no language or sentences needed for the index
                text = read_draft(path, self.config.max_file_size)  # a draft's size limit
                doc = self.plugins.hook.lintnews_parse(path=path, text=text)
            except (Skipped, LintnewsError):
                return
            if doc is None:
                return
            for block in doc.blocks:
                if block.kind in ("paragraph", "blockquote", "list_item") and block.text:
                    yield doc.locate(block.span.start)[0], block.text

        return open_archive(roots, paragraphs, base / DEFAULT_INDEX)

    def files(
        self, paths: list[str], force_exclude: bool = False, gitignore: bool = True
    ) -> list[str]:
        """The drafts ``paths`` name (see :class:`lintnews.files.Walk`)."""
        walk = Walk(
            exclude=self.config.exclude,
            include=self.config.include,
            force_exclude=force_exclude,
            gitignore=gitignore,
            skip=self.config.rule_paths,
        )
        return discover(paths, walk, self.root, self.notes)

    def lint_path(self, path: str, fix: str | None = None, diff: bool = False) -> FileResult:
        """Lint one file; with ``fix`` ("safe" or "unsafe") also fix it (or, with ``diff``,
        only compute the diff the fixes would make)."""
        try:
            source = read_source(path, self.config.max_file_size)
        except Skipped as note:
            return FileResult(path=path, notes=(str(note),))
        except InputError as exc:
            return FileResult(path=path, errors=(str(exc),))
        result = dataclasses.replace(self.lint_text(source.text, path), digest=source.digest)
        if fix is None or result.errors:
            return result
        return self._fix(source, result, unsafe=fix == "unsafe", diff=diff)

    def _fix(self, source, result: FileResult, unsafe: bool, diff: bool) -> FileResult:
        from . import fixes  # only runs that fix pay for it (and for difflib)

        outcome, fixed = fixes.fix_text(
            source.text, result.findings, lambda t: self.lint_text(t, source.path), unsafe
        )
        if not outcome.applied:
            return dataclasses.replace(
                result, fixable=outcome.remaining, unsafe_fixable=outcome.unsafe_left
            )
        if diff:
            patch = fixes.unified_diff(source.path, source.text, outcome.text)
            return dataclasses.replace(
                result,
                diff=patch,
                fixed=outcome.applied,
                fixed_rules=outcome.rules,
                fixable=outcome.remaining,
                unsafe_fixable=outcome.unsafe_left,
            )
        try:
            write_source(source, outcome.text)
        except NotFixed as note:
            return dataclasses.replace(result, notes=(*result.notes, str(note)))
        except InputError as exc:
            return dataclasses.replace(result, errors=(*result.errors, str(exc)))
        return dataclasses.replace(
            fixed,
            fixed=outcome.applied,
            fixed_rules=outcome.rules,
            fixable=outcome.remaining,
            unsafe_fixable=outcome.unsafe_left,
        )

    def lint_text(self, text: str, path: str = "<stdin>") -> FileResult:
        try:
            doc = self.parse(text, path)
        except LintnewsError as exc:
            return FileResult(path=path, errors=(str(exc),), source=text)
        findings, errors = lint(doc, self.ruleset)
        errors += [f"{path}: plugin {name}: {msg}" for name, msg in self._drain_plugin_errors()]
        return FileResult(
            path=path,
            language=doc.language,
            findings=tuple(findings),
            errors=tuple(errors),
            source=text,
        )

    def parse(self, text: str, path: str) -> Document:
        doc = self.plugins.hook.lintnews_parse(path=path, text=text)
        if doc is None:
            raise InputError(f"{path}: no parser accepted this file")
        language = self._language_of(doc)
        lang = self.ruleset.languages.get(language)
        abbreviations = lang.abbreviations if lang else frozenset()
        blocks = tuple(with_sentences(b, abbreviations) for b in doc.blocks)
        return dataclasses.replace(doc, language=language, blocks=blocks)

    def _language_of(self, doc: Document) -> str:
        for key in ("lang", "language"):
            value = doc.front_matter.get(key)
            if isinstance(value, str) and value.strip():
                return language_code(value)
        if self.language:
            return self.language
        # a table's cells (names, figures) say little of the language: read around them
        prose = " ".join(b.prose for b in doc.prose_blocks if b.kind != "table")
        return detect(prose, self.ruleset.languages) or "und"

    def _drain_plugin_errors(self):
        errors, self.plugins.errors[:] = list(self.plugins.errors), []
        return errors


def language_code(value: str) -> str:
    """``es`` for ``es``, ``ES``, ``es-ES`` or ``es_MX``."""
    return value.strip().lower().split("-")[0].split("_")[0]


def where_config(config: Config) -> str:
    """``.lintnews.yaml:2`` where the config sets its language (the prefix of its errors)."""
    path = config.path or "config"
    return f"{path}:{config.language_line}" if config.language_line else path


def collect_kinds(plugins) -> dict:
    """Every rule kind the plugins register, by name (a name registered twice is an error)."""
    kinds = {}
    for provided in plugins.hook.lintnews_rule_kinds():
        for kind in provided:
            if kind.name in kinds:
                raise RuleError(
                    f"rule kind '{kind.name}' is registered twice "
                    f"(again by plugin {manager.provider(provided)})"
                )
            kinds[kind.name] = kind
    return kinds


def with_sentences(block: Block, abbreviations: frozenset[str]) -> Block:
    """The block with its sentences (prose blocks only)."""
    if not block.is_prose:
        return block
    base = block.span.start
    sentences = tuple(
        Sentence(Span(base + s, base + e), " ".join(block.prose[s:e].split()))
        for s, e in split(block.prose, abbreviations)
    )
    return dataclasses.replace(block, sentences=sentences)
