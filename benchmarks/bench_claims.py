"""Speed of the claim engine: medians of repeated runs, printed (never asserted).

    .venv/bin/python benchmarks/bench_claims.py               # engine speed
    .venv/bin/python benchmarks/bench_claims.py --segmenters  # + sentence segmenter comparison

``--segmenters`` compares :func:`legreader.claims.sentences` with nltk's Punkt (untrained, with a
list of abbreviations, per block); it needs ``pip install nltk``, which is not a dependency.
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import time
from pathlib import Path

from legreader.claims import analyze, analyze_cached, sentences
from legreader.claims.quantities import parse_quantities

SEEDS = Path("/work/shared/seeds")
GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"

HARD_CASES = [
    ("Dr. Smith et al. found that 3.5 percent of U.S. adults were affected.", 1),
    ("The trial ran for 6 weeks. Results were published in 2020.", 2),
    ("See Fig. 2 (p. 14) for details. The St. Louis team agreed.", 2),
    ("Heading\nA sentence here. Another one!\n\n• A bullet\n• Another bullet", 5),
    ("Smith et al. (2019) reported it. Jones et al. did not.", 2),
    ("Prof. A. B. Carter of the U.K. team said so. She left.", 2),
    ("Use e.g. tea or i.e. coffee. Then stop.", 2),
    ("Mrs. Jones paid $3.50 for it. Mr. Lee paid 4.5 dollars.", 2),
    ("It rose 2.5 times vs. last year. The U.S. economy grew.", 2),
    ("He said “Stop.” Then he left.", 2),
    ("Was it real? Nobody knows! Maybe.", 3),
    ("The study (published Jan. 5) was small. It had 20 mice.", 2),
    ("Results were mixed... More work is needed.", 2),
    ("The No. 1 cause is smoking. Quit now.", 2),
    ("It works in mice. In humans, it's unclear.", 2),
    ("They met at 5 p.m. on Friday. It rained.", 2),
    ("Inc. and Ltd. firms like Acme Inc. sell it. Acme Ltd. doesn't.", 2),
]
PUNKT_ABBREVIATIONS = """dr mr mrs ms mx prof st sr jr mt vs etc al e.g i.e cf fig figs no nos vol pp p ed
    eds eq ref refs dept univ approx ca inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov
    dec gen gov sen rep rev col lt capt sgt est min max avg ph.d phd md u.s u.k u.n e.u a.m p.m""".split()


def _median(fn, repeat: int = 5, clock=time.perf_counter) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times)


def _real_sentences() -> list[str]:
    """The sentences of the three sentence sets of ``../shared/data/claims`` (0.85 MB; not in
    the repository), or none when that folder is absent."""
    import csv

    folder = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "claims"
    if not folder.is_dir():
        return []
    debate = json.loads((folder / "claimbuster_checkworthy.dev.json").read_text(encoding="utf-8"))
    out = [row["text"] for row in debate]
    for name in ("pubmed_conclusions_causal.dev.csv", "press_releases_causal.dev.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            out += [row["sentence"] for row in csv.DictReader(fh)]
    return out


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
    real = _real_sentences()
    if real:
        text = "\n\n".join(real)
        dt = _median(lambda: analyze(text))
        cpu = _median(lambda: analyze(text), clock=time.process_time)
        print(
            f"{'analyze (real sentences)':28} {len(text):9d} {dt * 1000:10.1f} "
            f"{len(text) / dt / 1e6:7.2f}  (CPU {len(text) / cpu / 1e6:.2f} MB/s)"
        )
    text = (base * 6)[:100_000]
    analyze_cached(text)
    dt = _median(lambda: analyze_cached(text))
    print(f"{'analyze_cached (hit)':28} {len(text):9d} {dt * 1000:10.3f}")
    bad = {
        "one 1 MB line, no punct.": "word " * 200_000,
        "only numbers 1 MB": "12 3.4 5,600 " * 80_000,
        "mixed scripts 1 MB": ("Ελληνικά 70% κείμενο. 中文句子。 مرحبا “quote " * 25_000)[
            :1_000_000
        ],
        "unbalanced quotes 1 MB": ('He said "it may cause harm. ' * 40_000)[:1_000_000],
    }
    for name, text in bad.items():
        dt = _median(lambda t=text: analyze(t), 3)
        print(f"{name:28} {len(text):9d} {dt * 1000:10.1f} {len(text) / dt / 1e6:7.2f}")


def _punkt_segmenter():  # type: ignore[no-untyped-def]
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    seg = importlib.import_module("legreader.claims.sentences")
    params = PunktParameters()
    params.abbrev_types = set(PUNKT_ABBREVIATIONS)
    tokenizer = PunktSentenceTokenizer(params)

    def punkt(text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for start, end, _heading in seg._blocks(text):  # the same block pre-split
            for a, b in tokenizer.span_tokenize(text[start:end]):
                seg._emit(text, start + a, start + b, out)
        return out

    return punkt


def compare_segmenters() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import claims_eval

    segmenters = {"hand-written": sentences}
    try:
        segmenters["punkt + blocks"] = _punkt_segmenter()
    except ImportError:
        print("nltk not installed: pip install nltk to compare with Punkt")
    articles = {**claims_eval._articles_sample(), **claims_eval._articles_own()}
    rows = [json.loads(line) for f in ("claims_sample.jsonl", "claims_own.jsonl")
            for line in (GOLD / f).read_text(encoding="utf-8").splitlines() if line]  # fmt: skip
    big = (_corpus() * 200)[:1_000_000]
    bad = {
        "line": "word " * 200_000,
        "numbers": "12 3.4 5,600 " * 80_000,
        "mixed": ("Ελληνικά 70% κείμενο. 中文句子。 مرحبا “quote " * 25_000)[:1_000_000],
        "quotes": ('He said "it may cause harm. ' * 40_000)[:1_000_000],
    }
    for name, seg in segmenters.items():
        found = {aid: {t[s:e] for s, e in seg(t)} for aid, t in articles.items()}
        gold_ok = sum(row["sentence"] in found[row["article"]] for row in rows)
        hard_ok = sum(len(seg(text)) == n for text, n in HARD_CASES)
        speeds = "  ".join(
            f"{k} {_median(lambda t=t, seg=seg: seg(t), 3) * 1000:.0f} ms"
            for k, t in {"articles": big, **bad}.items()
        )
        print(
            f"{name:15} gold {gold_ok}/{len(rows)}  hard {hard_ok}/{len(HARD_CASES)}  1 MB: {speeds}"
        )


if __name__ == "__main__":
    main()
    if "--segmenters" in sys.argv:
        compare_segmenters()
