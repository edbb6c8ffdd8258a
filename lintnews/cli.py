"""The command line: ``lintnews check|rules|explain|plugins``. ``main(argv) -> exit code``.

Exit codes: 0 nothing at or above the fail level; 1 a finding at or above it; 2 usage,
config, rule or input errors; 3 an internal error (a bug in lintnews or a plugin: one line
on stderr, the traceback with ``LINTNEWS_DEBUG=1``). A finding that reaches the fail level
wins over input errors (1), so CI reports the drafts' problems first; errors alone give 2.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from . import __version__
from .errors import LintnewsError, printable
from .findings import LEVELS
from .signals import wait  # at import: a second signal may come while the first imports it

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def internal_error(prefix: str, exc: Exception) -> int:
    """An exception nobody expected: one line and exit code 3, never 1 (which means
    findings); ``LINTNEWS_DEBUG=1`` shows the traceback instead."""
    if os.environ.get("LINTNEWS_DEBUG"):
        raise exc
    message = f"{prefix}: internal error: {type(exc).__name__}: {exc}"
    print(printable(message), file=sys.stderr)
    return EXIT_INTERNAL


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more: {value}")
    return jobs


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, the same width, without its ``import shutil`` (which
    imports bz2 and lzma: 5 ms of every start, paid because ``add_argument`` makes one)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (80 when unknown)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lintnews", description="A linter for news drafts.", formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"lintnews {__version__}")
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=functools.partial(argparse.ArgumentParser, formatter_class=_Formatter),
    )

    def common(p):
        p.add_argument("--config", metavar="FILE", help="config file (default: found upward)")
        p.add_argument(
            "--select",
            type=_ids,
            action="extend",
            metavar="IDS",
            help="only these rule ids (comma-separated, globs allowed)",
        )
        p.add_argument(
            "--ignore",
            type=_ids,
            action="extend",
            metavar="IDS",
            help="skip these rule ids (comma-separated, globs allowed)",
        )

    check = sub.add_parser("check", help="lint drafts")
    check.add_argument(
        "paths",
        nargs="*",
        default=None,
        metavar="PATHS",
        help="files or folders (folders: *.md, *.markdown, *.txt, or the config's include; "
        "not README/LICENSE/CHANGELOG files, rule folders or what git ignores); - for stdin",
    )
    common(check)
    check.add_argument(
        "--format",
        "--output-format",
        dest="format",
        default="text",
        help="text (default; concise and full too), json, github, sarif, junit, html, or auto "
        "(github inside GitHub Actions, else text)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per rule instead of the findings",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings reach the fail level (errors still exit 2)",
    )
    check.add_argument("--report", metavar="FILE", help="also write the HTML report to FILE")
    check.add_argument(
        "-o",
        "--output-file",
        "--output",
        dest="output_file",
        metavar="FILE",
        help="write the findings (in --format) to FILE instead of stdout",
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply unsafe fixes"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; change nothing"
    )
    check.add_argument(
        "--show-fixes",
        action="store_true",
        help="with --fix or --diff: list the findings fixed, per file and rule",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="parallel processes (default: the number of cores)",
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the config's exclude to files named directly too (the pre-commit hook)",
    )
    check.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="skip files git ignores in folders (default: on)",
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="cache folder (default: .lintnews/cache beside the config)",
    )
    check.add_argument("--fail-level", choices=LEVELS, help="lowest level that fails the run")
    check.add_argument("--lang", default="", help="language of the drafts (default: detect)")
    check.add_argument(
        "--stdin-filename",
        default=None,
        metavar="NAME",
        help="name (and so parser) of the draft read from stdin; without PATHS, stdin is read",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no notes or summary")
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="text output: each finding's technical detail (scores, measures) after its message",
    )
    check.add_argument(
        "--archive",
        action="append",
        default=[],
        metavar="PATH",
        help="folder of published articles to find repeated paragraphs in (repeatable; "
        "indexed in .lintnews/archive.sqlite)",
    )

    rules = sub.add_parser("rules", help="list the rules")
    common(rules)
    rules.add_argument("--all", action="store_true", help="also the rules that are off")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule")
    common(explain)
    sub.add_parser("plugins", help="list loaded plugins")
    init = sub.add_parser("init", help="write a commented .lintnews.yaml here")
    init.add_argument("--force", action="store_true", help="overwrite an existing one")
    sub.add_parser("vale", help="lint with Vale styles and a .vale.ini", add_help=False)
    return parser


def _terminate(signum, frame):
    """SIGTERM and SIGINT unwind the run: temporary files removed, workers shut down (kept
    for the end of a fix's file operation, or taken again after a finaliser: ``signals``)."""
    if not wait(_terminate, signum, frame):
        raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    signal.signal(signal.SIGALRM, _terminate)
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["vale"]:  # Vale's own flags pass through unchanged
        from .vale.cli import main as vale_main

        return vale_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return {
            "check": cmd_check,
            "rules": cmd_rules,
            "explain": cmd_explain,
            "plugins": cmd_plugins,
            "init": cmd_init,
        }[args.command](args)
    except LintnewsError as exc:
        print(f"lintnews: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("lintnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:
        return internal_error("lintnews", exc)


def _runner(args, **kwargs):
    """The run's Runner; an id in --select/--ignore that names no rule is an error."""
    from .ruleset import check_ids
    from .runner import Runner

    runner = Runner(config_path=args.config, select=args.select, ignore=args.ignore, **kwargs)
    known = {r.id for r in runner.ruleset.available}
    check_ids(args.select, known, "--select")
    check_ids(args.ignore, known, "--ignore")
    return runner


def _report_plugin_errors(runner) -> None:
    for name, message in runner.plugins.errors:
        print(printable(f"lintnews: plugin {name}: {message}; skipped"), file=sys.stderr)
    runner.plugins.errors.clear()


def _cache_folder(args):
    """The run's cache folder (see lintnews.cachefolder; no path with ``--no-cache``). Found
    before anything compiles or loads, so that all of it can come from the folder."""
    from .cachefolder import CacheFolder
    from .config import find_config

    if args.no_cache:
        return CacheFolder(None)
    if args.cache_dir:
        return CacheFolder.find(args.cache_dir, None)
    return CacheFolder.find(None, Path(args.config) if args.config else find_config(Path.cwd()))


def cmd_check(args) -> int:
    # what a start would otherwise redo: compiled patterns, parsed YAML, lexicon indexes
    with _cache_folder(args) as folder:
        return _check(args, folder)


def _check(args, folder) -> int:
    runner = _runner(args, language=args.lang, archive=args.archive, cache_folder=folder)
    formats = runner.plugins.formats()
    _report_plugin_errors(runner)
    name = _format_name(args.format)
    if name not in formats:
        raise LintnewsError(f"unknown format '{name}' (known: {', '.join(sorted(formats))})")
    _not_a_draft(args.output_file, args.paths, "--output-file")
    _not_a_draft(args.report, args.paths, "--report")
    out = _open_output(args.output_file, "output (--output-file)") or sys.stdout
    try:
        return _check_to(args, runner, formats, name, out, folder)
    finally:
        if out is not sys.stdout:
            _close_output(out, "output (--output-file)")


DRAFT_SUFFIXES = (".md", ".markdown", ".txt")


def _not_a_draft(path: str | None, drafts: list[str], option: str) -> None:
    """A report is never written over a draft: ``path`` may not be one of the drafts named,
    nor an existing draft under a folder named (``check a.md -o a.md`` emptied the draft)."""
    if not path or not os.path.exists(path):
        return
    target = Path(path).resolve()
    for given in drafts or ["."]:
        if given == "-" or not os.path.exists(given):
            continue
        if (os.path.isfile(given) and os.path.samefile(given, path)) or (
            os.path.isdir(given)
            and target.is_relative_to(Path(given).resolve())
            and target.suffix.lower() in DRAFT_SUFFIXES
        ):
            raise LintnewsError(
                f"{path}: {option} names a draft being checked; choose another file"
            )


def _open_output(path: str | None, what: str):
    """``path`` opened for writing, or a one-line error (exit 2) naming it: never a traceback
    for a missing folder, a folder, or a file without write permission."""
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    except OSError as exc:
        raise LintnewsError(f"{path}: cannot write the {what}: {exc.strerror or exc}") from None


def _close_output(stream, what: str) -> None:
    try:
        stream.close()  # buffered writes fail here (a full disk)
    except OSError as exc:
        raise LintnewsError(f"{stream.name}: cannot write the {what}: {exc.strerror}") from None


def _check_to(args, runner, formats, name, out, folder) -> int:
    from .app import RunOptions, check

    fail_level = args.fail_level or runner.config.fail_level
    options = {
        "show_source": name == "text" and out.isatty(),
        "verbose": args.verbose,
        "colour": colour(out),
        "rules": runner.ruleset.rules,
        "fail_level": fail_level,
    }
    if args.statistics:
        from .formats.text import StatisticsFormatter

        formatters = [StatisticsFormatter(out, options)]
    else:
        formatters = [] if args.diff else [formats[name](out, options)]
    report = _open_output(args.report, "report (--report)")
    if report:
        formatters.append(formats["html"](report, options))
    fix = ("unsafe" if args.unsafe_fixes else "safe") if (args.fix or args.diff) else None
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    options = RunOptions(
        paths=tuple(paths),
        fix=fix,
        diff=args.diff,
        jobs=args.jobs,
        cache=not args.no_cache,
        cache_dir=folder.path,
        needs_source=any(f.needs_source for f in formatters),
        stdin_filename=args.stdin_filename or "<stdin>",
        fail_level=fail_level,
        force_exclude=args.force_exclude,
        gitignore=args.respect_gitignore,
    )

    def report_result(result) -> None:
        for error in result.errors:
            print(f"lintnews: {printable(error)}", file=sys.stderr)
        if not args.quiet:
            for note in result.notes:
                print(f"lintnews: {printable(note)}", file=sys.stderr)
        if result.diff:
            out.write(result.diff)
        if args.show_fixes and result.fixed_rules:
            counts: dict[str, int] = {}
            for rule in result.fixed_rules:
                counts[rule] = counts.get(rule, 0) + 1
            for rule, count in sorted(counts.items()):
                print(f"{result.path}: {count} × {rule}", file=sys.stderr)

    try:
        outcome = check(runner, options, formatters, report_result)
    finally:
        if report:
            _close_output(report, "report (--report)")
    out.flush()
    summary = outcome.summary
    if name == "text" and summary.findings and not args.quiet and not args.statistics:
        print(
            f"{summary.findings} finding(s): {summary.errors} error(s), "
            f"{summary.warnings} warning(s), {summary.infos} info(s) in {summary.files} file(s)",
            file=sys.stderr,
        )
    if fix and not args.quiet:
        _report_fixes(summary, args.diff, args.unsafe_fixes)
    if args.diff:
        changed = outcome.changed and not args.exit_zero
        return EXIT_FINDINGS if changed else (EXIT_ERROR if summary.failures else EXIT_OK)
    if outcome.failing and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_ERROR if summary.failures else EXIT_OK


def _format_name(name: str) -> str:
    """``auto``: GitHub workflow commands inside GitHub Actions, text elsewhere; ruff's
    ``concise`` and ``full`` are text."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return "text" if name in ("concise", "full") else name


def colour(stream) -> bool:
    """ANSI colour: never with ``NO_COLOR`` set, always with ``FORCE_COLOR`` set, else on a
    terminal (https://no-color.org, https://force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _report_fixes(summary, diff: bool, unsafe: bool) -> None:
    verb = "would fix" if diff else "fixed"
    left = summary.fixable
    hint = " (--unsafe-fixes applies unsafe ones)" if summary.unsafe_fixable and not unsafe else ""
    print(
        f"lintnews: {verb} {summary.fixed} finding(s) in {summary.fixed_files} file(s); "
        f"{left} fixable left{hint}",
        file=sys.stderr,
    )


def _vale_rules() -> list:
    """The rules of the Vale styles a .vale.ini found upward loads (see lintnews vale)."""
    from .vale import vale_rules

    try:
        return vale_rules()
    except LintnewsError as exc:
        print(f"lintnews: vale styles not loaded: {exc}", file=sys.stderr)
        return []


def cmd_rules(args) -> int:
    runner = _runner(args)
    vale = _vale_rules()
    enabled = {r.id for r in runner.ruleset.rules} | {r.id for r in vale}
    rows = [r for r in [*runner.ruleset.available, *vale] if args.all or r.id in enabled]
    rows.sort(key=lambda r: r.id)
    header = ("id", "kind", "level", "languages", "description")
    table = [
        (
            r.id + ("" if r.id in enabled else " (off)"),
            r.kind.name,
            r.level,
            ",".join(r.languages) or "all",
            r.description,
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(4)]
    for row in [header, *table]:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=False))
            + "  "
            + row[4]
        )
    return EXIT_OK


def cmd_explain(args) -> int:
    runner = _runner(args)
    known = [*runner.ruleset.available, *_vale_rules()]
    rule = next((r for r in known if r.id == args.rule), None)
    if rule is None:
        from .errors import did_you_mean

        hint = did_you_mean(args.rule, [r.id for r in known]) or " (see 'lintnews rules --all')"
        print(f"lintnews: unknown rule '{args.rule}'{hint}", file=sys.stderr)
        return EXIT_ERROR
    print(
        f"{rule.id} ({rule.kind.name}, {rule.level}{'' if rule.enabled else ', off'}, languages: "
        f"{', '.join(rule.languages) or 'all'})\n"
    )
    titles = {
        "what": "What it does",
        "why": "Why it matters",
        "fail": "Example that is reported",
        "pass": "Example that passes",
    }
    for key, title in titles.items():
        if rule.docs.get(key):
            body = rule.docs[key].rstrip()
            if key in ("fail", "pass"):
                body = "\n".join("    " + line for line in body.splitlines())
            print(f"{title}:\n{body}\n")
    print("Messages (reworded or added per language in the config: rules.ID.message):")
    for code, templates in sorted(rule.messages.items()) or [("all", (rule.message,))]:
        for template in templates:
            print(printable(f"  {code}: {template}"))
    if rule.detail:
        print(printable(f"  detail (--verbose, JSON, SARIF): {rule.detail}"))
    print()
    if rule.options:  # the user's options (defaults for the rest), never what prepare made
        print("Options:")
        specs = rule.kind.options.specs()
        for name, value in sorted(rule.options.items()):
            help_text = specs[name].help
            print(f"  {name} = {value!r}" + (f"  # {help_text}" if help_text else ""))
    return EXIT_OK


INIT_HEADER = """\
# lintnews configuration (https://pypi.org/project/lintnews/). Every key is optional:
# uncomment what you need. `lintnews rules --all` lists the rules, `lintnews explain ID`
# explains one.

# language: es                  # drafts' language when their front matter has no lang
# extends: [default]            # presets: default, strict
# fail-level: warning           # lowest level that fails a run: error | warning | info
# include: ["*.md", "*.markdown", "*.txt"]   # which files a folder walk lints
# exclude: ["archive/*"]        # files never linted (the pre-commit hook too)
# rule-paths: [style/rules]     # your own YAML rules and languages/*.yaml
# archive: [published]          # published articles to find pasted paragraphs in
# max-file-size: 5              # MB; larger drafts are reported, not linted

# Each rule: a level (error, warning, info), off, on, or {level, options}.
rules:
"""


def cmd_init(args) -> int:
    """Write a commented ``.lintnews.yaml`` listing every rule at its level."""
    from .config import load_config
    from .plugin.builtin import builtin_rules_dir

    path = Path(".lintnews.yaml")
    if path.is_symlink():  # dangling too: written through, it would land anywhere
        raise LintnewsError(f"{path}: a symbolic link; init writes no file through it")
    if path.exists() and not args.force:
        raise LintnewsError(f"{path}: already exists (--force overwrites it)")
    from .runner import Runner

    runner = Runner(config=load_config(None, builtin_rules_dir() / "presets"))
    lines = [INIT_HEADER]
    for rule in sorted(runner.ruleset.available, key=lambda r: r.id):
        state = rule.level if rule.enabled else "off"
        lines.append(f"  # {rule.id}: {state}".ljust(40) + f"# {rule.description}\n")
    try:
        path.write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise LintnewsError(f"{path}: cannot write: {exc.strerror}") from None
    print(f"lintnews: wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_plugins(args) -> int:
    from .plugin import manager

    plugins = manager.build()
    for name, origin in plugins.origins.items():
        if plugins.manager.get_plugin(name) is not None:
            print(f"{name}  ({origin})")
    for name, message in plugins.errors:
        print(f"{name}  (not loaded: {message})")
    return EXIT_OK
