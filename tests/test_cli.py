"""The CLI, run as a user runs it: exit codes, formats, errors on stderr without tracebacks."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

SEED = str(ROOT / "examples" / "cumbre-kim-putin.txt")
CLEAN = "# Título\n\nEl gobierno presentó hoy su presupuesto anual.\n\nLa oposición lo criticó.\n"


def test_seed_sample_exit_1_and_line_format(cli):
    proc = cli("check", SEED)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines and all(line.startswith(f"{SEED}:") for line in lines)
    path, line, col, rest = lines[0].split(":", 3)
    assert line.isdigit() and col.isdigit() and rest.split()[0] in ("warning", "error", "info")


def test_seed_sample_findings(cli):
    proc = cli("check", "--format", "json", SEED)
    report = json.loads(proc.stdout)
    found = {(f["rule"], f["line"]) for f in report["files"][0]["findings"] if f["level"] != "info"}
    rules = {rule for rule, _ in found}
    assert ("stray-caption", 3) in found
    assert "quote-mismatch" in rules and "name-article-mismatch" in rules
    assert {line for rule, line in found if rule.startswith("repeated-")} >= {5}
    # exactly its five defects: the caption, the lead's two halves repeated (lines 5 and
    # 7, one finding each), the quote worded two ways, the name with two articles
    assert sorted(found) == [
        ("name-article-mismatch", 7),
        ("quote-mismatch", 5),
        ("repeated-paragraph", 5),
        ("repeated-paragraph", 7),
        ("stray-caption", 3),
    ]


def test_clean_draft_exits_0_silently(cli, tmp_path):
    draft = tmp_path / "ok.md"
    draft.write_text(CLEAN, encoding="utf-8")
    proc = cli("check", str(draft))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_json_report_shape(cli):
    proc = cli("check", "--format", "json", SEED)
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    assert set(report["summary"]) == {"files", "findings", "errors", "warnings", "infos"}
    entry = report["files"][0]
    assert entry["path"] == SEED and entry["language"] == "es"
    finding = entry["findings"][0]
    assert {
        "rule",
        "level",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "related",
        "fix",
    } <= set(finding)
    assert report["summary"]["findings"] == len(entry["findings"])


def test_select_ignore_and_fail_level(cli):
    proc = cli("check", "--format", "json", "--select", "stray-caption", SEED)
    assert {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]} == {"stray-caption"}
    proc = cli("check", "--format", "json", "--ignore", "repeated-*,stray-caption", SEED)
    rules = {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert rules and not any(r.startswith("repeated-") or r == "stray-caption" for r in rules)
    assert cli("check", "--fail-level", "error", SEED).returncode == 0


def test_bad_inputs_are_one_line_errors_and_the_run_goes_on(cli, tmp_path):
    (tmp_path / "bad.md").write_bytes(b"# T\n\nTexto \xff roto.\n")
    (tmp_path / "good.md").write_text(CLEAN, encoding="utf-8")
    proc = cli("check", str(tmp_path), str(tmp_path / "missing.md"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert any("bad.md:3: not valid UTF-8" in e for e in errors)
    assert any("missing.md: no such file" in e for e in errors)


def test_findings_win_over_input_errors(cli, tmp_path):
    (tmp_path / "bad.md").write_bytes(b"\xff")
    proc = cli("check", SEED, str(tmp_path / "bad.md"))
    assert proc.returncode == 1


def test_stdin_with_filename(cli):
    text = "# T\n\nPrimer párrafo.\n\nLee también: otra noticia sin relación\n\nFin.\n"
    proc = cli("check", "-", "--stdin-filename", "nota.md", stdin=text)
    assert proc.returncode == 1
    assert proc.stdout.startswith("nota.md:5:1: warning cms-boilerplate")


def test_bad_config_is_exit_2_one_line(cli, tmp_path):
    cfg = tmp_path / ".lintnews.yaml"
    cfg.write_text("rules:\n  nope: off\n", encoding="utf-8")
    proc = cli("check", "--config", str(cfg), SEED)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and ".lintnews.yaml:2: invalid config" in proc.stderr


def test_usage_error_is_exit_2(cli):
    assert cli("check", "--format").returncode == 2
    assert cli("check", "--format", "nope", SEED).returncode == 2


def test_rules_explain_plugins(cli):
    proc = cli("rules")
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.splitlines()[1:]]
    assert {"repeated-paragraph", "stray-caption", "inconsistent-name"} <= set(ids)
    proc = cli("explain", "stray-caption")
    assert proc.returncode == 0
    for title in (
        "What it does",
        "Why it matters",
        "Example that is reported",
        "Example that passes",
    ):
        assert title in proc.stdout
    assert cli("explain", "no-such-rule").returncode == 2
    proc = cli("plugins")
    assert "lintnews.parsers.markdown" in proc.stdout


def test_language_from_flag_and_front_matter(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("---\nlang: en\n---\n\n# Title\n\nSome text here.\n", encoding="utf-8")
    report = json.loads(cli("check", "--format", "json", str(draft)).stdout)
    assert report["files"][0]["language"] == "en"
    draft.write_text("# Title\n\nSome text here.\n", encoding="utf-8")
    report = json.loads(cli("check", "--format", "json", "--lang", "es", str(draft)).stdout)
    assert report["files"][0]["language"] == "es"


@pytest.mark.parametrize("rule", ["repeated-paragraph", "house-style-name", "inconsistent-name"])
def test_explain_lists_the_users_options_only(cli, rule):
    """No prepared values (compiled patterns, sheets' entries) and no resolved paths."""
    proc = cli("explain", rule)
    assert proc.returncode == 0
    options = proc.stdout.split("Options:\n", 1)[1].splitlines()
    names = [line.split(" = ", 1)[0].strip() for line in options]
    assert names and all(not name.startswith("_") for name in names)
    assert not any("'/" in line or "site-packages" in line for line in options)
    if rule == "house-style-name":
        assert any(line.startswith("  dictionaries = ['") for line in options)
