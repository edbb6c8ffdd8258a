"""``path:line:col: level rule-id message``; the line and a caret marker on a terminal; the
level in colour when ``options["colour"]`` (the CLI: a terminal, ``FORCE_COLOR``, never with
``NO_COLOR``); with ``options["verbose"]`` (``--verbose``) each finding's technical detail
follows its message in brackets. The summary line is the CLI's (on stderr), so stdout stays
one finding a line.
``--statistics`` is :class:`StatisticsFormatter`."""

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
        paint = _paint if self.options.get("colour") else _plain
        for f in result.findings:
            where = paint(printable(f"{f.path}:{f.line}:{f.column}:"), BOLD)
            level = paint(f.level, COLOURS.get(f.level, ""))
            rule, message = paint(printable(f.rule), BOLD), printable(f.message)
            if self.options.get("verbose") and f.detail:
                message += " " + paint(printable(f"[{f.detail}]"), DIM)
            self.stream.write(f"{where} {level} {rule} {message}\n")
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


BOLD = "1"
DIM = "2"
COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _paint(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


def _plain(text: str, code: str) -> str:
    return text


class StatisticsFormatter(Formatter):
    """``--statistics``: findings per rule, most first, ``[*]`` where a fix is offered."""

    def start(self) -> None:
        self.counts: dict[str, int] = {}
        self.fixable: set[str] = set()

    def handle(self, result) -> None:
        for f in result.findings:
            self.counts[f.rule] = self.counts.get(f.rule, 0) + 1
            if f.fix is not None:
                self.fixable.add(f.rule)

    def finish(self, summary: Summary) -> None:
        width = max((len(str(n)) for n in self.counts.values()), default=1)
        for rule, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            mark = "  [*]" if rule in self.fixable else ""
            self.stream.write(f"{count:>{width}}  {rule}{mark}\n")


@hookimpl
def lintnews_formats():
    return {"text": TextFormatter}
