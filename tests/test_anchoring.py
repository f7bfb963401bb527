"""Re-anchoring annotations after the article text changed."""

from __future__ import annotations

import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from legreader.store.anchoring import reanchor, reanchor_all
from legreader.store.model import Annotation, make_annotation

BASE = (
    "A new study of 1,200 adults suggests that drinking three cups of coffee a day "
    "may lower the risk of heart disease. The researchers, from the University of Leeds, "
    "followed the participants for ten years. However, the study was observational and "
    "cannot prove cause and effect. Independent experts urged caution about the findings."
)
PASSAGE = "drinking three cups of coffee a day may lower the risk of heart disease"


def ann_on(text: str, passage: str = PASSAGE) -> Annotation:
    start = text.index(passage)
    return make_annotation("a", text, start, start + len(passage))


def test_unchanged_text_anchors_by_position() -> None:
    a = ann_on(BASE)
    anchor = reanchor(a, BASE)
    assert (anchor.status, anchor.method, anchor.start, anchor.end) == (
        "anchored",
        "position",
        a.start,
        a.end,
    )
    assert anchor.score == 1.0 and not anchor.moved(a)


def test_text_inserted_before_moves_the_anchor() -> None:
    a = ann_on(BASE)
    new = "EDITOR'S NOTE: updated on Monday. " + BASE
    anchor = reanchor(a, new)
    assert anchor.status == "anchored" and anchor.method == "exact"
    assert new[anchor.start : anchor.end] == PASSAGE and anchor.moved(a)


def test_text_inserted_after_keeps_the_anchor() -> None:
    a = ann_on(BASE)
    anchor = reanchor(a, BASE + " A correction was appended.")
    assert (anchor.status, anchor.start, anchor.end) == ("anchored", a.start, a.end)


def test_text_inserted_inside_is_found_fuzzily() -> None:
    a = ann_on(BASE)
    new = BASE.replace("coffee a day", "filtered coffee a day")
    anchor = reanchor(a, new)
    assert anchor.status == "changed" and anchor.method == "fuzzy"
    assert new[anchor.start : anchor.end] == PASSAGE.replace("coffee", "filtered coffee")
    assert 0.75 <= anchor.score < 1


def test_reworded_passage_is_found_fuzzily() -> None:
    a = ann_on(BASE)
    new = BASE.replace("may lower the risk", "might reduce the risk")
    anchor = reanchor(a, new)
    assert anchor.status == "changed" and anchor.method == "fuzzy"
    assert new[anchor.start : anchor.end].startswith("drinking three cups")
    assert new[anchor.start : anchor.end].endswith("heart disease")


def test_deleted_passage_is_orphaned() -> None:
    a = ann_on(BASE)
    new = BASE.replace(PASSAGE, "")
    anchor = reanchor(a, new)
    assert anchor.status == "orphaned" and anchor.score == 0
    assert (anchor.start, anchor.end) == (a.start, a.end)


def test_duplicated_passage_in_another_context_keeps_the_original() -> None:
    a = ann_on(BASE)
    new = "Intro: " + BASE + " Repeat: " + PASSAGE + "!!"
    anchor = reanchor(a, new)
    assert anchor.status == "anchored"
    assert anchor.start == a.start + len("Intro: ")
    assert len(anchor.candidates) == 2


def test_duplicated_passage_with_the_same_context_is_ambiguous() -> None:
    block = "x" * 40 + PASSAGE + "y" * 40
    a = ann_on(block)
    new = "shifted " + block + " and again " + block
    anchor = reanchor(a, new)
    assert anchor.status == "ambiguous"
    assert len(anchor.candidates) == 2
    assert anchor.start == a.start + len("shifted ")  # the nearer one is suggested
    for cand in anchor.candidates:
        assert new[cand.start : cand.end] == PASSAGE


