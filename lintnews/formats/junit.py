"""JUnit XML for CI test-report widgets (GitLab, Jenkins, Azure): one test case per finding.

A draft with no findings is one passing test case; each finding at or above the fail level
is a failing test case; findings below it are skipped test cases; input errors are errors.
"""

from __future__ import annotations

from ..errors import printable
from ..findings import level_rank
from ..plugin import hookimpl
from . import Formatter, Summary


def _et():
    """ElementTree, imported when a JUnit report is written (not on every start)."""
    import xml.etree.ElementTree

    return xml.etree.ElementTree


class JunitFormatter(Formatter):
    def start(self) -> None:
        self.et = _et()
        self.suite = self.et.Element("testsuite", name="lintnews")
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self.fail_rank = level_rank(self.options.get("fail_level", "warning"))

    def _case(self, classname: str, name: str):
        self.counts["tests"] += 1
        return self.et.SubElement(
            self.suite, "testcase", classname=printable(classname), name=printable(name)
        )

    def handle(self, result) -> None:
        for error in result.errors:
            case = self._case(result.path, "read")
            error = printable(error)  # XML 1.0 has no control characters, even escaped
            self.et.SubElement(case, "error", message=error, type="input-error").text = error
            self.counts["errors"] += 1
        if not result.findings and not result.errors:
            self._case(result.path, "lintnews")
        for f in result.findings:
            case = self._case(result.path, f"{f.rule} at {f.line}:{f.column}")
            text = printable(f"{f.path}:{f.line}:{f.column}: {f.level} {f.rule} {f.message}")
            message = printable(f.message)
            if level_rank(f.level) >= self.fail_rank:
                self.et.SubElement(case, "failure", message=message, type=f.rule).text = text
                self.counts["failures"] += 1
            else:
                self.et.SubElement(case, "skipped", message=f"{f.level}: {message}")
                self.counts["skipped"] += 1

    def finish(self, summary: Summary) -> None:
        for key, value in self.counts.items():
            self.suite.set(key, str(value))
        root = self.et.Element(
            "testsuites",
            name="lintnews",
            **{k: str(v) for k, v in self.counts.items() if k != "skipped"},
        )
        root.append(self.suite)
        self.et.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(self.et.tostring(root, encoding="unicode"))
        self.stream.write("\n")


@hookimpl
def lintnews_formats():
    return {"junit": JunitFormatter}
