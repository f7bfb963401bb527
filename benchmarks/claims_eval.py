"""Sentence-level precision, recall and F1 per claim category on the hand-labelled gold sets.

A sentence "has" a category when any span of that category overlaps it. Causal strength of a
sentence is the strongest strength among its overlapping causal spans. Run:
    .venv/bin/python benchmarks/claims_eval.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from legreader.claims import CATEGORIES, STRENGTHS, analyze, sentences

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SEEDS = Path("/work/shared/seeds")
_LINE_MARKER_RE = re.compile(r"^(?:#{1,6}|>|[-*+•·▪◦‣]|\d{1,3}[.)])[ \t]+")


def _articles_sample() -> dict[str, str]:
    corpus = ROOT / "sample_corpus"
    out: dict[str, str] = {}
    for path in sorted(SEEDS.glob("00*.txt")):
        out[path.name[:3]] = path.read_text(encoding="utf-8")
    if not out:  # fall back to the corpus bodies (front matter removed)
        for path in sorted(corpus.glob("00*.md")):
            body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            out[path.name[:3]] = body
    return out


def _articles_own() -> dict[str, str]:
    data = json.loads((GOLD / "claims_own_articles.json").read_text(encoding="utf-8"))
    return {a["id"]: a["text"] for a in data}


def predict(text: str) -> dict[str, tuple[set[str], str | None]]:
    """Sentence text -> (categories, strength) as the engine sees it."""
    spans = analyze(text)
    out: dict[str, tuple[set[str], str | None]] = {}
    for s, e in sentences(text):
        cats: set[str] = set()
        strengths: list[str] = []
        for sp in spans:
            if sp.start < e and sp.end > s:
                cats.add(sp.category)
                if sp.category == "causal" and sp.strength:
                    strengths.append(sp.strength)
        strength = min(strengths, key=STRENGTHS.index) if strengths else None
        out[text[s:e]] = (cats, strength)
    return out


def evaluate(gold_file: Path, articles: dict[str, str], verbose: bool = False) -> dict[str, object]:
    rows = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line]
    preds = {aid: predict(text) for aid, text in articles.items()}
    counts = {c: [0, 0, 0] for c in CATEGORIES}  # tp, fp, fn
    strength_ok = strength_n = missing = 0
    marker_only = 0
    for row in rows:
        pred = preds[row["article"]].get(row["sentence"])
        if pred is None:
            # gold written before sentences dropped Markdown line markers ("• ", "1. ") from
            # their spans: the same sentence without its marker
            bare = _LINE_MARKER_RE.sub("", row["sentence"], count=1)
            pred = preds[row["article"]].get(bare) if bare != row["sentence"] else None
            marker_only += pred is not None
        if pred is None:
            missing += 1
            pred = (set(), None)
        gold_cats = set(row["categories"])
        for c in CATEGORIES:
            g, p = c in gold_cats, c in pred[0]
            if g and p:
                counts[c][0] += 1
            elif p:
                counts[c][1] += 1
            elif g:
                counts[c][2] += 1
            if verbose and g != p:
                print(f"  {'FN' if g else 'FP'} {c:12} {row['sentence'][:90]}")
        if row.get("strength"):
            strength_n += 1
            strength_ok += pred[1] == row["strength"]
            if verbose and pred[1] != row["strength"]:
                print(f"  ST {row['strength']}->{pred[1]} {row['sentence'][:80]}")
    result: dict[str, object] = {"sentences": len(rows), "unsegmented": missing, "marker_only": marker_only}
    for c, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[c] = (p, r, f, tp + fn)
    result["strength_accuracy"] = (strength_ok / strength_n if strength_n else 1.0, strength_n)
    return result


def main() -> None:
    verbose = "-v" in sys.argv
    for name, gold, arts in (
        ("sample corpus", GOLD / "claims_sample.jsonl", _articles_sample()),
        ("own articles", GOLD / "claims_own.jsonl", _articles_own()),
    ):
        print(f"== {name} ==")
        res = evaluate(gold, arts, verbose)
        print(
            f"sentences: {res['sentences']}  not found by the segmenter: {res['unsegmented']}"
            f"  (matched without their list marker: {res['marker_only']})"
        )
        print(f"{'category':12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
        for c in CATEGORIES:
            p, r, f, n = res[c]  # type: ignore[misc]
            print(f"{c:12} {p:6.2f} {r:6.2f} {f:6.2f} {n:5d}")
        acc, n = res["strength_accuracy"]  # type: ignore[misc]
        print(f"causal strength accuracy: {acc:.2f} on {n} causal sentences\n")


if __name__ == "__main__":
    main()
