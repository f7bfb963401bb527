"""Hostile text in a corpus (RELIABILITY cases 13, 14, 18, 20) through the running app.

Markup must be shown as the characters it is made of, never parsed (no style, no action), and
no escape sequence from a title, body or file name may reach the terminal. Headless Textual
writes nothing, so `terminal_output` renders the screen as the app would write it to a terminal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyperclip
import pytest
from pilot_helpers import body_text, ready, wait_for

from legreader.cite import clipboard
from legreader.store import AnnotationStore, ArticleNote
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.compare_screen import CompareScreen
from legreader.ui.dialogs.note_editor import NoteEditor

SIZE = (120, 40)

MARKUP = [
    "[bold red]x",
    "[/]",
    "[@click=app.quit]x[/]",
    ":warning:",
    "[B]",
    "[link=https://e.vil]l[/link]",
]
TITLE_YAML = r"T [bold red]x [/] [@click=app.quit]x[/] :warning: \e]52;c;aGVsbG8=\a \e[2J \x9b2J \e]0;pwn\a end"
TITLE_SHOWN = "T [bold red]x [/] [@click=app.quit]x[/] :warning:"
BODY = (
    "Intro [bold red]x and [/] then [@click=app.quit]x[/] and :warning: and [B] ok.\n\n"
    "Second \x1b]52;c;aGVsbG8=\x07 para \x1b[2J with \x9b2J csi, \x1b]0;pwn\x07 title,"
    " \x1bc reset, \x9d8;;u\x9c osc and [link=https://e.vil]l[/link] back\\slash end.\n"
)
#: What may legitimately reach the terminal: SGR styles and cursor moves.
ALLOWED = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H")
FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_output(app: Any) -> str:
    """What the app would write to a terminal to draw the current screen (all layers)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    output: str = update.render_segments(app.console)
    return output


def screen_text(app: Any) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_clean_terminal(app: Any) -> None:
    leftover = ALLOWED.sub("", terminal_output(app))
    bad = FORBIDDEN_CHARS.findall(leftover.replace("\n", ""))
    assert not bad, f"control characters reached the terminal: {sorted(set(bad))!r}"


def write_article(folder: Path, name: str, title_yaml: str = TITLE_YAML, body: str = BODY) -> Path:
    path = folder / name
    path.write_text(f'---\ntitle: "{title_yaml}"\n---\n{body}', encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(folder, "evil [bold red]x [@click=app.quit]x[B] :warning:.md")
    return folder


async def test_hostile_title_and_body_are_shown_literally_and_cleaned(
    corpus: Path, tmp_path: Path
) -> None:
    app = make_app([corpus], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        article = app.current
        assert article is not None and article.title is not None
        assert article.title.startswith(TITLE_SHOWN) and "\x1b" not in article.title
        shown = body_text(app)
        for text in MARKUP:
            assert text in shown
        assert "back\\slash" in shown
        assert "aGVsbG8" not in shown and "pwn" not in shown  # OSC payloads are dropped
        assert not FORBIDDEN_CHARS.search(shown.replace("\n", ""))

        screen = screen_text(app)
        assert TITLE_SHOWN[:30] in screen  # sidebar (wrapped) and header
        assert "evil [bold red]x [@click=app.quit]x[B] :warning:.md" in screen  # file name
        assert "Intro [bold red]x and [/] then [@click=app.quit]x[/]" in screen
        assert not FORBIDDEN_CHARS.search(screen.replace("\n", ""))
        assert_clean_terminal(app)

        await pilot.press("tab", "j", "j", "j", "J", "v", "]", "[")  # walk the text: no crash
        await pilot.press("c")
        await wait_for(
            pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.grid is not None
        )
        assert_clean_terminal(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_copying_a_hostile_passage_sends_clean_text(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Any, text: str) -> str:
        raise pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system."
        )

    monkeypatch.setattr(clipboard.SystemClipboard, "copy", fail)
    monkeypatch.setattr(clipboard, "_busy", None)
    app = make_app([corpus], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        await pilot.press("tab", "v", "J", "J", "J", "y")  # whole text selected
        await wait_for(pilot, lambda: app.clipboard != "")
        copied = app.clipboard
        assert "[@click=app.quit]x[/]" in copied and "back\\slash" in copied
        assert not FORBIDDEN_CHARS.search(copied.replace("\n", ""))
        assert body.selection is not None


async def test_notification_with_a_hostile_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(folder, "ok.md", title_yaml="Fine", body="Plain text. Two sentences.\n")
    (folder / "[bold red]x [@click=app.quit]x[B] \x1b[2J \x9b2J \x1b]0;pwn\x07.md").write_bytes(b"")
    app = make_app([folder], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: "1 file skipped" in screen_text(app))
        screen = screen_text(app)
        assert "[bold red]x" in screen and "[@click=app.quit]x[B]" in screen
        assert_clean_terminal(app)
        assert app.is_running


async def test_escape_sequences_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(folder, "evil \x1b[2J \x9b2J \x1b]52;c;aGVsbG8=\x07.md", title_yaml="Evil name")
    app = make_app([folder], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.current is not None
        assert app.current.title == "Evil name"
        assert_clean_terminal(app)


async def test_command_palette_shows_hostile_titles_and_tags_literally(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    from legreader.corpus.loader import load_corpus
    from legreader.store import make_annotation

    article = load_corpus([corpus]).articles[0]
    with AnnotationStore.open(db) as store:
        store.add(make_annotation(article.id, article.body, 0, 5, tags=["[@click=app.quit]t[/]"]))
    app = make_app([corpus], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"open")
        # The palette searches in a worker: wait until its hits are drawn.
        await wait_for(
            pilot, lambda: "open T [bold red]x [/] [@click=app.quit]x[/]" in screen_text(app)
        )
        await pilot.press(*["backspace"] * 4, *"tag")
        await wait_for(pilot, lambda: "[@click=app.quit]t[/]" in screen_text(app))


async def test_article_note_editor_shows_a_hostile_title_literally(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    from legreader.corpus.loader import load_corpus

    article = load_corpus([corpus]).articles[0]
    with AnnotationStore.open(db) as store:  # with a verdict already chosen
        store.set_article_note(ArticleNote(article.id, note="n", verdict="false"))
    app = make_app([corpus], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "N")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), timeout=3)
        assert "Article note · T [bold red]x [/]" in screen_text(app)


async def test_title_filter_text_is_shown_literally_in_the_sidebar_title(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"[b]x")
        await pilot.pause()
        assert "Articles · “[b]x”" in screen_text(app)
