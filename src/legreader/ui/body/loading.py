"""When the body's text and its analysis are read and computed: what is done on the UI thread
before the first frame, what a worker does after it, and in what order the results come.

Plain functions (no Textual): the widget runs :func:`analyse_rest` in a thread worker and
hands in callbacks that bring each result to the UI thread.

The order, for an article never analysed by this engine:

1. Its text, read on the UI thread when the file is small (:func:`small_file`), else in a
   worker.
2. Its cached analysis, when the body is short enough to look it up on the UI thread
   (:data:`CACHED_ON_UI_THREAD`): highlights come with the text, in its frame.
3. Else the part on screen analysed on the UI thread (:func:`analyse_visible_now`), when it
   is short and the engine loads fast: highlights in the text's frame again.
4. The rest in a worker that waits for the frame drawing the text (at most
   :data:`PAINT_WAIT_SECONDS`), then: sentences first, piece by piece (the cursor moves by
   sentence within a moment), then the claims, piece by piece (:mod:`legreader.claims.chunking`),
   then the cache is written.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Literal

from legreader.claims.chunking import (
    SYNC_ANALYSIS_CHARS,
    analysis_chunks,
    chunk_claims,
    engine_loads_fast,
    visible_end,
)
from legreader.claims.model import ClaimSpan
from legreader.corpus.loader import Article

__all__ = [
    "SYNC_ANALYSIS_CHARS",
    "analysis_chunks",
    "chunk_claims",
    "engine_loads_fast",
    "visible_end",
]

#: Files up to this size are read on the UI thread (faster than a worker round trip).
SMALL_FILE_BYTES = 256 * 1024

#: The analysis of an article waits at most this long for the frame that draws its text.
PAINT_WAIT_SECONDS = 0.25

#: Bodies up to this many characters have their cached analysis looked up on the UI thread,
#: before the first frame (a hash and a small file: about a millisecond).
CACHED_ON_UI_THREAD = 64_000

Sentences = list[tuple[int, int]]


def small_file(article: Article) -> bool:
    """Whether the article's file is small enough to read on the UI thread (HTML never is:
    it is converted first)."""
    if article.path.suffix.lower() in (".html", ".htm"):
        return False
    try:
        return os.stat(article.path).st_size <= SMALL_FILE_BYTES
    except OSError:
        return True  # reading it will say what is wrong


def cached_now(body: str, animal_study: bool) -> tuple[list[ClaimSpan], Sentences] | None:
    """The cached analysis of a short body, looked up on the UI thread (None: not cached, or
    too long a body to look up here)."""
    if len(body) > CACHED_ON_UI_THREAD:
        return None
    from legreader.claims import cache

    cached = cache.load(body, animal_study=animal_study)
    return cached


def analyse_visible_now(
    body: str, animal_study: bool
) -> tuple[Literal["all", "first", "none"], list[ClaimSpan], Sentences | None]:
    """A never-analysed article: the part on screen analysed here, on the UI thread, so
    its highlights come with the text, in its frame (about 2 ms; and 10 ms to load the
    engine from its compiled-pattern table for the first article of a session). Done
    after the frame instead, the highlights came 70-100 ms after the text at launch: the
    analysis waited for the interpreter while the screen settled and the start-up work
    ran. Returns "all" (the whole article: done, with its sentences), "first" (the part on
    screen: the rest is for the worker) or "none" (too long a first screen, an engine that
    would take 100 ms to load, or a failure the worker will report)."""
    visible = visible_end(body)
    if visible > SYNC_ANALYSIS_CHARS or not engine_loads_fast():
        return "none", [], None
    try:
        first = chunk_claims(body[:visible], 0, animal_study)
    except Exception:  # analysed again in the worker, which reports the failure
        return "none", [], None
    if visible < len(body):
        return "first", first, None
    from legreader.claims import sentences

    return "all", first, sentences(body)


def keep(body: str, claims: list[ClaimSpan], found: Sentences, animal_study: bool) -> None:
    """Write an analysis to the cache (a file, and now and then a walk of the cache folder to
    keep it bounded: not for the UI thread)."""
    from legreader.claims import cache

    cache.store(body, claims, found, animal_study=animal_study)


def analyse_rest(
    body: str,
    animal_study: bool,
    *,
    painted: threading.Event | None,
    first_shown: bool,
    cancelled: Callable[[], bool],
    first: Callable[[list[ClaimSpan]], None],
    sentences_found: Callable[[Sentences], None],
    done: Callable[[list[ClaimSpan], Sentences | None], None],
) -> None:
    """The worker's part (see the module's docstring): ``first`` gets the claims of the part
    on screen (unless ``first_shown``), ``sentences_found`` the sentences of a long article
    ahead of its claims, ``done`` the claims and the sentences (None when given already).
    Checks ``cancelled`` between pieces; nothing more is handed on once it is."""
    if painted is not None:
        painted.wait(PAINT_WAIT_SECONDS)  # (not drawn by then: hidden; analysed anyway)
        if cancelled():
            return
    from legreader.claims import cache

    if len(body) > CACHED_ON_UI_THREAD:  # (else looked up already)
        cached = cache.load(body, animal_study=animal_study)
        if cached is not None:
            if not cancelled():
                done(cached[0], cached[1])
            return
    from legreader.claims import sentences

    visible = visible_end(body)
    if visible < len(body) and not first_shown:
        # The part on screen first: its claims are drawn while the rest is analysed.
        claims_first = chunk_claims(body[:visible], 0, animal_study)
        if cancelled():
            return
        first(claims_first)
    chunks = analysis_chunks(body)
    # Sentences first (about 20 MB/s, against 3 MB/s for the claims): in a long article
    # the cursor moves by sentence within a moment of opening it.
    found: Sentences = []
    for start, end in chunks:
        if cancelled():
            return
        found.extend((s + start, e + start) for s, e in sentences(body[start:end]))
        time.sleep(0)  # let the UI thread take the interpreter between chunks
    if len(chunks) > 1:
        sentences_found(found)
    claims: list[ClaimSpan] = []
    for start, end in chunks:
        if cancelled():
            return
        claims.extend(chunk_claims(body[start:end], start, animal_study))
        time.sleep(0)
    if not cancelled():
        done(claims, None if len(chunks) > 1 else found)
    cache.store(body, claims, found, animal_study=animal_study)
