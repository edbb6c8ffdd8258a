"""Bad drafts: each is linted normally or gets one clear line naming the file; never a
traceback, never a hang; the run goes on for the other files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import run_cli

TORTURE = Path(__file__).parent / "torture"
sys.path.insert(0, str(TORTURE))
import make_corpus  # noqa: E402

# file -> (allowed exit codes, a piece of stderr expected, or None for a clean stderr)
CASES = {
    "empty.md": ({0}, None),
    "only-front-matter.md": ({0}, None),
    "broken-front-matter.md": ({2}, "broken-front-matter.md:3: invalid front matter"),
    "invalid-utf8.md": ({2}, "invalid-utf8.md:3: not valid UTF-8 (byte 0xff"),
    "utf16-bom.md": ({1}, None),
    "binary-nul.md": ({0}, "binary-nul.md: binary file (NUL bytes), skipped"),
    "mixed-crlf-lf.md": ({1}, None),
    "unicode-edge-cases.md": ({0, 1}, None),
    "nested-blockquotes.md": ({0, 1}, None),
    "nested-lists.md": ({0, 1}, None),
}


def test_committed_corpus_is_what_the_script_writes():
    for name, data in make_corpus.small_cases().items():
        assert (TORTURE / name).read_bytes() == data, name
    assert set(CASES) == set(make_corpus.small_cases())


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_draft(name):
    codes, expected = CASES[name]
    proc = run_cli("check", "--no-cache", str(TORTURE / name))
    assert proc.returncode in codes, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    said = [line for line in proc.stderr.splitlines() if line.startswith("lintnews:")]
    if expected is None:
        assert said == []
    else:
        assert len(said) == 1 and expected in said[0], proc.stderr


def test_positions_in_mixed_line_endings_match_the_file():
    import json

    path = TORTURE / "mixed-crlf-lf.md"
    proc = run_cli("check", "--no-cache", "--format", "json", str(path))
    lines = path.read_bytes().decode().split("\n")
    for f in json.loads(proc.stdout)["files"][0]["findings"]:
        line = lines[f["line"] - 1].rstrip("\r")
        assert f["column"] <= len(line) + 1


def test_the_run_goes_on_and_errors_give_exit_2():
    proc = run_cli("check", "--no-cache", str(TORTURE))
    assert proc.returncode == 1  # utf16-bom and mixed-crlf-lf have findings: 1 wins over 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("lintnews:")]
    assert len(errors) == 3  # broken front matter, invalid UTF-8, binary note
    proc = run_cli(
        "check", "--no-cache", str(TORTURE / "empty.md"), str(TORTURE / "invalid-utf8.md")
    )
    assert proc.returncode == 2


@pytest.mark.slow
def test_large_drafts(tmp_path):
    for name, data in make_corpus.large_cases().items():
        (tmp_path / name).write_bytes(data)
    proc = run_cli("check", "--no-cache", str(tmp_path / "big-50mb.md"))
    assert proc.returncode == 2 and "file too large to lint (50.0 MB" in proc.stderr
    proc = run_cli("check", "--no-cache", str(tmp_path / "single-line-2mb.md"))
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    # inline markup that never closes is read in linear time (benchmarks/torture_bench.py
    # times it); read against the rest of the draft, each took minutes
    opened = [str(tmp_path / f"open-{kind}.md") for kind in ("backticks", "strong", "autolinks")]
    proc = run_cli("check", "--no-cache", *opened)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr


def test_symlink_loop_and_vanished_and_unreadable_files(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("# T\n\nTexto.\n", encoding="utf-8")
    os.symlink(".", tmp_path / "loop")
    os.symlink("missing.md", tmp_path / "dangling.md")
    os.mkfifo(tmp_path / "pipe.md")
    proc = run_cli(
        "check", "--no-cache", str(tmp_path), str(tmp_path / "gone.md"), str(tmp_path / "pipe.md")
    )
    assert proc.returncode == 2
    assert "gone.md: no such file" in proc.stderr
    assert "pipe.md: not a regular file" in proc.stderr
    assert "Traceback" not in proc.stderr

    from lintnews import files
    from lintnews.runner import Runner

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    runner = Runner()
    monkeypatch.setattr(files, "open", unreadable, raising=False)  # root reads any file
    result = runner.lint_path(str(tmp_path / "a.md"))
    assert result.errors == (f"{tmp_path / 'a.md'}: cannot read: Permission denied",)
