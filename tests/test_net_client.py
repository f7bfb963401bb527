"""The HTTP client against a local server: User-Agent, retries and Retry-After, redirects,
timeouts, size cap, content type, charset. No test touches the network."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator

import pytest
from localhttp import LocalServer, Reply, sequence

from legreader import __version__
from legreader.net import (
    BadPayload,
    Cancelled,
    HttpClient,
    HttpStatus,
    NetError,
    NetPolicy,
    NotFound,
    Offline,
    RateLimited,
    TimedOut,
    TooLarge,
    WrongContentType,
)
from legreader.net.client import media_type_matches, retry_after_seconds, user_agent

FAST = NetPolicy(connect_timeout=2, read_timeout=2, deadline=10, retries=3, backoff=0.001)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


class Waits:
    """Records the waits the client asks for instead of sleeping."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def client(policy: NetPolicy = FAST, waits: Waits | None = None) -> HttpClient:
    return HttpClient(policy, sleep=waits)


def test_user_agent_names_the_project_and_contact(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEGREADER_MAILTO", "checker@example.org")
    server.route("/x", Reply(body="ok", content_type="text/plain"))
    with client() as c:
        c.get(server.url("/x"))
    ua = server.hits("/x")[0].headers["user-agent"]
    assert ua.startswith(f"legreader/{__version__} (+http")
    assert "mailto:checker@example.org" in ua
    monkeypatch.setenv("LEGREADER_MAILTO", "not an address\x1b[2J")
    assert "mailto" not in user_agent()


def test_ok_body_content_type_and_charset(server: LocalServer) -> None:
    server.route(
        "/p", Reply(body="Café".encode("cp1252"), content_type="text/html; charset=windows-1252")
    )
    with client() as c:
        got = c.get(server.url("/p"), accept=("text/html",))
    assert got.status == 200 and got.content_type == "text/html"
    assert got.charset == "windows-1252" and got.body == "Café".encode("cp1252")


def test_404_is_not_found_without_retry(server: LocalServer) -> None:
    with client() as c, pytest.raises(NotFound) as caught:
        c.get(server.url("/missing"))
    assert "404" in str(caught.value) and len(server.hits("/missing")) == 1


def test_500_is_retried_with_backoff_then_succeeds(server: LocalServer) -> None:
    server.route(
        "/flaky", sequence(Reply(500), Reply(502), Reply(body="fine", content_type="text/plain"))
    )
    waits = Waits()
    with client(waits=waits) as c:
        assert c.get(server.url("/flaky")).body == b"fine"
    assert len(server.hits("/flaky")) == 3
    assert len(waits.seconds) == 2 and waits.seconds[1] > waits.seconds[0]


def test_500_for_ever_gives_up_after_the_retries(server: LocalServer) -> None:
    server.route("/down", Reply(500, "oops", "text/plain"))
    with client(waits=Waits()) as c, pytest.raises(HttpStatus) as caught:
        c.get(server.url("/down"))
    assert caught.value.status == 500 and "500" in str(caught.value)
    assert len(server.hits("/down")) == 1 + FAST.retries


def test_429_honours_retry_after_seconds(server: LocalServer) -> None:
    server.route(
        "/busy",
        sequence(
            Reply(429, headers={"Retry-After": "2"}),
            Reply(body="{}", content_type="application/json"),
        ),
    )
    waits = Waits()
    with client(waits=waits) as c:
        assert c.get(server.url("/busy")).json() == {}
    assert waits.seconds == [2.0]


def test_429_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412475.0) == pytest.approx(
        5.0
    )
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds(" 7 ") == 7.0


def test_429_waiting_too_long_is_reported_not_slept(server: LocalServer) -> None:
    server.route("/later", Reply(429, headers={"Retry-After": "3600"}))
    waits = Waits()
    with client(waits=waits) as c, pytest.raises(RateLimited) as caught:
        c.get(server.url("/later"))
    assert "3600 s" in str(caught.value) and waits.seconds == []


def test_429_for_ever_is_rate_limited(server: LocalServer) -> None:
    server.route("/limit", Reply(429))
    with client(waits=Waits()) as c, pytest.raises(RateLimited) as caught:
        c.get(server.url("/limit"))
    assert "too many requests" in str(caught.value)


def test_redirects_followed_and_final_url_kept(server: LocalServer) -> None:
    server.route("/old", Reply(301, headers={"Location": "/mid"}))
    server.route("/mid", Reply(302, headers={"Location": server.url("/new")}))
    server.route("/new", Reply(body="here", content_type="text/plain"))
    with client() as c:
        got = c.get(server.url("/old"))
    assert got.body == b"here" and got.url == server.url("/new")


