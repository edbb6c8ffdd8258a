"""The application layer between the command line and the engine: one ``lintnews check``.

The CLI parses its arguments into :class:`RunOptions`, :func:`check` runs them (drafts found,
linted in batches, each :class:`~lintnews.findings.FileResult` handed to the formatters and
counted in the :class:`~lintnews.findings.Summary`), and the CLI turns the :class:`Outcome`
into an exit code. Nothing here reads arguments, prints, or knows about argparse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LintnewsError
from .findings import FileResult, Summary, level_rank


@dataclass(frozen=True)
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


@dataclass
class Outcome:
    """What a run ends with: its summary, and whether it failed or changed anything."""

    summary: Summary = field(default_factory=Summary)
    #: a finding at or above the fail level
    failing: bool = False
    #: with ``diff``: some file would change
    changed: bool = False


def inputs(runner, paths: tuple[str, ...]) -> list[str]:
    """The drafts to lint ("-" first when stdin is asked for)."""
    if "-" in paths:
        return ["-"] + runner.files([p for p in paths if p != "-"])
    files = runner.files(list(paths))
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
    paths = inputs(runner, options.paths)
    if on_result is not None:  # links out of the project, left out: a note each
        for note in getattr(runner, "notes", ()):
            on_result(FileResult(path="", notes=(note,)))
    for result in batch.run(runner, paths, options):
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
