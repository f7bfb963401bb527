"""Helpers for Pilot tests: wait for the app's background work without fixed sleeps, and
record the notifications it shows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text

if TYPE_CHECKING:
    from legreader.corpus.loader import Article, Corpus
    from legreader.store import AnnotationStore


async def wait_for(pilot: Any, predicate: Callable[[], Any], timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` is true (or fail after ``timeout`` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        await pilot.pause(0.02)


def has_focus(app: Any, widget: object) -> bool:
    """Whether ``widget`` is the app's focused widget (a function, so the type checker does not
    carry what one assert learnt about ``app.focused`` over the keys pressed since)."""
    return app.focused is widget


def corpus_of(app: Any) -> Corpus:
    """The app's corpus, which the test expects listed by now (an AssertionError if not)."""
    corpus = app.corpus
    assert corpus is not None, "no corpus listed yet"
    return corpus  # type: ignore[no-any-return]


def store_of(app: Any) -> AnnotationStore:
    """The app's annotation store, which the test expects open by now (an AssertionError if
    not)."""
    store = app.store
    assert store is not None, "the annotation database is not open"
    return store  # type: ignore[no-any-return]


def primary_of(app: Any) -> Article:
    """The corpus's study record, which the test expects by now."""
    primary = corpus_of(app).primary
    assert primary is not None, "the corpus has no primary record"
    return primary


def selection_of(body: Any) -> tuple[int, int]:
    """The body's selection, which the test expects by now."""
    selection = body.selection
    assert selection is not None, "nothing selected"
    return selection  # type: ignore[no-any-return]


def option_text(options: Any, index: int) -> Text:
    """The Rich text an OptionList (the annotations panel) draws for option ``index``."""
    prompt = options.get_option_at_index(index).prompt
    assert isinstance(prompt, Text), f"option {index} is not drawn from a Text"
    return prompt


def body_text(app: Any) -> str:
    """The plain text of every block the body shows."""
    from legreader.ui.article_body import ArticleBody

    text: str = app.query_one(ArticleBody).text.drawn_text()
    return text


async def ready(pilot: Any) -> None:
    """Corpus listed, the first article open and analysed."""
    app = pilot.app
    await wait_for(pilot, lambda: app.corpus is not None and app.current is not None)
    body = app.query_one("#body")
    await wait_for(pilot, lambda: body.body and body.shown and body.claims_ready)
    # ... and the app's after-first-frame work begun (the database opened): a new article's
    # highlights now come with its text, before that work, so they no longer imply it.
    await wait_for(pilot, lambda: app.store_tried)


class Notice(NamedTuple):
    """One notification the app showed."""

    message: str
    severity: str
    markup: bool


class NoticeRecorder:
    """Every notification ``app`` shows from now on (it wraps ``app.notify``, which stays
    thread-safe: workers notify too). Install it before or during ``run_test``."""

    def __init__(self, app: Any) -> None:
        self.notices: list[Notice] = []
        self.messages: list[str] = []
        """The messages, oldest first (the same list all along: :meth:`clear` empties it)."""
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> Any:
            severity = str(kwargs.get("severity", "information"))
            self.notices.append(Notice(str(message), severity, bool(kwargs.get("markup", True))))
            self.messages.append(str(message))
            return original(message, *args, **kwargs)

        app.notify = notify

    def matching(self, text: str) -> list[str]:
        """The messages that contain ``text``."""
        return [n.message for n in self.notices if text in n.message]

    def of(self, severity: str) -> list[str]:
        """The messages of one severity ("information", "warning", "error")."""
        return [n.message for n in self.notices if n.severity == severity]

    def errors(self) -> list[str]:
        """The error messages."""
        return self.of("error")

    def clear(self) -> None:
        """Forget what was recorded so far."""
        self.notices.clear()
        self.messages.clear()


async def answer_prompt(pilot: Any, text: str) -> None:
    """Type ``text`` into the open :class:`TextPrompt` (once it takes keys) and press enter."""
    from legreader.ui.dialogs.text_prompt import TextPrompt

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt) and app.screen.ready_for_keys)
    from textual.widgets import Input

    app.screen.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
