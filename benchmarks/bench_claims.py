"""Speed of the claim engine: medians of repeated runs, printed (never asserted).

    .venv/bin/python benchmarks/bench_claims.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from legreader.claims import analyze, analyze_cached, sentences
from legreader.claims.quantities import parse_quantities

SEEDS = Path("/work/shared/seeds")


def _median(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _corpus() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt"))]
    return "\n\n".join(texts) if texts else "The study found a 70% drop in 40 mice. " * 100


def main() -> None:
    base = _corpus()
    print(f"{'input':28} {'size':>9} {'median ms':>10} {'MB/s':>7}")
    for size in (10_000, 100_000, 1_000_000):
        text = (base * (size // len(base) + 1))[:size]
        for name, fn in (
            ("analyze", lambda t=text: analyze(t)),
            ("sentences", lambda t=text: sentences(t)),
            ("parse_quantities", lambda t=text: parse_quantities(t)),
        ):
            dt = _median(fn, 3 if size >= 1_000_000 else 5)
            print(f"{name + ' (articles)':28} {size:9d} {dt * 1000:10.1f} {size / dt / 1e6:7.2f}")
    text = (base * 6)[:100_000]
    analyze_cached(text)
    dt = _median(lambda: analyze_cached(text))
    print(f"{'analyze_cached (hit)':28} {len(text):9d} {dt * 1000:10.3f}")
    bad = {
        "one 1 MB line, no punct.": "word " * 200_000,
        "only numbers 1 MB": "12 3.4 5,600 " * 80_000,
        "mixed scripts 1 MB": ("Ελληνικά 70% κείμενο. 中文句子。 مرحبا “quote " * 25_000)[:1_000_000],
        "unbalanced quotes 1 MB": ('He said "it may cause harm. ' * 40_000)[:1_000_000],
    }
    for name, text in bad.items():
        dt = _median(lambda t=text: analyze(t), 3)
        print(f"{name:28} {len(text):9d} {dt * 1000:10.1f} {len(text) / dt / 1e6:7.2f}")


if __name__ == "__main__":
    main()
