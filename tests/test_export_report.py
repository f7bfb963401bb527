"""Handing over (issue 16): the Markdown report, the CSV's new columns, W3C source IRIs,
exporting one article, and the exported files' permissions."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from markdown_it import MarkdownIt

from legreader.cite import QuoteStyle, SourceInfo, format_reference
from legreader.cite.formats import COLUMNS, CSV_COLUMNS, export, parse_import, read_import
from legreader.cite.report import md_line
from legreader.cli.annotations import run_export, run_import_annotations
from legreader.cli.program import main
from legreader.corpus.iri import ARTICLE_PROPERTY, article_urn, urls_to_ids
from legreader.corpus.loader import load_corpus, url_id
from legreader.store import AnnotationStore
from legreader.store.model import Annotation, ArticleNote, make_annotation

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"
DAY = "2024-05-01"

BODY_Z = 'Zeta said "walk more" and “run less”. Then 70% of mice were fine.'
BODY_A = "Alpha opens. Limiting activity caused a 70% decrease in stem cells. End."


def _article(id: str, title: str, body: str, **kw: Any) -> SimpleNamespace:
    base: dict[str, Any] = dict(
        id=id,
        title=title,
        outlet=None,
        author=None,
        published=None,
        updated=None,
        url=None,
        kind="article",
        meta={},
        title_derived=False,
        path=Path(f"/corpus/{id}.md"),
        body=body,
    )
    base.update(kw)
    return SimpleNamespace(**base)


STUDY = _article(
    "study",
    "Reduction of Movement",
    "The study text.",
    kind="primary",
    url="https://doi.org/10.3389/fnins.2018.00336",
    meta={
        "title": "Reduction of Movement in Neurological Diseases",
        "journal": "Frontiers in Neuroscience",
        "authors": ["Raffaella Adami", "Daniele Bottai"],
        "published": "2018-05-23",
        "volume": 12,
        "article_number": 336,
        "doi": "10.3389/fnins.2018.00336",
    },
)
# Ids sort the other way round from titles: the report must order by title.
ARTICLES = {
    "a-zeta": _article(
        "a-zeta", "Zeta news", BODY_Z, outlet="Zeta Daily", url="https://zeta.example/news"
    ),
    "b-alpha": _article("b-alpha", "Alpha post", BODY_A, outlet="Alpha Blog"),
    "study": STUDY,
}


def _ann(article: str, phrase: str, id: str, **kw: Any) -> Annotation:
    body = ARTICLES[article].body
    start = body.index(phrase)
    ann = make_annotation(article, body, start, start + len(phrase), id=id, **kw)
    ann.created = ann.modified = "2024-05-01T12:00:00.000Z"
    return ann


def sample() -> tuple[list[Annotation], list[ArticleNote]]:
    anns = [
        # ids in the opposite order of the positions
        _ann("a-zeta", "Then 70% of mice were fine.", "id-1", verdict="overstated"),
        _ann("a-zeta", 'Zeta said "walk more" and “run less”.', "id-2", tags=["quotes"]),
        _ann("b-alpha", "caused a 70% decrease", "id-0", verdict="misleading", note="Mice."),
    ]
    notes = [ArticleNote("a-zeta", note="Fair overall.", verdict="accurate")]
    return anns, notes


def report(anns: list[Annotation] | None = None, notes: list[ArticleNote] | None = None) -> str:
    default_anns, default_notes = sample()
    return export(
        "md",
        default_anns if anns is None else anns,
        ARTICLES,
        default_notes if notes is None else notes,
        exported_on=DAY,
    )


def blocks(md: str) -> list[Any]:
    """The block tokens of ``md`` as a CommonMark parser with GFM tables sees them."""
    return [t for t in MarkdownIt("commonmark").enable("table").parse(md) if t.block]


# ---------------------------------------------------------------- Markdown report


def test_report_header_cites_the_study_and_gives_the_date() -> None:
    md = report()
    head = md.split("## Articles", 1)[0]
    apa = format_reference(SourceInfo.from_article(STUDY), QuoteStyle.APA)
    assert head.startswith("# legreader report\n")
    assert f"- **Study:** {md_line(apa)}" in head
    assert "Adami, R., \\& Bottai, D. (2018)" in head and "https://doi.org/10.3389/fnins" in head
    assert f"- **Exported:** {DAY}" in head
    without = export("md", [], {"b-alpha": ARTICLES["b-alpha"]}, [], exported_on=DAY)
    assert "- **Study:** not in the corpus" in without


def test_report_table_lists_articles_by_title_with_verdicts_and_counts() -> None:
    tokens = blocks(report())
    cells = [
        t.children[0].content if t.children else ""
        for t in MarkdownIt("commonmark").enable("table").parse(report())
        if t.type == "inline"
    ]
    assert any(t.type == "table_open" for t in tokens)
    header = cells.index("Article")
    assert cells[header : header + 5] == [
        "Article",
        "Outlet",
        "Verdict",
        "Passages",
        "Passage verdicts",
    ]
    rows = cells[header + 5 : header + 15]
    assert rows == [
        "Alpha post",
        "Alpha Blog",
        "—",
        "1",
        "1 misleading",
        "Zeta news",
        "Zeta Daily",
        "accurate",
        "2",
        "1 overstated, 1 no verdict",
    ]


def test_report_orders_articles_by_title_and_passages_by_position() -> None:
    md = report()
    headings = [
        line for line in md.splitlines() if line.startswith("## ") and line not in ("## Articles",)
    ]
    assert headings == ["## Alpha post", "## Zeta news"]
    zeta = md[md.index("## Zeta news") :]
    assert zeta.index("Zeta said") < zeta.index("Then 70% of mice")
    assert "#### 1. no verdict" in zeta and "#### 2. overstated" in zeta
    assert zeta.index("#### 1. no verdict") < zeta.index("#### 2. overstated")
    assert "**Article verdict:** accurate\n\nFair overall." in zeta


def test_report_passages_are_cited_quotes_with_tags_and_notes() -> None:
    md = report()
    tokens = blocks(md)
    assert sum(t.type == "blockquote_open" for t in tokens) == 3  # one per passage
    assert (
        '> Zeta said "walk more" and “run less”.\n>\n> — [Zeta news](https://zeta.example/news),'
        " *Zeta Daily*" in md
    )
    assert "- Tags: quotes" in md and "**Note:** Mice." in md


def test_report_keeps_quotation_marks_verbatim() -> None:
    md = report()
    assert '"walk more"' in md and "“run less”" in md
    assert '\\"' not in md and "‘walk more’" not in md


HOSTILE = (
    "# not a heading\n> not a quote\n- not a list\n1. nor this\n```\n    not code\n"
    "---\n| a | b |\n<b>x</b> [l](u) *e* ~~s~~ &amp;\n\nsecond paragraph"
)


def test_untrusted_text_never_changes_the_report_structure() -> None:
    body = "# Heading line\n- item text here.\n1. numbered\n"
    article = _article("h", "# Title *x* | y", body)
    ann = make_annotation("h", body, 0, len(body) - 1, id="h1", note=HOSTILE, tags=["#t", "|"])
    note = ArticleNote("h", note=HOSTILE, verdict="false")
    md = export("md", [ann], {"h": article}, [note], exported_on=DAY)
    tokens = blocks(md)
    headings = [
        t.map for t in tokens if t.type == "heading_open"
    ]  # the report's own: title, Articles, the article, Passages, passage 1
    assert len(headings) == 5
    assert sum(t.type == "blockquote_open" for t in tokens) == 1
    assert not any(t.type in ("fence", "code_block", "html_block", "hr") for t in tokens)
    # the only list items are the header's two and the passage's tags and position
    assert sum(t.type == "list_item_open" for t in tokens) == 4
    assert sum(t.type == "table_open" for t in tokens) == 1
    inline = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "<b>" not in inline and "<em>e</em>" not in inline and "<del>" not in inline
    assert "&amp;amp;" in inline  # the entity is shown as typed
    assert "second paragraph" in md


def test_unknown_articles_come_last_and_say_so() -> None:
    anns, notes = sample()
    gone = make_annotation("zz-gone", "some lost text", 5, 9, id="g1")
    md = export("md", [*anns, gone], ARTICLES, notes, exported_on=DAY)
    assert md.index("## Unknown article zz-gone") > md.index("## Zeta news")
    assert "no file of the corpus has the article id zz-gone" in md


# ---------------------------------------------------------------- CSV


def test_csv_has_article_facts_and_claim_categories() -> None:
    anns, notes = sample()
    rows = list(csv.DictReader(io.StringIO(export("csv", anns, ARTICLES, notes))))
    assert tuple(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[: len(COLUMNS)] == COLUMNS
    assert CSV_COLUMNS[len(COLUMNS) :] == (
        "article_verdict",
        "article_note",
        "outlet",
        "url",
        "path",
        "claims",
    )
    by_id = {r["id"]: r for r in rows}
    zeta = by_id["id-1"]
    assert zeta["article_verdict"] == "accurate" and zeta["article_note"] == "Fair overall."
    assert zeta["outlet"] == "Zeta Daily" and zeta["url"] == "https://zeta.example/news"
    assert zeta["path"] == "/corpus/a-zeta.md"
    assert "statistic" in zeta["claims"].split("; ")
    assert "quote" in by_id["id-2"]["claims"].split("; ")
    alpha = by_id["id-0"]["claims"].split("; ")
    assert {"statistic", "causal"} <= set(alpha)
    assert by_id["id-0"]["article_verdict"] == "" and by_id["id-0"]["url"] == ""


def test_csv_claims_of_a_passage_whose_words_are_gone_are_empty() -> None:
    body = ARTICLES["b-alpha"].body
    ann = make_annotation("b-alpha", body, 0, 12, id="x")
    ann.exact = "words no longer in the text"
    gone = make_annotation("nowhere", "a 70% text", 2, 5, id="y")
    rows = list(csv.DictReader(io.StringIO(export("csv", [ann, gone], ARTICLES, []))))
    assert [r["claims"] for r in rows] == ["", ""]
    assert rows[1]["path"] == "" and rows[1]["outlet"] == ""


# ---------------------------------------------------------------- W3C


IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$")


def _items(text: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(text)["first"]["items"]
    return items


def test_w3c_sources_are_iris() -> None:
    anns, notes = sample()
    items = _items(export("w3c", anns, ARTICLES, notes))
    sources = {i["id"]: i["target"]["source"] for i in items}
    assert all(IRI.match(s) for s in sources.values())
    assert sources["urn:uuid:id-1"] == "https://zeta.example/news"
    assert sources["urn:uuid:id-0"] == "urn:legreader:b-alpha"
    gone = make_annotation("odd id/with #?%", "some lost text", 5, 9, id="g")
    (item,) = _items(export("w3c", [gone], {}, []))
    assert item["target"]["source"] == article_urn("odd id/with #?%")
    assert IRI.match(item["target"]["source"]) and "#" not in item["target"]["source"]


def test_w3c_round_trip_maps_sources_back_to_articles() -> None:
    anns, notes = sample()
    odd = make_annotation("odd id/with #?%", "some lost text", 5, 9, id="g")
    everything = [*anns, odd]
    back = {a.id: a.to_dict() for a in parse_import(export("w3c", everything, ARTICLES, notes))}
    assert back == {a.id: a.to_dict() for a in everything}


def test_w3c_url_source_alone_finds_its_article() -> None:
    """Another tool keeps the source URL but not legreader's extension property."""
    anns, _ = sample()
    items = _items(export("w3c", anns, ARTICLES, []))
    for item in items:
        item["target"].pop(ARTICLE_PROPERTY, None)
    text = json.dumps(items)
    with_corpus = {
        a.id: a.article_id for a in read_import(text, urls_to_ids(ARTICLES.values())).annotations
    }
    assert with_corpus == {"id-0": "b-alpha", "id-1": "a-zeta", "id-2": "a-zeta"}
    alone = {a.id: a.article_id for a in parse_import(text)}  # no corpus: the URL's own id
    assert alone["id-1"] == url_id("https://zeta.example/news") and alone["id-0"] == "b-alpha"


