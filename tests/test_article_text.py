"""The article text widget: layout of lists, rules and long paragraphs, scrolling to what is
selected, and the mapping between screen cells and body offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pilot_helpers import ready, selection_of, wait_for
from rich._wrap import divide_line

from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_text import wrap_offsets

LISTS = """---
title: Lists and rules
---
Intro paragraph.

- First bullet item that is quite long so that it must wrap across more than one line when narrow.
- Second bullet
  - Nested item that is also rather long so that its continuation lines must hang under its text.

1. Numbered one.
2. Numbered two.

---

Closing paragraph.
"""


def _rows(body: ArticleBody) -> list[str]:
    text = body.text
    return [text.render_line(y).text.rstrip() for y in range(text.laid_out_rows)]


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.asyncio
async def test_lists_hang_and_separate_and_rules_are_lines(tmp_path: Path, db_path: Path) -> None:
    app = make_app([_write(tmp_path / "c", "a.md", LISTS)], db_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await ready(pilot)
        rows = _rows(app.query_one(ArticleBody))
        first = next(i for i, r in enumerate(rows) if "• First bullet" in r)
        # Wrapped lines of an item start under its text, not under the bullet.
        assert rows[first + 1].index(rows[first + 1].strip()) == rows[first].index("First")
        nested = next(i for i, r in enumerate(rows) if "• Nested" in r)
        assert rows[nested + 1].index(rows[nested + 1].strip()) == rows[nested].index("Nested")
        # Items of one list are tight; a blank line in the source separates two lists.
        second = next(i for i, r in enumerate(rows) if "• Second" in r)
        assert rows[second + 1].strip().startswith("• Nested")
        numbered = next(i for i, r in enumerate(rows) if "1. Numbered one." in r)
        assert rows[numbered - 1] == ""
        assert rows[numbered + 1].strip() == "2. Numbered two."
        rule = next(r for r in rows if "─" in r)
        assert (
            set(rule.strip()) == {"─"}
            and len(rule) == len(rule.rstrip()) >= max(len(r) for r in rows) - 4
        )


@pytest.mark.asyncio
async def test_a_very_long_paragraph_reads_as_one(tmp_path: Path, db_path: Path) -> None:
    sentence = "The mice ran less and their stem cells fell by seventy percent in the study. "
    paragraph = (sentence * 140).strip()  # about 11,000 characters
    text = f"---\ntitle: Long paragraph\n---\nFirst paragraph.\n\n{paragraph}\n\nLast paragraph.\n"
    app = make_app([_write(tmp_path / "c", "a.md", text)], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert sum(b.continued for b in body.blocks) >= 2
        rows = _rows(body)
        start = next(i for i, r in enumerate(rows) if r.strip().startswith("The mice"))
        end = next(i for i, r in enumerate(rows) if "Last paragraph." in r)
        assert "" not in rows[start : end - 1]  # no blank line inside the paragraph
        body.focus()
        await pilot.press("j", "j", "v")
        selected = body.selection
        assert selected is not None
        assert body.body[selected[0] : selected[1]] == paragraph
        await pilot.press("right_curly_bracket")
        assert body.body[slice(*selection_of(body))] == "Last paragraph."


@pytest.mark.asyncio
async def test_moving_down_shows_the_whole_sentence(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        body.focus()
        text = body.text
        height = body.scrollable_content_region.height
        for _ in range(15):
            await pilot.press("j")
            await pilot.pause()
            start, end = selection_of(body)
            first = text.row_of(
                start, next(i for i, b in enumerate(body.blocks) if b.start <= start < b.end)
            )
            last = text.row_of(
                end - 1, next(i for i, b in enumerate(body.blocks) if b.start <= end - 1 < b.end)
            )
            assert first is not None and last is not None
            top = round(body.scroll_y) - text.virtual_region.y
            if last - first < height:
                assert top <= first and last < top + height, (first, last, top, height)


@pytest.mark.asyncio
async def test_search_jump_far_into_a_long_article_lands_on_screen(
    tmp_path: Path, db_path: Path
) -> None:
    paragraphs = [
        f"Paragraph {i}: the study found a {i % 90}% change in group {i} of the mice."
        for i in range(3000)
    ]
    text = "---\ntitle: Long\n---\n" + "\n\n".join(paragraphs) + "\n"
    app = make_app([_write(tmp_path / "c", "a.md", text)], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert not body.text.complete
        target = body.body.index("Paragraph 2900:")
        body.set_matches([(target, target + len("Paragraph 2900:"))])
        await wait_for(pilot, lambda: body.selection is not None and body.selection[0] == target)
        index = next(i for i, b in enumerate(body.blocks) if b.start <= target < b.end)

        def in_view() -> bool:
            row = body.text.row_of(target, index)
            top = round(body.scroll_y) - body.text.virtual_region.y
            return row is not None and top <= row < top + body.scrollable_content_region.height

        await wait_for(pilot, in_view)


@pytest.mark.asyncio
async def test_new_search_matches_are_drawn_again(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text
        text.block_lines(3)
        text.block_lines(5)
        body.set_matches([(body.blocks[3].start, body.blocks[3].start + 4)], jump=True)
        text.block_lines(5)
        assert text.is_drawn(5)
        body.set_matches([(body.blocks[5].start, body.blocks[5].start + 4)], jump=True)
        assert not text.is_drawn(5)  # the block with the new match is drawn afresh


@pytest.mark.asyncio
async def test_gutter_mark_keeps_the_background(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.press("j", "3")
        await wait_for(pilot, lambda: body.marks)
        index = next(i for i, b in enumerate(body.blocks) if b.start <= body.marks[0].start < b.end)
        glyph = list(body.text.block_lines(index)[0])[0]
        assert glyph.text == "▌" and glyph.style is not None and glyph.style.bgcolor is not None


@pytest.mark.asyncio
async def test_clicks_map_past_combining_marks(tmp_path: Path, db_path: Path) -> None:
    text = "---\ntitle: Accents\n---\nCafe\u0301 cafe\u0301 cafe\u0301 target word here.\n"
    app = make_app([_write(tmp_path / "c", "a.md", text)], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        drawn_column = len("Café café café ")  # cells before "target" (combining marks take none)
        offset = body.text.offset_at(2 + drawn_column, body.text.block_top(0) or 0)
        assert offset is not None and body.body[offset] == "t"


@pytest.mark.asyncio
async def test_sentences_arrive_before_the_claims_in_a_long_article(
    tmp_path: Path, db_path: Path
) -> None:
    paragraphs = [
        f"First sentence of paragraph {i}. The mice in group {i} ran less. Stem cells fell by {i % 80}%."
        for i in range(8000)
    ]
    text = "---\ntitle: Long\n---\n" + "\n\n".join(paragraphs) + "\n"
    app = make_app([_write(tmp_path / "c", "a.md", text)], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.current is not None and app.query_one(ArticleBody).shown)
        body = app.query_one(ArticleBody)
        await wait_for(pilot, lambda: len(body.sentences) > len(body.blocks), timeout=30)
        body.focus()
        await pilot.press("j")
        start, end = selection_of(body)
        assert body.body[start:end] == "First sentence of paragraph 0."
        await wait_for(pilot, lambda: body.claims_ready, timeout=60)


# ---------------------------------------------------------------------------------------------
# Wrapping (the article text's fast path must cut exactly where Rich does)

_WORDS = st.sampled_from(
    [
        "a",
        "the",
        "study",
        "mice",
        "neurological",
        "70%",
        "(SVZ)",
        "e.g.",
        "x" * 25,
        "café",
        "研究",
        "—",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60), st.sampled_from([" ", "  "]), st.integers(1, 70))
def test_wrap_offsets_match_rich(words: list[str], gap: str, width: int) -> None:
    text = gap.join(words)
    assert wrap_offsets(text, width) == divide_line(text, width, fold=True)
