"""Pilot tests of how the reader's marks and the engine's flags are shown: a verdict on the
marked sentence only (chip, tint, gutter), note and tag markers, the legend, the flag's reason
on the status line, the sidebar's two verdicts; and the mapping between drawn cells and text
offsets once chips and markers are drawn into the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pilot_helpers import option_text, ready, store_of, wait_for
from rich.style import Style
from textual.geometry import Region

from legreader.store import AnnotationStore, make_annotation
from legreader.store.model import ArticleNote
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList, verdict_line_forms
from legreader.ui.article_text import Adornment, _Placed
from legreader.ui.marks import VERDICT_GLYPHS, Legend

SIZE = (120, 40)

FIRST = "The first sentence is a plain statement about the weather in spring."
SECOND = "The second sentence says that the mice ran further than expected."
THIRD = "The third sentence closes the paragraph without saying much at all."
ARTICLE = f"""---
title: Three sentences
---
{FIRST} {SECOND} {THIRD}

Another paragraph follows here.
"""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def _rows(body: ArticleBody) -> list[str]:
    text = body.text
    return [text.render_line(y).text.rstrip() for y in range(text.laid_out_rows)]


def _cells_with_background(body: ArticleBody, colour: Any) -> str:
    """The characters drawn on ``colour`` (a Rich colour), row after row."""
    out = []
    for y in range(body.text.laid_out_rows):
        for segment in body.text.render_line(y):
            if segment.style is not None and segment.style.bgcolor == colour:
                out.append(segment.text)
    return "".join(out)


async def _select_sentence(pilot: Any, body: ArticleBody, words: str) -> None:
    """Press j until the selected sentence holds ``words``."""
    body.focus()
    for _ in range(40):
        await pilot.press("j")
        selection = body.selection
        if selection and words in body.body[selection[0] : selection[1]]:
            return
    raise AssertionError(f"no sentence with {words!r}")


async def test_a_verdict_marks_only_its_sentence(tmp_path: Path, db_path: Path) -> None:
    app = make_app([_corpus(tmp_path)], db_path)
    async with app.run_test(size=(70, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        await _select_sentence(pilot, body, "second sentence")
        await pilot.press("2")  # misleading
        await wait_for(pilot, lambda: any(m.verdict == "misleading" for m in body.marks))
        await pilot.press("escape")  # no selection drawn over it
        await pilot.pause()
        tint = body.get_component_rich_style("passage--misleading", partial=True).bgcolor
        assert tint is not None
        # The tint covers the second sentence (and the chip's space), nothing else.
        tinted = _cells_with_background(body, tint)
        assert " ".join(tinted.split()) == SECOND
        rows = _rows(body)
        # The chip stands just before the sentence it marks.
        joined = " ".join(r[2:].strip() for r in rows)
        glyph = VERDICT_GLYPHS["misleading"]
        assert f"{glyph} {SECOND}" in joined
        assert joined.count(glyph) == 1
        # The gutter bar stands beside the rows of the sentence only.
        barred = [r[2:] for r in rows if r.startswith("▌")]
        assert barred and all(
            any(word in r for word in SECOND.split()) or glyph in r for r in barred
        )
        assert not any(r.startswith("▌") and "weather in" in r and "mice" not in r for r in rows)
        assert not any(r.startswith("▌") and "Another paragraph" in r for r in rows)


async def test_note_and_tag_markers_follow_the_passage(tmp_path: Path, db_path: Path) -> None:
    app = make_app([_corpus(tmp_path)], db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        await _select_sentence(pilot, body, "first sentence")
        await pilot.press("n", *"why", "ctrl+s")
        await wait_for(pilot, lambda: any(m.has_note for m in body.marks))
        await pilot.press("j", "t", *"weather", "enter")
        await wait_for(pilot, lambda: any(m.tags for m in body.marks))
        await pilot.press("escape")
        await pilot.pause()
        joined = " ".join(r[2:].strip() for r in _rows(body))
        assert f"{FIRST}✎ {SECOND}#" in joined
        # Copying and the cursor still see the text alone.
        assert body.body.count("✎") == 0


async def test_cursor_on_a_flagged_sentence_says_why(db_path: Path) -> None:
    """The sample corpus is about mice: a sentence claiming an effect in people is flagged;
    with the cursor on it the status line says so and why, and not elsewhere."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        details = app.query_one("#details")
        flagged = [c for c in body.claims if c.flags]
        assert flagged, "the sample article has a flagged claim"
        body.focus()
        for _ in range(60):
            await pilot.press("j")
            selection = body.selection
            assert selection is not None
            if any(c.start < selection[1] and c.end > selection[0] for c in flagged):
                break
        else:
            raise AssertionError("the cursor never reached the flagged sentence")
        await pilot.pause()
        status = str(details.render())
        assert "⚑ animal-to-human: the study was in animals" in status
        await pilot.press("j")
        await pilot.pause()
        selection = body.selection
        assert selection is not None
        if not any(c.start < selection[1] and c.end > selection[0] for c in flagged):
            assert "animal-to-human" not in str(details.render())