def test_w3c_url_of_an_article_named_by_its_url_needs_no_extension() -> None:
    article_id = url_id("https://zeta.example/news")
    article = _article(article_id, "Zeta", BODY_Z, url="https://zeta.example/news")
    ann = make_annotation(article_id, BODY_Z, 0, 4, id="u")
    (item,) = _items(export("w3c", [ann], {article_id: article}, []))
    assert item["target"] == item["target"] | {"source": "https://zeta.example/news"}
    assert ARTICLE_PROPERTY not in item["target"]
    assert parse_import(json.dumps(item))[0].article_id == article_id


def test_old_w3c_exports_with_bare_ids_still_import() -> None:
    anns, _ = sample()
    items = [a.to_w3c() for a in anns]  # before issue 16: the bare id as source
    assert {a.article_id for a in parse_import(json.dumps(items))} == {"a-zeta", "b-alpha"}


# ---------------------------------------------------------------- the command line


def _sample_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    return corpus


def _annotated_db(tmp_path: Path, corpus: Path) -> tuple[Path, dict[str, str]]:
    """Two passages on each of two articles and one on an article of another corpus."""
    loaded = load_corpus([corpus])
    db = tmp_path / "db.json"
    store = AnnotationStore.open(db)
    titles = {}
    for article in loaded.articles[:2]:
        body = article.body
        titles[article.path.name] = article.title
        for start in (400, 100):
            store.add(make_annotation(article.id, body, start, start + 40, verdict="misleading"))
    store.add(make_annotation("elsewhere.x", "other corpus text", 0, 5))
    store.set_article_note(ArticleNote("elsewhere.x", note="n", verdict="false"))
    store.close()
    return db, titles


