"""Vale acceptance cases: each folder in tests/vale/cases/ is run as Vale's test suite does.

``lintnews vale --output=line --sort --normalize --relative --no-global ARGS`` runs in the
folder (ARGS from ``case.args``, default ``.``; standard input from ``case.stdin``, as Vale's
"I run cat FILE EXT" steps pipe a draft); stdout must equal ``case.out`` exactly and the exit
code ``case.exit`` (default 0). A case whose ``case.needs`` says ``system-dictionary`` runs
only where the system's Hunspell en_US is installed (Vale.Spelling without a dictionary of
the style's own). See tests/vale/README.md.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from pathlib import Path

import pytest

from lintnews.cli import main

CASES = Path(__file__).parent / "vale" / "cases"
FLAGS = ["vale", "--output=line", "--sort", "--normalize", "--relative", "--no-global"]


def _read(folder: Path, name: str, default: str) -> str:
    path = folder / name
    return path.read_text(encoding="utf-8") if path.is_file() else default


def run_case(folder: Path) -> tuple[str, int]:
    args = shlex.split(_read(folder, "case.args", "."))
    out, err = io.StringIO(), io.StringIO()
    stdin = folder / "case.stdin"
    old, old_stdin = Path.cwd(), sys.stdin
    os.chdir(folder)
    try:
        if stdin.is_file():
            sys.stdin = io.StringIO(stdin.read_text(encoding="utf-8"))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*FLAGS, *args])
    finally:
        os.chdir(old)
        sys.stdin = old_stdin
    return out.getvalue(), code


def missing_needs(folder: Path) -> list[str]:
    """What a case needs that this machine lacks."""
    from lintnews.vale.spelling import SYSTEM_FOLDERS

    needs = _read(folder, "case.needs", "").split()
    have_dictionary = any((Path(f) / "en_US.dic").is_file() for f in SYSTEM_FOLDERS)
    return [n for n in needs if n == "system-dictionary" and not have_dictionary]


@pytest.mark.parametrize("folder", sorted(CASES.iterdir()), ids=lambda p: p.name)
def test_vale_case(folder):
    if missing_needs(folder):
        pytest.skip(f"needs {', '.join(missing_needs(folder))} (apt-get install hunspell-en-us)")
    output, code = run_case(folder)
    assert output == _read(folder, "case.out", "")
    assert code == int(_read(folder, "case.exit", "0"))
