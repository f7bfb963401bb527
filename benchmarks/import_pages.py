"""Generated news pages for the import benchmark: varied, realistic weight, near-duplicates.

No network. Sentences come from the labelled development sets in ``../shared/data/claims/`` when
that folder is there (real press-release and abstract sentences, so two distinct pages share
almost no word 5-grams, as real articles do), else from the sample corpus beside the repository.
Nothing from the shared data is written into the repository: pages go to a temporary folder.

Each page has one of several outlet layouts (navigation, sidebar, comments, inline scripts and
styles, OpenGraph or JSON-LD metadata). About one page in ten is a syndicated copy of an earlier
page (same text with a few words changed, another outlet and URL) and one in thirty is the same
URL again with tracking parameters: both must be reported as duplicates.

Use: ``generate_pages(folder, count, seed)`` returns the list of written files and the set of
file names that are duplicates of an earlier page.
"""

from __future__ import annotations

import csv
import html
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CLAIMS = ROOT.parent / "shared" / "data" / "claims"
SAMPLE_CORPUS = ROOT / "sample_corpus"

_OUTLETS = (
    ("Daily Example", "daily.example"),
    ("The Health Courier", "healthcourier.example"),
    ("Science Wire", "sciencewire.example"),
    ("Morning Post Online", "morningpost.example"),
    ("Brain & Body Blog", "brainbody.example"),
    ("Metro Gazette", "metrogazette.example"),
)
_SECTIONS = ("health", "science", "news", "lifestyle", "research", "fitness")
_AUTHORS = ("A. Writer", "Sam Reporter", "Dr. Jo Columnist", "Chris Desk", "Pat Editor")


def load_sentences() -> list[str]:
    """Real sentences (shared data) when present, else the sample corpus's sentences."""
    sentences: list[str] = []
    for name in ("press_releases_causal.dev.csv", "pubmed_conclusions_causal.dev.csv"):
        path = SHARED_CLAIMS / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                sentences += [row["sentence"].strip() for row in csv.DictReader(fh)]
    if len(sentences) < 200:
        for md in sorted(SAMPLE_CORPUS.glob("*.md")):
            text = md.read_text(encoding="utf-8").split("---", 2)[-1]
            sentences += re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [s for s in sentences if len(s.split()) >= 6]


def _body(rng: random.Random, sentences: list[str]) -> list[str]:
    """Paragraphs (plain text) of one article: 8-30 paragraphs of 2-5 sentences."""
    return [
        " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(8, 30))
    ]


def _edit(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """A syndicated copy: a handful of words changed, sometimes the last paragraph dropped."""
    out = list(paragraphs)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(out))
        words = out[i].split()
        j = rng.randrange(len(words))
        words[j] = rng.choice(("notably", "reportedly", "still", "also", "now"))
        out[i] = " ".join(words)
    if len(out) > 10 and rng.random() < 0.5:
        out.pop()
    return out


def _page(
    rng: random.Random,
    title: str,
    paragraphs: list[str],
    outlet: tuple[str, str],
    url: str,
    layout: int,
) -> str:
    name, host = outlet
    author = rng.choice(_AUTHORS)
    date = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    esc = html.escape
    parts: list[str] = []
    for i, para in enumerate(paragraphs):
        parts.append(f"<p>{esc(para)}</p>")
        if i % 7 == 6:
            parts.append(f"<h2>{esc(' '.join(para.split()[:5]))}</h2>")
        if layout == 2 and i == 4:
            parts.append('<div class="ad"><p>Sponsored: try our brain supplement</p></div>')
    nav = "".join(
        f'<li><a href="/{s}/{i}">{s.title()} {i}</a></li>'
        for s in _SECTIONS
        for i in range(rng.randint(3, 9))
    )
    script = "window.cfg = {" + ",".join(f'"k{i}": {i}' for i in range(rng.randint(500, 5000)))
    script += "};"
    style = ".c{color:#333}" * rng.randint(200, 2000)
    comments = "".join(
        f'<li class="comment"><p>{esc(rng.choice(_AUTHORS))} says: great article, '
        f"thanks for sharing number {k}</p></li>"
        for k in range(rng.randint(0, 25))
    )
    related = "".join(
        f'<li><a href="/related/{k}">Related story {k} you may like</a></li>'
        for k in range(rng.randint(3, 12))
    )
    if layout % 2:
        meta = (
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": title,
                    "author": {"@type": "Person", "name": author},
                    "datePublished": date,
                    "publisher": {"@type": "Organization", "name": name},
                    "url": url,
                }
            )
            + "</script>"
        )
    else:
        meta = (
            f'<meta property="og:site_name" content="{esc(name)}">'
            f'<meta property="og:title" content="{esc(title)}">'
            f'<meta name="author" content="{esc(author)}">'
            f'<meta property="article:published_time" content="{date}T08:00:00Z">'
            f'<link rel="canonical" href="{esc(url)}">'
        )
    sidebar = (
        f'<aside class="sidebar"><h3>Most read</h3><ul>{related}</ul>'
        '<form><label>Subscribe to our newsletter</label><input name="e"></form></aside>'
        if layout in (1, 3)
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(title)} | {esc(name)}</title>{meta}
<script>{script}</script><style>{style}</style></head>
<body><header><div class="logo">{esc(name)}</div><nav><ul>{nav}</ul></nav></header>
<div class="wrap"><main><article>
<h1>{esc(title)}</h1><div class="byline">By {esc(author)} · {date}</div>
{"".join(parts)}
</article>{sidebar}
<section class="comments"><h3>Comments</h3><ol>{comments}</ol></section>
<section class="related"><h3>You may also like</h3><ul>{related}</ul></section></main></div>
<footer><p>Copyright {esc(name)}. All rights reserved. We use cookies.</p></footer>
</body></html>
"""


def generate_pages(folder: Path, count: int, seed: int = 14) -> tuple[list[Path], set[str]]:
    """Write ``count`` pages into ``folder``; return (files, names of the duplicate pages)."""
    rng = random.Random(seed)
    sentences = load_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    originals: list[tuple[str, list[str], str]] = []
    files: list[Path] = []
    duplicates: set[str] = set()
    for n in range(count):
        outlet = rng.choice(_OUTLETS)
        layout = rng.randrange(4)
        roll = rng.random()
        if originals and roll < 0.10:
            title, paragraphs, _url = rng.choice(originals)
            paragraphs = _edit(rng, paragraphs)
            url = f"https://{outlet[1]}/syndicated/{n}"
            duplicates.add(f"p{n:05d}.html")
        elif originals and roll < 0.133:
            title, paragraphs, url = rng.choice(originals)
            url = url.replace("https://", "http://www.") + "?utm_source=feed&utm_medium=rss"
            duplicates.add(f"p{n:05d}.html")
        else:
            paragraphs = _body(rng, sentences)
            title = " ".join(paragraphs[0].split()[:8]).rstrip(".,;:")
            url = f"https://{outlet[1]}/{rng.choice(_SECTIONS)}/{n}-story"
            originals.append((title, paragraphs, url))
        path = folder / f"p{n:05d}.html"
        path.write_text(_page(rng, title, paragraphs, outlet, url, layout), encoding="utf-8")
        files.append(path)
    return files, duplicates
