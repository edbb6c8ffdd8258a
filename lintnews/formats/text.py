"""``path:line:col: level rule-id message``; the line and a caret marker on a terminal."""

from __future__ import annotations

from ..errors import printable
from ..plugin import hookimpl
from . import Formatter, Summary


class TextFormatter(Formatter):
    @property
    def needs_source(self) -> bool:  # the offending line, on a terminal
        return bool(self.options.get("show_source"))

    def handle(self, result) -> None:
        lines = result.source.splitlines() if self.options.get("show_source") else []
        for f in result.findings:
            line = f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule} {f.message}"
            self.stream.write(f"{printable(line)}\n")
            if lines and f.line <= len(lines):
                self._show(lines[f.line - 1], f)

    def _show(self, line: str, f) -> None:
        limit = 160
        start = f.column - 1
        end = f.end_column - 1 if f.end_line == f.line else len(line)
        offset = max(0, start - 40) if len(line) > limit else 0
        shown = line[offset : offset + limit]
        width = max(1, min(end, offset + limit) - start)
        marker = f"{' ' * len(printable(shown[: start - offset]))}{'^' * width}"
        self.stream.write(f"    {printable(shown)}\n    {marker}\n")

    def finish(self, summary: Summary) -> None:
        if self.options.get("show_source") and summary.findings:
            self.stream.write(
                f"{summary.findings} finding(s): {summary.errors} error(s), "
                f"{summary.warnings} warning(s), {summary.infos} info(s) "
                f"in {summary.files} file(s)\n"
            )


@hookimpl
def lintnews_formats():
    return {"text": TextFormatter}
