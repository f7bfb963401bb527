"""The claim engine on public labelled sentences nobody on the project wrote.

Runs :func:`legreader.claims.analyze` on the development halves in ``../shared/data/claims/`` (next
to the repository; never copied into it) and prints, per set, macro-F1, per-class P/R/F1, a
confusion matrix and a seeded sample of errors to read:

- PubMed conclusions, causal strength (Yu, Li & Wang, EMNLP 2019; BioBERT macro-F1 0.88);
- health press releases, causal strength (Yu, Wang, Guo & Li, COLING 2020; BioBERT 0.89);
- press release and abstract of one study: the strength of both, and the exaggeration label
  derived from them (Wright & Augenstein, EMNLP 2021, after Sumner et al. 2014 and Bratton et al.
  2019);
- U.S. presidential debate sentences, check-worthy factual claim (Arslan, Hassan, Li & Tremayne,
  ICWSM 2020, ClaimBuster).

The sets code negation differently (see the data README): in the two causal-language sets a negated
relation keeps its kind; the pairs code a stated absence of a relationship as 0. The engine reports
the kind plus ``negated``; :func:`strength_of` maps it to each set's convention. "can" + a causal
verb is direct in the two causal-language sets and conditional in the pairs (Sumner et al. 2014
code "can" as a level of its own below a plain causal verb): the engine reads it as direct and
names "can" in its reason, which the pairs' mapping uses.

A debate sentence is check-worthy for the engine when :func:`legreader.claims.checkworthy`
says so (a weighed sum of signals of a checkable fact against opinion, plans, questions and
chatter; the statistic, causal, study and attribution spans are among the signals). The union of
those four span categories alone is printed too, for comparison.

    PYTHONPATH=src python benchmarks/claims_real.py [--limit N] [--errors N] [--seed S] [--set NAME]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from legreader.claims import STRENGTHS, ClaimSpan, analyze
from legreader.claims.checkworthy import checkworthy_sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CLAIMS = DATA / "claims"

#: the engine's strength names, "none" for no causal claim
KINDS = ("none", "correlational", "conditional", "direct")
CHECKWORTHY = frozenset(("statistic", "causal", "study", "attribution"))


@dataclass(frozen=True)
class Reading:
    """What the engine says about one labelled text."""

    strength: str  # one of KINDS
    negated: bool
    reason: str
    categories: frozenset[str]


def read(text: str) -> Reading:
    """The engine's reading of a text: the strongest causal span (a non-negated one first)."""
    spans = analyze(text)
    causal = [sp for sp in spans if sp.category == "causal" and sp.strength]
    best: ClaimSpan | None = None
    if causal:
        best = min(causal, key=lambda sp: (_negated(sp), STRENGTHS.index(sp.strength or "direct")))
    return Reading(
        strength=best.strength or "none" if best else "none",
        negated=_negated(best) if best else False,
        reason=best.reason if best else "",
        categories=frozenset(sp.category for sp in spans),
    )


def _negated(span: ClaimSpan) -> bool:
    return bool(getattr(span, "negated", False))


def strength_of(r: Reading, *, negated_is_none: bool, can_is_conditional: bool = False) -> str:
    """The reading in a set's convention: a negated relation keeps its kind, or counts as none;
    "can" + a causal verb (the engine: direct, its reason names "can") is direct, or conditional
    in the pairs' coding (Sumner et al. 2014 give "can" a level of its own between "may" and
    a plain causal verb; the four-level pairs put it with the conditionals)."""
    if negated_is_none and r.negated:
        return "none"
    if can_is_conditional and r.strength == "direct" and r.reason.startswith("direct: 'can' + "):
        return "conditional"
    return r.strength


# --- metrics ----------------------------------------------------------------------------------------


def scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, object]:
    """Per-class (P, R, F1, support), macro-F1 and the confusion matrix (gold rows, pred columns)."""
    matrix = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, pred, strict=True):
        matrix[g][p] += 1
    per: dict[str, tuple[float, float, float, int]] = {}
    for c in labels:
        tp = matrix[c][c]
        fp = sum(matrix[g][c] for g in labels) - tp
        fn = sum(matrix[c].values()) - tp
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[c] = (p, r, f, tp + fn)
    macro = sum(v[2] for v in per.values()) / len(labels)
    acc = sum(matrix[c][c] for c in labels) / max(1, len(gold))
    return {"per": per, "macro": macro, "matrix": matrix, "accuracy": acc}


def report(
    title: str,
    gold: Sequence[str],
    pred: Sequence[str],
    labels: Sequence[str],
    *,
    positive: str | None = None,
) -> float:
    """Print the scores of one labelling; returns macro-F1 (or the positive class's F1)."""
    s = scores(gold, pred, labels)
    per = s["per"]
    assert isinstance(per, dict)
    head = f"F1({positive}) {per[positive][2]:.3f}" if positive else f"macro-F1 {s['macro']:.3f}"
    print(f"-- {title}: {head}  accuracy {s['accuracy']:.3f}  n={len(gold)}")
    print(f"   {'class':15} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for c in labels:
        p, r, f, n = per[c]
        print(f"   {c:15} {p:6.2f} {r:6.2f} {f:6.2f} {n:5d}")
    matrix = s["matrix"]
    assert isinstance(matrix, dict)
    print("   confusion (rows gold, columns engine): " + " ".join(f"{c[:6]:>6}" for c in labels))
    for g in labels:
        print(f"   {g:15}{'':24}" + " ".join(f"{matrix[g][p]:6d}" for p in labels))
    return float(per[positive][2]) if positive else float(s["macro"])  # type: ignore[arg-type]


def show_errors(
    errors: list[tuple[str, str, str, str]], n: int, rng: random.Random, title: str
) -> None:
    """A seeded sample of (text, gold, engine, reason) errors."""
    if not errors or n <= 0:
        return
    print(f"   {min(n, len(errors))} of {len(errors)} errors ({title}):")
    for text, g, p, why in rng.sample(errors, min(n, len(errors))):
        short = text if len(text) <= 220 else text[:217] + "..."
        print(f"   [gold {g} / engine {p}{' / ' + why if why else ''}] {short}")


# --- the sets ---------------------------------------------------------------------------------------

PUBMED_LABELS = {"0": "none", "1": "direct", "2": "conditional", "3": "correlational"}
PRESS_LABELS = {"0": "none", "1": "correlational", "2": "conditional", "3": "direct"}
PAIR_LABELS = {0: "none", 1: "correlational", 2: "conditional", 3: "direct"}


def _rows_csv(path: Path, limit: int | None) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r["sentence"], r["label"]) for r in csv.DictReader(fh)]
    return rows[:limit] if limit else rows


def causal_set(name: str, labels: dict[str, str], args: argparse.Namespace) -> dict[str, float]:
    rows = _rows_csv(CLAIMS / name, args.limit)
    gold, pred, errors = [], [], []
    for text, label in rows:
        r = read(text)
        g, p = labels[label], strength_of(r, negated_is_none=False)
        gold.append(g)
        pred.append(p)
        if g != p:
            errors.append((text, g, p + (" (negated)" if r.negated else ""), r.reason))
    f = report(name, gold, pred, KINDS)
    show_errors(errors, args.errors, random.Random(args.seed), name)
    return {name: f}


