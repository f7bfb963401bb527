"""Compare on real pairs: a press release's main finding beside its paper's abstract conclusion.

Runs :func:`legreader.compare.compare_articles` with the abstract conclusion as the primary record
and the press release conclusion as the one article, on the development pairs in
``../shared/data/claims/press_release_abstract_pairs.dev.jsonl`` (next to the repository, never
copied into it; Wright & Augenstein, EMNLP 2021, after the expert coding of Sumner et al. 2014 and
Bratton et al. 2019; GPL-3.0). Prints, for each step of the alignment (the features of
:mod:`legreader.compare.meaning` switched on one after the other):

- aligned: pairs whose two findings land in one finding group (target >= 85 %);
- shuffled: press releases set beside the abstract of *another* study (a fixed derangement),
  pairs where anything of the two lands in one group (target <= 3 %);
- exaggerations flagged: of the pairs coded ``exaggerates``, those with the press finding
  "stronger" than the study's or a negation dropped (target >= 70 %), and the same share of
  the pairs coded ``same`` (target <= 15 %).

The claim engine decides each finding's strength and ``negated``; compare only lines them up.

    PYTHONPATH=src python benchmarks/compare_real.py [--pairs PATH] [--errors N] [--steps]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from legreader.compare import ArticleInput, CompareResult, PrimaryInput, compare_articles
from legreader.compare.meaning import STEPS, features

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIRS = DATA / "claims" / "press_release_abstract_pairs.dev.jsonl"
FINDING_KINDS = ("causal",)
EXAGGERATING = ("stronger", "negation dropped")


def _run(press: str, abstract: str) -> CompareResult:
    return compare_articles(
        [ArticleInput("press", "press release", press)],
        PrimaryInput(title="abstract", text=abstract),
    )


def _both(result: CompareResult, kinds: tuple[str, ...] | None = None) -> list[Any]:
    return [
        g
        for g in result.groups
        if (kinds is None or g.kind in kinds) and {"primary", "press"} <= set(g.articles)
    ]


def _flagged(result: CompareResult) -> bool:
    return any(
        it.article == "press" and it.verdict == "differs" and it.direction in EXAGGERATING
        for g in _both(result, FINDING_KINDS)
        for it in g.items
    )


def evaluate(rows: list[dict[str, Any]], errors: int = 0) -> dict[str, float]:
    aligned = flagged_ex = flagged_same = n_ex = n_same = 0
    missed: list[dict[str, Any]] = []
    for row in rows:
        result = _run(row["press_release_conclusion"], row["abstract_conclusion"])
        hit = bool(_both(result, FINDING_KINDS))
        aligned += hit
        if not hit:
            missed.append(row)
        flag = _flagged(result)
        if row["exaggeration_label"] == "exaggerates":
            n_ex += 1
            flagged_ex += flag
        elif row["exaggeration_label"] == "same":
            n_same += 1
            flagged_same += flag
    order = list(range(len(rows)))
    random.Random(7).shuffle(order)
    shifted = order[1:] + order[:1]  # a derangement: every press release meets another abstract
    wrong = 0
    wrong_rows: list[tuple[str, str]] = []
    for i, j in zip(order, shifted, strict=True):
        press, abstract = rows[i]["press_release_conclusion"], rows[j]["abstract_conclusion"]
        if _both(_run(press, abstract)):
            wrong += 1
            wrong_rows.append((press, abstract))
    for row in missed[:errors]:
        print(f"    not aligned: {row['press_release_conclusion'][:110]}")
        print(f"             vs {row['abstract_conclusion'][:110]}")
    for press, abstract in wrong_rows[:errors]:
        print(f"    shuffled, aligned: {press[:100]}")
        print(f"                    vs {abstract[:100]}")
    return {
        "aligned": aligned / len(rows),
        "shuffled": wrong / len(rows),
        "flagged_exaggerates": flagged_ex / max(1, n_ex),
        "flagged_same": flagged_same / max(1, n_same),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="a JSONL file of pairs")
    parser.add_argument("--errors", type=int, default=0, help="print N misses of each kind")
    parser.add_argument("--steps", action="store_true", help="every step, not only the last")
    args = parser.parse_args(argv)
    if not args.pairs.exists():
        print(f"skipped: {args.pairs} is not there (the shared data sits beside the repository)")
        return 0
    rows = [
        json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines() if line
    ]
    print(
        f"{len(rows)} pairs from {args.pairs.name} (Wright & Augenstein 2021; Sumner et al. 2014)"
    )
    print(f"{'step':38} {'aligned':>8} {'shuffled':>9} {'exagg.':>8} {'same':>8}")
    print(f"{'targets':38} {'>= 85%':>8} {'<= 3%':>9} {'>= 70%':>8} {'<= 15%':>8}")
    steps = STEPS if args.steps else STEPS[-1:]
    for name, flags in steps:
        with features(**flags):
            figures = evaluate(rows, args.errors if name == steps[-1][0] else 0)
        print(
            f"{name:38} {figures['aligned']:8.0%} {figures['shuffled']:9.0%} "
            f"{figures['flagged_exaggerates']:8.0%} {figures['flagged_same']:8.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
