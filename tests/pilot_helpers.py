"""Helpers for Pilot tests: wait for the app's background work without fixed sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


async def wait_for(pilot: Any, predicate: Callable[[], Any], timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` is true (or fail after ``timeout`` seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        await pilot.pause(0.02)


def body_text(app: Any) -> str:
    """The plain text of every block the body shows."""
    from legreader.ui.article_body import ArticleBody

    return app.query_one(ArticleBody).text.drawn_text()


async def ready(pilot: Any) -> None:
    """Corpus listed, the first article open and analysed."""
    app = pilot.app
    await wait_for(pilot, lambda: app.corpus is not None and app.current is not None)
    body = app.query_one("#body")
    await wait_for(pilot, lambda: body.body and body.shown and body.claims_ready)
    # ... and the app's after-first-frame work begun (the database opened): a new article's
    # highlights now come with its text, before that work, so they no longer imply it.
    await wait_for(pilot, lambda: getattr(app, "_store_tried", True))