def test_short_quote_at_old_position_with_wrong_context_is_searched_again() -> None:
    text = "The risk fell. " + "Other text here. " * 3 + "The risk rose sharply in mice."
    start = text.rindex("risk")
    a = make_annotation("a", text, start, start + 4)
    new = "The risk rose sharply in mice. " + "Other text. " * 3
    anchor = reanchor(a, new)
    assert anchor.status == "anchored" and anchor.start == new.index("risk")


def test_empty_text_and_empty_quote_are_orphans() -> None:
    a = ann_on(BASE)
    assert reanchor(a, "").status == "orphaned"


def test_reanchor_all_keeps_order() -> None:
    anns = [ann_on(BASE, p) for p in ("study of 1,200 adults", PASSAGE, "urged caution")]
    anchors = reanchor_all(anns, "New lead. " + BASE)
    assert [a.status for a in anchors] == ["anchored"] * 3
    assert [x.start for x in anchors] == [a.start + 10 for a in anns]


# -- properties --------------------------------------------------------------------------------

words = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=9)
bodies = st.lists(words, min_size=30, max_size=120, unique=True).map(" ".join)
insertions = st.text(alphabet="0123456789#@", min_size=1, max_size=80)


@st.composite
def annotated(draw: st.DrawFn) -> tuple[str, Annotation]:
    text = draw(bodies)
    length = draw(st.integers(12, min(80, len(text) - 1)))
    start = draw(st.integers(0, len(text) - length))
    exact = text[start : start + length]
    # Realistic prose: the passage's ends are not repeated elsewhere (no "aa aa aa" texts).
    assume(text.count(exact[:8]) == 1 and text.count(exact[-8:]) == 1)
    return text, make_annotation("a", text, start, start + length)


@settings(max_examples=60, deadline=None)
@given(annotated(), insertions, st.data())
def test_insertion_outside_the_passage_is_followed_exactly(
    case: tuple[str, Annotation], insert: str, data: st.DataObject
) -> None:
    text, a = case
    where = data.draw(st.sampled_from(["before", "after"]))
    at = data.draw(st.integers(0, a.start) if where == "before" else st.integers(a.end, len(text)))
    new = text[:at] + insert + text[at:]
    anchor = reanchor(a, new)
    assert anchor.status == "anchored"
    assert new[anchor.start : anchor.end] == a.exact
    expected = a.start + (len(insert) if where == "before" else 0)
    assert anchor.start == expected


@settings(max_examples=60, deadline=None)
@given(annotated(), st.text(alphabet="0123456789", min_size=1, max_size=3), st.data())
def test_small_insertion_inside_the_passage_is_covered(
    case: tuple[str, Annotation], insert: str, data: st.DataObject
) -> None:
    text, a = case
    assume(len(a.exact) >= 20)
    at = data.draw(st.integers(a.start + 4, a.end - 4))
    new = text[:at] + insert + text[at:]
    anchor = reanchor(a, new)
    assert anchor.status == "changed"  # the quote's own words were edited
    assert abs(anchor.start - a.start) <= 2
    assert abs(anchor.end - (a.end + len(insert))) <= 2
    assert insert in new[anchor.start : anchor.end]


@settings(max_examples=60, deadline=None)
@given(annotated())
def test_deleting_the_passage_never_anchors_it_on_unrelated_text(
    case: tuple[str, Annotation],
) -> None:
    text, a = case
    new = text[: a.start] + text[a.end :]
    anchor = reanchor(a, new)
    if anchor.status != "orphaned":
        # Anything found must really look like the quote.
        from rapidfuzz.distance import Indel

        assert Indel.normalized_similarity(a.exact, new[anchor.start : anchor.end]) >= 0.75


@settings(max_examples=40, deadline=None)
@given(annotated())
def test_duplicating_the_passage_keeps_the_original(case: tuple[str, Annotation]) -> None:
    text, a = case
    new = text + " ### " + a.exact + " ###"
    anchor = reanchor(a, new)
    assert anchor.status == "anchored" and (anchor.start, anchor.end) == (a.start, a.end)
