"""Archive index figures: benchmarks/archive_bench.py [--sizes 10000 100000] [--drafts 50]

For each size, writes a synthetic archive of that many paragraphs (articles of ten
paragraphs) into a temporary folder, then measures through the real runner path
(``Runner(archive=...)``: Markdown parsing, index build into ``.lintnews/archive.sqlite``):

* build time and index size from scratch;
* reopening an unchanged archive (the incremental check), and after one article changed;
* lookup cost per draft: linting dev drafts with the archive minus without it.

Synthetic paragraphs recombine sentences of the dev drafts (../shared/eval/dev/drafts) from
different articles, with capitalised names and numbers redrawn, so the archive has the
vocabulary of real news and no two paragraphs are the same. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import regex

from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "drafts"
_SENTENCE = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}¿¡\"«])")
_NAME = regex.compile(r"(?<=\s)\p{Lu}\p{Ll}{3,}")
_NUMBER = regex.compile(r"\*NUMBER\*|\d+")


def dev_sentences() -> tuple[list[str], list[str]]:
    sentences, names = [], set()
    for path in sorted(DEV.glob("*.md")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            block = " ".join(block.split())
            if not block or block.startswith(("#", "---")):
                continue
            for s in _SENTENCE.split(block):
                if len(s.split()) >= 8:
                    sentences.append(s)
                    names.update(_NAME.findall(" " + s))
    return sentences, sorted(names)


def write_archive(folder: Path, paragraphs: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    sentences, names = dev_sentences()

    def paragraph() -> str:
        text = " ".join(rng.sample(sentences, rng.choice((2, 2, 3))))
        text = _NAME.sub(lambda m: rng.choice(names), text)
        return _NUMBER.sub(lambda m: str(rng.randrange(2, 5000)), text)

    for a in range(paragraphs // 10):
        sub = folder / f"{a // 1000:03d}"
        sub.mkdir(exist_ok=True)
        body = "\n\n".join(paragraph() for _ in range(10))
        (sub / f"article-{a:06d}.md").write_text(f"# Artículo {a}\n\n{body}\n", "utf-8")


def lint_drafts(runner: Runner, drafts: list[Path]) -> float:
    start = time.process_time()
    for path in drafts:
        runner.lint_path(str(path))
    return time.process_time() - start


class Clock:
    """Wall and CPU seconds of a block (CPU time is steadier on a shared machine)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu

    def __str__(self):
        return f"{self.wall:.2f} s wall / {self.cpu:.2f} s CPU"


def bench(size: int, drafts: list[Path], workdir: Path) -> None:
    archive = workdir / f"archive-{size}"
    archive.mkdir()
    write_archive(archive, size)
    select = ["repeated-paragraph"]
    with Clock() as build:
        runner = Runner(select=select, archive=[str(archive)])
    index = runner.ruleset.resources["archive"]
    count = len(index)
    index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_size = sum(p.stat().st_size for p in index.path.parent.glob("archive.sqlite*"))
    with Clock() as reopen:
        Runner(select=select, archive=[str(archive)])
    touched = next(archive.rglob("*.md"))
    touched.write_text(touched.read_text("utf-8") + "\nUn párrafo añadido al artículo.\n", "utf-8")
    with Clock() as one_changed:
        Runner(select=select, archive=[str(archive)])
    with_archive = lint_drafts(runner, drafts)
    without = lint_drafts(Runner(select=select), drafts)
    per_draft = (with_archive - without) / len(drafts) * 1000
    print(f"{count} paragraphs ({count // 10} articles)")
    print(f"  build from scratch:   {build}; index {db_size / 2**20:.1f} MiB")
    print(f"  reopen, unchanged:    {reopen}")
    print(f"  reopen, one changed:  {one_changed}")
    print(
        f"  lookup: {per_draft:.1f} ms CPU per draft ({len(drafts)} dev drafts linted with "
        f"repeated-paragraph: {with_archive / len(drafts) * 1000:.1f} ms with the archive, "
        f"{without / len(drafts) * 1000:.1f} ms without)"
    )
    shutil.rmtree(archive)
    shutil.rmtree(index.path.parent)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--drafts", type=int, default=50)
    a = ap.parse_args()
    drafts = sorted(DEV.glob("*.md"))[: a.drafts]
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="lintnews-archive-bench-") as tmp:
        os.chdir(tmp)  # the index goes to ./.lintnews/, outside the repository
        try:
            for size in a.sizes:
                bench(size, drafts, Path(tmp))
        finally:
            os.chdir(here)


if __name__ == "__main__":
    main()
