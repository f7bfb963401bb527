"""A local HTTP server for the network tests and benchmarks (stdlib only; no test touches the
network).

Routes map a path (without the query) to a :class:`Reply` or to a function of the request
returning one. A reply can be delayed (``delay``: before the headers), dripped (``drip``:
seconds between body chunks), redirected, rate limited; every request is recorded
(``server.requests``: method, path, query, headers), so a test can assert what the client
sent (User-Agent, query parameters) and how often it retried. ``latency`` adds a delay to
every reply (the benchmark's 100 ms).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds before the status line."""
    drip: float = 0.0
    """Seconds between body chunks of 16 bytes (a slow server)."""
    length: int | None = None
    """A Content-Length to announce instead of the real one (a lying server)."""


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


Route = Reply | Callable[[Request], Reply]


class LocalServer:
    """Start with ``with LocalServer() as server:``; ``server.url(path)`` is its address."""

    def __init__(self, latency: float = 0.0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.latency = latency
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer._handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that gives up (a cancelled look-up, a timeout test) makes the
                # handler's write fail: recorded, never printed into the tests' stderr.
                import sys

                outer.errors.append(repr(sys.exc_info()[1]))

        self.errors: list[str] = []
        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route) -> None:
        self.routes[path] = reply

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        request = Request(
            "GET",
            parts.path,
            parse_qs(parts.query),
            {k.lower(): v for k, v in handler.headers.items()},
        )
        with self._lock:
            self.requests.append(request)
        route = self.routes.get(parts.path)
        if route is None:
            reply = Reply(404, b"Resource not found.", "text/plain")
        elif isinstance(route, Reply):
            reply = route
        else:
            reply = route(request)
        if self.latency or reply.delay:
            time.sleep(self.latency + reply.delay)
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        try:
            handler.send_response(reply.status)
            if reply.content_type is not None:
                handler.send_header("Content-Type", reply.content_type)
            handler.send_header(
                "Content-Length", str(reply.length if reply.length is not None else len(body))
            )
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if not reply.drip:
                handler.wfile.write(body)
                return
            for start in range(0, len(body), 16):
                handler.wfile.write(body[start : start + 16])
                handler.wfile.flush()
                time.sleep(reply.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to tell


def sequence(*replies: Reply) -> Callable[[Request], Reply]:
    """A route that answers with each reply in turn, then repeats the last."""
    state = {"n": 0}
    lock = threading.Lock()

    def route(_request: Request) -> Reply:
        with lock:
            n = state["n"]
            state["n"] += 1
        return replies[min(n, len(replies) - 1)]

    return route
