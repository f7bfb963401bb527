"""Web pages for the HTML import: fetched concurrently (bounded), in the caller's order.

A page must be HTML (``text/html`` or ``application/xhtml+xml``; a response without a
``Content-Type`` is let through, and the import's own check refuses binary data), at most
:data:`legreader.corpus.html.MAX_PAGE_BYTES` long, and answer within the client's timeouts.
The charset the headers declare is kept for the decoder. No Textual import.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from legreader.corpus.html import MAX_PAGE_BYTES
from legreader.net.client import Fetched, HttpClient
from legreader.net.errors import NetError

#: Media types taken as web pages.
PAGE_TYPES = ("text/html", "application/xhtml+xml")
#: Pages fetched at once (browsers open about six connections per host).
FETCH_WORKERS = 6

T = TypeVar("T")
R = TypeVar("R")


def is_url(text: str) -> bool:
    """An http(s) address (what ``legreader import`` fetches rather than reads from disk)."""
    return text[:8].lower().startswith(("http://", "https://"))


def fetch_page(client: HttpClient, url: str) -> Fetched:
    """One web page; raises :class:`NetError`."""
    return client.get(url, accept=PAGE_TYPES, max_bytes=MAX_PAGE_BYTES)


def fetch_pages(
    client: HttpClient, urls: Iterable[str], *, workers: int = FETCH_WORKERS
) -> Iterator[tuple[str, Fetched | NetError]]:
    """Each address with its page or the error that stopped it, in the order given; at most
    ``workers`` fetches run at once, and at most twice that many pages wait to be taken."""
    return ordered_map(lambda url: _fetch_or_error(client, url), urls, workers=workers)


def _fetch_or_error(client: HttpClient, url: str) -> tuple[str, Fetched | NetError]:
    try:
        return url, fetch_page(client, url)
    except NetError as exc:
        return url, exc


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int,
    cancel: threading.Event | None = None,
) -> Iterator[R]:
    """``map(fn, items)`` in ``workers`` threads, results in order, a bounded window ahead
    (memory stays flat however many items). Stops submitting when ``cancel`` is set."""
    window = max(1, workers) * 2
    pending: deque[Future[R]] = deque()
    source = iter(items)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch") as pool:
        try:
            for item in source:
                if cancel is not None and cancel.is_set():
                    break
                pending.append(pool.submit(fn, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
