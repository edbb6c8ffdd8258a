#!/usr/bin/env python3
"""Instructions per draft of linting, counted by valgrind: a figure that does not move
with the machine's load, to compare two versions on a shared or noisy machine, where wall
and CPU times of the same run vary by 10% and more from one run to the next.

usage: benchmarks/instructions.py [--drafts N] [--base REV] [--shared DIR] [FOLDER]

Lints the drafts of FOLDER (default: the dev set, ../shared/eval/dev/drafts) in one
process under ``valgrind --tool=cachegrind --cache-sim=no``: once with no draft past the
warm-up (imports, rule set, lexicons, the first drafts' patterns) and once with N drafts
more (default 200), with a fixed hash seed; the difference divided by N is the count per
draft. With --base REV, the same for the project's tree at git revision REV (an archive
of it under benchmarks/.work/), and the ratios. Also prints the instructions of a whole
``lintnews check -j 1`` of one draft (start-up included), with --no-cache and with the cache
folder an earlier run left (compiled patterns, parsed YAML: a pre-commit run).

Instructions are not time (cache misses and branch mispredictions differ), but two
versions of the same code that differ by a few percent in instructions differ in time
about as much; benchmarks/bench.py gives the wall-clock throughput.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"

# run in the linted tree's own interpreter: warm up on the first drafts, then lint the
# next N (each draft once: valgrind counts every instruction, no repetition is needed)
_LINT = """
import sys
from pathlib import Path
from lintnews.runner import Runner
runner = Runner()
paths = sorted(sys.argv[1:-1])
warm, n = paths[:20], int(sys.argv[-1])
for path in warm + paths[20 : 20 + n]:
    runner.lint_text(Path(path).read_text(encoding="utf-8-sig"), path)
"""


def instructions(command: list[str], tree: Path) -> int:
    """Instructions valgrind counts for ``command`` run with ``tree`` first on the path."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    proc = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        + command,
        cwd=tempfile.gettempdir(),
        env=env,
        capture_output=True,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if found is None:
        sys.exit(f"valgrind gave no count for {' '.join(command)}:\n{proc.stderr[-800:]}")
    return int(found.group(1).replace(",", ""))


def per_draft(tree: Path, paths: list[str], n: int) -> tuple[float, int, int]:
    """(instructions per draft, of one draft's whole check with no cache, and with the cache
    folder of an earlier run) for ``tree``."""
    # its modules compiled to bytecode first, as an installed package is: not counted
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "lintnews")], check=True)
    lint = [sys.executable, "-c", _LINT, *paths]
    base = instructions([*lint, "0"], tree)
    full = instructions([*lint, str(n)], tree)
    check = [sys.executable, "-m", "lintnews", "check", "-q", "-j", "1"]
    bare = instructions([*check, "--no-cache", paths[0]], tree)
    # a pre-commit run: the cache folder exists (compiled patterns, parsed YAML), the draft
    # is not in its result cache
    with tempfile.TemporaryDirectory() as cache:
        subprocess.run(
            [*check, "--cache-dir", cache, paths[1]],
            env=dict(os.environ, PYTHONPATH=str(tree)),
            capture_output=True,
        )
        warm = instructions([*check, "--cache-dir", cache, paths[0]], tree)
    return (full - base) / n, bare, warm


def archive(rev: str) -> Path:
    """The project's files at ``rev``, extracted under benchmarks/.work/."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if sha.returncode:
        sys.exit(f"not a revision: {rev}")
    tree = WORK / f"tree-{sha.stdout.strip()[:12]}"
    if not (tree / "lintnews").is_dir():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        data = subprocess.run(["git", "archive", sha.stdout.strip()], cwd=ROOT, capture_output=True)
        subprocess.run(["tar", "x", "-C", str(tree)], input=data.stdout, check=True)
    return tree


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--drafts", type=int, default=200)
    ap.add_argument("--base", help="a git revision to compare with")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt install valgrind)")
    folder = Path(a.folder) if a.folder else Path(a.shared) / "eval/dev/drafts"
    paths = sorted(str(p) for p in folder.glob("*.md")) + sorted(
        str(p) for p in folder.glob("*.txt")
    )
    if len(paths) < 20 + a.drafts:
        sys.exit(f"{folder} holds {len(paths)} drafts; 20 + --drafts ({a.drafts}) are needed")

    def show(name: str, figures: tuple[float, int, int]) -> None:
        each, bare, warm = figures
        print(
            f"{name}: {each / 1e6:.2f} M instructions per draft ({a.drafts} drafts); one "
            f"draft's whole check: {bare / 1e9:.2f} G with --no-cache, {warm / 1e9:.2f} G with "
            "the cache folder of an earlier run"
        )

    mine = per_draft(ROOT, paths, a.drafts)
    show("working tree", mine)
    if a.base:
        theirs = per_draft(archive(a.base), paths, a.drafts)
        show(a.base, theirs)
        ratios = ", ".join(f"{x / y:.3f}" for x, y in zip(mine, theirs, strict=True))
        print(f"working tree / {a.base} (per draft, --no-cache check, cached check): {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
