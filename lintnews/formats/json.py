"""The JSON report, format version 1 (documented in the README)."""

from __future__ import annotations

from ..plugin import hookimpl
from . import Formatter, Summary, json_text

VERSION = 1


def finding_dict(f) -> dict:
    return {
        "rule": f.rule,
        "level": f.level,
        "message": f.message,
        "detail": f.detail,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "related": [
            {
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
                "message": r.message,
            }
            for r in f.related
        ],
        "fix": None
        if f.fix is None
        else {
            "replacement": f.fix.replacement,
            "safe": f.fix.safe,
            "start": f.fix.span.start,
            "end": f.fix.span.end,
        },
    }


class JsonFormatter(Formatter):
    """One JSON document; each file's entry on a line of its own (easy to grep and diff,
    and encoded by the json module's C encoder, which indented output cannot use)."""

    def start(self) -> None:
        self.files: list[str] = []

    def handle(self, result) -> None:
        entry = {
            "path": result.path,
            "language": result.language,
            "findings": [finding_dict(f) for f in result.findings],
            "errors": list(result.errors),
        }
        self.files.append(json_text(entry))

    def finish(self, summary: Summary) -> None:
        totals = {
            "files": summary.files,
            "findings": summary.findings,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        }
        files = "[\n" + ",\n".join(self.files) + "\n]" if self.files else "[]"
        summary_json = json_text(totals)
        self.stream.write(
            f'{{"version": {VERSION},\n"files": {files},\n"summary": {summary_json}}}\n'
        )


@hookimpl
def lintnews_formats():
    return {"json": JsonFormatter}
