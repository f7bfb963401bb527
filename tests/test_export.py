"""Export (md, json, csv, w3c, bibtex), import back, and the CLI helpers."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from legreader.cite.formats import FORMATS, ExportFormat, ImportFormatError, export, parse_import
from legreader.cli.annotations import run_export, run_import_annotations
from legreader.store.annotation_store import MergeCounts
from legreader.store.model import Annotation, ArticleNote, make_annotation

BODY_A = (
    "Your body parts are connected. The gut and brain have a direct line, it is "
    "called the gut-brain axis.\n\nCool stuff, right? Legs send signals = brain power."
)
BODY_B = "Limiting physical activity resulted in a 70% decrease of neural stem cells."


def _article(id: str, **kw: Any) -> SimpleNamespace:
    base: dict[str, Any] = dict(
        id=id,
        title=None,
        outlet=None,
        author=None,
        published=None,
        updated=None,
        url=None,
        kind="article",
        meta={},
        title_derived=False,
    )
    base.update(kw)
    return SimpleNamespace(**base)


ARTICLES = {
    "a4": _article(
        "a4",
        title="Why using your legs generates brain power",
        author="Jenny Smiechowski",
        published="2018-06-10",
        url="https://example.org/legs",
        outlet="Easy Health Options",
    ),
    "b0": _article("b0", title="Leg Exercise Critical", updated="2021-06-24", kind="blog"),
}


def _ann(article: str, body: str, phrase: str, id: str, **kw: Any) -> Annotation:
    start = body.index(phrase)
    ann = make_annotation(article, body, start, start + len(phrase), id=id, **kw)
    ann.created = ann.modified = "2024-05-01T12:00:00.000Z"
    return ann


def sample() -> tuple[list[Annotation], list[ArticleNote]]:
    anns = [
        _ann(
            "b0",
            BODY_B,
            "70% decrease",
            "id-3",
            verdict="overstated",
            tags=["numbers", "stem cells"],
            note="Abstract gives no percentage.",
        ),
        _ann(
            "a4",
            BODY_A,
            "Legs send signals = brain power.",
            "id-2",
            verdict="promotional",
            note='=HYPERLINK("x")',
        ),
        _ann(
            "a4",
            BODY_A,
            "The gut and brain have a direct line,",
            "id-1",
            tags=["context"],
            verdict=None,
            note="Ünïcödé — note\nsecond line",
        ),
    ]
    anns[1].status = "orphaned"
    anns[1].detached = True
    anns[2].status = "changed"
    notes = [
        ArticleNote(
            "a4", note="Mostly an ad.", verdict="promotional", modified="2024-05-01T12:00:00.000Z"
        ),
        ArticleNote("zz", note=None, verdict=None),
    ]  # empty: left out
    return anns, notes


@pytest.mark.parametrize("fmt", FORMATS)
def test_deterministic_and_order_independent(fmt: ExportFormat) -> None:
    anns, notes = sample()
    day = "2024-05-01"  # the Markdown report shows its export date
    one = export(fmt, anns, ARTICLES, notes, exported_on=day)
    two = export(fmt, list(reversed(anns)), ARTICLES, list(reversed(notes)), exported_on=day)
    assert one == two and one.endswith("\n") and "None" not in one


def test_json_layout_and_round_trip_without_loss() -> None:
    anns, notes = sample()
    data = json.loads(export("json", anns, ARTICLES, notes))
    rows = data["annotations"]
    assert [r["id"] for r in rows] == ["id-1", "id-2", "id-3"]  # article, start, id
    assert list(rows[0]) == [
        "id",
        "article",
        "title",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "verdict",
        "tags",
        "note",
        "status",
        "text_hash",
        "detached",
        "created",
        "modified",
    ]
    assert rows[2]["title"] == "Leg Exercise Critical" and rows[1]["status"] == "orphaned"
    assert data["article_notes"] == [notes[0].to_dict()]
    back = parse_import(export("json", anns, ARTICLES, notes))
    assert sorted(a.to_dict()["id"] for a in back) == ["id-1", "id-2", "id-3"]
    assert {a.id: a.to_dict() for a in back} == {a.id: a.to_dict() for a in anns}


def test_w3c_collection_meets_the_model_and_round_trips() -> None:
    anns, notes = sample()
    text = export("w3c", anns, ARTICLES, notes)
    data = json.loads(text)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    assert data["id"].startswith("urn:uuid:")
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["id"].startswith("urn:uuid:")
    assert page["partOf"] == data["id"] and data["last"] == page["id"]
    motivations = {
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    }
    for item in page["items"]:
        assert item["type"] == "Annotation" and re.match(r"^[a-z][a-z0-9+.-]*:", item["id"])
        assert item["motivation"] in motivations
        assert "@context" not in item
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
        assert isinstance(selectors["TextQuoteSelector"]["exact"], str)
        pos = selectors["TextPositionSelector"]
        assert 0 <= pos["start"] < pos["end"]
        for body in item["body"]:
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body["purpose"] in motivations
    by_id = {i["id"]: i for i in page["items"]}
    purposes = [b["purpose"] for b in by_id["urn:uuid:id-3"]["body"]]
    assert purposes == ["assessing", "tagging", "tagging", "commenting"]
    back = {a.id: a.to_dict() for a in parse_import(text)}
    for ann in anns:  # status and text hash ride in legreader's extension properties
        assert back[ann.id] == ann.to_dict()
    empty = json.loads(export("w3c", [], {}, []))
    assert empty["total"] == 0 and "first" not in empty


def test_csv_one_row_per_annotation_and_formula_guard() -> None:
    anns, notes = sample()
    rows = list(csv.reader(io.StringIO(export("csv", anns, ARTICLES, notes))))
    assert rows[0][:3] == ["id", "article", "title"] and len(rows) == 4
    header = rows[0]
    row3 = dict(zip(header, rows[3], strict=True))
    assert row3["tags"] == "numbers; stem cells" and row3["start"] == str(BODY_B.index("70%"))
    row2 = dict(zip(header, rows[2], strict=True))
    assert row2["note"] == '\'=HYPERLINK("x")' and row2["verdict"] == "promotional"
    row1 = dict(zip(header, rows[1], strict=True))
    assert row1["note"] == "Ünïcödé — note\nsecond line" and row1["verdict"] == ""


def test_markdown_report() -> None:
    anns, notes = sample()
    md = export("md", anns, ARTICLES, notes)
    assert md.startswith("# legreader report\n")
    a4 = md.index("## Why using your legs generates brain power")
    b0 = md.index("## Leg Exercise Critical")
    assert b0 < a4  # by title, not by id
    assert "**Article verdict:** promotional\n\nMostly an ad." in md
    assert "### Passages (2)" in md and "#### 1. no verdict" in md
    assert "> The gut and brain have a direct line …" in md
    assert "> — Jenny Smiechowski, [Why using your legs generates brain power]" in md
    assert "- Tags: numbers; stem cells" in md
    assert "- Status: orphaned" in md
    assert "Abstract gives no percentage." in md
    empty = export("md", [], {}, [], exported_on="2024-05-01")
    assert empty.startswith("# legreader report\n") and empty.endswith("\n\nNo annotations.\n")


def test_markdown_unknown_article_and_escaping() -> None:
    ann = _ann("gone", "x *bold* [link](y) end.", "*bold* [link](y)", "id-9")
    md = export("md", [ann], {}, [])
    assert "## Unknown article gone" in md and r"\*bold\* \[link\](y)" in md


def test_bibtex_export() -> None:
    anns, notes = sample()
    bib = export("bibtex", anns, ARTICLES, notes)
    # An article without a URL is a @misc (biblatex's @online requires one).
    assert bib.startswith("@misc{legexercise2021,") or bib.startswith("@online{smiech")
    assert "@online{smiechowski2018why," in bib and "@misc{legexercise2021," in bib
    assert "note = {verdict: promotional; Mostly an ad.}" in bib
    assert "[overstated | numbers; stem cells] Abstract gives no percentage." in bib
    unescaped = re.sub(r"\\[{}]", "", bib)
    assert r"70\% decrease" in bib and unescaped.count("{") == unescaped.count("}")


def test_bibtex_keys_are_unique() -> None:
    arts = {k: _article(k, title="Same", author="A B", published="2020") for k in "xyz"}
    anns = [_ann(k, "some text here.", "text", f"id-{k}") for k in "xyz"]
    keys = re.findall(r"@(?:online|misc)\{([^,]+),", export("bibtex", anns, arts, []))
    assert keys == ["b2020same", "b2020samea", "b2020sameb"]


def test_import_detects_formats_and_dedupes() -> None:
    anns, _ = sample()
    w3c = json.loads(export("w3c", anns, ARTICLES, []))
    one = w3c["first"]["items"][0] | {"@context": "http://www.w3.org/ns/anno.jsonld"}
    assert [a.id for a in parse_import(json.dumps(one))] == ["id-1"]
    page = w3c["first"]
    assert len(parse_import(json.dumps(page))) == 3
    assert len(parse_import(json.dumps(page["items"] + page["items"]))) == 3
    flat = json.loads(export("json", anns, ARTICLES, []))["annotations"]
    flat[0]["tags"] = "a; b"
    assert parse_import(json.dumps(flat))[0].tags == ["a", "b"]
    for bad in (
        "not json",
        "[1]",
        '{"x": 1}',
        '{"annotations": [{"id": 3}]}',
        '{"type": "AnnotationCollection", "first": "https://elsewhere/page1"}',
    ):
        with pytest.raises(ImportFormatError):
            parse_import(bad)


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        export("pdf", [], {}, [])  # type: ignore[arg-type]


# ---------------------------------------------------------------- CLI helpers


class FakeStore:
    def __init__(self, anns: list[Annotation], notes: list[ArticleNote]) -> None:
        self.anns = {a.id: a for a in anns}
        self.notes = notes

    def all(self) -> list[Annotation]:
        return list(self.anns.values())

    def article_notes(self) -> list[ArticleNote]:
        return self.notes

    def merge(self, incoming: list[Annotation]) -> tuple[int, int]:
        added = updated = 0
        for ann in incoming:
            old = self.anns.get(ann.id)
            if old is None:
                added += 1
            elif old.to_dict() != ann.to_dict():
                updated += 1
            self.anns[ann.id] = ann
        return added, updated

    def merge_import(
        self, annotations: Iterable[Annotation], notes: Iterable[ArticleNote]
    ) -> MergeCounts:
        added, updated = self.merge(list(annotations))
        known = {n.article_id: n for n in self.notes}
        fresh = [n for n in notes if n.article_id not in known]
        self.notes = [*self.notes, *fresh]
        return MergeCounts(added, updated, len(fresh), 0)

    def close(self, *, force: bool = False) -> None:
        pass


class FakeCorpus:
    def all_articles(self) -> list[SimpleNamespace]:
        return list(ARTICLES.values())


def test_run_export_to_stdout_and_file(tmp_path: Path) -> None:
    anns, notes = sample()
    store, out = FakeStore(anns, notes), io.StringIO()
    assert run_export(store, FakeCorpus(), "json", None, out) == 0
    assert json.loads(out.getvalue())["annotations"][0]["title"] == ARTICLES["a4"].title
    target = tmp_path / "report.md"
    out = io.StringIO()
    assert run_export(store, FakeCorpus(), "md", target, out) == 0
    assert target.read_text(encoding="utf-8") == export("md", anns, ARTICLES, notes)
    assert "Exported 3 annotations as md" in out.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temp file left


def test_run_export_errors(tmp_path: Path) -> None:
    store, err = FakeStore(*sample()), io.StringIO()
    assert run_export(store, None, "pdf", None, io.StringIO(), err) == 2
    assert "unknown format" in err.getvalue()
    err = io.StringIO()
    assert run_export(store, None, "csv", tmp_path / "missing" / "x.csv", io.StringIO(), err) == 1
    assert "cannot write" in err.getvalue()


def test_run_import_round_trip_merges_without_duplicates(tmp_path: Path) -> None:
    anns, notes = sample()
    for fmt in ("json", "w3c"):
        path = tmp_path / f"export.{fmt}"
        path.write_text(export(fmt, anns, ARTICLES, notes), encoding="utf-8")
        store = FakeStore([], [])
        out, err = io.StringIO(), io.StringIO()
        assert run_import_annotations(store, path, out, err) == 0, err.getvalue()
        assert "3 added, 0 updated" in out.getvalue()
        out = io.StringIO()
        assert run_import_annotations(store, path, out, err) == 0
        assert "0 added, 0 updated, 3 unchanged" in out.getvalue()
        assert len(store.all()) == 3


def test_run_import_errors(tmp_path: Path) -> None:
    store = FakeStore([], [])
    bad = tmp_path / "bad.json"
    bad.write_text('{"nope": 1}', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json", tmp_path):
        err = io.StringIO()
        assert run_import_annotations(store, path, io.StringIO(), err) == 1
        assert err.getvalue().startswith("legreader: ")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b"\xff\xfe{")
    assert run_import_annotations(store, latin, io.StringIO(), io.StringIO()) == 1
