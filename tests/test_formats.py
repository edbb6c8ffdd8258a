"""Output formats CI tools read: JSON (schema), GitHub annotations, SARIF 2.1.0, JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from conftest import ROOT

SEED = str(ROOT / "examples" / "cumbre-kim-putin.txt")
SCHEMA = json.loads((ROOT / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))


def findings(cli):
    return json.loads(cli("check", "--format", "json", SEED).stdout)["files"][0]["findings"]


def test_json_output_validates_against_the_schema(cli, tmp_path):
    (tmp_path / "bad.md").write_bytes(b"\xff")
    proc = cli("check", "--format", "json", "--unsafe-fixes", SEED, str(tmp_path / "bad.md"))
    report = json.loads(proc.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["files"][1]["errors"]
    # one line per file entry: greppable, and each line is that file's JSON
    lines = proc.stdout.splitlines()
    entries = [json.loads(line.rstrip(",")) for line in lines if line.startswith('{"path"')]
    assert entries == report["files"] and len(lines) == len(entries) + 4


def test_schema_rejects_a_broken_report():
    bad = {
        "version": 1,
        "files": [
            {
                "path": "a",
                "language": "es",
                "errors": [],
                "findings": [{"rule": "x", "level": "fatal"}],
            }
        ],
        "summary": {},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(bad)


def test_github_annotations(cli):
    proc = cli("check", "--format", "github", SEED)
    lines = proc.stdout.splitlines()
    assert len(lines) == len(findings(cli))
    first = lines[0]
    assert first.startswith(f"::warning file={SEED},line=3,col=1,endLine=3,endColumn=")
    assert "title=lintnews stray-caption::" in first


def test_auto_is_github_in_actions_and_text_elsewhere(cli):
    gh = cli("check", "--format", "auto", SEED, env={"GITHUB_ACTIONS": "true"}).stdout
    text = cli("check", "--format", "auto", SEED, env={"GITHUB_ACTIONS": ""}).stdout
    assert gh.startswith("::warning ") and text.startswith(f"{SEED}:3:1: warning")


def test_github_escapes_newlines_and_separators():
    import io

    from lintnews.findings import FileResult, Finding
    from lintnews.formats.github import GithubFormatter

    out = io.StringIO()
    f = Finding("a,b:c.md", "r", "error", "50% done\nnext", 0, 1, 1, 1, 1, 2)
    GithubFormatter(out).handle(FileResult(path="a,b:c.md", findings=(f,)))
    assert out.getvalue() == (
        "::error file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=lintnews r::50%25 done%0Anext\n"
    )


def test_sarif_log(cli):
    log = json.loads(cli("check", "--format", "sarif", SEED).stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(findings(cli))
    for result in results:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["fullDescription"]["text"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    repeat = next(r for r in results if r["ruleId"] == "repeated-paragraph")
    assert repeat["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_junit_xml(cli, tmp_path):
    clean = tmp_path / "ok.md"
    clean.write_text("# T\n\nTodo bien en este texto.\n", encoding="utf-8")
    proc = cli("check", "--format", "junit", SEED, str(clean))
    root = ET.fromstring(proc.stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == len(findings(cli)) == int(suite.get("failures"))
    assert any(c.get("classname") == str(clean) and not list(c) for c in cases)
    assert int(suite.get("tests")) == len(cases)
