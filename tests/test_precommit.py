"""The pre-commit hook, for real: a temporary git repo whose config points at this checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BAD = "# Título\n\nPrimer párrafo de la nota sobre la cumbre.\n\nFoto: EFE\n\nFin de la nota.\n"
GOOD = "# Título\n\nPrimer párrafo de la nota sobre la cumbre.\n\nFin de la nota.\n"


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def rev():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout of lintnews")
    return git("rev-parse", "HEAD", cwd=ROOT).stdout.strip()


def run_precommit(repo: Path, home: Path):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", "bad.md", "good.md", "notes.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env={
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "PRE_COMMIT_HOME": str(home),
            "HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1",
        },
    )


def test_hook_fails_on_a_bad_draft_and_passes_a_good_one(tmp_path, rev):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT}\n  rev: {rev}\n  hooks:\n  - id: lintnews\n", encoding="utf-8"
    )
    (repo / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.txt").write_text("Una nota breve.\n", encoding="utf-8")
    git("add", ".", cwd=repo)
    home = tmp_path / "home"
    proc = run_precommit(repo, home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bad.md:5:1: warning stray-caption" in proc.stdout
    assert "good.md" not in proc.stdout.split("lintnews", 1)[-1]

    (repo / "bad.md").write_text(GOOD, encoding="utf-8")
    git("add", ".", cwd=repo)
    proc = run_precommit(repo, home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
