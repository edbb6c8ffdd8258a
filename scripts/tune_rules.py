"""Out-of-fold figures for hand-set rule options, with folds grouped by outlet.

    python scripts/tune_rules.py repetition --grid similarity=0.45,0.5,0.55 contained=0.75,0.8
    python scripts/tune_rules.py naming --grid known_zipf=1.5,2,2.5 typo_max_count=1,2,3
    python scripts/tune_rules.py repetition --grid kinds.repetition.units:QUOTED_SHARE=0.4,0.5

A grid name ``module:NAME`` sets a constant of a lintnews module (``lintnews.`` before the
module) for the run instead of a rule option: a threshold that is not an option.

Every combination of the grid is run once over the labelled sets beside the project
(``../shared/eval``: dev, real-dev, real-web). Then, fold by fold (drafts grouped by outlet:
the site in a real-web file name, the draft elsewhere, as in train_leftover_model.py), the
combination with the best F1 on the other folds is chosen and scored on the held-out fold.
The summed held-out counts are the out-of-fold figures: what the chosen options do on
outlets they were not chosen on. Printed per set (and per language for real-web), beside
the figures of the shipped options on the same drafts.

A defect is found when a finding touches its line; a finding is right when it touches the
line, or one of the ``also`` lines, of a defect of its category; a finding touches its own
lines and those of its related places (as ``score.py`` counts).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import itertools
import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = ("dev", "real-dev", "real-web")
#: the rules of a category (as ../shared/eval/categories.yaml counts them) and the rules
#: whose options the grid sets
RULES = {
    "repetition": ["repeated-paragraph", "repeated-sentence"],
    "naming": ["inconsistent-name", "name-article-mismatch", "quote-mismatch", "house-style-name"],
}
TUNED = {"repetition": RULES["repetition"], "naming": ["inconsistent-name"]}
sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_leftover_model import outlet  # noqa: E402


def parse_grid(items: list[str]) -> list[dict]:
    axes = []
    for item in items:
        name, _, values = item.partition("=")
        axes.append([(name, _number(v)) for v in values.split(",")])
    return [dict(combo) for combo in itertools.product(*axes)]


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        return float(text)


def drafts() -> list[tuple[str, str, Path, dict]]:
    """(set, draft, path, labels) of every labelled draft."""
    out = []
    for set_name in SETS:
        folder = SHARED / set_name
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        for draft in sorted(p.name for p in (folder / "drafts").glob("*.md")):
            out.append((set_name, draft, folder / "drafts" / draft, labels.get(draft, {})))
    return out


def run(rules: list[str], tuned: list[str], options: dict, items) -> dict:
    """{(set, draft): [lines a finding touches, ...]} of the rules' findings under
    ``options`` (its own lines and those of its related places, as score.py counts)."""
    from lintnews.config import Config

    # every rule runs, as ``lintnews check`` runs them: the noise policy weighs one rule's
    # findings against another's (a repeat that the leftover rules report is dropped)
    constants = {k: v for k, v in options.items() if ":" in k}
    options = {k: v for k, v in options.items() if ":" not in k}
    config = Config(rules={rule: {"options": options} for rule in tuned}) if options else None
    with _constants(constants):
        return _run(rules, config, items)


@contextlib.contextmanager
def _constants(values: dict):
    """Set module constants (``module:NAME`` -> value) for the block, then put them back."""
    saved = []
    try:
        for key, value in values.items():
            module, _, name = key.partition(":")
            target = importlib.import_module(f"lintnews.{module}")
            saved.append((target, name, getattr(target, name)))
            setattr(target, name, value)
        yield
    finally:
        for target, name, value in reversed(saved):
            setattr(target, name, value)


def _run(rules: list[str], config, items) -> dict:
    from lintnews.runner import Runner

    runner = Runner(config=config)
    found = {}
    for set_name, draft, path, _ in items:
        result = runner.lint_text(path.read_text(encoding="utf-8"), str(path))
        found[(set_name, draft)] = [
            frozenset(
                n
                for a, b in [(f.line, f.end_line), *((r.line, r.end_line) for r in f.related)]
                for n in range(a, b + 1)
            )
            for f in result.findings
            if f.rule in rules
        ]
    return found


def counts(category: str, found, items, keys) -> list[int]:
    """[labels found, labels, findings right, findings] over the drafts in ``keys``."""
    total = [0, 0, 0, 0]
    for set_name, draft, _, lab in items:
        if (set_name, draft) not in keys:
            continue
        defects = [d for d in lab.get("defects", []) if d["category"] == category]
        places = [{d["line"], *d["also"]} for d in defects]
        hits = found[(set_name, draft)]
        total[0] += sum(1 for d in defects if any(d["line"] in h for h in hits))
        total[1] += len(defects)
        total[2] += sum(1 for h in hits if any(h & p for p in places))
        total[3] += len(hits)
    return total


def f1(c: list[int]) -> float:
    r = c[0] / c[1] if c[1] else 0.0
    p = c[2] / c[3] if c[3] else 0.0
    return 2 * r * p / (r + p) if r + p else 0.0


def show(name: str, c: list[int]) -> str:
    r = c[0] / c[1] if c[1] else 0.0
    p = c[2] / c[3] if c[3] else 0.0
    return f"  {name:16} recall {r:.3f} precision {p:.3f}  labels {c[1]:4} findings {c[3]:4}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("category", choices=sorted(RULES))
    ap.add_argument("--grid", nargs="+", required=True, help="option=v1,v2,... per option")
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    rules = RULES[a.category]
    items = drafts()
    combos = parse_grid(a.grid)
    results = {}
    for i, combo in enumerate(combos):
        results[i] = run(rules, TUNED[a.category], combo, items)
        print(f"ran {i + 1}/{len(combos)}: {combo}", file=sys.stderr)
    shipped = run(rules, TUNED[a.category], {}, items)
    fold_of = {(s, d): zlib.crc32(outlet(s, d).encode()) % a.folds for s, d, _, _ in items}
    held = defaultdict(lambda: [0, 0, 0, 0])
    chosen = []
    for k in range(a.folds):
        train = {key for key, f in fold_of.items() if f != k}
        test = {key for key, f in fold_of.items() if f == k}
        best = max(
            combos, key=lambda c: f1(counts(a.category, results[combos.index(c)], items, train))
        )
        chosen.append(best)
        for group in _groups(items, test):
            c = counts(a.category, results[combos.index(best)], items, group[1])
            held[group[0]] = [x + y for x, y in zip(held[group[0]], c, strict=True)]
    print(f"{a.category}: options chosen per fold (best F1 on the other folds):")
    for k, combo in enumerate(chosen):
        print(f"  fold {k}: {combo}")
    print("out of fold (chosen on other outlets):")
    for name in sorted(held):
        print(show(name, held[name]))
    print("shipped options, same drafts:")
    everyone = set(fold_of)
    for name, keys in _groups(items, everyone):
        print(show(name, counts(a.category, shipped, items, keys)))
    return 0


def _groups(items, keys) -> list[tuple[str, set]]:
    """The drafts in ``keys`` per set, and per language for real-web."""
    out = defaultdict(set)
    for set_name, draft, _, _ in items:
        if (set_name, draft) in keys:
            out[set_name].add((set_name, draft))
            if set_name == "real-web":
                out[f"real-web/{draft[:2]}"].add((set_name, draft))
    return sorted(out.items())


if __name__ == "__main__":
    sys.exit(main())
