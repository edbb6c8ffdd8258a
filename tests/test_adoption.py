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


BAD = "# Título\n\nPrimer párrafo de la nota sobre la cumbre.\n\nFoto: EFE\n\nFin de la nota.\n"


def _newsroom(tmp_path, config: str = "exclude: ['archive/*']\n"):
    (tmp_path / ".lintnews.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "new.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_force_exclude_applies_exclude_to_named_files(cli, tmp_path):
    repo = _newsroom(tmp_path)
    named = cli("check", "archive/old.md", "new.md", cwd=repo)
    assert "archive/old.md" in named.stdout  # named without the flag: linted, as ruff does
    forced = cli("check", "--force-exclude", "archive/old.md", "new.md", cwd=repo)
    assert forced.returncode == 1 and "archive/old.md" not in forced.stdout
    assert "new.md:5:1" in forced.stdout
    only = cli("check", "--force-exclude", "archive/old.md", cwd=repo)
    assert (only.returncode, only.stdout, only.stderr) == (0, "", "")


def test_the_pre_commit_hook_passes_force_exclude():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "--force-exclude" in next(h for h in hooks if h["id"] == "lintnews")["entry"].split()


def test_gitignored_drafts_are_skipped_in_folder_walks_unless_asked(cli, tmp_path):
    import subprocess

    repo = _newsroom(tmp_path, "fail-level: warning\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".gitignore").write_text("archive/\n", encoding="utf-8")
    walked = cli("check", ".", cwd=repo)
    assert "new.md" in walked.stdout and "old.md" not in walked.stdout, walked.stderr
    everything = cli("check", "--no-respect-gitignore", ".", cwd=repo)
    assert "archive/old.md" in everything.stdout


def test_draft_types_are_configurable_and_rule_folders_are_not_drafts(cli, tmp_path):
    repo = _newsroom(tmp_path, "include: ['*.md']\nrule-paths: [style]\n")
    (repo / "notes.txt").write_text(BAD, encoding="utf-8")
    (repo / "style").mkdir()
    (repo / "style" / "vocabulary.md").write_text(BAD, encoding="utf-8")
    proc = cli("check", ".", cwd=repo)
    assert "new.md" in proc.stdout and "archive/old.md" in proc.stdout
    assert "notes.txt" not in proc.stdout and "vocabulary" not in proc.stdout
    (repo / ".lintnews.yaml").write_text("include: '*.md'\n", encoding="utf-8")
    _one_line_error(cli("check", ".", cwd=repo), ".lintnews.yaml:1: invalid config: 'include'")


def test_readme_and_license_files_are_not_drafts_in_a_walk(cli, tmp_path):
    (tmp_path / "README.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")
    proc = cli("check", ".", cwd=tmp_path)
    assert "draft.txt" in proc.stdout and "README" not in proc.stdout
    assert "README.txt" in cli("check", "README.txt", cwd=tmp_path).stdout


def test_a_vale_styles_vocabulary_lists_are_not_drafts_in_a_walk(cli, tmp_path):
    vocabulary = tmp_path / "styles" / "House" / "vocabulary"
    vocabulary.mkdir(parents=True)
    for name in ("accept.txt", "reject.txt"):
        (vocabulary / name).write_text("Foto: EFE\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(BAD, encoding="utf-8")
    proc = cli("check", ".", cwd=tmp_path)
    assert "draft.txt" in proc.stdout and "accept.txt" not in proc.stdout
    assert "reject.txt" not in proc.stdout


def _configured(tmp_path):
    (tmp_path / "names.yaml").write_text(
        "entries:\n  - {expected: Kyiv, variants: [Kiev]}\n", encoding="utf-8"
    )
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  stray-caption: error\n  repeated-sentence: off\n"
        "  house-style-name:\n    level: info\n    options: {dictionaries: [names.yaml]}\n",
        encoding="utf-8",
    )
    return tmp_path


def test_rules_shows_the_configured_level(cli, tmp_path):
    proc = cli("rules", "--all", cwd=_configured(tmp_path))
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()[1:]}
    assert rows["stray-caption"][2] == "error"
    assert rows["house-style-name"][2] == "info"
    assert "repeated-sentence" in proc.stdout.split("(off)")[0].splitlines()[-1]


def test_explain_shows_the_configured_level_and_options_without_paths(cli, tmp_path):
    repo = _configured(tmp_path)
    proc = cli("explain", "stray-caption", cwd=repo)
    assert proc.stdout.startswith("stray-caption (leftover, error,"), proc.stdout
    proc = cli("explain", "house-style-name", cwd=repo)
    assert proc.stdout.startswith("house-style-name (house-style, info,")
    assert "dictionaries = ['names.yaml']" in proc.stdout
    assert str(tmp_path) not in proc.stdout and str(ROOT) not in proc.stdout
    header = cli("explain", "repeated-sentence", cwd=repo).stdout.splitlines()[0]
    assert header.startswith("repeated-sentence (repeated-content, ") and ", off," in header


def test_explain_suggests_the_rule_for_a_typo(cli):
    proc = cli("explain", "stray-captoin")
    _one_line_error(proc, "unknown rule 'stray-captoin'", "did you mean 'stray-caption'?")


def _sarif(cli, *args, cwd):
    import json

    return json.loads(cli("check", "--format", "sarif", *args, cwd=cwd).stdout)["runs"][0]


def test_sarif_fingerprints_survive_moved_lines(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(BAD, encoding="utf-8")
    before = _sarif(cli, "a.md", cwd=tmp_path)["results"]
    draft.write_text(BAD.replace("# Título\n", "# Título\n\nUn párrafo nuevo arriba.\n"), "utf-8")
    after = _sarif(cli, "a.md", cwd=tmp_path)["results"]
    assert before and [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before
    ] != [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    prints = [r["partialFingerprints"] for r in before]
    assert prints == [r["partialFingerprints"] for r in after]
    assert all(set(p) == {"lintnews/v1"} and len(p["lintnews/v1"]) >= 16 for p in prints)


def test_sarif_uris_are_relative_to_the_repository_root(cli, tmp_path):
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "tools").mkdir()
    (tmp_path / "drafts" / "x.md").write_text(BAD, encoding="utf-8")
    run = _sarif(cli, "../drafts/x.md", cwd=tmp_path / "tools")
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "drafts/x.md", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_the_summary_line_is_printed_in_ci_logs_too(cli):
    proc = cli("check", SEED, env={"CI": "true"})
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1].startswith(f"{len(proc.stdout.splitlines())} finding(s)")
    assert all(line.startswith(SEED) for line in proc.stdout.splitlines())
    assert cli("check", "-q", SEED).stderr == ""


def test_colour_follows_no_color_and_force_color(cli):
    plain = cli("check", SEED)
    assert "\x1b[" not in plain.stdout + plain.stderr
    forced = cli("check", SEED, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert forced.stdout.count("\n") == plain.stdout.count("\n")
    both = cli("check", SEED, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in both.stdout and both.stdout == plain.stdout


def test_exit_zero_reports_findings_but_passes(cli, tmp_path):
    proc = cli("check", "--exit-zero", SEED)
    assert proc.returncode == 0 and SEED in proc.stdout
    assert cli("check", "--exit-zero", "--lang", "xx", SEED).returncode == 2


def test_statistics_counts_findings_per_rule(cli):
    import json

    report = json.loads(cli("check", "--format", "json", SEED).stdout)
    counts: dict[str, int] = {}
    for f in report["files"][0]["findings"]:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    proc = cli("check", "--statistics", SEED)
    assert proc.returncode == 1
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert {row[1]: int(row[0]) for row in rows} == counts
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert any("[*]" in line for line in proc.stdout.splitlines())  # a fix is available


def test_output_format_is_an_alias_of_format(cli):
    assert cli("check", "--output-format", "json", SEED).stdout.startswith('{"version": 1')
    assert cli("check", "--output-format", "concise", SEED).stdout == cli("check", SEED).stdout


def test_stdin_filename_alone_reads_stdin(cli, tmp_path):
    (tmp_path / "other.md").write_text(BAD, encoding="utf-8")
    proc = cli("check", "--stdin-filename", "nota.md", cwd=tmp_path, stdin=BAD)
    assert proc.returncode == 1 and proc.stdout.startswith("nota.md:5:1:"), proc.stdout
    assert "other.md" not in proc.stdout


def test_init_writes_a_commented_config_that_loads(cli, tmp_path):
    proc = cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / ".lintnews.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "# exclude:" in text and "stray-caption" in text
    (tmp_path / "d.md").write_text(BAD, encoding="utf-8")
    assert cli("check", "d.md", cwd=tmp_path).returncode == 1
    again = cli("init", cwd=tmp_path)
    _one_line_error(again, ".lintnews.yaml: already exists")
    assert cli("init", "--force", cwd=tmp_path).returncode == 0


def test_ruff_is_pinned_in_the_test_extra():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"ruff==' in text


def test_the_readme_lists_every_kind_and_option_as_declared():
    from lintnews.kinds import reference

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference.START in readme, "README has no kinds reference"
    assert reference.current(readme) == readme, "run: python -m lintnews.kinds.reference"
    assert "`min_verbatim_words`" in readme and "**`house-style`**" in readme


def test_show_fixes_lists_what_was_fixed_per_file_and_rule(cli, tmp_path):
    draft = tmp_path / "bad.md"
    draft.write_text(BAD, encoding="utf-8")
    proc = cli("check", "--fix", "--unsafe-fixes", "--show-fixes", str(draft))
    assert f"{draft}: 1 × stray-caption" in proc.stderr, proc.stderr
    draft.write_text(BAD, encoding="utf-8")
    quiet = cli("check", "--fix", "--unsafe-fixes", str(draft))
    assert "×" not in quiet.stderr


def test_a_rules_message_is_reworded_in_the_config(cli, tmp_path):
    (tmp_path / "d.md").write_text(BAD, encoding="utf-8")
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  stray-caption:\n    message: 'Esta línea parece un pie de foto'\n", "utf-8"
    )
    proc = cli("check", "d.md", cwd=tmp_path)
    assert "d.md:5:1: warning stray-caption Esta línea parece un pie de foto\n" in proc.stdout
    (tmp_path / ".lintnews.yaml").write_text(
        "rules:\n  stray-caption:\n    message: 'Pie de foto: {nope}'\n", "utf-8"
    )
    proc = cli("check", "d.md", cwd=tmp_path)
    _one_line_error(proc, ".lintnews.yaml:2: invalid config: rules.stray-caption.message", "{nope}")
