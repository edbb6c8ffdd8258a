#!/usr/bin/env python3
"""Throughput and memory of `lintnews check` on a corpus of N drafts.

usage: benchmarks/bench.py [--drafts N] [--proselint] [--lintnews PATH] [--shared DIR]

Also prints the same run with a warm cache and, with --proselint, proselint's drafts per
second on the same corpus (installed in its own venv under benchmarks/.work/ on first use).

The corpus is built from examples/ and the dev set (../shared/eval/dev/drafts), replicated
until it holds N files, under benchmarks/.work/ (git-ignored). Prints the cold start time of
one draft (see cold_start), drafts per second and peak memory (see run), measured on
lintnews installed from a wheel of the working tree (see installed_lintnews).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"


def build_corpus(n: int, shared: Path) -> Path:
    sources = sorted((ROOT / "examples").glob("*.*"))
    sources += sorted((shared / "eval/dev/drafts").glob("*.md"))
    if not sources:
        sys.exit("no source drafts found")
    corpus = WORK / f"corpus-{n}"
    if corpus.is_dir() and len(list(corpus.iterdir())) == n:
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for i in range(n):
        src = sources[i % len(sources)]
        (corpus / f"{i:06d}-{src.name}").write_bytes(src.read_bytes())
    return corpus


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of one command: the largest sum, sampled every
    half second, of the proportional set size (PSS: shared pages split between their users)
    of the process and all its descendants, workers included. (Reading PSS makes the kernel
    walk each process's pages: sampled every 20 ms, it took a tenth of the lintnews run's
    speed away.)"""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:  # beside the wait, so that the wall time ends when the run does
        while not done.wait(0.5):
            peak[0] = max(peak[0], _tree_pss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-500:]}")
    return elapsed, peak[0] // 1024


def _tree_pss(pid: int) -> int:
    """PSS in kB of ``pid`` and its descendants (0 for processes already gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo += [int(child) for child in f.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def installed_lintnews() -> Path:
    """lintnews installed from the working tree as users get it (a wheel: byte-compiled, no
    editable-install finder), in its own venv under benchmarks/.work/."""
    venv = WORK / "wheel-venv"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(ROOT)], check=True)
    else:
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(ROOT)], check=True)
    return venv / "bin" / "lintnews"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=2000)
    ap.add_argument("--lintnews", help="the lintnews to time (default: a wheel install)")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument(
        "--extra", nargs=argparse.REMAINDER, default=[], help="extra arguments for lintnews check"
    )
    ap.add_argument("--proselint", action="store_true", help="also time proselint")
    a = ap.parse_args()
    corpus = build_corpus(a.drafts, Path(a.shared))
    a.lintnews = a.lintnews or str(installed_lintnews())
    for suffix in (".txt", ".md"):
        cold_start(a, next(p for p in sorted(corpus.iterdir()) if p.suffix == suffix))
    # the corpus lives in the git-ignored work folder: walk it all the same
    check = [
        a.lintnews,
        "check",
        "--format",
        "json",
        "--no-respect-gitignore",
        *a.extra,
        str(corpus),
    ]
    elapsed, peak = run([*check, "--no-cache"])
    rate = a.drafts / elapsed
    print(
        f"{a.drafts} drafts, no cache: {elapsed:.2f} s, {rate:.0f} drafts/s, peak memory {peak} MiB"
    )
    cache_dir = WORK / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    run([*check, "--cache-dir", str(cache_dir)])
    warm, _ = run([*check, "--cache-dir", str(cache_dir)])
    print(f"{a.drafts} drafts, warm cache: {warm:.2f} s")
    if a.proselint:
        proselint = ensure_proselint()
        p_elapsed, p_peak = run([str(proselint), "check", str(corpus)])
        p_rate = a.drafts / p_elapsed
        print(
            f"proselint: {p_elapsed:.2f} s, {p_rate:.0f} drafts/s, peak memory {p_peak} MiB; "
            f"lintnews is {rate / p_rate:.1f}x faster"
        )
    return 0


def cold_start(a, draft: Path, runs: int = 7) -> None:
    """A new process checking one draft that is not in the result cache (each run lints an
    edited copy), as a pre-commit hook does, from a folder of drafts (no pyproject.toml); the
    project's cache folder exists, as it does after any earlier run. Also the very first run
    (empty cache folder) and --no-cache."""
    folder = WORK / "cold"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "drafts").mkdir(parents=True)
    text = draft.read_text(encoding="utf-8")

    def once(i: int, *options: str) -> float:
        copy = folder / "drafts" / f"{i}{draft.suffix}"
        copy.write_text(f"{text}\nEdit {i}.\n", encoding="utf-8")
        return run([a.lintnews, "check", *options, *a.extra, str(copy)], cwd=folder)[0] * 1000

    cache = ["--cache-dir", str(folder / "cache")]
    first = once(0, *cache)
    warm = statistics.median(once(i, *cache) for i in range(1, runs + 1))
    bare = statistics.median(once(i, "--no-cache") for i in range(runs + 1, 2 * runs + 1))
    print(
        f"cold check of one {draft.suffix} draft: {warm:.0f} ms (median of {runs}; "
        f"first run ever {first:.0f} ms, --no-cache {bare:.0f} ms)"
    )


def ensure_proselint() -> Path:
    venv = WORK / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return exe


if __name__ == "__main__":
    sys.exit(main())
