"""lintnews: a linter for news drafts.

Public API: :func:`lint_text`, :func:`lint_paths`, :class:`Finding`, :data:`hookimpl`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .findings import Finding, Fix, Hit  # noqa: E402
from .plugin import hookimpl  # noqa: E402

__all__ = ["Finding", "Fix", "Hit", "hookimpl", "lint_paths", "lint_text", "__version__"]


def lint_text(text: str, path: str = "draft.md", **runner_options):
    """Lint one draft given as text; returns a :class:`lintnews.findings.FileResult`.

    ``runner_options`` are :class:`lintnews.runner.Runner`'s: ``config_path``, ``select``,
    ``language``, ``cache_folder`` (a :class:`lintnews.cachefolder.CacheFolder`: the start-up
    work kept between calls, as ``lintnews check`` keeps it; close it to save it)..."""
    from .runner import Runner

    return Runner(**runner_options).lint_text(text, path)


def lint_paths(paths: list[str], **runner_options):
    """Lint files and folders; yields a :class:`lintnews.findings.FileResult` per file."""
    from .runner import Runner

    runner = Runner(**runner_options)
    for path in runner.files(paths):
        yield runner.lint_path(path)