async def test_the_legend_lists_verdicts_flag_and_markers(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        legend = app.query_one("#legend")
        await pilot.pause()
        strips = legend.render_lines(Region(0, 0, legend.size.width, legend.size.height))
        text = "\n".join(strip.text for strip in strips)
        for verdict, glyph in VERDICT_GLYPHS.items():
            assert f"{glyph} {verdict}" in text
        assert "⚑ flagged claim" in text and "✎ note" in text and "# tags" in text
        assert "statistic" in text  # the claim line is still there
        # Narrow: short names, then the glyphs alone (and where to read what they mean).
        marks = app.query_one(ArticleBody).legend()
        assert isinstance(marks, Legend)
        narrow = marks.marks_line(40).plain
        assert all(glyph in narrow for glyph in VERDICT_GLYPHS.values()) and "?" in narrow
        assert len(narrow) <= 40


async def test_the_sidebar_tells_the_article_verdict_from_the_worst_passage(
    db_path: Path,
) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        sidebar = app.query_one(ArticleList)
        await _select_sentence(pilot, body, " ")
        await pilot.press("4")  # the passage: unsupported
        article = body.article
        assert article is not None
        await wait_for(pilot, lambda: any(m.verdict == "unsupported" for m in body.marks))
        await pilot.press("N", *"weak", "shift+tab", "enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter", "ctrl+s")  # the article: the second verdict
        await wait_for(
            pilot,
            lambda: (
                (note := store_of(app).article_note(article.id)) is not None
                and note.verdict is not None
            ),
        )
        note = store_of(app).article_note(article.id)
        assert note is not None and note.verdict is not None
        verdict = note.verdict
        index = next(i for i, a in enumerate(sidebar.ordered) if a.id == article.id)
        await wait_for(pilot, lambda: "worst" in sidebar.row_text(index))
        row = sidebar.row_text(index)
        assert (
            f"article {VERDICT_GLYPHS[verdict]}" in row or f"art {VERDICT_GLYPHS[verdict]}" in row
        )
        assert f"worst passage {VERDICT_GLYPHS['unsupported']}" in row or (
            f"worst {VERDICT_GLYPHS['unsupported']}" in row
        )


def test_the_sidebar_line_has_a_form_for_every_width() -> None:
    forms = verdict_line_forms("misleading", "unsupported")
    texts = ["".join(t for t, _ in form) for form in forms]
    assert texts[0] == "article ! misleading · worst passage ? unsupported"
    assert texts[-1] == "art ! · worst ?"
    assert [len(t) for t in texts] == sorted((len(t) for t in texts), reverse=True)
    assert "".join(t for t, _ in verdict_line_forms(None, "false")[0]) == "worst passage ✗ false"
    assert "".join(t for t, _ in verdict_line_forms("accurate", None)[0]) == "article ✓ accurate"


async def test_sidebar_shows_both_verdicts_from_the_database(db_path: Path) -> None:
    """Verdicts already saved show at start-up, on their own line under the article."""
    from legreader.corpus.loader import load_corpus
    from legreader.files.resources import sample_corpus_dir

    corpus = load_corpus([sample_corpus_dir()])
    article = next(a for a in corpus.all_articles() if not a.is_primary)
    with AnnotationStore.open(db_path) as store:
        store.add(make_annotation(article.id, article.body, 0, 20, verdict="false"))
        store.set_article_note(ArticleNote(article.id, note="", verdict="accurate"))
    app = make_app(db_path=db_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        sidebar = app.query_one(ArticleList)
        index = next(i for i, a in enumerate(sidebar.ordered) if a.id == article.id)
        await wait_for(pilot, lambda: "worst" in sidebar.row_text(index))
        last = sidebar.row_text(index).splitlines()[-1]
        assert "article ✓" in last and "worst" in last and "✗" in last


@settings(max_examples=200, deadline=None)
@given(
    length=st.integers(min_value=1, max_value=60),
    prefix=st.integers(min_value=0, max_value=3),
    inserts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=60), st.text("✓!#✎ ", min_size=1, max_size=2)),
        max_size=5,
    ),
)
def test_drawn_and_text_positions_map_back(
    length: int, prefix: int, inserts: list[tuple[int, str]]
) -> None:
    """Every character of the text is drawn after what is inserted before it, and every
    drawn cell maps back to a character of the text (an inserted one to the one it precedes)."""
    adornments = tuple(
        Adornment(min(at, length), text, "x") for at, text in sorted(inserts, key=lambda i: i[0])
    )
    totals: list[int] = []
    for adornment in adornments:
        totals.append((totals[-1] if totals else 0) + len(adornment.text))
    place = _Placed(
        0, [0], 0, prefix, 0, 0, adornments, tuple(a.at for a in adornments), tuple(totals)
    )
    drawn_length = prefix + length + (totals[-1] if totals else 0)
    seen = []
    for rel in range(length):
        at = place.drawn_index(rel)
        assert prefix <= at < drawn_length
        assert place.text_index(at) == rel
        seen.append(at)
    assert seen == sorted(set(seen))
    for drawn in range(prefix, drawn_length):
        assert 0 <= place.text_index(drawn) <= length


