#!/usr/bin/env python3
"""Throughput and memory of `lintnews check` on a corpus of N drafts.

usage: benchmarks/bench.py [--drafts N] [--proselint] [--lintnews PATH] [--shared DIR]

Also prints the same run with a warm cache and, with --proselint, proselint's drafts per
second on the same corpus (installed in its own venv under benchmarks/.work/ on first use).

The corpus is built from examples/ and the dev set (../shared/eval/dev/drafts), replicated
until it holds N files, under benchmarks/.work/ (git-ignored). Prints the cold start time of
one draft (median of 5 runs), drafts per second and peak memory (max RSS of the process).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
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


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one command run in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=2000)
    ap.add_argument("--lintnews", default=str(ROOT / ".venv" / "bin" / "lintnews"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument(
        "--extra", nargs=argparse.REMAINDER, default=[], help="extra arguments for lintnews check"
    )
    ap.add_argument("--proselint", action="store_true", help="also time proselint")
    a = ap.parse_args()
    corpus = build_corpus(a.drafts, Path(a.shared))
    one = sorted(corpus.iterdir())[0]
    cold = [run([a.lintnews, "check", "--no-cache", *a.extra, str(one)])[0] for _ in range(5)]
    print(f"cold check of one draft: {statistics.median(cold) * 1000:.0f} ms (median of 5)")
    check = [a.lintnews, "check", "--format", "json", *a.extra, str(corpus)]
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


def ensure_proselint() -> Path:
    venv = WORK / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return exe


if __name__ == "__main__":
    sys.exit(main())
