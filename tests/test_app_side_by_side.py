"""Pilot tests of `p`, the side-by-side mode (issue 12): the article beside the study, each
claim's aligned sentence in the study and its verdict; the progress line while the comparison
runs; leaving or quitting during a long comparison kills it."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import NoticeRecorder, ready, wait_for
from textual.widgets import DataTable, Static

from legreader.compare import PRIMARY_ID
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.compare_run import CompareProgress
from legreader.ui.compare_screen import CompareScreen
from legreader.ui.side_by_side import ArticlePane, PrimaryPane, SideBySideScreen

SIZE = (120, 40)
SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"


async def open_side_by_side(pilot: Any) -> SideBySideScreen:
    await ready(pilot)
    await pilot.press("tab")  # the body: `p` works from any pane of the reader
    await pilot.press("p")
    screen = pilot.app.screen
    assert isinstance(screen, SideBySideScreen)
    await wait_for(pilot, lambda: screen.result is not None)
    return screen


def verdict_text(screen: SideBySideScreen) -> str:
    return screen.verdict_plain


def shows_span(pane: PrimaryPane, start: int, end: int) -> bool:
    """The passage's first line is inside the pane's view."""
    row = pane.text.row_of(start)
    if row is None:
        return False
    top = pane.text.virtual_region.y + row - pane.scroll_y
    return 0 <= top < pane.scrollable_content_region.height


async def test_p_opens_the_article_beside_the_study_and_escape_closes_it(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        article = (await _opened(pilot)).current
        screen = await open_side_by_side(pilot)
        left, right = screen.query_one(ArticlePane), screen.query_one(PrimaryPane)
        assert app.corpus is not None
        assert left.article is article and right.article is app.corpus.primary
        assert app.focused is left
        await wait_for(pilot, lambda: left.claims_ready and right.claims_ready)
        assert left.claims and right.claims  # claim highlights on both sides
        status = str(screen.query_one("#side-status", Static).render())
        assert "claims compared" in status and "not in the study" in status
        main_status = str(app.query_one("#details", Static).render())

        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
        assert app.query_one(ArticleBody).article is article
        # The panes' messages never reached the reader's status line.
        assert str(app.query_one("#details", Static).render()) == main_status


async def _opened(pilot: Any) -> Any:
    await ready(pilot)
    return pilot.app


async def test_brackets_go_claim_by_claim_and_show_the_aligned_study_sentence(
    db_path: Path,
) -> None:
    """`]` until a claim the study also states: its sentence in the study is highlighted and
    scrolled into view, and the verdict says it agrees, with both values."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_side_by_side(pilot)
        left, right = screen.query_one(ArticlePane), screen.query_one(PrimaryPane)
        assert any(c.primary_spans for c in screen.claims)
        seen = []
        for _ in range(len(screen.claims)):
            await pilot.press("right_square_bracket")
            assert left.current is not None
            seen.append(left.current.start)
            if left.current.primary_spans and left.current.verdict == "agrees":
                break
        else:
            raise AssertionError("no compared claim of the article agrees with the study")
        assert seen == sorted(seen) and len(set(seen)) == len(seen)  # forward, one stop each
        claim = left.current
        selection = left.selection
        assert selection is not None and selection[0] <= claim.start < selection[1]
        assert right.aligned and right.aligned[0] == claim.primary_spans[0]
        start, end = right.aligned[0]
        await wait_for(pilot, lambda: shows_span(right, start, end))
        text = verdict_text(screen)
        assert "✓ agrees with the study" in text
        assert f"study: {claim.study_words()}" in text and claim.study_words() != "not stated"

        await pilot.press("left_square_bracket")
        assert left.current is not None and left.current.start == seen[-2]


async def test_enter_on_the_70_percent_says_not_in_the_study(db_path: Path) -> None:
    """The sample study gives no percentage: the 70 % an article repeats is "not in the
    study", with what the article says and what the other articles say."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_side_by_side(pilot)
        left, right = screen.query_one(ArticlePane), screen.query_one(PrimaryPane)
        seventy = next(
            c for c in screen.claims if c.item.role == "quantity" and "70" in c.item.label
        )
        await pilot.press("g")  # the cursor to the first sentence, then down to the claim's
        for _ in range(len(left.sentences)):
            selection = left.selection
            if selection and selection[0] <= seventy.start < selection[1]:
                break
            await pilot.press("j")
        await pilot.press("enter")
        text = verdict_text(screen)
        assert "○ not in the study" in text
        assert "article: 70 % · study: not stated" in text
        assert "most articles say 70 %" in text
        assert "✓" not in text
        assert right.aligned == ()  # nothing in the study to point at


async def test_p_starts_on_the_readers_selection(db_path: Path) -> None:
    """The passage selected in the reader is where the side-by-side cursor starts."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        at = body.body.index("70%")
        body.focus()
        body.select_range(at, at + 3)
        chosen = body.selection
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        await wait_for(pilot, lambda: screen.result is not None and "70 %" in screen.verdict_plain)
        left = screen.query_one(ArticlePane)
        assert left.selection == chosen
        assert "○ not in the study" in screen.verdict_plain


