"""Issue 18: what breaks or confuses a newsroom in its first week (CLI, hook, messages)."""

from __future__ import annotations

import pytest

from conftest import ROOT

SEED = str(ROOT / "examples" / "cumbre-kim-putin.txt")


def _one_line_error(proc, *parts: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    for part in parts:
        assert part in proc.stderr, proc.stderr


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_typo_in_select_or_ignore_is_an_error_with_a_suggestion(cli, flag):
    proc = cli("check", flag, "stray-captoin", SEED)
    _one_line_error(proc, "unknown rule 'stray-captoin'", "did you mean 'stray-caption'?", flag)


def test_a_glob_that_matches_no_rule_is_an_error(cli):
    proc = cli("check", "--select", "repeted-*", SEED)
    _one_line_error(proc, "'repeted-*' matches no rule", "--select")
    assert cli("rules", "--ignore", "nope").returncode == 2


def test_a_typo_in_the_configs_rules_suggests_the_rule(cli, tmp_path):
    (tmp_path / ".lintnews.yaml").write_text("rules:\n  stray-captoin: off\n", encoding="utf-8")
    proc = cli("check", SEED, cwd=tmp_path)
    _one_line_error(proc, ".lintnews.yaml:2:", "did you mean 'stray-caption'?")


def test_an_unknown_language_is_an_error(cli, tmp_path):
    proc = cli("check", "--lang", "xx", SEED)
    _one_line_error(proc, "--lang", "unknown language 'xx'", "es")
    (tmp_path / ".lintnews.yaml").write_text("fail-level: error\nlanguage: xx\n", "utf-8")
    proc = cli("check", SEED, cwd=tmp_path)
    _one_line_error(proc, ".lintnews.yaml:2: invalid config: unknown language 'xx'")


def test_a_language_with_a_region_is_its_language(cli):
    proc = cli("check", "--format", "json", "--lang", "es-ES", SEED)
    assert proc.returncode == 1 and '"language": "es"' in proc.stdout, proc.stderr


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_number(cli, jobs):
    proc = cli("check", "-j", jobs, SEED)
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("flag", ["--report", "--output-file", "--output", "-o"])
def test_an_output_path_that_cannot_be_written_is_one_line_exit_2(cli, tmp_path, flag):
    proc = cli("check", flag, "/no/such/dir/r.html", SEED)
    _one_line_error(proc, "/no/such/dir/r.html: cannot write the ", "No such file or directory")
    proc = cli("check", flag, str(tmp_path), SEED)
    _one_line_error(proc, str(tmp_path))


def test_output_file_gets_the_report_and_stdout_stays_empty(cli, tmp_path):
    out = tmp_path / "lint.json"
    proc = cli("check", "--format", "json", "-o", str(out), SEED)
    assert proc.returncode == 1 and proc.stdout == ""
    assert '"rule": "stray-caption"' in out.read_text(encoding="utf-8")