async def test_the_panel_recolours_its_verdicts_with_the_theme(db_path: Path) -> None:
    from legreader.ui.annotations_panel import AnnotationsPanel

    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        panel = app.query_one(AnnotationsPanel)
        body.focus()
        await pilot.press("j", "5", "a")
        await wait_for(pilot, lambda: panel.display and panel.option_count == 1)

        def colour() -> Any:
            prompt = option_text(panel, 0)
            return next(
                s.style.color
                for s in prompt.spans
                if isinstance(s.style, Style) and "false" in prompt.plain[s.start : s.end]
            )

        dark = colour()
        app.theme = "textual-light"
        await wait_for(pilot, lambda: colour() != dark)
        expected = panel.get_component_rich_style("verdict--false", partial=True).color
        assert colour() == expected


async def test_help_explains_the_marks_the_flag_and_the_sidebar(db_path: Path) -> None:
    from legreader.ui.help_screen import HelpScreen, KeyTable

    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = " ".join(app.screen.query_one(KeyTable).text().split())
        assert text.startswith("What the marks mean")  # before the keys, not after them
        for verdict, glyph in VERDICT_GLYPHS.items():
            assert f"{verdict} ({glyph})" in text
        assert "⚑ Flagged claims are bold on a strong red background" in text
        assert "animal-to-human: the study was in animals" in text
        assert "worst verdict among its passages" in text and "✎ after a passage" in text


async def test_re_wrapping_marked_blocks_lays_out_as_a_fresh_layout(db_path: Path) -> None:
    """Marks come and go on many paragraphs at once: the blocks they touch wrap again and the
    ones below move, and the result is the layout a fresh article would get."""
    from legreader.ui.article_body import Mark

    app = make_app(db_path=db_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        text = body.text

        def layout() -> list[tuple[int, list[int]]]:
            return text.placements()

        def fresh() -> list[tuple[int, list[int]]]:
            text.relayout()  # wraps everything again
            return layout()

        sentences = body.sentences
        for step, chosen in enumerate((sentences[::3], sentences[1::2], sentences[:1], [])):
            marks = [
                Mark(
                    f"m{step}-{i}",
                    s,
                    e,
                    list(VERDICT_GLYPHS)[i % 6],
                    i % 2 == 0,
                    ("t",) * (i % 3 == 0),
                )
                for i, (s, e) in enumerate(chosen)
            ]
            body.set_marks(marks)
            await pilot.pause()
            incremental = layout()
            assert incremental == fresh(), f"step {step}"
            assert text.laid_out_rows == incremental[-1][0] + len(incremental[-1][1])
