"""Precision and recall of cross-article discrepancies against gold files.

    .venv/bin/python benchmarks/compare_eval.py            # both corpora
    .venv/bin/python benchmarks/compare_eval.py -v         # list every discrepancy group

A predicted discrepancy group matches a gold discrepancy when it holds items that overlap anchors of
at least two different sides of it. Recall: gold discrepancies matched. Precision (strict): predicted
discrepancy groups matching a gold discrepancy; (reviewed): also counting the gold file's
``also_true`` list. Agreement recall: gold agreements found together in one non-discrepancy group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from legreader.compare import ArticleInput, ClaimGroup, CompareResult, compare_articles
from legreader.compare.adapters import primary_from_article
from legreader.corpus.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLDS = [ROOT / "tests/gold/compare_sample.json", ROOT / "tests/gold/compare_corpus2.json"]


def run_corpus(folder: Path) -> CompareResult:
    """Compare a corpus folder with file stems as article ids (gold files use them)."""
    corpus = load_corpus([folder])
    articles = [
        ArticleInput(a.path.stem, a.title, a.body)
        for a in corpus.articles
        if a is not corpus.primary
    ]
    primary = primary_from_article(corpus.primary) if corpus.primary is not None else None
    return compare_articles(articles, primary)


def _anchor_span(result: CompareResult, article: str, anchor: str) -> tuple[int, int]:
    body = result.bodies[article]
    at = body.find(anchor)
    if at < 0:
        raise SystemExit(f"gold anchor not found in {article}: {anchor!r}")
    return at, at + len(anchor)


def _side_hit(result: CompareResult, group: ClaimGroup, side: list[list[str]]) -> bool:
    for article, anchor in side:
        start, end = _anchor_span(result, article, anchor)
        if any(it.article == article and it.start < end and start < it.end for it in group.items):
            return True
    return False


def matches(result: CompareResult, group: ClaimGroup, gold: dict[str, Any]) -> bool:
    return sum(_side_hit(result, group, side) for side in gold["sides"]) >= 2


def evaluate(gold_path: Path, verbose: bool = False) -> dict[str, Any]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = run_corpus(ROOT / gold["corpus"])
    predicted = result.discrepancies
    found = [g for g in gold["discrepancies"] if any(matches(result, p, g) for p in predicted)]
    strict = [p for p in predicted if any(matches(result, p, g) for g in gold["discrepancies"])]
    reviewed = [
        p
        for p in predicted
        if any(matches(result, p, g) for g in gold["discrepancies"] + gold["also_true"])
    ]
    agreements = 0
    for agreement in gold["agreements"]:
        spans = [(a, _anchor_span(result, a, anchor)) for a, anchor in agreement["items"]]
        for group in result.groups:
            if not group.discrepancy and all(
                any(it.article == a and it.start < e and s < it.end for it in group.items)
                for a, (s, e) in spans
            ):
                agreements += 1
                break
    report = {
        "corpus": gold["corpus"],
        "gold": len(gold["discrepancies"]),
        "predicted": len(predicted),
        "recall": len(found) / len(gold["discrepancies"]) if gold["discrepancies"] else 1.0,
        "precision_strict": len(strict) / len(predicted) if predicted else 1.0,
        "precision_reviewed": len(reviewed) / len(predicted) if predicted else 1.0,
        "agreement_recall": agreements / len(gold["agreements"]) if gold["agreements"] else 1.0,
        "missed": [g["name"] for g in gold["discrepancies"] if g not in found],
        "unmatched": [f"{p.id} {p.kind}: {p.measure}" for p in predicted if p not in reviewed],
    }
    if verbose:
        for p in predicted:
            mark = "gold" if p in strict else "also_true" if p in reviewed else "FALSE"
            print(f"  [{mark}] {p.id} {p.kind}: {p.measure} :: {' vs '.join(p.reasons)[:150]}")
    return report


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for path in GOLDS:
        r = evaluate(path, verbose)
        print(
            f"{r['corpus']}: recall {r['recall']:.2f} ({r['gold']} gold), precision strict "
            f"{r['precision_strict']:.2f} / reviewed {r['precision_reviewed']:.2f} "
            f"({r['predicted']} predicted), agreement recall {r['agreement_recall']:.2f}"
        )
        for name in r["missed"]:
            print(f"    missed: {name}")
        for name in r["unmatched"]:
            print(f"    false positive: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
