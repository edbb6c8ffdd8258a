#!/usr/bin/env python3
"""Train the leftover-line classifier of stray-caption; write rules/models/caption-lines.json.

usage: python scripts/train_leftover_model.py [--folds 5] [--trees 150] [--dry-run]
       (needs the ``train`` extra: pip install -e '.[train]'; run from the repository root)

Data: every body line of the real labelled sets beside the project (../shared/eval: dev,
real-dev, real-web, web-lines) and of eval/captions-multilang. A line is a leftover when a
label of category ``caption`` sits on it or names it in ``also`` (the links of a widget);
lines of residue glued to prose (``inline_leftover``, the inline patterns' job) are left out.
In web-lines only the annotated lines count: "content" is article text, "leftover" page
text; its leftovers in the first three body blocks (bylines and dates, which the other sets
count as article text) are left out, so both kinds of set say the same thing.

Features are exactly those the rule computes at run time (``caption_features``), the
line's own, its two neighbours on each side and its run of short lines. The model is
trained, and scored out of fold, on the lines the rule asks it about
(``leftover.is_candidate``) and on full sentences, which the rule never asks about: the
threshold is chosen as if they could be flagged, a little stricter than it need be (scoring
only the lines asked about gave real-web 0.791/0.947 but 28 of 1,817 web-lines article lines
flagged, over the 1.5% bound, against 0.782/0.950 and 25). The others count as not flagged.
The line-level bound (``MAX_TEXT_FLAGGED``) is a proxy for the draft-level one: on
2026-12-06 it chose 0.82, which flagged 28 web-lines article lines out of fold (1.54%;
real-web 0.815/0.950, real-dev 0.909/1.000, before the review of the new shapes); the
weights shipped use ``--threshold 0.83``: 27 (1.49%), real-web 0.800/0.962, real-dev
0.879/1.000. Unseen pages' article text is where a wrong finding costs most, so the
stricter of the two. Retrained at 0.83 after the structure claims and sign-offs (later on
2026-12-06): web-lines 24 (1.32%, no draft with more than 2 false findings), real-web
0.815/0.959, real-dev 0.894/1.000; 100, 200 and 300 trees gave real-web 0.794, 0.818 and
0.825 for 23, 25 and 32 web-lines lines, so 150 stays. Retrained at 0.84 after a second
session of attacks and a review (quantity lists, subheads under ad labels, captions with
"shows"): 0.82, 0.83, 0.84 and 0.85 gave web-lines 28, 28, 24 and 23 article lines
(1.54%, 1.54%, 1.32%, 1.27%), real-web 0.815/0.957, 0.815/0.957, 0.806/0.960 and
0.803/0.959, real-dev 0.894/1.000 at each; at 0.82 and 0.83 one draft has 3 false
findings (a blog whose headline the annotators mark as article text wherever it is
printed, its sidebar's list of posts too), at 0.84 none has more than 2. Retrained at 0.84
once more after the CMS-export patterns: 0.83, 0.84 and 0.85 gave web-lines 28, 24 and 23,
real-web 0.818/0.957, 0.809/0.960 and 0.806/0.959, real-dev 0.894/1.000 at each.
Retrained at 0.84 after "keep reading" and the picture modifiers ("Vista aérea de"; later
on 2026-12-06): 0.83, 0.84 and 0.85 gave web-lines 28, 24 and 23 article lines (1.54%,
1.32%, 1.27%; at 0.83 one draft has 3 false findings), real-web 0.818/0.957, 0.812/0.960
and 0.809/0.960, real-dev 0.894/1.000 at each. (A credit pattern for "Jane Doe -" gave
real-dev 0.909 out of fold by moving the trees, but reported datelines alone on their line
and speakers of a transcript: taken back.) Retrained at 0.84 with the finite-verb feature
(2026-12-07; before it, the same code gave real-web 0.806/0.967, real-dev 0.894/1.000 and
web-lines 25 with one draft of 3 false findings): 0.83, 0.84 and 0.85 gave web-lines 28, 25
and 25 article lines (1.54%, 1.38%, 1.38%; at 0.83 one draft has 3 false findings),
real-web 0.815/0.975, 0.812/0.978 and 0.806/0.978, real-dev 0.909, 0.909 and 0.894 (precision
1.000).
Model: gradient boosted trees (scikit-learn), written as plain node lists that
``caption_model`` walks in pure Python.

Honest figures: folds are grouped by outlet (the site in a real-web or web-lines file name,
the source in captions-multilang, the draft elsewhere): pages of one site share templates,
and a model that saw a site's other pages looks better than it is. The threshold is chosen
on out-of-fold scores only. Then, for each fold, lintnews runs on the held-out drafts with
the model trained without them, and the merged reports are scored with the sets' own
scorers (score.py, score_lines.py), per set and per language. Those figures are printed
and kept in the weights file's "cv" entry.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {
    "dev": SHARED / "dev",
    "real-dev": SHARED / "real-dev",
    "real-web": SHARED / "real-web",
    "web-lines": SHARED / "web-lines",
    "captions-multilang": ROOT / "eval" / "captions-multilang",
}
OUT = ROOT / "rules" / "models" / "caption-lines.json"
RULES = ["stray-caption", "cms-boilerplate"]
#: the largest share of article-text lines (web-lines) the chosen threshold may flag
MAX_TEXT_FLAGGED = 0.01
BYLINE_BLOCKS = 3
#: how often a shape heuristic's proposals must be right (out of fold) to get a lower bar
PROPOSED_PRECISION = 0.9
#: the heuristics that may get a lower bar. Photo descriptions, short repeated lines and
#: names alone were tried too (2026-12-06): their lower bars added 5 to 12 article-text lines
#: of web-lines out of fold and no real-web recall, so they keep the classifier's threshold.
PROPOSING = ("rule_salad",)


def runner(model_path: Path | None = None):
    from lintnews.config import Config
    from lintnews.runner import Runner

    model = str(model_path) if model_path else ""
    return Runner(
        select=RULES, config=Config(rules={"stray-caption": {"options": {"model": model}}})
    )


def outlet(set_name: str, draft: str) -> str:
    """The group a draft is held out with: its site where the name says it."""
    stem = draft.removesuffix(".md")
    if set_name == "real-web":
        return "site:" + stem.split("-web-", 1)[1].rsplit("-", 1)[0]
    if set_name == "web-lines":
        return stem if re.fullmatch(r"[0-9a-f]{32}", stem) else "site:" + stem.rsplit("-", 1)[0]
    if set_name == "captions-multilang":
        return "src:" + "-".join(stem.split("-")[:2])
    return f"{set_name}/{stem}"


def labelled_lines(set_name: str, lab: dict) -> tuple[dict[int, int], set[int]]:
    """{line: 0/1} of the lines a set says something about, and lines to leave out."""
    if set_name == "web-lines":
        return {**{n: 0 for n in lab["content"]}, **{n: 1 for n in lab["leftover"]}}, set()
    positive, skip = set(), set()
    for d in lab["defects"]:
        if d["category"] != "caption":
            continue
        if d["kind"] == "inline_leftover":
            skip.add(d["line"])
        else:
            positive |= {d["line"], *d["also"]}
    return {n: 1 for n in positive}, skip


def line_rows(sets: dict[str, Path]) -> list[dict]:
    """One row per body line: set, draft, group, lang, line, label (None: unlabelled, not
    trained on), features."""
    from lintnews.kinds.base import Context
    from lintnews.kinds.leftovers.caption_features import draft_features, run_ids
    from lintnews.kinds.leftovers.leftover import annotate, is_candidate
    from lintnews.language import UNKNOWN

    run = runner()
    rule = next(r for r in run.ruleset.rules if r.id == "stray-caption")
    o = rule.options
    rows = []
    for set_name, folder in sets.items():
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        for draft, lab in labels.items():
            path = folder / "drafts" / draft
            doc = run.parse(path.read_text(encoding="utf-8"), str(path))
            lang = run.ruleset.languages.get(doc.language, UNKNOWN)
            b = annotate(Context(doc=doc, options=o, lang=lang, prepared=rule.prepared))
            known, skip = labelled_lines(set_name, lab)
            vectors = draft_features(
                b, range(len(b.lines)), lang, rule.prepared.agencies, o["max_words"]
            )
            runs = run_ids(b.lines, o["max_words"])
            for i, line in enumerate(b.lines):
                number = doc.locate(line.span.start)[0]
                y = known.get(number, None if set_name == "web-lines" else 0)
                if number in skip or (
                    set_name == "web-lines" and y and line.block <= BYLINE_BLOCKS
                ):
                    y = None  # not trained on, but a neighbour of lines that are
                rows.append(
                    {
                        "set": set_name,
                        "draft": draft,
                        "group": outlet(set_name, draft),
                        "lang": lab.get("lang", "?"),
                        "line": number,
                        "index": i,
                        "run": runs[i],
                        "y": y,
                        "candidate": is_candidate(
                            line, o["skip_top_blocks"], o["max_model_words"], frozenset(), True
                        ),
                        "x": vectors[i],
                        "words": len(line.words),
                        "text": line.text[:70],
                    }
                )
    return rows


def fit(x, y, trees: int, seed: int = 0):
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=trees,
        learning_rate=0.1,
        max_depth=4,
        min_samples_leaf=8,
        subsample=0.8,
        random_state=seed,
    )
    model.fit(x, y)
    return model


def export(model, threshold: float, cv: dict, proposed: dict | None = None) -> dict:
    """The model as plain node lists (see ``lintnews.kinds.leftovers.caption_model``)."""
    from lintnews.kinds.leftovers.caption_features import FEATURES

    rate = model.learning_rate
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "feature": [
                    int(f) if left >= 0 else -1
                    for f, left in zip(t.feature, t.children_left, strict=True)
                ],
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v[0][0]) * rate, 6) for v in t.value],
            }
        )
    prior = model.init_.class_prior_[1]
    import math

    return {
        "about": "leftover-line classifier of stray-caption; scripts/train_leftover_model.py",
        "kind": "trees",
        "features": list(FEATURES),
        "base": round(math.log(prior / (1 - prior)), 6),
        "threshold": threshold,
        "proposed": proposed or {},
        "trees": trees,
        "cv": cv,
    }


def choose_threshold(rows: list[dict], oof: list[float]) -> float:
    """The lowest threshold whose out-of-fold flags keep web-lines' article-text rate under
    ``MAX_TEXT_FLAGGED`` and line precision on the labelled sets at 0.9 or more."""
    text = [s for r, s in zip(rows, oof, strict=True) if r["set"] == "web-lines" and not r["y"]]
    other = [(s, r["y"]) for r, s in zip(rows, oof, strict=True) if r["set"] != "web-lines"]
    for t in [i / 100 for i in range(20, 96)]:
        rate = sum(s >= t for s in text) / max(1, len(text))
        made = sum(s >= t for s, _ in other)
        right = sum(s >= t and y for s, y in other)
        if rate <= MAX_TEXT_FLAGGED and made and right / made >= 0.9:
            return t
    return 0.95


def choose_proposed(rows: list[dict], oof: list[float], threshold: float) -> dict:
    """A lower threshold for each shape heuristic whose proposals, out of fold, stay right
    ``PROPOSED_PRECISION`` of the time at it, over all sets and over the web pages alone
    (real-web, web-lines), where there are enough of them to tell."""
    from lintnews.kinds.leftovers.caption_features import FEATURES

    def precise(scored, t):
        made = [y for s, y in scored if s >= t]
        return len(made) < 3 or sum(made) / len(made) >= PROPOSED_PRECISION

    out = {}
    for name in PROPOSING:
        k = FEATURES.index(name)
        scored = [(s, r["y"], r["set"]) for r, s in zip(rows, oof, strict=True) if r["x"][k]]
        every = [(s, y) for s, y, _ in scored]
        web = [(s, y) for s, y, set_name in scored if set_name in ("real-web", "web-lines")]
        for t in [i / 100 for i in range(20, int(threshold * 100))]:
            if sum(s >= t for s, _ in every) >= 10 and precise(every, t) and precise(web, t):
                out[name] = t
                break
    return out


def line_figures(rows: list[dict], oof: list[float], threshold: float) -> dict:
    out = {}
    by = defaultdict(list)
    for r, s in zip(rows, oof, strict=True):
        by[r["set"]].append((s >= threshold, r["y"]))
        by[f"{r['set']}/{r['lang']}"].append((s >= threshold, r["y"]))
    for key, pairs in sorted(by.items()):
        made = sum(f for f, _ in pairs)
        right = sum(f and y for f, y in pairs)
        pos = sum(y for _, y in pairs)
        out[key] = {
            "lines": len(pairs),
            "leftovers": pos,
            "precision": round(right / made, 3) if made else None,
            "recall": round(right / pos, 3) if pos else None,
            "text_flagged": round((made - right) / max(1, len(pairs) - pos), 4),
        }
    return out


def _score(script: str, labels: dict, report: dict, extra: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        lab, rep = Path(tmp) / "labels.json", Path(tmp) / "report.json"
        lab.write_text(json.dumps(labels), encoding="utf-8")
        rep.write_text(json.dumps(report), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, str(SHARED / script), str(lab), str(rep), *extra],
            capture_output=True,
            text=True,
        )
    return res.stdout


def score_set(set_name: str, folder: Path, report: dict, show: int) -> dict:
    """The set's scorer on the held-out report, for the set and each of its languages."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    langs = Counter(lab.get("lang", "?") for lab in labels.values())
    parts = [("all", labels)] + [
        (lang, {d: x for d, x in labels.items() if x.get("lang", "?") == lang})
        for lang in sorted(langs)
        if len(langs) > 1
    ]
    out = {}
    for name, subset in parts:
        if set_name == "web-lines":
            text = _score("score_lines.py", subset, report, [])
            out[name] = text.strip().splitlines()[-1]
            continue
        text = _score("score.py", subset, report, ["--show", str(show if name == "all" else 0)])
        keep = [
            " ".join(ln.split())
            for ln in text.splitlines()
            if ln.startswith("caption") or (name == "all" and ln.startswith(("MISS", "WRONG")))
        ]
        out[name] = " | ".join(keep)
    return out


