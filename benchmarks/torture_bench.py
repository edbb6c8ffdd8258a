#!/usr/bin/env python3
"""Time and peak memory of `lintnews check` on the large bad drafts.

Writes the torture corpus's large cases (tests/torture/make_corpus.py --large) and drafts of
1 MB and 5 MB cut from the 50 MB one (the same article pasted over and over: the worst case
for the repetition index) under benchmarks/.work/torture/, then runs lintnews on each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "torture"


def run(path: Path) -> str:
    """Wall time and this run's own peak RSS (os.wait4 reports it per child)."""
    lintnews = ROOT / ".venv" / "bin" / "lintnews"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(lintnews), "check", "--no-cache", "-q", str(path)],
        cwd=WORK,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    note = err.strip().splitlines()[0].split(": ", 2)[-1][:60] if err.strip() else ""
    return (
        f"{path.name:20} exit {code}  {elapsed:6.2f} s  peak {usage.ru_maxrss // 1024} MiB  {note}"
    )


def main() -> None:
    # The corpus is written by a child process, so this one stays small: a forked child's
    # peak memory counts what it inherited.
    script = ROOT / "tests" / "torture" / "make_corpus.py"
    subprocess.run([sys.executable, str(script), str(WORK), "--large"], check=True)
    with open(WORK / "big-50mb.md", "rb") as f:
        head = f.read(5 * 1024 * 1024)
    for mb in (1, 5):
        (WORK / f"repeated-{mb}mb.md").write_bytes(head[: mb * 1024 * 1024])
    del head
    print("default config (max-file-size 5 MB):")
    for name in ("big-50mb.md", "single-line-2mb.md", "repeated-1mb.md", "repeated-5mb.md"):
        print("  " + run(WORK / name))
    print("hostile shapes (tests/torture/make_corpus.py --large):")
    for name in (
        "open-backticks.md",
        "open-strong.md",
        "open-autolinks.md",
        "shared-surname.md",
        "widget-lists.md",
        "many-quotes.md",
        "unbroken-quotes.md",
        "unwrapped-lines.md",
        "hyphenated-names.md",
        "chant-quotes.md",
    ):
        print("  " + run(WORK / name))


if __name__ == "__main__":
    main()
