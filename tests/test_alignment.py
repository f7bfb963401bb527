"""What the side-by-side mode says for a claim (``legreader.ui.alignment``), on a comparison
built by hand: the verdict against the study, the study's sentences, the discrepancy in words."""

from __future__ import annotations

from dataclasses import replace

from legreader.compare import PRIMARY_ID, Cell, ClaimGroup, Column, CompareResult, Item
from legreader.ui.alignment import aligned_claims, claims_in, counts, stops

STUDY = "Mice were kept for 28 days. Running was linked to more new neurons."
ARTICLE = "For 28 days the mice ran. Running causes 40% more neurons, a 40 percent rise."
OTHER = "Running boosts neurons by 40%."


def _item(article: str, text: str, body: str, role: str, **kw: object) -> Item:
    start = body.index(text)
    dot = body.find(".", start)
    sentence_start = body.rfind(". ", 0, start)
    sentence = (0 if sentence_start < 0 else sentence_start + 2, dot + 1)
    return Item(article, start, start + len(text), text, role, sentence=sentence, **kw)  # type: ignore[arg-type]


def _result() -> CompareResult:
    duration = ClaimGroup(
        "g1",
        "quantity",
        "study duration",
        label="length of the study",
        reference="28 days",
        reference_source="primary",
        items=[
            _item(PRIMARY_ID, "28 days", STUDY, "quantity", label="28 days", verdict="agrees"),
            _item("a", "28 days", ARTICLE, "quantity", label="28 days", verdict="agrees"),
        ],
        cells={PRIMARY_ID: Cell("agrees"), "a": Cell("agrees"), "b": Cell("missing")},
    )
    share = ClaimGroup(
        "g2",
        "quantity",
        "percent: neurons",
        label="more neurons",
        reference="40 %",
        reference_source="majority",
        study_silent=True,
        items=[
            _item("a", "40%", ARTICLE, "quantity", label="40 %", verdict="not_in_study"),
            _item("a", "40 percent", ARTICLE, "quantity", label="40 %", verdict="not_in_study"),
            _item("b", "40%", OTHER, "quantity", label="40 %", verdict="not_in_study"),
        ],
        cells={PRIMARY_ID: Cell("missing"), "a": Cell("not_in_study"), "b": Cell("not_in_study")},
    )
    cause = ClaimGroup(
        "g3",
        "causal",
        "cause: running neurons",
        label="running and neurons",
        reference="correlational",
        reference_source="primary",
        items=[
            _item(
                PRIMARY_ID,
                "Running was linked to more new neurons",
                STUDY,
                "causal",
                label="correlational",
                verdict="agrees",
            ),  # fmt: skip
            _item(
                "a",
                "Running causes 40% more neurons",
                ARTICLE,
                "causal",
                label="direct",
                verdict="differs",
                direction="stronger",
            ),  # fmt: skip
        ],
        cells={PRIMARY_ID: Cell("agrees"), "a": Cell("differs"), "b": Cell("missing")},
    )
    columns = [Column(PRIMARY_ID, "Study", True), Column("a", "A"), Column("b", "B")]
    bodies = {PRIMARY_ID: STUDY, "a": ARTICLE, "b": OTHER}
    return CompareResult(columns, [share, cause, duration], bodies=bodies)


def test_each_passage_of_the_article_with_its_verdict_and_the_study_sentences() -> None:
    claims = aligned_claims(_result(), "a")
    assert [(ARTICLE[c.start : c.end], c.verdict) for c in claims] == [
        ("28 days", "agrees"),
        ("Running causes 40% more neurons", "differs"),
        ("40%", "not_in_study"),
        ("40 percent", "not_in_study"),
    ]
    agrees, differs, silent, _ = claims
    assert [STUDY[a:b] for a, b in agrees.primary_spans] == ["Mice were kept for 28 days."]
    assert [STUDY[a:b] for a, b in differs.primary_spans] == [
        "Running was linked to more new neurons."
    ]
    assert silent.primary_spans == ()


def test_the_discrepancy_in_words() -> None:
    agrees, differs, silent, _ = aligned_claims(_result(), "a")
    assert agrees.discrepancy() == "article: 28 days · study: 28 days"
    assert differs.discrepancy() == (
        "article: a direct cause · study: a link, not a cause (stronger than the study)"
    )
    assert silent.discrepancy() == "article: 40 % · study: not stated"
    assert silent.others("a") == "1 other article reports it too; most articles say 40 %"
    assert agrees.others("a") == ""  # the study speaks: the other articles are not the point
    assert silent.what == "more neurons"


def test_stops_counts_and_lookup_by_passage() -> None:
    claims = aligned_claims(_result(), "a")
    assert [claims[i].start for i in stops(claims)] == sorted({c.start for c in claims})
    assert counts(claims) == {"agrees": 1, "differs": 1, "not_in_study": 2}
    sentence = (ARTICLE.index("Running"), ARTICLE.index("rise.") + 5)
    assert [c.verdict for c in claims_in(claims, *sentence)] == [
        "differs",
        "not_in_study",
        "not_in_study",
    ]
    assert claims_in(claims, 0, 3) == []
    assert aligned_claims(_result(), "nobody") == []


def test_a_passage_in_several_groups_shows_the_worst_verdict_first() -> None:
    result = _result()
    # the same passage as a quantity that differs and a causal claim that agrees
    start = ARTICLE.index("Running causes")
    extra = ClaimGroup(
        "g4",
        "quantity",
        "x",
        items=[
            Item(
                "a",
                start,
                start + 31,
                ARTICLE[start : start + 31],
                "quantity",
                label="x",
                verdict="agrees",
            )
        ],  # fmt: skip
        cells={"a": Cell("agrees")},
    )
    result.groups.insert(0, extra)
    here = [c for c in aligned_claims(result, "a") if c.start == start]
    assert [c.verdict for c in here] == ["differs", "agrees"]


def test_an_article_that_differs_from_the_others_when_the_study_is_silent_says_so() -> None:
    result = _result()
    share = result.groups[0]
    share.cells["a"] = Cell("differs")
    silent = next(c for c in aligned_claims(result, "a") if c.group is share)
    assert silent.others("a").endswith("most articles say 40 % (this article differs)")
    cause = result.groups[1]
    cause.study_silent, cause.reference_source, cause.reference = True, "majority", "direct"
    cause.items = [
        replace(it, verdict="not_in_study", direction=None)
        for it in cause.items
        if it.article != PRIMARY_ID
    ]
    cause.cells["a"] = Cell("not_in_study")
    cause.items.append(_item("b", "Running boosts neurons", OTHER, "causal", label="direct",
                             verdict="not_in_study"))  # fmt: skip
    claim = next(c for c in aligned_claims(result, "a") if c.group is cause)
    assert claim.discrepancy() == "article: a direct cause · study: not stated"
    assert claim.others("a") == "1 other article reports it too; most articles say a direct cause"
