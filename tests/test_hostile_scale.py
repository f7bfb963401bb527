"""Issue 15, item 10: huge notes and large databases cost bounded work, and the app answers
keys while a large database opens. Timings live in benchmarks/bench_hostile_scale.py."""

from __future__ import annotations

import json
import threading
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for

from legreader.search.corpus_index import CorpusIndex
from legreader.search.index import MAX_ITEM_CHARS, SearchIndex
from legreader.store import AnnotationStore, jsonparse, make_annotation
from legreader.store.annotation_store import StoreMode
from legreader.store.schema import SCHEMA_VERSION, parse_snapshot, serialise_snapshot
from legreader.ui.body.decorations import merged_by_verdict
from legreader.ui.store_opening import SYNC_OPEN_BYTES

SIZE = (120, 40)


def huge_note(megabytes: int = 5) -> str:
    head = "zebrafish leg strength " * 100
    filler = "lorem ipsum dolor sit amet " * ((megabytes << 20) // 27)
    return head + filler + " farawayword"


def test_the_index_keeps_only_the_first_part_of_a_huge_note() -> None:
    note = huge_note()
    ann = make_annotation("art", "Some text to mark here.", 0, 4, note=note)
    index = CorpusIndex()
    tracemalloc.start()
    try:
        index.update_annotation(ann)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Indexing every word of 5 MB took hundreds of MB; the first 64 KB take a few.
    assert peak < 8 * MAX_ITEM_CHARS * 8
    hits = index.search("zebrafish")
    assert hits and hits[0].doc_id.endswith(ann.id)
    assert len(hits[0].snippet) < 400
    assert index.search("farawayword") == []


def test_a_huge_text_is_capped_in_the_search_index_itself() -> None:
    index = SearchIndex()
    index.add("doc", "note", "first " + "x " * MAX_ITEM_CHARS + "last")
    assert index.search("first")
    assert index.search("last") == []
    index.add("doc2", "text", "first " + "x " * MAX_ITEM_CHARS + "last")
    assert {h.doc_id for h in index.search("last")} == {"doc2"}  # article text has a larger cap


@pytest.mark.parametrize(
    "text",
    [
        '{"annotations": {"1": {"a": [1, 2.5, null, true]}, "2": {}}, "_meta": {"1": {}}}',
        '{"a": {}, "b": {"7": {"x": "\\u00e9\\n"}}, "a": {"1": {}}}',  # duplicate table
        "{}",
        "[1, 2]",
        '{"a": [1]}',
        '{"a": {"1": {}}} trailing',
        '{"a": {"1": {},}}',
        '{"a": {"1": {"x": 1e400}}}',
        '{"a": {"1": ' + "[" * 100_000 + "]" * 100_000 + "}}",
        '\ufeff{"a": {}}',
        '{"a": {"1": {"x": "unterminated',
    ],
)
def test_cooperative_parsing_gives_what_json_loads_gives(text: str) -> None:
    padded = text + " " * (jsonparse.COOPERATIVE_CHARS + 1)

    def outcome(parse: Any) -> tuple[str, Any]:
        try:
            return "ok", parse(padded)
        except (ValueError, RecursionError) as exc:
            return type(exc).__name__, str(exc)

    assert outcome(jsonparse.loads) == outcome(json.loads)


def test_a_large_snapshot_parses_in_steps_to_the_same_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jsonparse, "COOPERATIVE_CHARS", 10_000)
    monkeypatch.setattr(jsonparse, "DECODE_CHUNK", 4_099)  # cuts through characters
    docs = many_annotation_docs(300)
    docs[7]["note"] = "é€😀 " * 5_000
    raw = snapshot_bytes(docs)
    assert len(raw) > jsonparse.COOPERATIVE_CHARS
    tables, meta, _ = parse_snapshot(raw)
    assert tables["annotations"] == {str(i): d for i, d in enumerate(docs, 1)}
    assert meta["schema_version"] == SCHEMA_VERSION


def test_a_crowded_paragraph_draws_each_verdicts_marks_merged() -> None:
    spans: list[tuple[int, int, str | None]] = [
        (i, i + 10, "false" if i % 2 else None) for i in range(0, 1_000)
    ]
    merged = merged_by_verdict(spans)
    assert sorted(merged) == [(0, 1_008, None), (1, 1_009, "false")]


# ------------------------------------------------------------------- the app


def many_annotation_docs(count: int) -> list[dict[str, Any]]:
    from legreader.corpus.loader import load_corpus
    from legreader.files.resources import sample_corpus_dir

    articles = load_corpus([sample_corpus_dir()]).all_articles()
    docs = []
    for n in range(count):
        article = articles[n % len(articles)]
        body = article.body
        start = (n * 37) % max(1, len(body) - 60)
        ann = make_annotation(
            article.id,
            body,
            start,
            start + 40,
            verdict="accurate" if n % 2 else None,
            tags=["crowdtag"] if n % 3 == 0 else [],
            id=f"a{n:06d}",
        )
        docs.append(ann.to_dict())
    return docs


def snapshot_bytes(docs: list[dict[str, Any]]) -> bytes:
    tables = {"annotations": {str(i): d for i, d in enumerate(docs, 1)}, "article_notes": {}}
    return serialise_snapshot(
        tables, {"schema_version": SCHEMA_VERSION, "generation": uuid.uuid4().hex}
    )


@pytest.mark.asyncio
async def test_keys_are_answered_while_a_large_database_opens(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legreader.ui.app import make_app
    from legreader.ui.article_body import ArticleBody
    from legreader.ui.article_list import ArticleList
    from legreader.ui.help_screen import HelpScreen

    db_path.write_bytes(snapshot_bytes(many_annotation_docs(20_000)))
    assert db_path.stat().st_size > SYNC_OPEN_BYTES
    # The opening waits for this gate: whatever the app does before it opens, it did while
    # the database was still loading.
    gate = threading.Event()
    real_open = AnnotationStore.open

    def gated_open(path: Any, mode: StoreMode = "normal", **kwargs: Any) -> AnnotationStore:
        gate.wait(30)
        return real_open(path, mode=mode, **kwargs)

    monkeypatch.setattr(AnnotationStore, "open", staticmethod(gated_open))
    app = make_app(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.store_loading)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.press("j", "3")  # a verdict asked for before the database is open
        assert app.store is None and app.store_loading
        gate.set()
        await wait_for(pilot, lambda: app.store is not None, timeout=60)
        store = app.store
        assert store is not None
        # The deferred verdict was made on the passage selected when it was asked for.
        await wait_for(pilot, lambda: len(store.as_stored()) == 20_001, timeout=30)
        article = body.loaded_article
        assert article is not None
        expected = sum(1 for a in store.as_stored() if a.article_id == article.id)
        sidebar = app.query_one(ArticleList)
        await wait_for(pilot, lambda: sidebar.stats.get(article.id) is not None)
        assert sidebar.stats[article.id].count == expected
        await wait_for(pilot, app.corpus_index.ready.is_set, timeout=60)
        assert app.corpus_index.search('"crowdtag"')
