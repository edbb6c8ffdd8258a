"""SARIF 2.1.0 for code-scanning services (GitHub code scanning accepts it)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..plugin import hookimpl
from . import Formatter, Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def _region(line, column, end_line, end_column) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


class SarifFormatter(Formatter):
    def start(self) -> None:
        self.results: list[dict] = []
        self.rules = {r.id: r for r in self.options.get("rules", ())}
        self.used: dict[str, int] = {}

    def _rule_index(self, rule_id: str) -> int:
        return self.used.setdefault(rule_id, len(self.used))

    def handle(self, result) -> None:
        uri = _uri(result.path)
        for f in result.findings:
            entry = {
                "ruleId": f.rule,
                "ruleIndex": self._rule_index(f.rule),
                "level": LEVELS[f.level],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                            "region": _region(f.line, f.column, f.end_line, f.end_column),
                        }
                    }
                ],
            }
            if f.related:
                entry["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                            "region": _region(r.line, r.column, r.end_line, r.end_column),
                        },
                    }
                    for i, r in enumerate(f.related)
                ]
            if f.fix is not None:
                entry["properties"] = {"fixSafe": f.fix.safe}
            self.results.append(entry)

    def _rule_metadata(self, rule_id: str) -> dict:
        rule = self.rules.get(rule_id)
        if rule is None:
            return {"id": rule_id, "shortDescription": {"text": rule_id}}
        docs = rule.docs
        what = " ".join(docs.get("what", "").split()) or rule.description or rule_id
        why = " ".join(docs.get("why", "").split())
        markdown = f"{what}\n\n**Why it matters.** {why}" if why else what
        if docs.get("fail"):
            markdown += f"\n\n**Reported:**\n\n```\n{docs['fail'].rstrip()}\n```"
        if docs.get("pass"):
            markdown += f"\n\n**Passes:**\n\n```\n{docs['pass'].rstrip()}\n```"
        return {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.description or rule.id},
            "fullDescription": {"text": what},
            "help": {"text": f"{what} {why}".strip(), "markdown": markdown},
            "defaultConfiguration": {"level": LEVELS[rule.level]},
            "properties": {"kind": rule.kind.name, "languages": list(rule.languages)},
        }

    def finish(self, summary: Summary) -> None:
        rules = [self._rule_metadata(rule_id) for rule_id in self.used]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "lintnews",
                            "version": __version__,
                            "informationUri": "https://pypi.org/project/lintnews/",
                            "rules": rules,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                    "results": self.results,
                }
            ],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=1)
        self.stream.write("\n")


@hookimpl
def lintnews_formats():
    return {"sarif": SarifFormatter}