def test_export_md_of_one_file_reports_that_article_with_the_study(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _sample_copy(tmp_path)
    db, titles = _annotated_db(tmp_path, corpus)
    (name, title), (_other_name, other_title) = titles.items()
    out = tmp_path / "one.md"
    code = main(["export", str(corpus / name), "--db", str(db), "--format", "md", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    md = out.read_text(encoding="utf-8")
    assert f"## {md_line(title)}" in md and md_line(other_title) not in md
    assert "Unknown article" not in md and "### Passages (2)" in md
    assert "- **Study:** Adami, R." in md  # found beside the file
    assert "3 annotations and 1 article note on 2 other articles left out" in captured.err
    assert "Exported 2 annotations as md" in captured.out


def test_export_md_of_the_corpus_and_other_formats_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _sample_copy(tmp_path)
    db, titles = _annotated_db(tmp_path, corpus)
    name = next(iter(titles))
    assert main(["export", str(corpus), "--db", str(db), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert all(f"## {md_line(t)}" in md for t in titles.values())
    assert "Unknown article" not in md
    # json, csv, w3c and bibtex still carry the whole database, whatever PATH says
    assert main(["export", str(corpus / name), "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["annotations"]) == 5 and len(data["article_notes"]) == 1


def test_import_annotations_round_trip_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _sample_copy(tmp_path)
    db, _ = _annotated_db(tmp_path, corpus)
    target = tmp_path / "all.jsonld"
    assert main(["export", str(corpus), "--db", str(db), "--format", "w3c", "-o", str(target)]) == 0
    fresh = tmp_path / "fresh.json"
    assert main(["import-annotations", str(target), "--db", str(fresh)]) == 0
    capsys.readouterr()
    old, new = AnnotationStore.open(db), AnnotationStore.open(fresh)
    try:
        assert {a.id: a.to_dict() for a in new.all()} == {a.id: a.to_dict() for a in old.all()}
    finally:
        old.close()
        new.close()


def test_in_app_import_maps_urls_with_the_corpus(tmp_path: Path) -> None:
    """The app hands its corpus over: a URL names the article that has it."""
    corpus = load_corpus([SAMPLE])
    primary = corpus.primary
    assert primary is not None and primary.url
    item = make_annotation("ignored", primary.body, 2, 12, id="p").to_w3c()
    item["target"]["source"] = primary.url.upper().replace("HTTPS://", "http://www.")
    path = tmp_path / "one.jsonld"
    path.write_text(json.dumps(item), encoding="utf-8")
    db = AnnotationStore.open(tmp_path / "db.json")
    try:
        out, err = io.StringIO(), io.StringIO()
        assert run_import_annotations(db, path, out, err, corpus=corpus) == 0, err.getvalue()
        assert [a.article_id for a in db.all()] == [primary.id]
    finally:
        db.close()


# ---------------------------------------------------------------- permissions


class _Store:
    def __init__(self) -> None:
        self.anns, self.notes = sample()

    def all(self) -> list[Annotation]:
        return self.anns

    def article_notes(self) -> list[ArticleNote]:
        return self.notes


class _Corpus:
    primary = STUDY

    def all_articles(self) -> list[SimpleNamespace]:
        return list(ARTICLES.values())


@pytest.mark.parametrize("fmt", ["md", "csv", "w3c"])
def test_new_export_files_get_the_users_normal_permissions(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    old = os.umask(0o022)
    try:
        assert run_export(_Store(), _Corpus(), fmt, target, io.StringIO(), io.StringIO()) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    assert run_export(_Store(), _Corpus(), fmt, target, io.StringIO(), io.StringIO()) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_in_app_md_export_has_the_full_report(tmp_path: Path) -> None:
    """The palette's export (run_export with the app's corpus) writes the new report."""
    target = tmp_path / "report.md"
    out = io.StringIO()
    assert run_export(_Store(), _Corpus(), "md", target, out, io.StringIO()) == 0
    md = target.read_text(encoding="utf-8")
    assert "- **Study:** Adami, R." in md and "## Articles" in md
    assert md.index("## Alpha post") < md.index("## Zeta news")
    assert out.getvalue().startswith("Exported 3 annotations as md")


# ---------------------------------------------------------------- the app's export


async def test_palette_md_export_writes_the_report(tmp_path: Path) -> None:
    """Marking a passage, then "export: annotations as md" with the sample corpus."""
    from pilot_helpers import ready, store_of, wait_for
    from textual.widgets import Input

    from legreader.ui.app import make_app
    from legreader.ui.dialogs.text_prompt import TextPrompt

    app = make_app(db_path=tmp_path / "db.json")
    target = tmp_path / "report.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "j", "2")  # a sentence, marked misleading
        await wait_for(pilot, lambda: len(store_of(app).all()) == 1)
        (marked,) = store_of(app).all()
        app.export_annotations("md")
        await wait_for(
            pilot, lambda: isinstance(app.screen, TextPrompt) and app.screen.ready_for_keys
        )
        app.screen.query_one("#prompt-input", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        assert app.crash_message is None
    md = target.read_text(encoding="utf-8")
    title = next(a.title for a in load_corpus([SAMPLE]).all_articles() if a.id == marked.article_id)
    assert md.startswith("# legreader report\n") and "- **Study:** Adami, R." in md
    assert f"## {md_line(title)}" in md and "#### 1. misleading" in md
