"""Speed of ``compare_articles``: the five sample articles, then 25 -> 200 generated articles,
then one 1 MB article beside the study (target: 200 articles <= 5 s, a 1 MB article <= 2 s).

    .venv/bin/python benchmarks/bench_compare.py

Generated articles are built from the sentences of both test corpora (shuffled, numbers varied),
so they carry quantities, quotes and causal claims like real coverage. Prints medians.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

from legreader.compare import ArticleInput, compare_articles
from legreader.compare.adapters import primary_from_article
from legreader.corpus.loader import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def generated(n: int, seed: int = 7) -> list[ArticleInput]:
    rng = random.Random(seed)
    corpora = [
        load_corpus([ROOT / "sample_corpus"]),
        load_corpus([ROOT / "tests/fixtures/compare_corpus2"]),
    ]
    paragraphs = [
        p
        for c in corpora
        for a in c.articles
        if a is not c.primary
        for p in a.body.split("\n\n")
        if p.strip()
    ]
    out = []
    for i in range(n):
        chosen = rng.sample(paragraphs, k=min(12, len(paragraphs)))
        body = "\n\n".join(
            re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + rng.choice((0, 0, 0, 1, 10))), p)
            for p in chosen
        )
        out.append(ArticleInput(f"gen{i:03d}", f"Generated article {i}", body))
    return out


def main() -> int:
    sample = load_corpus([ROOT / "sample_corpus"])
    articles = [
        ArticleInput(a.path.stem, a.title, a.body)
        for a in sample.articles
        if a is not sample.primary
    ]
    primary = primary_from_article(sample.primary) if sample.primary else None
    compare_articles(articles, primary)  # warm caches and imports
    print(
        f"sample corpus, {len(articles)} articles: median {_median_ms(lambda: compare_articles(articles, primary), 7):.0f} ms"
    )
    for n in (25, 50, 100, 200):
        gen = generated(n)
        ms = _median_ms(lambda gen=gen: compare_articles(gen, primary), 3 if n <= 100 else 3)
        print(f"{n:4d} generated articles: median {ms:.0f} ms ({ms / n:.1f} ms per article)")
    long = long_article()
    ms = _median_ms(lambda: compare_articles([long], primary), 3)
    print(f"one {len(long.body) / 1e6:.1f} MB article beside the study: median {ms:.0f} ms")
    return 0


def long_article(size: int = 1_000_000) -> ArticleInput:
    """One article of about ``size`` characters: generated paragraphs, one after the other."""
    parts: list[str] = []
    total, seed = 0, 0
    while total < size:
        for a in generated(20, seed=seed):
            parts.append(a.body)
            total += len(a.body) + 2
        seed += 1
    return ArticleInput("long", "A very long article", "\n\n".join(parts)[:size])


if __name__ == "__main__":
    sys.exit(main())