def held_out_reports(sets, folds_of, models, threshold, proposed) -> dict[str, dict]:
    """Each draft linted with the model of the fold that held it out."""
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for k, m in enumerate(models):
            weights = Path(tmp) / f"fold{k}.json"
            weights.write_text(json.dumps(export(m, threshold, {}, proposed)), encoding="utf-8")
            runs.append(runner(weights))
        for set_name, folder in sets.items():
            report = {"files": []}
            for draft in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
                run = runs[folds_of.get(outlet(set_name, draft), 0)]
                result = run.lint_path(str(folder / "drafts" / draft))
                findings = [
                    {
                        "rule": f.rule,
                        "line": f.line,
                        "end_line": f.end_line,
                        "level": f.level,
                        "message": f.message,
                        # one cause in several places: the scorers count these lines too
                        "related": [{"line": r.line, "end_line": r.end_line} for r in f.related],
                    }
                    for f in result.findings
                ]
                report["files"].append({"path": draft, "findings": findings})
            reports[set_name] = report
    return reports


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--threshold", type=float, help="use this threshold instead of choosing")
    ap.add_argument("--dry-run", action="store_true", help="report figures, write nothing")
    ap.add_argument("--show", type=int, default=0, help="list up to N held-out misses per set")
    ap.add_argument("--lines-only", action="store_true", help="skip the held-out lint runs")
    ap.add_argument("--reports", type=Path, help="also write the held-out JSON reports here")
    a = ap.parse_args()
    from sklearn.model_selection import GroupKFold

    sets = {k: v for k, v in SETS.items() if (v / "labels.json").exists()}
    rows = [r for r in line_rows(sets) if r["y"] is not None]
    x = [r["x"] for r in rows]
    y = [r["y"] for r in rows]
    groups = [r["group"] for r in rows]
    print(f"{len(rows)} lines, {sum(y)} leftovers, {len(set(groups))} groups", file=sys.stderr)
    oof = [0.0] * len(rows)
    models, folds_of = [], {}
    # trained and scored on the lines the rule asks about and full sentences; the others
    # keep an out-of-fold score of 0
    asked = [r["candidate"] for r in rows]
    for k, (train, test) in enumerate(GroupKFold(n_splits=a.folds).split(x, y, groups)):
        train = [i for i in train if asked[i]]
        m = fit([x[i] for i in train], [y[i] for i in train], a.trees)
        test_asked = [i for i in test if asked[i]]
        for i, p in zip(test_asked, m.predict_proba([x[i] for i in test_asked])[:, 1], strict=True):
            oof[i] = float(p)
        folds_of.update({groups[i]: k for i in test})
        models.append(m)
    threshold = a.threshold or choose_threshold(rows, oof)
    proposed = choose_proposed(rows, oof, threshold)
    cv = {"folds": a.folds, "grouped_by": "outlet", "threshold": threshold, "proposed": proposed}
    cv["lines"] = line_figures(rows, oof, threshold)
    print(f"threshold {threshold}, for proposed lines {proposed}")
    for key, fig in cv["lines"].items():
        print(f"  lines {key:22} {fig}")
    if not a.lines_only:
        cv["sets"] = {}
        reports = held_out_reports(sets, folds_of, models, threshold, proposed)
        for set_name, report in reports.items():
            if a.reports:
                a.reports.mkdir(parents=True, exist_ok=True)
                (a.reports / f"{set_name}.json").write_text(json.dumps(report), encoding="utf-8")
            cv["sets"][set_name] = score_set(set_name, sets[set_name], report, a.show)
            print(f"== {set_name} (held out by outlet)")
            for name, line in cv["sets"][set_name].items():
                print(f"  [{name}] {line}")
    if a.dry_run:
        return 0
    final = fit(
        [x[i] for i in range(len(x)) if asked[i]],
        [y[i] for i in range(len(y)) if asked[i]],
        a.trees,
    )
    data = export(final, threshold, cv, proposed)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} (threshold {threshold})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
