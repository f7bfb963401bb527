"""The corpus-wide search index and the sidebar's facts: plain domain classes, no app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from legreader.corpus.filters import ArticleFacts
from legreader.corpus.loader import load_corpus
from legreader.search.corpus_index import CorpusIndex, SearchTarget, target_of
from legreader.search.facts import annotation_facts, sidebar_facts
from legreader.store.model import ArticleNote


@dataclass
class _Ann:
    id: str
    article_id: str
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    status: str = "anchored"
    verdict: str | None = None


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "one.md").write_text(
        "---\ntitle: Coffee news\n---\n\nCoffee drinkers slept badly.\n", encoding="utf-8"
    )
    (tmp_path / "two.md").write_text(
        "---\ntitle: Tea news\n---\n\nTea was fine.\n", encoding="utf-8"
    )
    return tmp_path


def test_index_finds_text_titles_notes_and_tags_and_says_where_they_lead(
    tmp_path: Path,
) -> None:
    corpus = load_corpus([_corpus(tmp_path)])
    index = CorpusIndex()
    index.build(corpus, [_Ann("a1", "one", note="check the sample size", tags=["sleep"])])
    assert index.ready.is_set() and index.done == index.total == 2 and not index.problems
    text_hits = index.search("slept")
    assert text_hits
    target = target_of(text_hits[0])
    one = corpus.by_id(target.article_id)
    assert one is not None and target.start is not None and target.end is not None
    assert one.body[target.start : target.end].casefold() == "slept"
    assert target_of(index.search("sample")[0]) == SearchTarget("one", annotation_id="a1")
    assert target_of(index.search("sleep")[0]).annotation_id == "a1"
    title = [h for h in index.search("tea") if h.field == "title"]
    assert title and target_of(title[0]) == SearchTarget(title[0].doc_id)


def test_annotations_are_reindexed_and_removed(tmp_path: Path) -> None:
    index = CorpusIndex()
    index.build(load_corpus([_corpus(tmp_path)]))
    assert not index.ready.is_set()  # the annotations are not in yet
    index.index_annotations([_Ann("a1", "one", note="quokka words")])
    assert index.ready.is_set() and index.search("quokka")
    index.update_annotation(_Ann("a1", "one", note="wombat words"))
    assert not index.search("quokka") and index.search("wombat")
    index.remove_annotation("one", "a1")
    assert not index.search("wombat")


def test_cancelled_build_stops_without_ready(tmp_path: Path) -> None:
    index = CorpusIndex()
    index.build(load_corpus([_corpus(tmp_path)]), [], cancelled=lambda: True)
    assert index.done == 0 and not index.ready.is_set()


def test_annotation_facts_count_per_article() -> None:
    facts = annotation_facts(
        [
            _Ann("a", "one", verdict="misleading", tags=["x"]),
            _Ann("b", "one", note="n", status="orphaned", verdict="accurate"),
            _Ann("c", "two"),
        ]
    )
    one = facts["one"]
    assert (one.count, one.verdicts, one.tags, one.has_notes) == (
        1,
        {"misleading", "accurate"},
        {"x"},
        True,
    )
    assert facts["two"].count == 1 and not facts["two"].verdicts


def test_sidebar_facts_add_the_article_note_discrepancy_and_worst_verdicts() -> None:
    assert sidebar_facts(None, None, False) is None
    assert sidebar_facts(None, ArticleNote("one"), False) is None  # an empty note is nothing
    base = ArticleFacts(count=2, verdicts={"accurate"})
    item = sidebar_facts(base, ArticleNote("one", note="hm", verdict="false"), True)
    assert item is not None
    assert item.worst_passage == "accurate" and item.article_verdict == "false"
    assert item.worst == "false" and item.has_notes and item.has_discrepancy
    assert base.verdicts == {"accurate"}  # the counted facts are not changed
    only = sidebar_facts(None, None, True)
    assert only is not None and only.has_discrepancy and only.worst is None
