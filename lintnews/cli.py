"""The command line: ``lintnews check|rules|explain|plugins``. ``main(argv) -> exit code``.

Exit codes: 0 nothing at or above the fail level; 1 a finding at or above it; 2 usage,
config, rule or input errors; 3 an internal error (a bug in lintnews or a plugin: one line
on stderr, the traceback with ``LINTNEWS_DEBUG=1``). A finding that reaches the fail level
wins over input errors (1), so CI reports the drafts' problems first; errors alone give 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import LintnewsError, printable
from .findings import LEVELS

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lintnews", description="A linter for news drafts.")
    parser.add_argument("--version", action="version", version=f"lintnews {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
        default=["."],
        metavar="PATHS",
        help="files or folders (folders: *.md, *.markdown, *.txt); - for stdin",
    )
    common(check)
    check.add_argument(
        "--format",
        default="text",
        help="text (default), json, github, sarif, junit, html, or auto "
        "(github inside GitHub Actions, else text)",
    )
    check.add_argument("--report", metavar="FILE", help="also write the HTML report to FILE")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply unsafe fixes"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; change nothing"
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="parallel processes (default: the number of cores)",
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
        default="<stdin>",
        metavar="NAME",
        help="name (and so parser) of the draft read from stdin",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no notes or summary")
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
    sub.add_parser("vale", help="lint with Vale styles and a .vale.ini", add_help=False)
    return parser


def _terminate(signum, frame):
    raise KeyboardInterrupt  # unwind: temporary files removed, workers shut down


def main(argv: list[str] | None = None) -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
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
    from .runner import Runner

    return Runner(config_path=args.config, select=args.select, ignore=args.ignore, **kwargs)


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
    from .app import RunOptions, check

    runner = _runner(args, language=args.lang, archive=args.archive, cache_folder=folder)
    formats = runner.plugins.formats()
    _report_plugin_errors(runner)
    name = _format_name(args.format)
    if name not in formats:
        raise LintnewsError(f"unknown format '{name}' (known: {', '.join(sorted(formats))})")
    fail_level = args.fail_level or runner.config.fail_level
    out = sys.stdout
    options = {
        "show_source": name == "text" and out.isatty(),
        "rules": runner.ruleset.rules,
        "fail_level": fail_level,
    }
    formatters = [] if args.diff else [formats[name](out, options)]
    report = None
    if args.report:
        report = open(args.report, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        formatters.append(formats["html"](report, options))
    fix = ("unsafe" if args.unsafe_fixes else "safe") if (args.fix or args.diff) else None
    options = RunOptions(
        paths=tuple(args.paths),
        fix=fix,
        diff=args.diff,
        jobs=args.jobs,
        cache=not args.no_cache,
        cache_dir=folder.path,
        needs_source=any(f.needs_source for f in formatters),
        stdin_filename=args.stdin_filename,
        fail_level=fail_level,
    )

    def report_result(result) -> None:
        for error in result.errors:
            print(f"lintnews: {printable(error)}", file=sys.stderr)
        if not args.quiet:
            for note in result.notes:
                print(f"lintnews: {printable(note)}", file=sys.stderr)
        if result.diff:
            out.write(result.diff)

    try:
        outcome = check(runner, options, formatters, report_result)
    finally:
        if report:
            report.close()
    out.flush()
    summary = outcome.summary
    if fix and not args.quiet:
        _report_fixes(summary, args.diff)
    if args.diff:
        return EXIT_FINDINGS if outcome.changed else (EXIT_ERROR if summary.failures else EXIT_OK)
    if outcome.failing:
        return EXIT_FINDINGS
    return EXIT_ERROR if summary.failures else EXIT_OK


def _format_name(name: str) -> str:
    """``auto``: GitHub workflow commands inside GitHub Actions, text elsewhere."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _report_fixes(summary, diff: bool) -> None:
    verb = "would fix" if diff else "fixed"
    left = summary.fixable
    hint = " (--unsafe-fixes applies unsafe ones)" if left else ""
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
        print(f"lintnews: unknown rule '{args.rule}' (see 'lintnews rules --all')", file=sys.stderr)
        return EXIT_ERROR
    print(
        f"{rule.id} ({rule.kind.name}, {rule.level}, languages: "
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
    if rule.options:  # the user's options (defaults for the rest), never what prepare made
        print("Options:")
        specs = rule.kind.options.specs()
        for name, value in sorted(rule.options.items()):
            help_text = specs[name].help
            print(f"  {name} = {value!r}" + (f"  # {help_text}" if help_text else ""))
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
