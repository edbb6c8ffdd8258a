"""Time the repeated-content rules on a long draft: benchmarks/repetition_bench.py [--words N]

The draft is built from the paragraphs of the dev set (../shared/eval/dev/drafts): about
10,000 words in 300 paragraphs, with a few paragraphs copied verbatim and a few reworded
further down, so the rules have work to do. Prints the median of several runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "drafts"


def dev_paragraphs() -> list[str]:
    out = []
    for path in sorted(DEV.glob("*.md")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = block.strip()
            if block and not block.startswith(("#", "---", "lang:", "title:")):
                out.append(" ".join(block.split()))
    return out


def build_draft(words: int, paragraphs: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    pool = [p for p in dev_paragraphs() if 15 <= len(p.split()) <= 80]
    per = words / paragraphs
    chosen = [p for p in pool if abs(len(p.split()) - per) < per * 0.6]
    body = rng.sample(chosen, paragraphs - 10)
    for i in range(10):  # five verbatim copies, five with a lead-in and a swapped word
        source = body[rng.randrange(len(body) // 2)]
        copy = source if i % 2 else "Según se informó, " + source[0].lower() + source[1:]
        body.insert(rng.randrange(len(body) // 2, len(body)), copy)
    return "---\nlang: es\n---\n\n# Un borrador largo\n\n" + "\n\n".join(body) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=10_000)
    ap.add_argument("--paragraphs", type=int, default=300)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    text = build_draft(a.words, a.paragraphs)
    runner = Runner(select=["repeated-*"])
    times, cpu, result = [], [], None
    for _ in range(a.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = runner.lint_text(text, "long-draft.md")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    words = len(text.split())
    paras = text.count("\n\n") - 1
    print(f"draft: {words} words, {paras} paragraphs; findings: {len(result.findings)}")
    print(
        f"lint (parse + repeated-paragraph + repeated-sentence): median "
        f"{statistics.median(times) * 1000:.0f} ms wall, {statistics.median(cpu) * 1000:.0f} ms "
        f"CPU; min {min(times) * 1000:.0f} ms wall over {a.runs} runs"
    )


if __name__ == "__main__":
    main()