async def test_p_in_compare_opens_the_cell_beside_the_study_with_the_same_result(
    db_path: Path,
) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        await wait_for(pilot, lambda: compare.grid is not None)
        table = compare.query_one(DataTable)
        target = None
        assert compare.grid is not None
        for r, row in enumerate(compare.grid.rows):
            for c, (column, cell) in enumerate(zip(compare.grid.columns, row.cells, strict=True)):
                if (
                    column.id != PRIMARY_ID
                    and cell.items
                    and any(it.article == PRIMARY_ID for it in row.group.items)
                ):
                    target = (r, c + 1, column.id, cell.items[0])
                    break
            if target:
                break
        assert target is not None
        table.move_cursor(row=target[0], column=target[1])
        await pilot.pause()
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        assert screen.result is compare.result  # the comparison is not run again
        assert screen.article.id == target[2]
        left = screen.query_one(ArticlePane)
        item = target[3]
        await wait_for(pilot, lambda: left.current is not None)
        assert left.current is not None
        assert left.current.start == item.start
        assert screen.query_one(PrimaryPane).aligned
        await pilot.press("escape")
        assert app.screen is compare  # back to the grid


async def test_a_comparison_run_once_is_reused(db_path: Path) -> None:
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        first = await open_side_by_side(pilot)
        result = first.result
        await pilot.press("escape")
        await pilot.press("p")
        again = app.screen
        assert isinstance(again, SideBySideScreen)
        assert again.result is result  # at once, from the app
        assert not again.query_one(CompareProgress).display
        await pilot.press("escape")
        await pilot.press("c")
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        await wait_for(pilot, lambda: compare.grid is not None)
        assert compare.result is result


