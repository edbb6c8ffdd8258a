"""``lintnews vale [VALE ARGS] [PATHS]``: Vale's command line, run by lintnews.

Flags as Vale spells them: ``--output=line|JSON|CLI``, ``--sort``, ``--normalize``,
``--relative``, ``--no-global``, ``--minAlertLevel=LEVEL``, ``--glob=GLOB``, ``--ext=.md``,
``--ignore-syntax``, ``--no-exit``, ``--config=PATH``; ``--lintnews-format=NAME`` writes a
lintnews format (json, sarif, html...) instead. Arguments that are not files are linted as
text, and so is standard input when no argument is given. Exit 1 when an error-level alert
is reported (0 with ``--no-exit``), 2 on configuration errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import InputError, LintnewsError, printable
from ..findings import FileResult
from .ini import glob_matches

VALUE_FLAGS = {"output", "minAlertLevel", "glob", "ext", "config", "lintnews-format", "filter"}
BOOL_FLAGS = {"sort", "normalize", "relative", "no-global", "ignore-syntax", "no-exit", "no-wrap"}
SKIP_DIRS = {"node_modules", "__pycache__"}
EXIT_OK, EXIT_ALERTS, EXIT_ERROR = 0, 1, 2


class UsageError(LintnewsError):
    pass


def parse_args(argv: list[str]) -> tuple[dict, list[str]]:
    flags: dict = {"output": "CLI", "glob": "*", "ext": ".txt"}
    positionals: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            positionals += argv[i + 1 :]
            break
        if arg.startswith("--") and len(arg) > 2:
            name, has_value, value = arg[2:].partition("=")
            if name in VALUE_FLAGS:
                if not has_value:
                    i += 1
                    if i >= len(argv):
                        raise UsageError(f"flag --{name} needs a value")
                    value = argv[i]
                flags[name] = value
            elif name in BOOL_FLAGS:
                flags[name] = value.lower() not in ("false", "0") if has_value else True
            elif name in ("version", "help"):
                flags[name] = True
            else:
                raise UsageError(f"unknown flag --{name}")
        elif arg in ("-v", "-h"):
            flags["version" if arg == "-v" else "help"] = True
        else:
            positionals.append(arg)
        i += 1
    return flags, positionals


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    except LintnewsError as exc:
        print(f"lintnews vale: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:
        from ..cli import internal_error

        return internal_error("lintnews vale", exc)


def _run(argv: list[str]) -> int:
    from .. import __version__
    from .ini import find_config
    from .session import Session

    flags, positionals = parse_args(argv)
    if flags.get("version"):
        print(f"lintnews {__version__} (vale compatible)")
        return EXIT_OK
    if flags.get("help"):
        print(__doc__)
        return EXIT_OK
    rule_filter = _rule_filter(flags.get("filter"))
    output = flags["output"].lower()
    from .output import WRITERS

    if output not in WRITERS and not flags.get("lintnews-format"):
        raise UsageError(f"unsupported --output '{flags['output']}' (line, JSON or CLI)")
    cwd = Path.cwd()
    if positionals and positionals[0] in ("sync", "ls-config", "ls-dirs"):
        return _subcommand(positionals[0], cwd, flags)
    min_level = flags.get("minAlertLevel")
    if min_level and min_level not in ("suggestion", "warning", "error"):
        raise UsageError("--minAlertLevel must be suggestion, warning or error")
    ext = flags["ext"] if flags["ext"].startswith(".") else "." + flags["ext"]
    flags["ext"] = ext
    from .filters import FilterError

    try:
        session = Session(
            find_config(cwd, flags.get("config")),
            cwd,
            min_level,
            bool(flags.get("ignore-syntax")),
            ext,
            rule_filter,
        )
    except FilterError as exc:
        raise UsageError(str(exc)) from None
    for note in session.notes:
        print(f"lintnews vale: {note}", file=sys.stderr)
    results = [r for r in _lint_inputs(session, positionals, flags, cwd) if r is not None]
    if flags.get("sort"):
        results.sort(key=lambda r: r.path)
    for result in results:
        for error in result.errors:
            print(f"lintnews vale: {printable(error)}", file=sys.stderr)
    if flags.get("lintnews-format"):
        _write_native(session, results, flags["lintnews-format"])
    else:
        WRITERS[output](results, sys.stdout, session.library.links)
    failing = any(f.level == "error" for r in results for f in r.findings)
    if failing and not flags.get("no-exit"):
        return EXIT_ALERTS
    return EXIT_ERROR if any(isinstance(r, _Unread) for r in results) else EXIT_OK


def _lint_inputs(session, positionals, flags, cwd: Path):
    ext = flags["ext"]
    if not positionals:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("nothing to lint: give files, folders or text")
        yield _lint_string(session, sys.stdin.read(), ext)
        return
    for arg in positionals:
        path = Path(arg)
        if path.is_dir():
            for found in _walk(path, session):
                if glob_matches(flags["glob"], found, cwd):
                    yield _lint_file(session, found, flags, cwd)
        elif path.is_file():
            if glob_matches(flags["glob"], arg, cwd):
                yield _lint_file(session, arg, flags, cwd)
        else:
            yield _lint_string(session, arg, ext)


def _lint_string(session, text: str, ext: str):
    name = f"stdin{ext}"
    fmt = session.format_of(name) or "txt"
    return session.lint_text(text, name, fmt, name)


def _walk(root: Path, session) -> list[str]:
    styles = session.config.styles_path
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and (styles is None or (here / d).resolve() != styles)
        )
        for name in sorted(files):
            path = os.path.normpath(os.path.join(folder, name))
            if session.format_of(path):
                found.append(path)
    return found


def _rule_filter(value: str | None):
    """Vale's ``--filter``: an expression, or a file (``filter/min.expr``) holding one."""
    from .filters import FilterError, compile_filter

    if not value:
        return None
    path = Path(value)
    if path.suffix == ".expr" or path.is_file():
        try:
            value = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--filter: cannot read {value}: {exc}") from None
    try:
        return compile_filter(value)
    except FilterError as exc:
        raise UsageError(f"{exc} ({path if path.suffix == '.expr' else 'the flag'})") from None


