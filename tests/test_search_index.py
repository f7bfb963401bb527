"""Corpus search index and in-article incremental search."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.search.index import (
    SearchIndex,
    find_in_text,
    normalise_token,
    parse_query,
    tokenize,
)

TEXTS = {
    ("a", "title"): "Leg exercise is critical to brain health",
    ("a", "text"): (
        "Researchers at the Università degli Studi di Milano found that stem cells fell by "
        "70 percent.\nThe stem cells did not fully mature.\r\nDon't skip leg day."
    ),
    ("b", "text"): "Brain training apps do not help. Stem research and cells in general.",
    ("c", "text"): "Stem cells, stem cells, stem cells: the review repeats stem cells often.",
    ("c", "note"): "Overstated: the study was in MICE",
    ("c", "tag"): "overstated",
}


@pytest.fixture
def index() -> SearchIndex:
    ix = SearchIndex()
    for (doc_id, field), text in TEXTS.items():
        ix.add(doc_id, field, text)
    return ix


def matched(hit) -> str:  # type: ignore[no-untyped-def]
    return TEXTS[(hit.doc_id, hit.field)][hit.start : hit.end]


def test_normalisation() -> None:
    assert normalise_token("Università") == "universita"
    assert normalise_token("STRASSE") == normalise_token("Straße") == "strasse"
    assert normalise_token("Unive\u0300rsita") == "universita"
    assert [t for t, _, _ in tokenize("Don't  skip_leg-day 70%")] == [
        "don",
        "t",
        "skip",
        "leg",
        "day",
        "70",
        "percent",
    ]


def test_numbers_in_words_digits_and_percent_are_one_term() -> None:
    """Issue 16: "70 percent" missed "70%" and "seventy percent"."""
    assert normalise_token("Seventy") == "70"
    assert normalise_token("twenty-five") == "25"
    assert normalise_token("%") == normalise_token("pct") == "percent"
    index = SearchIndex()
    index.add("digits", "text", "Activity fell, with a 70% decrease in stem cells.")
    index.add("words", "text", "Cells decreased by seventy percent in those mice.")
    index.add("spaced", "text", "A 70 percent drop, in twenty-five mice.")
    index.add("other", "text", "A 17% drop, and 70 mice.")
    for query in ("70 percent", '"70 percent"', "70%", "seventy percent", '"Seventy perc'):
        found = {hit.doc_id for hit in index.search(query)}
        assert {"digits", "words", "spaced"} <= found, query
        if query.startswith('"'):
            assert "other" not in found, query
    (hit,) = index.search('"25 mice"')
    assert hit.doc_id == "spaced" and hit.snippet[slice(*hit.snippet_match_ranges[0])] == (
        "twenty-five mice"
    )
    # a number typed in words is a whole number: "seven" is not the prefix of 70
    assert not {hit.doc_id for hit in index.search("seven")}


def test_snippets_leave_out_markdown_line_markers() -> None:
    index = SearchIndex()
    text = "## Results\n\n> Limiting activity\n> resulted in a **70%** decrease.\n\n- one item"
    index.add("a", "text", text)
    (hit,) = index.search("results activity")
    assert "#" not in hit.snippet and ">" not in hit.snippet
    assert hit.snippet.startswith("Results Limiting activity resulted in")
    assert [hit.snippet[a:b] for a, b in hit.snippet_match_ranges] == ["Results", "activity"]


def test_parse_query() -> None:
    assert [(c.terms, c.prefix) for c in parse_query("stem ce")] == [
        (("stem",), False),
        (("ce",), True),
    ]
    assert [(c.terms, c.prefix) for c in parse_query("stem cells ")] == [
        (("stem",), False),
        (("cells",), False),
    ]
    assert [(c.terms, c.prefix) for c in parse_query('"stem cel')] == [(("stem", "cel"), True)]
    assert [(c.terms, c.prefix) for c in parse_query('"stem cells" mi')] == [
        (("stem", "cells"), False),
        (("mi",), True),
    ]
    assert parse_query("") == [] and parse_query('  "" !!') == []


def test_ranking_title_and_frequency(index: SearchIndex) -> None:
    hits = index.search("brain ")
    assert [(h.doc_id, h.field) for h in hits] == [("a", "title"), ("b", "text")]
    hits = index.search("stem cells ")
    assert hits[0].doc_id == "c"  # says it four times in a short text
    assert {h.doc_id for h in hits} == {"a", "b", "c"}
    assert all(hits[i].score >= hits[i + 1].score for i in range(len(hits) - 1))


def test_all_words_must_match_in_one_field(index: SearchIndex) -> None:
    assert {h.doc_id for h in index.search("stem milano ")} == {"a"}
    assert index.search("stem nonexistent") == []


def test_prefix_of_last_word(index: SearchIndex) -> None:
    hits = index.search("matu")
    assert [(h.doc_id, matched(h)) for h in hits] == [("a", "mature")]
    assert index.search("matu ") == []  # a finished word is no longer a prefix
    assert {matched(h).lower() for h in index.search("st")} >= {"stem", "studi", "study"}


def test_phrase(index: SearchIndex) -> None:
    hits = index.search('"stem cells"')
    assert {h.doc_id for h in hits} == {"a", "c"}  # b has "Stem research and cells"
    assert all(matched(h).lower() == "stem cells" for h in hits)
    hits = index.search('"did not fully"')
    assert [matched(h) for h in hits] == ["did not fully"]
    assert [matched(h) for h in index.search('"stem cells did not ful')] == [
        "stem cells did not fully"
    ]
    assert [matched(h) for h in index.search('"don\'t skip"')] == ["Don't skip"]


def test_accents_and_case(index: SearchIndex) -> None:
    for query in ("universita", "Università", "UNIVERSITA ", "univ"):
        hits = index.search(query)
        assert [matched(h) for h in hits] == ["Università"]
    assert [h.field for h in index.search("mice")] == ["note"]
    assert {h.field for h in index.search("overstated")} == {"tag", "note"}


def test_offsets_and_snippets(index: SearchIndex) -> None:
    hit = index.search('"fully mature"')[0]
    assert matched(hit) == "fully mature"
    assert "\n" not in hit.snippet and "\r" not in hit.snippet
    for lo, hi in hit.snippet_match_ranges:
        assert hit.snippet[lo:hi].lower() == "fully mature"
    hit = index.search("cells 70")[0]
    words = {hit.snippet[lo:hi].lower() for lo, hi in hit.snippet_match_ranges}
    assert words == {"cells", "70"}


def test_best_window_picks_nearby_words() -> None:
    ix = SearchIndex()
    text = "brain " + "filler " * 100 + "legs and brain together"
    ix.add("d", "text", text)
    hit = ix.search("legs brain")[0]
    assert hit.start == text.index("legs")


def test_incremental_add_remove_update(index: SearchIndex) -> None:
    assert len(index) == 3 and "a" in index
    assert index.remove("a") and not index.remove("a")
    assert "a" not in index
    assert index.search("universita") == []
    assert {h.doc_id for h in index.search("stem ")} == {"b", "c"}
    index.add("a", "text", "A new text about hippocampus")
    assert [h.doc_id for h in index.search("hippo")] == ["a"]
    index.update("b", [("text", "Replaced entirely"), ("note", "hippocampus again")])
    assert [h.doc_id for h in index.search("brain")] == []
    assert {(h.doc_id, h.field) for h in index.search("hippocampus")} == {
        ("a", "text"),
        ("b", "note"),
    }
    index.update_field("c", "note", ["new note", "second note"])
    assert index.search("overstated")[0].field == "tag"
    assert len(index.search("note ")) == 2
    assert {h.doc_id for h in index.search('"stem cells"')} == {"c"}


def test_unknown_field_rejected() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        SearchIndex().add("x", "body", "text")


def test_queries_while_building_in_a_thread() -> None:
    ix = SearchIndex()
    docs = [(f"d{i}", "text", f"article {i} about stem cells and brains") for i in range(2000)]
    worker = threading.Thread(target=ix.add_many, args=(docs,))
    worker.start()
    while worker.is_alive():
        for hit in ix.search("stem cel"):
            assert hit.doc_id.startswith("d")
    worker.join()
    assert len(ix.search("stem cells", limit=5000)) == 2000


words = st.sampled_from(
    ["stem", "Stem", "cells", "Università", "universita", "70", "don't", "brain", "leg-day"]
)
texts = st.lists(
    st.one_of(words, st.sampled_from([" ", "\n", ", ", "  ", "\t", ". "])), max_size=40
).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts, st.lists(words, min_size=1, max_size=3), st.booleans())
def test_hit_offsets_equal_matched_text(text: str, query_words: list[str], phrase: bool) -> None:
    ix = SearchIndex()
    ix.add("doc", "text", text)
    query = " ".join(query_words)
    if phrase:
        query = f'"{query}"'
    query_terms = [t for t, _, _ in tokenize(query)]
    for hit in ix.search(query + " "):
        found = [t for t, _, _ in tokenize(text[hit.start : hit.end])]
        assert found and found[0] in query_terms
        if phrase:
            assert found == query_terms
        for lo, hi in hit.snippet_match_ranges:
            assert tokenize(hit.snippet[lo:hi])[0][0] in query_terms


# --------------------------------------------------------------------------- find_in_text


def test_find_in_text_case_and_smart_case() -> None:
    text = "Stem cells. STEM CELLS. stem cells"
    assert find_in_text(text, "stem") == [(0, 4), (12, 16), (24, 28)]
    assert find_in_text(text, "Stem") == [(0, 4)]
    assert find_in_text(text, "STEM") == [(12, 16)]


def test_find_in_text_accents_spaces_and_offsets() -> None:
    text = "Università and Universita\u0300 and UNIVERSITÀ; stem\ncells"
    for lo, hi in find_in_text(text, "universita"):
        assert text[lo:hi].casefold().startswith("universit")
    assert len(find_in_text(text, "universita")) == 3
    assert find_in_text(text, "università") == [(0, 10), (31, 41)]
    assert [text[a:b] for a, b in find_in_text(text, "stem cells")] == ["stem\ncells"]
    assert find_in_text(text, "") == [] and find_in_text(text, "   ") == []
    assert find_in_text("a[b]c (x)", "[b]") == [(1, 4)]
    assert find_in_text("aaaa", "a", limit=2) == [(0, 1), (1, 2)]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60), st.text(min_size=1, max_size=4))
def test_find_in_text_matches_are_ordered_and_in_range(text: str, query: str) -> None:
    spans = find_in_text(text, query)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    if text.isascii() and query.isascii() and query.isalnum() and query.islower():
        assert len(spans) == text.lower().count(query)