async def test_without_a_primary_record_p_says_so(tmp_path: Path, db_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    (corpus / "primary.md").unlink()
    app = make_app([corpus], db_path=db_path)
    notices = NoticeRecorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert notices.matching("No primary record")


# ------------------------------------------------- a long comparison: progress, leaving, quitting


def big_corpus(folder: Path, articles: int = 30, size: int = 1_100_000) -> Path:
    """The sample corpus, many more articles, and one long article (sample texts repeated;
    over a megabyte by default, so the app does not compare it in the background too)."""
    corpus = folder / "corpus"
    shutil.copytree(SAMPLE, corpus)
    texts = [
        p.read_text(encoding="utf-8").split("---\n", 2)[-1] for p in sorted(SAMPLE.glob("0*.md"))
    ]
    for i in range(articles):
        (corpus / f"1{i:03d}.md").write_text(
            f"---\ntitle: Copy {i}\noutlet: Outlet {i}\n---\n" + texts[i % len(texts)],
            encoding="utf-8",
        )
    body = ""
    while len(body) < size:
        body += "\n\n".join(texts) + "\n\n"
    (corpus / "999-long.md").write_text(
        "---\ntitle: A very long article\noutlet: Bench\n---\n" + body, encoding="utf-8"
    )
    return corpus


class Spawned:
    """Records the child processes the comparison starts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.children: list[subprocess.Popen[bytes]] = []
        real = subprocess.Popen
        lock = threading.Lock()

        def spawn(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
            child = real(*args, **kwargs)
            with lock:
                self.children.append(child)
            return child

        monkeypatch.setattr(subprocess, "Popen", spawn)  # (as the background module sees it)


async def ended(child: subprocess.Popen[bytes]) -> int:
    return await asyncio.get_running_loop().run_in_executor(None, child.wait)


async def open_during_a_long_compare(pilot: Any) -> SideBySideScreen:
    app = pilot.app
    await ready(pilot)
    await pilot.press("p")
    screen = app.screen
    assert isinstance(screen, SideBySideScreen)
    progress = screen.query_one(CompareProgress)
    await wait_for(pilot, lambda: progress.last is not None, timeout=60)
    return screen


async def test_the_progress_line_follows_the_comparison(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([big_corpus(tmp_path, articles=12, size=20_000)], db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_during_a_long_compare(pilot)
        progress = screen.query_one(CompareProgress)
        reports = []
        original = progress.show_progress

        def record(report: Any) -> None:
            reports.append(report)
            original(report)

        monkeypatch.setattr(progress, "show_progress", record)
        first = progress.last
        assert first is not None
        words = str(progress.query_one("#compare-progress-words", Static).render())
        assert words.startswith("Comparing… ")
        await wait_for(pilot, lambda: screen.result is not None, timeout=120)
        assert not progress.display  # gone once done
        fractions = [first.fraction] + [r.fraction for r in reports]
        assert fractions == sorted(fractions)
        stages = {first.stage} | {r.stage for r in reports}
        assert "reading" in stages or first.stage == "reading"


async def test_leaving_during_a_long_compare_kills_it(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spawned = Spawned(monkeypatch)
    app = make_app([big_corpus(tmp_path)], db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_during_a_long_compare(pilot)
        assert screen.result is None
        children = list(spawned.children)
        assert children
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
        for child in children:
            assert await ended(child) < 0  # killed, not finished
        assert screen.result is None


async def test_quitting_during_a_long_compare_kills_it(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spawned = Spawned(monkeypatch)
    app = make_app([big_corpus(tmp_path)], db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_during_a_long_compare(pilot)
        assert screen.result is None
        children = list(spawned.children)
        await pilot.press("q")
    assert app.return_code == 0
    for child in children:
        assert await ended(child) < 0


async def test_markup_in_titles_and_claims_is_shown_verbatim(tmp_path: Path, db_path: Path) -> None:
    """Untrusted text (the article's title, its claims) never reaches Textual as markup."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    hostile = "[@click=app.quit]x[/] [bold]y [/"
    for path in sorted(corpus.glob("0*.md")):
        text = path.read_text(encoding="utf-8")
        head, body = text.split("---\n", 2)[1:]
        head = "\n".join(
            f'title: "{hostile} {i}"' if line.startswith("title:") else line
            for i, line in enumerate(head.splitlines())
        )
        path.write_text(f"---\n{head}\n---\n{body.replace('70%', '70% [/] [b]')}", encoding="utf-8")
    app = make_app([corpus], db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_side_by_side(pilot)
        left = screen.query_one(ArticlePane)
        # Textual keeps the border title as Content (drawn as it is); its getter returns
        # lossy markup, so the stored Content is what is checked.
        assert left._border_title is not None
        assert hostile in left._border_title.plain
        for _ in range(screen.stop_count):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.is_running and app.screen is screen


SIDE_KEYS = [
    "j", "k", "g", "G", "enter", "tab", "right_square_bracket", "left_square_bracket",
    "left_curly_bracket", "right_curly_bracket", "h", "pagedown", "pageup", "space", "escape",
    "p", "1", "t", "y", "slash", "a", "c",
]  # fmt: skip


async def test_random_keys_in_the_side_by_side_mode_never_crash_or_mark(db_path: Path) -> None:
    """The panes have no marking-up keys: nothing typed there reaches the annotation store."""
    import random

    rng = random.Random(12)
    app = make_app(db_path=db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_side_by_side(pilot)
        for _ in range(200):
            if not isinstance(app.screen, SideBySideScreen):
                while len(app.screen_stack) > 1:  # a key left the mode: back into it
                    app.screen.dismiss(None)
                    await pilot.pause()
                await pilot.press("p")
                continue
            await pilot.press(rng.choice(SIDE_KEYS))
        assert app.is_running and app.crash_message is None
        assert app.store is None or not app.store.all()


async def test_keys_typed_while_the_mode_opens_go_to_it(db_path: Path) -> None:
    from bursts import burst

    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main_body = app.query_one(ArticleBody)
        before = main_body.selection
        burst(app, "p", "j", "j", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SideBySideScreen))
        screen = app.screen
        await wait_for(pilot, lambda: not app.key_gate.holding)
        assert main_body.selection == before  # nothing reached the reader beneath
        left = screen.query_one(ArticlePane)
        assert left.selection is not None


async def test_the_modes_keys_are_remappable_by_binding_id(db_path: Path) -> None:
    from legreader.settings.config import UserConfig

    config = UserConfig(keymap={"app.side_by_side": "B", "side.next_claim": "N"})
    app = make_app(db_path=db_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("B")
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        await wait_for(pilot, lambda: screen.result is not None)
        left = screen.query_one(ArticlePane)
        await pilot.press("N")
        assert left.current is not None
        await pilot.press("escape")
        await pilot.press("p")  # no longer the key
        assert app.screen is app.screen_stack[0]


async def test_the_study_pane_cursor_shows_the_articles_claims_lined_up_with_it(
    db_path: Path,
) -> None:
    """tab to the study, then move its cursor onto a sentence a claim was lined up with: the
    article's claim is highlighted on the left and judged in the box."""
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_side_by_side(pilot)
        left, right = screen.query_one(ArticlePane), screen.query_one(PrimaryPane)
        target = next(c for c in screen.claims if c.primary_spans)
        await wait_for(pilot, lambda: right.claims_ready)
        await pilot.press("tab")
        assert app.focused is right
        await pilot.press("g")
        span = target.primary_spans[0]
        for _ in range(len(right.sentences)):
            selection = right.selection
            if selection and selection[0] < span[1] and span[0] < selection[1]:
                break
            await pilot.press("j")
        assert (target.start, target.end) in left.aligned
        assert "lined up with this part of the study" in screen.verdict_plain
        assert "✓" in screen.verdict_plain or "✗" in screen.verdict_plain
        await pilot.press("tab")  # back to the article: its cursor decides again
        await pilot.press("right_square_bracket")
        assert left.aligned == ()
