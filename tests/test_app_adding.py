"""The palette's "study: add from DOI/PMID/file" and "import: add from URL": a dialog asks,
a worker fetches (from a local server: no test touches the network), the new article
appears in the sidebar and opens; failures are a notification, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from localhttp import LocalServer, Reply, Request
from pilot_helpers import NoticeRecorder, corpus_of, primary_of, ready, wait_for
from textual.widgets import Input

from legreader.ui.app import make_app
from legreader.ui.article_list import ArticleList
from legreader.ui.dialogs.add_source import AddSourceDialog
from legreader.ui.dialogs.confirm import ConfirmDialog

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "tests" / "fixtures" / "api"
HTML = ROOT / "tests" / "fixtures" / "html"
DOI = "10.3389/fnins.2018.00336"
JSON = "application/json"
SIZE = (120, 36)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.route(
            f"/crossref/works/{DOI}",
            Reply(body=(API / "crossref_work.json").read_bytes(), content_type=JSON),
        )
        found = (API / "europepmc_search.json").read_bytes()
        empty = b'{"hitCount": 0, "resultList": {"result": []}}'

        def europepmc(request: Request) -> Reply:
            known = request.arg("query") == f'DOI:"{DOI}"'
            return Reply(body=found if known else empty, content_type=JSON)

        srv.route("/epmc/search", europepmc)
        srv.route("/news", Reply(body=(HTML / "news_nav_comments_ads.html").read_bytes()))
        monkeypatch.setenv("LEGREADER_CROSSREF_URL", srv.url("/crossref"))
        monkeypatch.setenv("LEGREADER_EUROPEPMC_URL", srv.url("/epmc"))
        monkeypatch.setenv("LEGREADER_EUTILS_URL", srv.url("/eutils"))
        yield srv


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The sample's press articles, without the study's record."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in (ROOT / "sample_corpus").glob("00*.md"):
        shutil.copy(path, folder / path.name)
    return folder


async def fill(pilot: Any, source: str) -> None:
    app = pilot.app
    await wait_for(
        pilot, lambda: isinstance(app.screen, AddSourceDialog) and app.screen.ready_for_keys
    )
    app.screen.query_one("#add-source", Input).value = source
    await pilot.press("enter")


def titles(app: Any) -> list[str]:
    return [a.title for a in corpus_of(app).all_articles()]


async def test_study_from_doi_appears_in_the_sidebar(
    server: LocalServer, corpus: Path, tmp_path: Path
) -> None:
    app = make_app([corpus], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert corpus_of(app).primary is None
        app.add_study()
        await fill(pilot, f"doi:{DOI}")
        await wait_for(pilot, lambda: corpus_of(app).primary is not None)
        assert (corpus / "primary.md").is_file()
        assert app.current is corpus_of(app).primary  # the new article is opened
        assert app.query_one(ArticleList).border_title == "Articles"
        assert app.animal_study  # the record says mice
        assert len(server.hits(f"/crossref/works/{DOI}")) == 1


async def test_existing_study_is_replaced_only_when_confirmed(
    server: LocalServer, corpus: Path, tmp_path: Path
) -> None:
    shutil.copy(ROOT / "sample_corpus" / "primary.md", corpus / "primary.md")
    app = make_app([corpus], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = primary_of(app).id
        app.add_study()
        await fill(pilot, DOI)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await wait_for(
            pilot, lambda: isinstance(app.screen, ConfirmDialog) and app.screen.ready_for_keys
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: "received:" in (corpus / "primary.md").read_text())
        await wait_for(pilot, lambda: app.current is corpus_of(app).primary)
        assert primary_of(app).id == before  # replaced in place: same path, same id
        assert len(list(corpus.glob("*.md"))) == 6


async def test_unknown_doi_is_a_notification(
    server: LocalServer, corpus: Path, tmp_path: Path
) -> None:
    app = make_app([corpus], tmp_path / "db.json")
    notices = NoticeRecorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.add_study()
        await fill(pilot, "10.9999/[bold]nothing[/]")
        await wait_for(pilot, notices.errors)
        (note,) = notices.errors()
        assert "not found" in note and "[bold]nothing[/]" in note
        assert corpus_of(app).primary is None and not (corpus / "primary.md").exists()
        assert app.query_one(ArticleList).border_title == "Articles"


async def test_import_from_url_adds_and_opens_the_page(
    server: LocalServer, corpus: Path, tmp_path: Path
) -> None:
    app = make_app([corpus], tmp_path / "db.json")
    notices = NoticeRecorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        count = len(corpus_of(app).articles)
        app.import_from_url()
        await fill(pilot, f"{server.url('/news')} {server.url('/missing')}")
        await wait_for(pilot, lambda: len(corpus_of(app).articles) == count + 1)
        current = app.current
        assert current is not None and current.url is not None
        assert current.url.startswith("https://www.easyhealth")
        assert any("Imported 1 of 2 page(s)." in m and "404" in m for m in notices.messages)


async def test_import_into_a_new_folder_adds_it_to_the_corpus(
    server: LocalServer, corpus: Path, tmp_path: Path
) -> None:
    app = make_app([corpus], tmp_path / "db.json")
    elsewhere = tmp_path / "more"
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.import_from_url()
        await wait_for(pilot, lambda: isinstance(app.screen, AddSourceDialog))
        await wait_for(
            pilot, lambda: isinstance(app.screen, AddSourceDialog) and app.screen.ready_for_keys
        )
        app.screen.query_one("#add-folder", Input).value = str(elsewhere)
        await fill(pilot, server.url("/news"))
        await wait_for(
            pilot, lambda: any(a.path.parent == elsewhere for a in corpus_of(app).articles)
        )
        assert any(p.resolve() == next(elsewhere.glob("*.md")).resolve() for p in app.corpus_paths)


async def test_palette_lists_the_commands(corpus: Path, tmp_path: Path) -> None:
    from legreader.ui.commands import LegreaderCommands

    app = make_app([corpus], tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        provider = LegreaderCommands(app.screen)
        names = [name for name, _cb, _help in provider.commands()]
        assert "study: add from DOI/PMID/file" in names and "import: add from URL" in names


async def test_study_from_a_reference_file(corpus: Path, tmp_path: Path) -> None:
    ris = tmp_path / "two.ris"
    one = (ROOT / "tests" / "fixtures" / "study" / "sample.ris").read_text(encoding="utf-8")
    ris.write_text(one + "\n" + one.replace("Reduction of Movement", "Another Paper"), "utf-8")
    app = make_app([corpus], tmp_path / "db.json")
    notices = NoticeRecorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.add_study()
        await fill(pilot, str(ris))
        await wait_for(pilot, lambda: corpus_of(app).primary is not None)
        assert primary_of(app).title.startswith("Reduction of Movement")
        assert notices.matching("holds 2 records: the first was added")
