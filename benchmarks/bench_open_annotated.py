"""Issue 4: opening an article that carries 500 annotations: re-anchor and paint.

Printed, never asserted: median wall time from "open" to the body showing its marks,
and the re-anchoring part alone. Run: python benchmarks/bench_open_annotated.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import WORDS  # noqa: E402


def make_article(folder: Path, paragraphs: int = 150) -> Path:
    rng = random.Random(3)
    text = "\n\n".join(
        " ".join((" ".join(rng.choices(WORDS, k=rng.randint(8, 18))).capitalize() + ".") for _ in range(5))
        for _ in range(paragraphs)
    )
    path = folder / "long.md"
    path.write_text("---\ntitle: A long article with many marks\npublished: 2020-01-02\n---\n" + text + "\n", encoding="utf-8")
    # A short article beside it: every opening measured comes from another article.
    (folder / "short.md").write_text(
        "---\ntitle: A short one\npublished: 2020-01-01\n---\nOne paragraph, 12% of it.\n", encoding="utf-8"
    )
    return path


async def measure(folder: Path, db: Path, runs: int) -> None:
    from legreader.claims import sentences
    from legreader.corpus.loader import load_corpus
    from legreader.store import AnnotationStore, make_annotation
    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody

    corpus = load_corpus([folder])
    article = next(a for a in corpus.articles if a.title.startswith("A long"))
    body = article.body
    spans = sentences(body)
    store = AnnotationStore.open(db)
    rng = random.Random(5)
    verdicts = ["accurate", "misleading", "overstated", "unsupported", "false", None]
    for start, end in rng.sample(spans, 500):
        store.add(make_annotation(article.id, body, start, end, verdict=rng.choice(verdicts), tags=["t"]))
    times = []
    for _ in range(5):  # the first run also loads rapidfuzz (about 7 ms, once per process)
        t = time.perf_counter()
        anchors = store.reanchor_article(article.id, body)
        times.append(time.perf_counter() - t)
    reanchor = statistics.median(times)
    store.close()
    assert len(anchors) == 500

    app = make_app([folder], db)
    opens = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.corpus is None:
            await pilot.pause(0.01)
        view = app.main_query_one(ArticleBody)
        long = next(a for a in app.corpus.articles if a.title.startswith("A long"))
        short = next(a for a in app.corpus.articles if a is not long)
        for _ in range(runs):
            app.open_article(short)
            await pilot.pause(0.2)
            view.marks = []
            t = time.perf_counter()
            app.open_article(long)
            while len(view.marks) < 500:
                await pilot.pause(0)
            await pilot.pause(0)  # one paint
            while not view.text._strips:  # the lines were really drawn, with their marks
                await pilot.pause(0)
            opens.append(time.perf_counter() - t)
            await pilot.pause(0.3)  # let the analysis of this opening finish before the next
    print("500 annotations on a", f"{len(body) // 1024} KB article:")
    print(f"  re-anchor all 500 (store.reanchor_article), median of 5   {reanchor * 1000:6.1f} ms")
    print(f"  open (from another article) → marks shown and painted, median of {runs}  {statistics.median(opens) * 1000:6.1f} ms (target <= 50 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "c"
        folder.mkdir()
        make_article(folder)
        asyncio.run(measure(folder, Path(tmp) / "db.json", runs=7))


if __name__ == "__main__":
    main()
