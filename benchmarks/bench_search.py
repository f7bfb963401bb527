"""Search index benchmark: build over generated articles, then per-keystroke query latency.

Run: ``.venv/bin/python benchmarks/bench_search.py [--articles 10000]``. Prints medians;
targets: build <= 10 s for 10,000 articles of ~3 KB, each keystroke's query <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from legreader.search.index import SearchIndex, find_in_text

_SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi "
    "mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo "
    "stem cell neu ron brain leg mus cle stu dy mice ré sé à ü ö"
).split()
_COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when "
    "study researchers found brain legs exercise stem cells neural mice percent reduced"
).split()


def make_vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    words = set(_COMMON)
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def make_article(rng: random.Random, vocab: list[str], weights: list[float], size: int) -> str:
    """About ``size`` characters of Zipf-distributed words, in sentences and paragraphs."""
    words = rng.choices(vocab, weights=weights, k=size // 6)
    out: list[str] = []
    for i, word in enumerate(words):
        if i % 14 == 0:
            word = word.capitalize()
        out.append(word)
        if i % 14 == 13:
            out[-1] += "." if i % 70 != 69 else ".\n\n"
    return " ".join(out)


def generate(n: int, seed: int = 7, size: int = 3000) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    vocab = make_vocabulary(rng)
    rng.shuffle(vocab)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    docs: list[tuple[str, str, str]] = []
    for i in range(n):
        doc_id = f"art{i:05d}"
        docs.append((doc_id, "title", make_article(rng, vocab, weights, 60)))
        docs.append((doc_id, "text", make_article(rng, vocab, weights, size)))
        if i % 10 == 0:
            docs.append((doc_id, "note", "overstated: the study was in mice, not people"))
            docs.append((doc_id, "tag", "overstated"))
    return docs


def keystrokes(query: str) -> list[str]:
    return [query[: i + 1] for i in range(len(query))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    docs = generate(args.articles)
    chars = sum(len(t) for _, _, t in docs)
    print(f"{args.articles} articles, {len(docs)} texts, {chars / 1e6:.1f} M characters")

    builds = []
    index = SearchIndex()
    for _ in range(args.runs):
        index = SearchIndex()
        t0 = time.perf_counter()
        index.add_many(docs)
        builds.append(time.perf_counter() - t0)
    print(f"build: median {statistics.median(builds):.2f} s over {args.runs} runs (target <= 10 s)")

    queries = [
        "stem cells reduced",
        '"stem cells" mice',
        "brain exercise",
        "neuron",
        "the study found",
        "overstated mice",
        "zzqx",
    ]
    per_key: list[float] = []
    worst = (0.0, "")
    for query in queries:
        for typed in keystrokes(query):
            t0 = time.perf_counter()
            index.search(typed, limit=50)
            dt = time.perf_counter() - t0
            per_key.append(dt)
            worst = max(worst, (dt, typed))
    per_key.sort()
    p95 = per_key[int(0.95 * (len(per_key) - 1))]
    print(
        f"query per keystroke: median {statistics.median(per_key) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, worst {worst[0] * 1000:.1f} ms ({worst[1]!r}) (target <= 50 ms)"
    )

    t0 = time.perf_counter()
    for i in range(0, args.articles, 10):
        doc_id = f"art{i:05d}"
        index.update_field(doc_id, "note", ["revised note about stem cells"])
    dt = (time.perf_counter() - t0) / max(1, args.articles // 10)
    print(f"update_field: {dt * 1000:.2f} ms per document")
    t0 = time.perf_counter()
    index.search("stem cells", limit=50)
    print(f"first query after updates: {(time.perf_counter() - t0) * 1000:.1f} ms")

    long_text = "\n\n".join(t for _, f, t in docs[:1400] if f == "text")  # ~2 MB article
    times = []
    for typed in keystrokes("stem cells"):
        t0 = time.perf_counter()
        find_in_text(long_text, typed)
        times.append(time.perf_counter() - t0)
    print(
        f"find_in_text in a {len(long_text) / 1e6:.1f} MB text: "
        f"median {statistics.median(times) * 1000:.1f} ms per keystroke"
    )


if __name__ == "__main__":
    main()
