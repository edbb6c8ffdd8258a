#!/usr/bin/env python3
"""Count the Vale scenarios reproduced in tests/vale/cases/ that lintnews passes.

usage: python scripts/vale_scenarios.py [-v]      (run from the repository root)

A case whose folder starts with ``vale-`` reproduces one of Vale's own scenarios (its
``testdata/features/*.feature`` files); one starting with ``spelling-`` is a spelling
scenario (Vale's or written after them, on a tiny dictionary of the case's own). Every other
case is lintnews's own. Each case runs as ``tests/test_vale_cases.py`` runs it; the figures
are printed per group, ``-v`` names the failing cases.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_vale_cases import CASES, _read, missing_needs, run_case  # noqa: E402


def group_of(name: str) -> str:
    if name.startswith("spelling-"):
        return "spelling"
    return "core (Vale's scenarios)" if name.startswith("vale-") else "lintnews's own"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    counts: dict[str, list[int]] = {}
    failing: list[str] = []
    skipped: list[str] = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        if missing_needs(folder):  # counted as not passing, and named
            skipped.append(folder.name)
        output, code = run_case(folder)
        ok = output == _read(folder, "case.out", "") and code == int(
            _read(folder, "case.exit", "0")
        )
        passed, total = counts.setdefault(group_of(folder.name), [0, 0])
        counts[group_of(folder.name)] = [passed + ok, total + 1]
        if not ok:
            failing.append(folder.name)
    for group, (passed, total) in counts.items():
        print(f"{group}: {passed} of {total} pass ({100 * passed / total:.0f}%)")
    if verbose and failing:
        print("failing:", ", ".join(failing))
    if skipped:
        print("without the system's Hunspell en_US:", ", ".join(skipped))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
