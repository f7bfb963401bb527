"""The claim engine and the compare engine on a held-out corpus, written without looking at them.

tests/fixtures/heldout_corpus/ (five articles and a primary record about an invented study)
and its gold files (tests/gold/claims_heldout.jsonl, tests/gold/heldout_compare.json) were
written by someone who had not read the engines' code: a test of how they generalise.

Claims: sentence-level P/R/F1 per category, as benchmarks/claims_eval.py scores them.
Compare: a planted discrepancy is found when a discrepancy group holds an item overlapping the
wrong article's phrase and an item of another article (every such group counts as planted, not
only the first); an agreement is broken when a discrepancy group of a kind that compares it
marks some of its articles' phrases as differing from the others (judged per phrase with
``Cell.item_state``, so a self-contradicting article's right phrase still agrees).
Run: python benchmarks/heldout_eval.py [-v]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from claims_eval import evaluate as evaluate_claims  # noqa: E402

from legreader.claims import CATEGORIES  # noqa: E402
from legreader.compare import compare_articles, inputs_from_corpus  # noqa: E402
from legreader.corpus.loader import load_corpus  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "heldout_corpus"
GOLD = ROOT / "tests" / "gold"


def claims(verbose: bool) -> None:
    corpus = load_corpus([CORPUS])
    bodies = {a.path.stem: a.body for a in corpus.articles}
    rows = [json.loads(line) for line in (GOLD / "claims_heldout.jsonl").read_text(encoding="utf-8").splitlines() if line]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({"article": row["article"], "sentence": row["text"], "categories": row["categories"], "strength": row["strength"]}) + "\n")
        converted = Path(fh.name)
    res = evaluate_claims(converted, bodies, verbose)
    converted.unlink()
    print("== claims, held-out corpus ==")
    print(f"sentences: {res['sentences']}  not found by the segmenter as a sentence: {res['unsegmented']}")
    print(f"{'category':12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for c in CATEGORIES:
        p, r, f, n = res[c]  # type: ignore[misc]
        print(f"{c:12} {p:6.2f} {r:6.2f} {f:6.2f} {n:5d}")
    acc, n = res["strength_accuracy"]  # type: ignore[misc]
    print(f"causal strength accuracy: {acc:.2f} on {n} causal sentences\n")


def _spans(body: str, phrases: list[str]) -> list[tuple[int, int]]:
    out = []
    for phrase in phrases:
        start = body.find(phrase)
        while start != -1:
            out.append((start, start + len(phrase)))
            start = body.find(phrase, start + 1)
    return out


def _hits(item: Any, spans: list[tuple[int, int]]) -> bool:
    return any(item.start < e and item.end > s for s, e in spans)


#: Group kinds that compare what an agreement of a given gold kind is about. A group of another
#: kind can only pass over its phrase (a causal sentence that also names the author, a quote
#: that contains a number) and says nothing about it. The engine compares no names, institutions
#: or identifiers, so nothing can break those agreements; numeric kinds map to "quantity".
_GROUP_KINDS: dict[str, set[str]] = {
    "quote": {"quote"},
    "venue": {"claim"},
    "causal_strength": {"causal"},
    "person": set(),
    "institution": set(),
    "identifier": set(),
}


def compare(verbose: bool) -> None:
    corpus = load_corpus([CORPUS])
    articles, primary = inputs_from_corpus(corpus)
    result = compare_articles(articles, primary)
    stem = {a.id: a.path.stem for a in corpus.articles}
    gold = json.loads((GOLD / "heldout_compare.json").read_text(encoding="utf-8"))
    bodies = {stem.get(k, k): v for k, v in result.bodies.items()}

    def anchors(entry: dict[str, Any], name: str) -> list[tuple[int, int]]:
        return _spans(bodies.get(name, ""), entry["values"].get(name, []))

    found = 0
    matched_groups: set[str] = set()
    print("== compare, held-out corpus ==")
    for entry in gold["discrepancies"]:
        hit = None
        for group in result.discrepancies:
            wrong_items = [i for i in group.items for w in entry["wrong"] if stem.get(i.article) == w and _hits(i, anchors(entry, w))]
            others = [
                i for i in group.items
                if stem.get(i.article, i.article) not in entry["wrong"]
                and _hits(i, anchors(entry, stem.get(i.article, i.article)))
            ]
            internal = entry["kind"] == "internal" and len(wrong_items) >= 2
            if wrong_items and (others or internal):
                # Every group showing a planted discrepancy is a true one (a reworded quote is
                # both a quote that differs and a causal claim made stronger); recall counts the
                # planted discrepancy once.
                hit = hit or group
                matched_groups.add(group.id)
        found += hit is not None
        print(f"  [{'found' if hit else 'MISSED'}] {entry['id']}: {entry['what']}" + (f"  (group {hit.id})" if hit else ""))
    total = len(gold["discrepancies"])
    flagged = result.discrepancies
    print(f"recall {found}/{total} = {found / total:.2f}")
    unmatched = [g for g in flagged if g.id not in matched_groups]
    print(f"discrepancy groups: {len(flagged)}, matching a planted one: {len(flagged) - len(unmatched)}")
    if verbose:
        for g in unmatched:
            print(f"    unplanted: {g.id} {g.kind}: {g.measure} — {'; '.join(g.reasons)[:160]}")
    broken = 0
    for entry in gold["agreements"]:
        names = [n for n in entry["values"] if n != "primary"]
        comparable = _GROUP_KINDS.get(entry["kind"], {"quantity"})
        for group in flagged:
            if group.kind not in comparable:
                continue  # e.g. a causal claim's sentence that also names the lead author
            touched = {
                stem.get(i.article, i.article)
                for i in group.items
                if stem.get(i.article, i.article) in names and _hits(i, anchors(entry, stem.get(i.article, i.article)))
            }
            # The verdict on each anchored phrase, not on the whole cell: an article that
            # contradicts itself ("27 minutes" in a summary, "17 minutes" in the body) has a
            # "differs" cell, yet its "17 minutes" agrees with the others and keeps the agreement.
            states = {
                group.cells[i.article].item_state(i)
                for i in group.items
                if stem.get(i.article, i.article) in touched
                and i.article in group.cells
                and _hits(i, anchors(entry, stem.get(i.article, i.article)))
            }
            if len(touched) >= 2 and "differs" in states and "agrees" in states:
                broken += 1
                print(f"  [BROKEN agreement] {entry['id']}: {entry['what']} (group {group.id})")
                break
    kept = len(gold["agreements"]) - broken
    print(f"agreements kept: {kept}/{len(gold['agreements'])}")


def main() -> None:
    verbose = "-v" in sys.argv
    claims(verbose)
    compare(verbose)


if __name__ == "__main__":
    main()