class _Unread(FileResult):
    """A draft that could not be read or decoded: an error of its own, the run goes on."""


def _lint_file(session, path: str, flags, cwd: Path):
    from ..files import Skipped, read_draft

    fmt = session.format_of(path)
    if fmt is None:
        return None
    shown = os.path.relpath(path, cwd) if flags.get("relative") else os.path.abspath(path)
    if flags.get("normalize"):
        shown = shown.replace(os.sep, "/")
    try:
        text = read_draft(path)
    except Skipped:
        return None
    except InputError as exc:  # this draft, not the run: the others are still linted
        return _Unread(path=shown, errors=(str(exc),))
    return session.lint_text(text, path, fmt, shown)


def _write_native(session, results, name: str) -> None:
    from ..formats import Summary

    formats = session.plugins.formats()
    if name not in formats:
        raise UsageError(f"unknown format '{name}' (known: {', '.join(sorted(formats))})")
    formatter = formats[name](sys.stdout, {"show_source": False})
    summary = Summary()
    formatter.start()
    for result in results:
        summary.add(result)
        formatter.handle(result)
    formatter.finish(summary)


def _subcommand(name: str, cwd: Path, flags) -> int:
    import json

    from .ini import find_config, parse

    config = parse(find_config(cwd, flags.get("config")))
    if name == "sync":
        for package in config.packages:
            print(
                f"lintnews vale: package '{package}' unavailable: lintnews does not download "
                "packages; put the style in StylesPath",
                file=sys.stderr,
            )
        return EXIT_OK
    if name == "ls-dirs":
        print(config.styles_path or "")
        return EXIT_OK
    data = {
        "StylesPath": str(config.styles_path or ""),
        "MinAlertLevel": config.min_level,
        "Vocab": config.vocab,
        "Packages": config.packages,
        "Sections": {s.glob: {"BasedOnStyles": s.based_on, **s.checks} for s in config.sections},
        "Formats": config.formats,
    }
    print(json.dumps(data, indent=2))
    return EXIT_OK