def test_redirect_loop_and_bad_scheme(server: LocalServer) -> None:
    server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    server.route("/ftp", Reply(302, headers={"Location": "ftp://example.org/x"}))
    with client() as c:
        with pytest.raises(NetError, match="too many redirects"):
            c.get(server.url("/loop"))
        with pytest.raises(NetError, match="http"):
            c.get(server.url("/ftp"))


def test_slow_answer_times_out(server: LocalServer) -> None:
    server.route("/slow", Reply(body="late", delay=1.0))
    policy = NetPolicy(read_timeout=0.2, retries=1, backoff=0.001)
    with client(policy, Waits()) as c, pytest.raises(TimedOut) as caught:
        c.get(server.url("/slow"))
    assert "timed out" in str(caught.value)
    assert len(server.hits("/slow")) == 2  # retried once


def test_dripping_body_is_cut_at_the_deadline(server: LocalServer) -> None:
    server.route("/drip", Reply(body=b"x" * 400, content_type="text/plain", drip=0.05))
    policy = NetPolicy(read_timeout=1, deadline=0.3, retries=2, backoff=0.001)
    with client(policy, Waits()) as c, pytest.raises(TimedOut, match="longer than"):
        c.get(server.url("/drip"))
    assert len(server.hits("/drip")) == 1  # a slow drip is not tried again


def test_oversize_by_header_and_by_body(server: LocalServer) -> None:
    server.route("/big", Reply(body=b"x" * 5000, content_type="text/plain"))
    gz = gzip.compress(b"x" * 200_000)
    server.route(
        "/bomb", Reply(body=gz, content_type="text/plain", headers={"Content-Encoding": "gzip"})
    )
    with client() as c:
        with pytest.raises(TooLarge, match="too large"):
            c.get(server.url("/big"), max_bytes=1000)
        with pytest.raises(TooLarge):
            c.get(server.url("/bomb"), max_bytes=10_000)  # 200 KB once decompressed
        assert len(c.get(server.url("/bomb"), max_bytes=300_000).body) == 200_000


def test_wrong_content_type(server: LocalServer) -> None:
    server.route("/pdf", Reply(body=b"%PDF-1.7", content_type="application/pdf"))
    server.route("/none", Reply(body=b"<p>x</p>", content_type=None))
    server.route("/ld", Reply(body=b"{}", content_type="application/vnd.api+json"))
    with client() as c:
        with pytest.raises(WrongContentType, match="application/pdf"):
            c.get(server.url("/pdf"), accept=("text/html",))
        assert c.get(server.url("/none"), accept=("text/html",)).content_type == ""
        assert c.get(server.url("/ld"), accept=("application/json", "+json")).json() == {}
    assert media_type_matches("text/plain", ["text/*"]) and not media_type_matches(
        "image/png", ["text/*"]
    )


def test_malformed_json(server: LocalServer) -> None:
    server.route("/bad", Reply(body=b'{"message": ', content_type="application/json"))
    with client() as c, pytest.raises(BadPayload, match="not valid JSON"):
        c.get(server.url("/bad")).json()


def test_connection_refused_is_offline_in_one_line() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    waits = Waits()
    with client(waits=waits) as c, pytest.raises(Offline) as caught:
        c.get(f"http://127.0.0.1:{port}/works/x")
    message = str(caught.value)
    assert "cannot reach 127.0.0.1" in message and "offline" in message and "\n" not in message
    assert len(waits.seconds) == 1  # tried once more, not three times


def test_credentials_never_reach_messages(server: LocalServer) -> None:
    url = server.url("/missing").replace("http://", "http://user:secret@")
    with client() as c, pytest.raises(NotFound) as caught:
        c.get(url)
    assert "secret" not in str(caught.value) and "secret" not in (caught.value.url or "")


def test_cancel_stops_waiting(server: LocalServer) -> None:
    server.route("/busy", Reply(429, headers={"Retry-After": "20"}))
    cancel = threading.Event()
    c = HttpClient(NetPolicy(retries=3), cancel=cancel)
    threading.Timer(0.2, cancel.set).start()
    with c, pytest.raises(Cancelled):
        c.get(server.url("/busy"))


def test_concurrent_gets_share_one_client(server: LocalServer) -> None:
    server.route("/a", Reply(body="a", content_type="text/plain", delay=0.05))
    results: list[bytes] = []
    with client() as c:
        threads = [
            threading.Thread(target=lambda: results.append(c.get(server.url("/a")).body))
            for _ in range(8)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [b"a"] * 8


def test_ordered_map_keeps_order_and_bounds_the_window() -> None:
    import random
    import time

    from legreader.corpus.html.fetch import ordered_map

    running = 0
    most = 0
    lock = threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(random.uniform(0, 0.01))
        with lock:
            running -= 1
        return n * n

    assert list(ordered_map(work, range(40), workers=4)) == [n * n for n in range(40)]
    assert most <= 4
