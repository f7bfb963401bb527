"""``legreader import URL...`` against a local server: fetched pages become articles; every
failure (404, 500, wrong type, oversize, timeout, offline) skips that page with one line;
``--update`` keeps the article id. No test touches the network."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from localhttp import LocalServer, Reply

from legreader.cli import program as cli
from legreader.cli.importing import run_import
from legreader.corpus.html import MAX_PAGE_BYTES
from legreader.corpus.loader import load_corpus
from legreader.net import HttpClient, NetPolicy

FIXTURES = Path(__file__).parent / "fixtures" / "html"
FAST = NetPolicy(connect_timeout=2, read_timeout=0.3, deadline=5, retries=1, backoff=0.001)


def page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.route("/news", Reply(body=page("news_nav_comments_ads.html")))
        srv.route("/blog", Reply(body=page("blog_sidebar.html")))
        srv.route(
            "/de",
            Reply(body=page("cp1252_nometa.html"), content_type="text/html; charset=windows-1252"),
        )
        srv.route("/moved", Reply(301, headers={"Location": "/de"}))
        yield srv


def run(
    urls: list[str], into: Path, *, update: bool = False, client: HttpClient | None = None
) -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run_import(urls, into, update=update, out=out, err=err, client=client)
    return code, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_pages_are_fetched_and_imported(server: LocalServer, tmp_path: Path) -> None:
    into = tmp_path / "corpus"
    urls = [server.url("/news"), server.url("/blog"), server.url("/de")]
    code, out, err = run(urls, into)
    assert (code, err) == (0, [])
    assert [line.split(" -> ")[0] for line in out] == [f"imported {u}" for u in urls]
    corpus = load_corpus([into])
    by_title = {a.title: a for a in corpus.all_articles()}
    german = by_title["Warum Beinübungen dem Gehirn helfen"]
    # the header's charset is used: no guessing, right text
    assert "unter 5.000 €" in german.body
    assert german.meta.get("imported_from") == server.url("/de")
    # no canonical URL in the page: the address it was fetched from
    assert german.url == server.url("/de")
    news = next(a for a in corpus.all_articles() if "legs" in a.title.lower())
    assert news.url is not None
    assert news.url.startswith("https://www.easyhealthliving.example/")
    ua = server.hits("/news")[0].headers["user-agent"]
    assert ua.startswith("legreader/")


def test_each_failure_skips_its_page_with_one_line(server: LocalServer, tmp_path: Path) -> None:
    server.route("/gone", Reply(404, "Not here", "text/plain"))
    server.route("/err", Reply(500, "boom", "text/plain"))
    server.route("/pdf", Reply(body=b"%PDF-1.7 ...", content_type="application/pdf"))
    server.route("/huge", Reply(body=b"<html>", length=MAX_PAGE_BYTES + 1))
    server.route("/slow", Reply(body=page("blog_sidebar.html"), delay=1.0))
    server.route("/png", Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(200), content_type=None))
    server.route("/empty", Reply(body=b"<html><body><p>Too short.</p></body></html>"))
    bad = ["/gone", "/err", "/pdf", "/huge", "/slow", "/png", "/empty"]
    urls = [server.url("/news"), *(server.url(p) for p in bad)]
    with HttpClient(FAST, sleep=lambda s: None) as client:
        code, out, err = run(urls, tmp_path / "c", client=client)
    assert code == 1 and len(out) == 1 and len(err) == len(bad)
    reasons = dict(zip(bad, err, strict=True))
    assert "404" in reasons["/gone"] and "500" in reasons["/err"]
    assert "application/pdf" in reasons["/pdf"]
    assert "too large" in reasons["/huge"]
    assert "timed out" in reasons["/slow"]
    assert "binary" in reasons["/png"]
    assert "no article text" in reasons["/empty"]
    for line, path in zip(err, bad, strict=True):
        assert line.startswith(f"skipped {server.url(path)}: ")


def test_update_keeps_the_article_id(server: LocalServer, tmp_path: Path) -> None:
    into = tmp_path / "c"
    assert run([server.url("/de")], into)[0] == 0
    before = {a.id for a in load_corpus([into]).all_articles()}
    code, _out, err = run([server.url("/de")], into)
    assert code == 2 and "--update replaces it" in err[0]
    code, out, _err = run([server.url("/de")], into, update=True)
    assert code == 0 and out[0].startswith("updated ")
    assert {a.id for a in load_corpus([into]).all_articles()} == before
    assert len(list(into.glob("*.md"))) == 1


def test_redirected_page_keeps_the_final_address(server: LocalServer, tmp_path: Path) -> None:
    code, _out, _err = run([server.url("/moved")], tmp_path / "c")
    assert code == 0
    (article,) = load_corpus([tmp_path / "c"]).all_articles()
    assert article.url == server.url("/de")


def test_files_and_urls_mixed_keep_their_order(server: LocalServer, tmp_path: Path) -> None:
    files: list[Path | str] = [
        FIXTURES / "blog_sidebar.html",
        server.url("/news"),
        FIXTURES / "no_main_text.html",
    ]
    out, err = io.StringIO(), io.StringIO()
    code = run_import(files, tmp_path / "c", update=False, out=out, err=err)
    assert code == 1
    assert out.getvalue().splitlines()[1].startswith(f"imported {server.url('/news')} -> ")
    assert err.getvalue().startswith(f"skipped {FIXTURES / 'no_main_text.html'}")


def test_cancel_stops_the_batch(server: LocalServer, tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        cancel.set()

    out, err = io.StringIO(), io.StringIO()
    urls = [server.url("/news"), server.url("/blog"), server.url("/de")]
    run_import(
        urls, tmp_path / "c", update=False, out=out, err=err, progress=progress, cancel=cancel
    )
    assert seen == [1] and len(out.getvalue().splitlines()) == 1
    assert "stopped: 2 page(s) not imported" in err.getvalue()


def test_command_line_takes_urls(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into = tmp_path / "c"
    assert cli.main(["import", server.url("/news"), "--into", str(into)]) == 0
    assert capsys.readouterr().out.startswith(f"imported {server.url('/news')} -> ")


def test_offline_is_one_line_per_page(tmp_path: Path) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with HttpClient(FAST, sleep=lambda s: None) as client:
        code, out, err = run([f"http://127.0.0.1:{port}/a"], tmp_path / "c", client=client)
    assert code == 2 and out == []
    assert len(err) == 1 and "cannot reach" in err[0] and "offline" in err[0]
