"""The shape of the app (issue 18): the main screen composes the reader, helpers never hold the
app, and widgets and the palette ask for changes with the typed messages of `ui/messages.py`."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for
from textual.message import Message

from legreader.ui import messages
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.commands import LegreaderCommands
from legreader.ui.screens.main import MainScreen

UI = Path(__file__).parents[1] / "src" / "legreader" / "ui"
SIZE = (120, 36)

#: Modules handed what they need: none may import the app or reach for it.
HELPERS = (
    "annotation_controller.py",
    "copying.py",
    "transfer.py",
    "adding_controller.py",
    "commands.py",
    "messages.py",
    "screens/main.py",
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("name", HELPERS)
def test_helpers_do_not_import_the_app(name: str) -> None:
    assert "legreader.ui.app" not in _imported_modules(UI / name)


@pytest.mark.parametrize(
    "name", ["annotation_controller.py", "copying.py", "transfer.py", "adding_controller.py"]
)
def test_controllers_do_not_reach_for_the_app(name: str) -> None:
    text = (UI / name).read_text(encoding="utf-8")
    assert ".app." not in text and "self.app" not in text


async def test_the_main_screen_is_the_default_screen(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen_stack[0], MainScreen) and app.screen_stack[0] is app.main
        assert app.query_one(ArticleBody) is app.main.body
        assert app.query_one(ArticleList) is app.main.sidebar


async def test_palette_commands_post_typed_requests(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "db.json")
    posted: list[Message] = []

    def hook(message: Message) -> None:
        # (called again as the message bubbles up: each counted once)
        if isinstance(message, messages.PaletteRequest) and all(m is not message for m in posted):
            posted.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await ready(pilot)
        provider = LegreaderCommands(app.screen)
        commands: dict[str, Any] = {name: cb for name, cb, _help in provider.commands()}
        commands["sort: articles by title"]()
        await wait_for(pilot, lambda: app.main.sidebar.sort_key == "title")
        assert [type(m) for m in posted] == [messages.SortArticles]
        assert isinstance(posted[0], messages.SortArticles) and posted[0].key == "title"


async def test_annotation_keys_post_typed_requests(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "db.json")
    posted: list[Message] = []

    def hook(message: Message) -> None:
        if isinstance(message, messages.AnnotationRequest) and all(
            m is not message for m in posted
        ):
            posted.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await ready(pilot)
        app.main.body.focus()
        await pilot.press("j", "2")
        await wait_for(pilot, lambda: app.store is not None and len(app.store.all()) == 1)
        await pilot.press("u")
        await wait_for(pilot, lambda: app.store is not None and not app.store.all())
        kinds = [type(m) for m in posted]
        assert kinds == [messages.SetVerdict, messages.UndoChange]
        assert all(m.from_body for m in posted if isinstance(m, messages.AnnotationRequest))
