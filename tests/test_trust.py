"""The trust model (README, "Trust model"; issue 17): what a pull request's files can make
lintnews do. Each test builds the attack in tmp_path: a repository whose drafts, config and
cache folder its author controls."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli

SECRET = "TOKEN-3f9a Los ministros de la cumbre repitieron el anuncio.\n"
DIRTY = "# Título\n\nPrimer párrafo de la nota.\n\nFoto: EFE\n\nSegundo párrafo.\n"


def _repo(tmp_path):
    """A project (with its config) and, beside it, a folder it must not reach."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "drafts").mkdir(parents=True)
    outside.mkdir()
    (repo / ".lintnews.yaml").write_text("fail-level: error\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"# Secreto\n\n{SECRET}", encoding="utf-8")
    return repo, outside


def _linted(proc) -> list[str]:
    return [f["path"] for f in json.loads(proc.stdout)["files"]]


def test_symlinked_drafts_out_of_the_project_are_skipped_with_a_note(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    (repo / "drafts" / "p.md").symlink_to(outside / "secret.md")
    (repo / "drafts" / "docs").symlink_to(outside)
    (repo / ".git").mkdir()
    (repo / ".git" / "config.md").write_text(SECRET, encoding="utf-8")
    (repo / "drafts" / "git.md").symlink_to(repo / ".git" / "config.md")
    (repo / "drafts" / "inner.md").symlink_to(repo / "drafts" / "ok.md")  # inside: fine
    walked = run_cli("check", "--no-cache", "--format", "json", "drafts", cwd=repo)
    assert _linted(walked) == ["drafts/inner.md"], walked.stderr  # ok.md's link, once
    for name in ("drafts/p.md", "drafts/docs", "drafts/git.md"):
        assert f"lintnews: {name}: symbolic link to outside the project, skipped" in walked.stderr
    assert "TOKEN" not in walked.stdout + walked.stderr
    named = run_cli(
        "check", "--no-cache", "--format", "json", "drafts/p.md", "drafts/docs",
        "drafts/docs/secret.md", "drafts/ok.md", cwd=repo,
    )  # fmt: skip
    assert _linted(named) == ["drafts/ok.md"], named.stderr
    assert named.stderr.count("symbolic link to outside the project, skipped") == 3
    assert "TOKEN" not in named.stdout + named.stderr


def test_fix_leaves_links_hard_links_and_read_only_drafts_alone(tmp_path):
    repo, outside = _repo(tmp_path)
    drafts = repo / "drafts"
    target = drafts / "target.txt"  # not a draft suffix: reached only through the link
    target.write_text(DIRTY, encoding="utf-8")
    (drafts / "link.md").symlink_to(target)
    (drafts / "hard.md").write_text(DIRTY, encoding="utf-8")
    os.link(drafts / "hard.md", repo / "hard-copy.txt")
    (drafts / "ro.md").write_text(DIRTY, encoding="utf-8")
    (drafts / "ro.md").chmod(0o444)
    (drafts / "plain.md").write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "drafts", cwd=repo)
    assert "Traceback" not in proc.stderr
    assert (drafts / "plain.md").read_text(encoding="utf-8") != DIRTY, proc.stderr  # fixed
    assert (drafts / "link.md").is_symlink() and target.read_text(encoding="utf-8") == DIRTY
    assert "drafts/link.md: a symbolic link; fixes not written through it" in proc.stderr
    assert os.stat(drafts / "hard.md").st_nlink == 2
    assert (repo / "hard-copy.txt").read_text(encoding="utf-8") == DIRTY
    assert "drafts/hard.md: has 2 hard links; fixes not written" in proc.stderr
    assert (drafts / "ro.md").read_text(encoding="utf-8") == DIRTY
    assert "drafts/ro.md: read-only; fixes not written" in proc.stderr


def test_paths_in_a_repositorys_config_and_rules_stay_inside_the_project(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    (outside / "words.txt").write_text("TOKEN-3f9a\n", encoding="utf-8")
    (repo / "linked").symlink_to(outside)  # inside by name, outside after the link
    rules = repo / "rules"
    rules.mkdir()
    (rules / "words.txt").write_text("palabra\n", encoding="utf-8")
    rule = "id: leak\nkind: existence\nmessage: '{match}'\noptions:\n  tokens_file: %s\n"
    override = "rule-paths: [rules]\nrules:\n  leak:\n    options:\n      tokens_file: %s\n"
    attacks = [  # (config, the rule's tokens_file, the error)
        ("rule-paths: [../outside]\n", "words.txt", "'rule-paths' must stay inside the project"),
        ("rule-paths: [linked]\n", "words.txt", "'rule-paths' must stay inside the project"),
        ("archive: [/usr/share]\n", "words.txt", "'archive' must stay inside the project"),
        ("extends: ../../outside/x\n", "words.txt", "'extends' names a preset, not a path"),
        ("rule-paths: [rules]\n", "../linked/words.txt", "file '../linked/words.txt' is outside"),
        (override % "/etc/hostname", "words.txt", "file '/etc/hostname' is outside the project"),
    ]
    for config, tokens, error in attacks:
        (repo / ".lintnews.yaml").write_text(config, encoding="utf-8")
        (rules / "leak.yaml").write_text(rule % tokens, encoding="utf-8")
        proc = run_cli("check", "--no-cache", "drafts", cwd=repo)
        assert proc.returncode == 2, (config, proc.stderr)
        assert error in proc.stderr and len(proc.stderr.splitlines()) == 1, (config, proc.stderr)
        assert ".lintnews.yaml:" in proc.stderr or "leak.yaml:5:" in proc.stderr
    # the same folder named on the command line is the user's choice
    (repo / ".lintnews.yaml").write_text("fail-level: error\n", encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--archive", str(outside), "drafts", cwd=repo)
    assert proc.returncode == 0, proc.stderr


def test_rule_files_and_style_sheets_never_reach_outside_the_project(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto sobre Kiev.\n", encoding="utf-8")
    (outside / "leak.yaml").write_text(
        "id: leak\nkind: existence\nmessage: '{match}'\noptions:\n  tokens: [texto]\n",
        encoding="utf-8",
    )
    (outside / "sheet.yaml").write_text(
        "entries:\n  - expected: Kyiv\n    variants: [Kiev]\n", encoding="utf-8"
    )
    rules = repo / "rules"
    rules.mkdir()
    sheet = "rules:\n  house-style-name:\n    options:\n      dictionaries: [%s]\n"
    names = "rules:\n  inconsistent-name:\n    options:\n      given_names: %s\n"
    attacks = [  # (a file in the rule folder or a style sheet, the config, the error)
        (("rules/leak.yaml", outside / "leak.yaml"), "rule-paths: [rules]\n", "a link out of"),
        (("rules/zero.yaml", Path("/dev/zero")), "rule-paths: [rules]\n", "a link out of"),
        (("style.yaml", "imports: ['../outside/sheet.yaml']\n"), sheet % "style.yaml", "outside"),
        (("style.yaml", "imports: [/etc/hostname]\n"), sheet % "style.yaml", "outside"),
        (("style.yaml", "entries: []\n"), sheet % "'builtin:/etc/hostname'", "rules/etc/hostname"),
        (("style.yaml", repo / "style.yaml"), sheet % "style.yaml", "cannot be resolved"),
        (("names.yaml", repo / "names.yaml"), names % "names.yaml", "cannot be resolved"),
        (("names.yaml", outside / "sheet.yaml"), names % "names.yaml", "outside"),
        (("names.yaml", "families: []\n"), names % "../outside/sheet.yaml", "outside"),
    ]
    for (name, target), config, error in attacks:
        path = repo / name
        if isinstance(target, Path):
            path.symlink_to(target)
        else:
            path.write_text(target, encoding="utf-8")
        (repo / ".lintnews.yaml").write_text(config, encoding="utf-8")
        proc = run_cli("check", "--no-cache", "drafts", cwd=repo)
        path.unlink()
        assert proc.returncode == 2, (name, config, proc.stderr)
        assert error in proc.stderr and len(proc.stderr.splitlines()) == 1, (config, proc.stderr)
        assert "texto" not in proc.stdout and "Kyiv" not in proc.stdout


def test_a_style_sheet_imported_many_times_is_read_once(tmp_path, monkeypatch):
    from lintnews.kinds.naming import house_style

    for n in range(6):  # each sheet imports the next one twenty times: 20**5 reads unshared
        imports = f"imports: [{', '.join([f's{n + 1}.yaml'] * 20)}]\n" if n < 5 else ""
        (tmp_path / f"s{n}.yaml").write_text(imports + "entries: []\n", encoding="utf-8")
    calls = []
    real = house_style._sheet_entries
    monkeypatch.setattr(house_style, "_sheet_entries", lambda *a: calls.append(a) or real(*a))
    options = {"dictionaries": [str(tmp_path / "s0.yaml")], "entries": []}
    assert house_style.prepare_house_style(options, tmp_path) == ()
    assert len(calls) == 6


def test_a_file_name_that_is_no_utf8_is_linted_and_reported_in_every_format(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / os.fsdecode(b"name_\xff.md")).write_text(DIRTY, encoding="utf-8")
    (drafts / "draft #1 50%.md").write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "-j1", "drafts", cwd=tmp_path)  # with the results cache
    assert proc.returncode == 1 and "name_\\udcff.md" in proc.stdout, proc.stderr
    report = run_cli("check", "--no-cache", "--format", "json", "drafts", cwd=tmp_path)
    paths = [f["path"] for f in json.loads(report.stdout.encode())["files"]]
    assert os.path.join("drafts", "name_\udcff.md") in paths
    sarif = run_cli("check", "--no-cache", "--format", "sarif", "drafts", cwd=tmp_path)
    assert sarif.returncode == 1, sarif.stderr
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(sarif.stdout.encode())["runs"][0]["results"]
    }
    assert uris == {"drafts/name_%FF.md", "drafts/draft%20%231%2050%25.md"}


def test_a_report_is_never_written_over_a_draft(tmp_path):
    (tmp_path / "a.md").write_text(DIRTY, encoding="utf-8")
    for args in (
        ["a.md", "-o", "a.md"],
        [".", "--output-file", "a.md"],
        ["a.md", "--report", "a.md"],
    ):
        proc = run_cli("check", "--no-cache", *args, cwd=tmp_path)
        assert proc.returncode == 2 and "names a draft being checked" in proc.stderr, proc.stderr
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == DIRTY
    proc = run_cli("check", "--no-cache", "a.md", "-o", "report.json", cwd=tmp_path)
    assert proc.returncode == 1 and (tmp_path / "report.json").read_text(encoding="utf-8")


def test_a_config_file_linked_out_of_the_project_is_not_read(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    (outside / "secret.yaml").write_text("id: TOKEN-3f9a\n", encoding="utf-8")
    for name in (".lintnews.yaml", "pyproject.toml"):
        (repo / ".lintnews.yaml").unlink(missing_ok=True)
        (repo / name).symlink_to(outside / "secret.yaml")
        proc = run_cli("check", "--no-cache", "drafts", cwd=repo)
        (repo / name).unlink()
        assert proc.returncode == 2 and "a link out of the project" in proc.stderr, proc.stderr
        assert "TOKEN" not in proc.stderr + proc.stdout


def test_init_writes_no_config_through_a_link(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / ".lintnews.yaml").unlink()
    (repo / ".lintnews.yaml").symlink_to(outside / "created.yaml")  # dangling
    for args in (["init"], ["init", "--force"]):
        proc = run_cli(*args, cwd=repo)
        assert proc.returncode == 2 and "a symbolic link" in proc.stderr, proc.stderr
    assert not (outside / "created.yaml").exists()


def test_a_vale_ini_reads_no_styles_outside_the_project(tmp_path):
    repo, outside = _repo(tmp_path)
    (outside / "Leak").mkdir()
    (outside / "Leak" / "Leak.yml").write_text(
        "extends: existence\nmessage: 'leaked %s'\ntokens: [Texto]\n", encoding="utf-8"
    )
    (repo / "a.md").write_text("# Hola\n\nTexto.\n", encoding="utf-8")
    (repo / ".vale.ini").write_text(
        "StylesPath = ../outside\n[*.md]\nBasedOnStyles = Leak\n", encoding="utf-8"
    )
    proc = run_cli("vale", "a.md", cwd=repo)
    assert proc.returncode == 2 and "StylesPath must stay inside the project" in proc.stderr
    assert "leaked" not in proc.stdout


def test_a_nest_of_folders_deeper_than_a_walk_goes_is_left_out_with_a_note(tmp_path):
    fds = [os.open(tmp_path, os.O_RDONLY)]  # 1,100 folders deep: os.walk recursed past the limit
    for _ in range(1100):
        os.mkdir("a", dir_fd=fds[-1])
        fds.append(os.open("a", os.O_RDONLY, dir_fd=fds[-1]))
    try:
        _check_the_nest(tmp_path)
    finally:  # removed here, bottom up: shutil.rmtree (pytest's cleanup) recurses as deep
        os.close(fds.pop())
        while fds:
            os.rmdir("a", dir_fd=fds[-1])
            os.close(fds.pop())


def _check_the_nest(tmp_path):
    (tmp_path / "top.md").write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert proc.returncode == 1 and "top.md:5:1" in proc.stdout, proc.stderr
    assert "nested past 100 left out" in proc.stderr and "Traceback" not in proc.stderr


def _outside_db(path):
    import sqlite3

    db = sqlite3.connect(path)
    db.executescript("create table files (x); create table meta (y); insert into meta values (1);")
    db.commit()
    db.close()
    return path.read_bytes()


def test_a_linked_cache_folder_cache_file_or_archive_index_is_not_followed(tmp_path):
    repo, outside = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    (repo / ".lintnews").symlink_to(outside)
    proc = run_cli("check", "drafts", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in outside.iterdir()) == ["secret.md"]  # nothing written there

    (repo / ".lintnews").unlink()
    (repo / ".lintnews" / "cache").mkdir(parents=True)
    other = _outside_db(outside / "other.sqlite")
    for name in ("results.sqlite", "regex-compiled.bin", "yaml-parsed.bin", ".gitignore"):
        (repo / ".lintnews" / "cache" / name).symlink_to(outside / "other.sqlite")
    (repo / ".lintnews" / ".gitignore").symlink_to(outside / "ignored")
    proc = run_cli("check", "drafts", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert (outside / "other.sqlite").read_bytes() == other
    assert not (outside / "ignored").exists()

    (repo / "archive").mkdir()
    (repo / "archive" / "old.md").write_text("# Viejo\n\nUn texto viejo.\n", encoding="utf-8")
    (repo / ".lintnews.yaml").write_text("archive: [archive]\n", encoding="utf-8")
    (repo / ".lintnews" / "archive.sqlite").symlink_to(outside / "other.sqlite")
    proc = run_cli("check", "--no-cache", "drafts", cwd=repo)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr == (
        f"lintnews: {repo}/.lintnews/archive.sqlite: a symbolic link; "
        "the archive index is not kept through it\n"
    )
    assert (outside / "other.sqlite").read_bytes() == other  # its tables are still there


def test_file_names_and_draft_text_are_escaped_in_every_format(tmp_path):
    import xml.etree.ElementTree as ET

    repo, _ = _repo(tmp_path)
    (repo / "rules").mkdir()
    (repo / "rules" / "say.yaml").write_text(
        "id: say\nkind: existence\nlevel: error\nmessage: 'said {match}'\n"
        "options:\n  tokens: ['Peligro\\S*']\n",
        encoding="utf-8",
    )
    (repo / ".lintnews.yaml").write_text("rule-paths: [rules]\n", encoding="utf-8")
    name = "x\n::error file=README.md,line=1::Injected\r\x1b[2J.md"
    (repo / "drafts" / name).write_text(
        "# Título\n\nPeligro\x1b]0;owned\x07\x0b\u202e aquí.\n", encoding="utf-8"
    )
    (repo / "drafts" / "y\n::error::Broken.md").write_bytes(b"# T\n\nTexto \xff roto.\n")
    outputs = {}
    for fmt in ("text", "github", "junit", "json", "sarif", "html"):
        proc = run_cli("check", "--no-cache", "--format", fmt, "drafts", cwd=repo)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, (fmt, proc.stderr)
        outputs[fmt] = proc.stdout
        for stream in (proc.stdout, proc.stderr):
            for line in stream.splitlines():
                if fmt != "github" or stream is proc.stderr:
                    assert not line.startswith("::"), (fmt, line)
                else:
                    assert line.startswith(("::error file=drafts/", "::warning", "::notice"))
            if fmt in ("text", "github", "junit"):
                assert not any(c in stream for c in "\x1b\x07\x0b\r\u202e"), (fmt, stream)
        assert "Broken" in proc.stderr  # the unreadable draft is named, escaped
    assert "drafts/x\\n::error file=README.md" in outputs["text"]
    assert "said Peligro" in outputs["text"]
    # a runner's legacy command mark anywhere in a line, and ':: ' opening a --diff line
    (repo / "drafts" / "z.md").write_text(
        "# T\n\nTexto.\n\nFoto: EFE ##[set-output name=approved]true\n\n ::error::Forged\n",
        encoding="utf-8",
    )
    text = run_cli("check", "--no-cache", "drafts/z.md", cwd=repo)
    assert "##[" not in text.stdout and "set-output" in text.stdout
    diff = run_cli(
        "check", "--no-cache", "--fix", "--unsafe-fixes", "--diff", "z.md", cwd=repo / "drafts"
    )
    assert "Foto: EFE" in diff.stdout + diff.stderr, diff.stderr
    for line in (diff.stdout + diff.stderr).splitlines():
        assert not line.lstrip().startswith("::") and "##[" not in line, line
    ET.fromstring(outputs["junit"])  # well-formed XML
    assert json.loads(outputs["json"]) and json.loads(outputs["sarif"])


def test_budgets_a_repositorys_yaml_formulas_and_file_size_cannot_exceed(tmp_path):
    repo, _ = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
    )
    (repo / "rules").mkdir()
    metric = "id: m\nkind: metric\nmessage: m\noptions:\n  formula: '%s'\n  condition: '> 1'\n"
    attacks = [  # (config, a rule file, the error)
        (bomb, "", ".lintnews.yaml:1: YAML too large once its aliases are expanded"),
        ("x: " + "[" * 1500 + "]" * 1500 + "\n", "", ".lintnews.yaml:1: "),
        ("a: &a [*a]\n", "", ".lintnews.yaml:1: recursive YAML alias"),
        ("max-file-size: 1000\n", "", ".lintnews.yaml:1: invalid config: 'max-file-size' may"),
        ("max-file-size: .nan\n", "", ".lintnews.yaml:1: invalid config: 'max-file-size' must"),
        ("rule-paths: [rules]\n", metric % ("-" * 499 + "1"), "m.yaml:5: invalid rule: "),
        ("rule-paths: [rules]\n", metric % "round(7) ** round(10 ** 8)", "m.yaml:5: invalid rule"),
    ]
    for config, rule, error in attacks:
        (repo / ".lintnews.yaml").write_text(config, encoding="utf-8")
        (repo / "rules" / "m.yaml").write_text(rule or "id: m\nkind: off\n", encoding="utf-8")
        if not rule:
            (repo / "rules" / "m.yaml").unlink()
        for args in (["check", "drafts"], ["rules"]):  # the YAML cache is on: kept bounded
            proc = run_cli(*args, cwd=repo)
            assert proc.returncode == 2, (config[:40], proc.stderr[-500:])
            assert error in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr
    cache = repo / ".lintnews" / "cache"
    assert sum(p.stat().st_size for p in cache.iterdir()) < 2_000_000


def test_disk_full_during_fix_is_one_line_per_draft_and_the_run_goes_on(
    tmp_path, monkeypatch, capsys
):
    import errno

    from lintnews import cli, files

    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(DIRTY, encoding="utf-8")
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 1:  # the disk is full for the first draft only
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "--no-cache", "-j", "1", "--fix", "--unsafe-fixes", "a.md", "b.md"])
    err = capsys.readouterr().err
    assert code == 1, err  # a.md keeps its finding
    assert "lintnews: a.md: cannot write fixes: No space left on device\n" in err
    assert "Traceback" not in err
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == DIRTY  # untouched, no temp file
    assert (tmp_path / "b.md").read_text(encoding="utf-8") != DIRTY  # fixed all the same
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_an_internal_error_has_its_own_exit_code_and_one_line(monkeypatch, capsys, tmp_path):
    from lintnews import app, cli

    def broken(*args, **kwargs):
        raise RuntimeError("a bug\nwith two lines")

    (tmp_path / "a.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    monkeypatch.setattr(app, "check", broken)
    monkeypatch.delenv("LINTNEWS_DEBUG", raising=False)
    assert cli.main(["check", "--no-cache", str(tmp_path / "a.md")]) == cli.EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert err == "lintnews: internal error: RuntimeError: a bug\\nwith two lines\n"


def test_python_m_lintnews_imports_no_plugin_from_the_working_directory(tmp_path):
    repo, _ = _repo(tmp_path)
    (repo / "drafts" / "ok.md").write_text("# Hola\n\nUn texto.\n", encoding="utf-8")
    info = repo / "evil-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[lintnews]\nevil = evilmod\n", encoding="utf-8")
    (repo / "evilmod.py").write_text(
        "import pathlib\npathlib.Path('PWNED').write_text('code ran')\n", encoding="utf-8"
    )
    env = {"LINTNEWS_DISABLE_PLUGIN_AUTOLOAD": ""}
    for args in (["plugins"], ["check", "--no-cache", "drafts"], ["vale", "drafts"]):
        proc = run_cli(*args, cwd=repo, env=env)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert not (repo / "PWNED").exists(), args
        assert "evil" not in proc.stdout + proc.stderr


def _finds_the_caption(repo) -> None:
    """A check of ``repo``'s drafts (the cache on) finds DIRTY's caption, in time."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "drafts"],
        cwd=repo, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1 and "stray-caption" in proc.stdout, proc.stderr[-800:]


def test_forged_cache_files_committed_to_the_repository_are_not_trusted(tmp_path):
    import hashlib
    import marshal
    import sqlite3

    from lintnews import batch
    from lintnews.cache import SCHEMA
    from lintnews.runner import Runner

    repo, _ = _repo(tmp_path)
    (repo / ".lintnews.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    (repo / "drafts" / "a.md").write_text(DIRTY, encoding="utf-8")
    cache = repo / ".lintnews" / "cache"
    cache.mkdir(parents=True)
    # compiled patterns whose code is garbage, a parsed-YAML entry 1,500 lists deep for the
    # config, and a results cache whose rows say "no findings" under the public key formula
    garbage = {("x", 0): ("x", 0, [99] * 64, {}, {}, {}, [], -1, None, 0, 0)}
    (cache / "regex-compiled.bin").write_bytes(marshal.dumps((("k",), garbage)))
    config_text = (repo / ".lintnews.yaml").read_text(encoding="utf-8")
    deep: list = []
    for _ in range(1500):
        deep = [deep]
    parsed = {str(repo / ".lintnews.yaml"): (config_text, deep)}
    (cache / "yaml-parsed.bin").write_bytes(marshal.dumps(parsed))
    old_cwd = os.getcwd()
    os.chdir(repo)
    try:
        salt = batch._salt(Runner(config_path=".lintnews.yaml"))
    finally:
        os.chdir(old_cwd)
    path = "drafts/a.md"
    digest = hashlib.sha256(DIRTY.encode()).hexdigest()
    db = sqlite3.connect(cache / "results.sqlite")
    db.executescript(SCHEMA)
    key = hashlib.sha256(f"{salt}\0{path}\0{digest}".encode()).hexdigest()
    payload = json.dumps({"path": path, "language": "es", "findings": []})
    db.execute("insert into results values (?, ?)", (key, payload))
    db.commit()
    db.close()
    _finds_the_caption(repo)
    # a results cache whose "files" is a view over an endless recursive query
    (cache / "results.sqlite").unlink()
    db = sqlite3.connect(cache / "results.sqlite")
    db.executescript(
        "create table results (key text primary key, payload text);"
        "create view files (path, mtime_ns, size, digest) as with recursive r(n) as "
        "(select 1 union all select n + 1 from r) select n, n, n, n from r;"
    )
    db.close()
    _finds_the_caption(repo)
    # the classifier's trees as a run kept them, rewritten unsigned with garbage for trees
    from lintnews.cachefolder import read_cache_value

    kept = read_cache_value(cache / "derived.bin")
    assert kept and any(name.startswith("leftover-model:") for name in kept)
    forged = {name: (digest, (("x",), "base", None, ())) for name, (digest, _) in kept.items()}
    (cache / "derived.bin").write_bytes(marshal.dumps(forged))
    (cache / "results.sqlite").unlink()
    _finds_the_caption(repo)


def test_a_rules_patterns_share_one_time_budget_per_draft(tmp_path):
    repo, _ = _repo(tmp_path)
    (repo / "rules").mkdir()
    (repo / "rules" / "slow.yaml").write_text(  # each exception try is well under the limit
        "id: slow\nkind: existence\nmessage: m\noptions:\n  tokens: [palabra]\n"
        "  exceptions: ['(?:.*?a){2}Z', 'x y']\n",
        encoding="utf-8",
    )
    (repo / ".lintnews.yaml").write_text("rule-paths: [rules]\n", encoding="utf-8")
    (repo / "drafts" / "a.md").write_text("# T\n\n" + "palabra " * 200 + "\n", encoding="utf-8")
    proc = run_cli("check", "--no-cache", "drafts", cwd=repo, env={"LINTNEWS_REGEX_TIMEOUT": "0.2"})
    assert "lintnews: drafts/a.md: rule slow: its patterns took more than 2s together" in (
        proc.stderr
    ), proc.stderr
    assert len(proc.stderr.splitlines()) == 1


def test_vale_reports_an_unreadable_draft_or_vocabulary_in_one_line_and_goes_on(tmp_path):
    styles = tmp_path / "styles"
    (styles / "S").mkdir(parents=True)
    (styles / "S" / "W.yml").write_text(
        "extends: existence\nmessage: '%s'\ntokens:\n  - palabra\n", encoding="utf-8"
    )
    ini = "StylesPath = styles\nMinAlertLevel = suggestion\n%s[*.md]\nBasedOnStyles = S\n"
    (tmp_path / ".vale.ini").write_text(ini % "", encoding="utf-8")
    (tmp_path / "a.md").write_text("# T\n\npalabra\n", encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"# T\n\nTexto \xff palabra\n")
    (tmp_path / "c.md").write_text("# T\n\notra palabra\n", encoding="utf-8")
    proc = run_cli("vale", "--output", "line", "a.md", "b.md", "c.md", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "lintnews vale: b.md:3: not valid UTF-8 (byte 0xff at offset 11)\n"
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "c.md"),
    ]
    vocab = styles / "config" / "vocabularies" / "V"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / ".vale.ini").write_text(ini % "Vocab = V\n", encoding="utf-8")
    proc = run_cli("vale", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert (
        proc.stderr
        == f"lintnews vale: {vocab / 'accept.txt'}: cannot read: invalid continuation byte\n"
    )


def test_a_front_matter_value_that_cannot_be_built_is_an_error_with_its_line(tmp_path):
    (tmp_path / "date.md").write_text(
        "---\ntitle: T\ndate: 2024-13-45\n---\n# T\n\nTexto.\n", encoding="utf-8"
    )
    (tmp_path / "int.md").write_text(f"---\nn: {'9' * 5000}\n---\n# T\n\nTexto.\n")
    proc = run_cli("check", "--no-cache", "date.md", "int.md", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == (
        "lintnews: date.md:3: invalid front matter: invalid YAML value: month must be in 1..12"
    )
    assert lines[1].startswith("lintnews: int.md:2: invalid front matter: invalid YAML value: ")
    assert len(lines) == 2 and "plugin" not in proc.stderr


def test_archive_files_that_link_out_of_the_archive_are_not_indexed(tmp_path, monkeypatch):
    from lintnews.runner import Runner

    repo, outside = _repo(tmp_path)
    published = repo / "published"
    published.mkdir()
    (published / "old.md").write_text("# Viejo\n\nUn texto publicado.\n", encoding="utf-8")
    (published / "leak.md").symlink_to(outside / "secret.md")
    (published / "docs").symlink_to(outside)
    (repo / ".lintnews.yaml").write_text("archive: [published]\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    index = Runner(config_path=".lintnews.yaml").ruleset.resources["archive"]
    paths = {Path(p).name for (p,) in index.db.execute("select path from files")}
    index.close()
    assert paths == {"old.md"}


def test_a_committed_lexicon_index_is_never_opened(tmp_path, monkeypatch):
    from lintnews import files
    from lintnews.language import lexicon

    opened = []
    read = files.read_unlinked
    monkeypatch.setattr(lexicon, "read_unlinked", lambda p: opened.append(p.name) or read(p))
    data = lexicon._data_file("es", "large")
    stat = data.stat()
    public = f"lexicon-es-large-2-{stat.st_size}-{stat.st_mtime_ns}.bin"  # the old name
    (tmp_path / public).write_bytes(b"forged")
    try:
        lexicon.load.cache_clear()
        lexicon.use_index_dir(tmp_path)
        assert lexicon.load("es", "large", 2.0).zipf("Colombia") > 3
    finally:
        lexicon.use_index_dir(None)
        lexicon.load.cache_clear()
    assert opened and public not in opened
    (written,) = {p.name for p in tmp_path.iterdir()} - {public}
    assert written.startswith(public.removesuffix(".bin") + "-") and written in opened


def _workers(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    kids = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            kids += [int(k) for k in f.read().split()]
    return kids


def _parallel_check(tmp_path, drafts: int = 60):
    """``check -j 2`` started on drafts that each give 40 findings (a batch's results fill
    more than a pipe's buffer), once both workers are at work."""
    import subprocess
    import sys
    import time

    paragraphs = [
        f"El consejo del distrito {i} se reunió el lunes para hablar del presupuesto de la "
        "nueva biblioteca, de las obras de la calle mayor y de los autobuses escolares."
        for i in range(40)
    ]
    # pasted again out of order (every 7th): 40 copies, none next to the copy of its
    # neighbour, so 40 findings, not one for a block pasted again whole
    again = [paragraphs[i * 7 % 40] for i in range(40)]
    text = "# Presupuesto\n\n" + "\n\n".join(paragraphs + again) + "\n"
    (tmp_path / "drafts").mkdir()
    for i in range(drafts):
        (tmp_path / "drafts" / f"{i:03d}.md").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lintnews", "check", "--no-cache", "-j", "2", "--format", "json",
         "drafts"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(workers := _workers(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(0.3)  # both are linting their first batch
    return proc, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_killed_from_outside_costs_no_draft_and_the_run_ends(tmp_path):
    import signal
    import subprocess

    proc, workers = _parallel_check(tmp_path)
    os.kill(workers[0], signal.SIGKILL)  # as the OOM killer does
    try:
        out, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError("the run did not end after a worker was killed") from None
    assert proc.returncode == 1, err[-800:]
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == [f"drafts/{i:03d}.md" for i in range(60)]
    assert all(len(f["findings"]) == 40 and not f.get("errors") for f in files), err[-800:]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_ends_a_parallel_run_and_its_workers_promptly(tmp_path):
    import signal
    import subprocess
    import time

    proc, workers = _parallel_check(tmp_path, drafts=400)
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError("SIGTERM did not end the run") from None
    assert proc.returncode == 130
    time.sleep(0.2)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]


def test_a_signal_that_arrives_inside_a_finaliser_is_taken_again_a_moment_later():
    # raised inside __del__, an exception is printed ("Exception ignored") and lost, and an
    # interrupted run would go on: the handlers ask signals.wait first
    import signal

    from lintnews.signals import wait

    seen = []

    class Garbage:
        def __del__(self):
            seen.append(wait(None, signal.SIGTERM, sys._getframe()))

    before = signal.signal(signal.SIGALRM, lambda *_: seen.append("again"))
    try:
        Garbage()  # collected at once: __del__ runs here
        assert seen == [True]
        time.sleep(0.05)  # SIGALRM comes back
        assert seen == [True, "again"]
        assert wait(None, signal.SIGTERM, sys._getframe()) is False  # elsewhere: raise now
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_a_signal_during_a_fixs_file_operation_is_raised_when_it_ends():
    # a handler that raised inside mkstemp or unlink would leave the temporary file behind
    import signal

    from lintnews.signals import held, wait

    class Interrupted(Exception):
        pass

    def handler(signum, frame):
        if not wait(handler, signum, frame):
            raise Interrupted

    done = []
    with pytest.raises(Interrupted), held():
        handler(signal.SIGTERM, sys._getframe())  # as if it came now: kept
        done.append("the operation finished")
    assert done == ["the operation finished"]
