"""GitHub Actions workflow commands: annotations on the pull request's changed lines."""

from __future__ import annotations

from ..errors import printable
from ..plugin import hookimpl
from . import Formatter

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    """GitHub's escapes for line breaks, then the other control characters as ``\\x1b``
    (a log is read on a terminal too)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    def handle(self, result) -> None:
        for f in result.findings:
            props = (
                f"file={_escape_property(f.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},"
                f"title={_escape_property('lintnews ' + f.rule)}"
            )
            self.stream.write(f"::{LEVELS[f.level]} {props}::{_escape_data(f.message)}\n")
        for error in result.errors:
            self.stream.write(
                f"::error file={_escape_property(result.path)}::{_escape_data(error)}\n"
            )


@hookimpl
def lintnews_formats():
    return {"github": GithubFormatter}