def pairs_set(args: argparse.Namespace) -> dict[str, float]:
    path = CLAIMS / "press_release_abstract_pairs.dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[: args.limit] if args.limit else rows
    gold_s, pred_s, gold_x, pred_x = [], [], [], []
    errors_s: list[tuple[str, str, str, str]] = []
    errors_x: list[tuple[str, str, str, str]] = []
    for row in rows:
        pair = []
        for side in ("press_release", "abstract"):
            text = row[f"{side}_conclusion"]
            r = read(text)
            g, p = (
                PAIR_LABELS[int(row[f"{side}_strength"])],
                strength_of(r, negated_is_none=True, can_is_conditional=True),
            )
            gold_s.append(g)
            pred_s.append(p)
            pair.append(p)
            if g != p:
                errors_s.append((f"{side}: {text}", g, p, r.reason))
        x = exaggeration(pair[0], pair[1])
        gold_x.append(row["exaggeration_label"])
        pred_x.append(x)
        if x != row["exaggeration_label"]:
            both = f"PR: {row['press_release_conclusion']} || AB: {row['abstract_conclusion']}"
            errors_x.append((both, row["exaggeration_label"], x, f"{pair[0]} vs {pair[1]}"))
    rng = random.Random(args.seed)
    f_s = report("pairs: strength of both sentences", gold_s, pred_s, KINDS)
    show_errors(errors_s, args.errors, rng, "pairs strength")
    f_x = report("pairs: exaggeration", gold_x, pred_x, ("same", "exaggerates", "downplays"))
    show_errors(errors_x, args.errors, rng, "pairs exaggeration")
    return {"pairs strength": f_s, "pairs exaggeration": f_x}


def exaggeration(press: str, abstract: str) -> str:
    """same / exaggerates / downplays from the two strengths (press release against abstract)."""
    a, b = KINDS.index(press), KINDS.index(abstract)
    return "same" if a == b else "exaggerates" if a > b else "downplays"


def debate_set(args: argparse.Namespace) -> dict[str, float]:
    path = CLAIMS / "claimbuster_checkworthy.dev.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows = rows[: args.limit] if args.limit else rows
    gold, pred, union, errors = [], [], [], []
    for row in rows:
        text = row["text"]
        spans = analyze(text)
        verdicts = checkworthy_sentences(text, spans)
        g = "checkworthy" if int(row["label"]) == 1 else "not"
        p = "checkworthy" if any(v.checkworthy for v in verdicts) else "not"
        hit = {sp.category for sp in spans} & CHECKWORTHY
        gold.append(g)
        pred.append(p)
        union.append("checkworthy" if hit else "not")
        if g != p:
            best = max(verdicts, key=lambda v: v.score) if verdicts else None
            why = f"score {best.score}: " + ", ".join(best.reasons[:4]) if best else ""
            errors.append((text, g, p, why))
    labels = ("checkworthy", "not")
    f_union = report(
        "debate: union of statistic/causal/study/attribution (before)",
        gold,
        union,
        labels,
        positive="checkworthy",
    )
    f = report("debate: check-worthy verdict", gold, pred, labels, positive="checkworthy")
    show_errors(errors, args.errors, random.Random(args.seed), "debate")
    return {"debate check-worthy F1": f, "debate span union F1 (before)": f_union}


SETS: dict[str, Callable[[argparse.Namespace], dict[str, float]]] = {
    "pubmed": lambda a: causal_set("pubmed_conclusions_causal.dev.csv", PUBMED_LABELS, a),
    "press": lambda a: causal_set("press_releases_causal.dev.csv", PRESS_LABELS, a),
    "pairs": pairs_set,
    "debate": debate_set,
}
TARGETS = {
    "pubmed_conclusions_causal.dev.csv": 0.80,
    "press_releases_causal.dev.csv": 0.80,
    "pairs strength": 0.75,
    "pairs exaggeration": 0.65,
    "debate check-worthy F1": 0.75,
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N rows of each set (smoke test)")
    ap.add_argument("--errors", type=int, default=20, help="errors shown per set (default 20)")
    ap.add_argument("--seed", type=int, default=11, help="seed of the error sample")
    ap.add_argument("--set", choices=sorted(SETS), action="append", help="only these sets")
    args = ap.parse_args(argv)
    if not CLAIMS.is_dir():
        print(f"skipped: no labelled data at {CLAIMS} (see ../shared/data/README.md)")
        return 0
    figures: dict[str, float] = {}
    for name in args.set or list(SETS):
        print(f"\n== {name} ==")
        figures.update(SETS[name](args))
    print("\n== summary (development halves) ==")
    for key, value in figures.items():
        target = TARGETS.get(key)
        mark = (
            "" if target is None else f"  target {target:.2f} {'ok' if value >= target else '--'}"
        )
        print(f"{key:40} {value:.3f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
