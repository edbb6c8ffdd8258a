"""Vale's output formats: ``line``, ``JSON`` and ``CLI`` (the default, for people)."""

from __future__ import annotations

import json
from typing import IO

from .styles import NATIVE_TO_LEVEL


def severity(finding) -> str:
    return NATIVE_TO_LEVEL.get(finding.level, finding.level)


def write_line(results, out: IO[str], links=None) -> None:
    for result in results:
        for f in result.findings:
            out.write(f"{result.path}:{f.line}:{f.column}:{f.rule}:{f.message}\n")


def _alert(result, f, links) -> dict:
    end = f.end_column - 1 if f.end_line == f.line else f.column
    link, description = links.get(f.rule, ("", ""))
    return {
        "Action": {"Name": "", "Params": None},
        "Span": [f.column, max(f.column, end)],
        "Check": f.rule,
        "Description": description,
        "Link": link,
        "Message": f.message,
        "Severity": severity(f),
        "Match": result.source[f.start : f.end],
        "Line": f.line,
    }


def write_json(results, out: IO[str], links=None) -> None:
    links = links or {}
    report = {r.path: [_alert(r, f, links) for f in r.findings] for r in results if r.findings}
    out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def write_cli(results, out: IO[str], links=None) -> None:
    counts = {"error": 0, "warning": 0, "suggestion": 0}
    for result in results:
        if not result.findings:
            continue
        out.write(f"\n {result.path}\n")
        rows = [(f"{f.line}:{f.column}", severity(f), f.message, f.rule) for f in result.findings]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            counts[row[1]] += 1
            cells = [cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)]
            out.write(" " + "  ".join([*cells, row[3]]) + "\n")
    mark = "✖" if counts["error"] or counts["warning"] or counts["suggestion"] else "✔"
    files = len(results)
    out.write(
        f"\n{mark} {counts['error']} errors, {counts['warning']} warnings and "
        f"{counts['suggestion']} suggestions in {files} {'file' if files == 1 else 'files'}.\n"
    )


WRITERS = {"line": write_line, "json": write_json, "cli": write_cli}
