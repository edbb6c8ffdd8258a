"""SARIF 2.1.0 for code-scanning services (GitHub code scanning accepts it).

URIs are relative to the repository root (the git work tree around the working directory,
else the working directory), never ``../``: a file outside it gets an absolute ``file:``
URI. Each result carries ``partialFingerprints["lintnews/v1"]``, a hash of the file's URI,
the rule id and the finding's text (case and spacing folded) with an occurrence number, so
a finding keeps its fingerprint when lines above it move and alerts are not duplicated
across runs.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..plugin import hookimpl
from . import Formatter, Summary, json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@lru_cache(maxsize=1)
def repository_root() -> Path:
    """The git work tree around the working directory, or the working directory."""
    import subprocess  # only SARIF runs pay for it: every run imports the formats

    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return Path.cwd()
    top = proc.stdout.strip()
    return Path(top) if proc.returncode == 0 and top else Path.cwd()


def _location(path: str) -> dict:
    """``artifactLocation`` of ``path``: relative to the root, or an absolute file URI."""
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.realpath(repository_root()))
    for candidate in (absolute, Path(os.path.realpath(absolute))):
        try:
            relative = candidate.relative_to(root)
        except ValueError:
            continue
        # a URI reference: "#" or "%" in a name is escaped, and a name's bytes that are no
        # UTF-8 are written as they are on disk (%FF)
        uri = quote(relative.as_posix(), safe="/", errors="surrogateescape")
        return {"uri": uri, "uriBaseId": "%SRCROOT%"}
    return {"uri": "file://" + quote(absolute.as_posix(), safe="/", errors="surrogateescape")}


def _fingerprint(uri: str, rule: str, text: str, seen: dict) -> str:
    """Rule and normalised text (no line numbers), numbered when a file repeats them."""
    key = f"{uri}\0{rule}\0{' '.join(text.casefold().split())}"
    key = hashlib.sha256(key.encode("utf-8", "surrogateescape"))
    digest = key.hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


def _region(line, column, end_line, end_column) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


class SarifFormatter(Formatter):
    needs_source = True  # the finding's text, for its fingerprint

    def start(self) -> None:
        self.results: list[dict] = []
        self.rules = {r.id: r for r in self.options.get("rules", ())}
        self.used: dict[str, int] = {}

    def _rule_index(self, rule_id: str) -> int:
        return self.used.setdefault(rule_id, len(self.used))

    def handle(self, result) -> None:
        location = _location(result.path)
        seen: dict[str, int] = {}
        for f in result.findings:
            text = result.source[f.start : f.end] if result.source else f.message
            entry = {
                "ruleId": f.rule,
                "ruleIndex": self._rule_index(f.rule),
                "level": LEVELS[f.level],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": _region(f.line, f.column, f.end_line, f.end_column),
                        }
                    }
                ],
                "partialFingerprints": {
                    "lintnews/v1": _fingerprint(location["uri"], f.rule, text, seen)
                },
            }
            if f.related:
                entry["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": _region(r.line, r.column, r.end_line, r.end_column),
                        },
                    }
                    for i, r in enumerate(f.related)
                ]
            if f.fix is not None:
                entry["properties"] = {"fixSafe": f.fix.safe}
            if f.detail:
                entry.setdefault("properties", {})["detail"] = f.detail
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
                    "originalUriBaseIds": {
                        "%SRCROOT%": {
                            "uri": Path(os.path.realpath(repository_root())).as_uri() + "/"
                        }
                    },
                    "results": self.results,
                }
            ],
        }
        self.stream.write(json_text(log, indent=1))
        self.stream.write("\n")


@hookimpl
def lintnews_formats():
    return {"sarif": SarifFormatter}
