"""The application layer between the command line and the engine: one ``lintnews check``.

The CLI parses its arguments into :class:`RunOptions`, :func:`check` runs them (drafts found,
linted in batches, each :class:`~lintnews.findings.FileResult` handed to the formatters and
counted in the :class:`~lintnews.findings.Summary`), and the CLI turns the :class:`Outcome`
into an exit code. Nothing here reads arguments, prints, or knows about argparse.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from .errors import LintnewsError
from .findings import FileResult, Summary, level_rank
from .records import frozen


@frozen
class RunOptions:
    """What one check run does, whoever asks for it (the CLI, a test, a script)."""

    #: files or folders; "-" is the draft on stdin
    paths: tuple[str, ...] = (".",)
    #: None, or "safe" / "unsafe": which fixes to apply (or, with ``diff``, to show)
    fix: str | None = None
    diff: bool = False
    #: worker processes; 0 is one per core
    jobs: int = 0
    #: read and write the result cache (a fixing run never does)
    cache: bool = True
    #: the cache folder (default: ``.lintnews/cache`` beside the config file)
    cache_dir: Path | str | None = None
    #: results keep the draft's text (for formatters that show it)
    needs_source: bool = False
    #: name, and so parser, of the draft read from stdin
    stdin_filename: str = "<stdin>"
    #: lowest level that fails the run (default: the config's)
    fail_level: str | None = None
    #: the config's ``exclude`` applies to files named directly too (the pre-commit hook)
    force_exclude: bool = False
    #: folder walks skip what git ignores
    gitignore: bool = True


class Outcome:
    """What a run ends with: its summary, whether a finding reached the fail level
    (``failing``) and, with ``diff``, whether some file would change (``changed``)."""

    def __init__(self) -> None:
        self.summary = Summary()
        self.failing = False
        self.changed = False


def inputs(runner, paths: tuple[str, ...], options: RunOptions | None = None) -> list[str]:
    """The drafts to lint ("-" first when stdin is asked for). Nothing to lint is an error,
    unless every path was a file excluded under ``force_exclude`` (a hook's run on them)."""
    options = options or RunOptions()
    found = runner.files([p for p in paths if p != "-"], options.force_exclude, options.gitignore)
    if "-" in paths:
        return ["-", *found]
    if not found and options.force_exclude and all(Path(p).is_file() for p in paths):
        return []
    files = found
    if not files:
        raise LintnewsError(f"no drafts found in {' '.join(paths)}")
    return files


def check(
    runner,
    options: RunOptions,
    formatters: list,
    on_result: Callable[[FileResult], None] | None = None,
) -> Outcome:
    """Lint ``options.paths`` with ``runner``; each result goes to ``on_result`` (the CLI
    prints its errors and notes), then to every formatter."""
    from . import batch

    fail_rank = level_rank(options.fail_level or runner.config.fail_level)
    outcome = Outcome()
    for formatter in formatters:
        formatter.start()
    paths = inputs(runner, options.paths, options)
    if on_result is not None:  # links out of the project, left out: a note each
        for note in getattr(runner, "notes", ()):
            on_result(FileResult(path="", notes=(note,)))
    # closed on the way out, whatever happens (an interruption in a formatter included): the
    # workers stop and clean up before the process exits, not whenever the run is collected
    with contextlib.closing(batch.run(runner, paths, options)) as results:
        for result in results:
            outcome.summary.add(result)
            outcome.failing |= any(level_rank(f.level) >= fail_rank for f in result.findings)
            outcome.changed |= bool(result.diff)
            if on_result is not None:
                on_result(result)
            for formatter in formatters:
                formatter.handle(result)
    for formatter in formatters:
        formatter.finish(outcome.summary)
    return outcome
