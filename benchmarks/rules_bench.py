#!/usr/bin/env python3
"""Where one draft's time goes: parsing, each rule, and lint_path end to end, in process.

usage: benchmarks/rules_bench.py [--shared DIR] [--repeat N] [FOLDER]

Lints every draft of FOLDER (default: the dev set, ../shared/eval/dev/drafts) once to warm
up (lexicons loaded, phrase packs compiled), then N times (default 3) and prints the best
CPU time per draft of each stage. Rules run as the engine runs them, in order, so rules that
share a per-document analysis (the two repetition rules, the two leftover rules) are timed
as in a real run: the first of a pair pays for the shared part.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from lintnews.kinds.base import Context
from lintnews.language import UNKNOWN
from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    folder = Path(a.folder) if a.folder else Path(a.shared) / "eval/dev/drafts"
    runner = Runner()
    paths = runner.files([str(folder)])
    if not paths:
        sys.exit(f"no drafts in {folder}")
    texts = [Path(p).read_text(encoding="utf-8-sig") for p in paths]
    for path in paths:
        runner.lint_path(path)
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(a.repeat):
        spent: dict[str, float] = defaultdict(float)
        for path, text in zip(paths, texts, strict=True):
            start = time.process_time()
            doc = runner.parse(text, path)
            spent["(parse)"] += time.process_time() - start
            lang = runner.ruleset.languages.get(doc.language, UNKNOWN)
            for rule in runner.ruleset.rules:
                if not rule.applies_to(doc.language):
                    continue
                ctx = Context(doc, rule.options, lang, runner.ruleset.resources, rule.prepared)
                start = time.process_time()
                list(rule.kind.run(ctx))
                spent[rule.id] += time.process_time() - start
        start = time.process_time()
        for path in paths:
            runner.lint_path(path)
        spent["(lint_path, end to end)"] = time.process_time() - start
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    print(f"{len(paths)} drafts from {folder}, best of {a.repeat}, CPU ms per draft:")
    for name, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {seconds / len(paths) * 1000:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
