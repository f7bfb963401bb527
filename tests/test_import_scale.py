"""Import at scale: the duplicate index (near-duplicates found, distinct pages kept, the same
answers as the pairwise check), batches run in worker processes, and the progress bar."""

from __future__ import annotations

import html
import io
import random
import re
from pathlib import Path

import pytest

from legreader.cli.importing import PROGRESS_FROM, run_import
from legreader.corpus.html import DuplicateIndex, ImportedPage, find_duplicate

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"


def _sentences() -> list[str]:
    out: list[str] = []
    for md in sorted(SAMPLE.glob("*.md")):
        text = md.read_text(encoding="utf-8").split("---", 2)[-1]
        out += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s) > 40]
    return out


def _article(rng: random.Random, sentences: list[str], n: int) -> str:
    """A distinct article: shuffled sample sentences plus words of its own."""
    picked = rng.sample(sentences, 12)
    return "\n\n".join(
        f"{s} Report {n} adds detail {rng.randint(0, 10**6)} on item {k}."
        for k, s in enumerate(picked)
    )


def _edited(text: str) -> str:
    """A syndicated copy: two words changed, a line of its own added."""
    return text.replace("the", "this", 2) + "\n\nThis story first appeared elsewhere."


def _page(body: str, url: str | None = None) -> ImportedPage:
    return ImportedPage(source_name="p.html", title="t", body=body, url=url)


def test_index_finds_a_near_duplicate_and_keeps_distinct_pages() -> None:
    rng = random.Random(1)
    sentences = _sentences()
    index = DuplicateIndex()
    texts = [_article(rng, sentences, n) for n in range(40)]
    for n, text in enumerate(texts):
        assert index.find(None, text) is None  # distinct articles are all kept
        index.add(f"a{n}", None, text)
    match = index.find(None, _edited(texts[17]))
    assert match is not None and match.article_id == "a17"
    assert match.reason == "near-identical text" and match.score >= 0.85
    # a third of an article is not a copy of it
    third = "\n\n".join(texts[3].split("\n\n")[:4])
    assert index.find(None, third) is None


def test_index_matches_by_url_first() -> None:
    index = DuplicateIndex()
    index.add("a", "https://www.example.org/story/?utm_source=x", "one two three four five six")
    match = index.find("http://example.org/story", "completely different words here now")
    assert match is not None and (match.article_id, match.reason) == ("a", "same URL")


def test_index_gives_the_answers_of_the_pairwise_check() -> None:
    rng = random.Random(7)
    sentences = _sentences()
    originals = [_article(rng, sentences, n) for n in range(30)]
    stream = originals + [_edited(originals[n]) for n in (2, 11, 29)] + [originals[5]]
    rng.shuffle(stream)
    index = DuplicateIndex()
    rows: list[tuple[str, str | None, str]] = []
    for n, text in enumerate(stream):
        indexed = index.find(None, text)
        pairwise = find_duplicate(_page(text), rows)
        assert (indexed is None) == (pairwise is None)
        if indexed is not None and pairwise is not None:
            assert indexed.article_id == pairwise.article_id
            assert indexed.score == pairwise.score
        else:
            index.add(str(n), None, text)
            rows.append((str(n), None, text))
    assert len(rows) == 30


def _html(title: str, body: str, url: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    """PROGRESS_FROM + 6 pages, among them a near-duplicate and a same-URL copy."""
    rng = random.Random(3)
    sentences = _sentences()
    folder = tmp_path / "pages"
    folder.mkdir()
    bodies = [_article(rng, sentences, n) for n in range(PROGRESS_FROM + 4)]
    files = []
    for n, body in enumerate(bodies):
        files.append(folder / f"p{n:02d}.html")
        files[-1].write_text(
            _html(f"Story {n}", body, f"https://news.example/{n}"), encoding="utf-8"
        )
    files.append(folder / "syndicated.html")
    files[-1].write_text(
        _html("Story 4 again", _edited(bodies[4]), "https://other.example/copy"), encoding="utf-8"
    )
    files.append(folder / "tracked.html")
    files[-1].write_text(
        _html("Story 9", bodies[9], "https://news.example/9?utm_source=rss"), encoding="utf-8"
    )
    return files


@pytest.mark.parametrize("jobs", [None, 1])
def test_batch_reports_duplicates_in_order_with_or_without_workers(
    pages: list[Path], tmp_path: Path, jobs: int | None
) -> None:
    out, err = io.StringIO(), io.StringIO()
    into = tmp_path / f"corpus-{jobs}"
    assert run_import(pages, into, update=False, out=out, err=err, jobs=jobs) == 1
    imported = out.getvalue().splitlines()
    assert [line.split()[1] for line in imported] == [str(p) for p in pages[:-2]]
    skipped = err.getvalue().splitlines()
    assert len(skipped) == 2
    assert skipped[0] == (
        f"skipped {pages[-2]}: same page as {pages[4]} (near-identical text), imported above "
        f"as {into / 'story-4.md'}"
    )
    assert skipped[1] == (
        f"skipped {pages[-1]}: same page as {pages[9]} (same URL), imported above "
        f"as {into / 'story-9.md'}"
    )
    assert len(list(into.glob("*.md"))) == len(pages) - 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(pages: list[Path], tmp_path: Path) -> None:
    out = io.StringIO()
    err: io.StringIO = _Terminal()
    assert run_import(pages, tmp_path / "a", update=False, out=out, err=err, jobs=1) == 1
    # every line still reaches its stream; the bar (transient) drew on the terminal
    assert len(out.getvalue().splitlines()) == len(pages) - 2
    assert err.getvalue().count("skipped ") == 2
    assert "importing" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()  # a pipe or a file: no bar
    run_import(pages, tmp_path / "b", update=False, out=out, err=err, jobs=1)
    assert "importing" not in err.getvalue()
    assert err.getvalue().count("skipped ") == 2
