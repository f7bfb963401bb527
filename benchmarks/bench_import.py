"""HTML import benchmark: pages per second for typical news pages (target >= 20/s).

Run: ``.venv/bin/python benchmarks/bench_import.py``. Pages are the test fixtures plus
generated news pages of realistic weight (~150 KB: inline scripts, menus, ads, comments).
Prints medians.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from legreader.htmlimport import PageImportError, import_html

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html"
_WORDS = (
    "researchers found that mice kept from using their hind legs for 28 days had fewer neural "
    "stem cells in the subventricular zone compared with controls the study published in "
    "frontiers in neuroscience suggests weight bearing exercise sends signals to the brain"
).split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def news_page(rng: random.Random) -> bytes:
    paragraphs = "\n".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 5)))}</p>"
        + ("<h2>More findings</h2>" if i % 6 == 5 else "")
        for i in range(rng.randint(12, 30))
    )
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40))
    comments = "".join(
        f'<li class="comment"><p>{_sentence(rng)}</p></li>' for _ in range(rng.randint(0, 30))
    )
    script = "var cfg = {" + ",".join(f'"k{i}": {i}' for i in range(4000)) + "};"
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Leg exercise and the brain | Daily Example</title>
<meta property="og:site_name" content="Daily Example"><meta name="author" content="A. Writer">
<meta property="article:published_time" content="2018-05-24T10:00:00Z">
<link rel="canonical" href="https://daily.example/health/leg-exercise-brain">
<script>{script}</script><style>{"." * 20000}</style></head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>Leg exercise and the brain</h1>
<div class="byline">By A. Writer</div>{paragraphs}
<div class="ad">Sponsored: buy our brain pills today</div></article>
<section class="comments"><ol>{comments}</ol></section></main>
<footer><p>Copyright Daily Example</p></footer></body></html>"""
    return html.encode("utf-8")


def main() -> None:
    rng = random.Random(3)
    pages = [p.read_bytes() for p in sorted(FIXTURES.glob("*.html"))]
    pages += [news_page(rng) for _ in range(40)]
    sizes = [len(p) for p in pages]
    print(f"{len(pages)} pages, median size {statistics.median(sizes) / 1024:.0f} KB")
    per_page: list[float] = []
    failures = 0
    t_all = time.perf_counter()
    for page in pages:
        t0 = time.perf_counter()
        try:
            import_html(page, "bench.html")
        except PageImportError:
            failures += 1
        per_page.append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all
    median = statistics.median(per_page)
    print(
        f"median {median * 1000:.1f} ms per page = {1 / median:.0f} pages/s; "
        f"overall {len(pages) / total:.0f} pages/s (target >= 20/s); {failures} refused"
    )


if __name__ == "__main__":
    main()
