"""Quantities written as words of proportion (issue 11): ratios ("one in three"), multipliers
("twice as likely", "tenfold"), approximate counts ("a dozen", "hundreds of", "five or more"),
each with its :attr:`Quantity.kind`; and numbers that are names ("type 2 diabetes").

Every sentence here is written for the test. The error classes are listed in
docs/claims-error-classes.md."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.claims import analyze
from legreader.claims.quantities import (
    _words_of_proportion,
    _words_of_proportion_reference,
    parse_quantities,
)


def _one(text: str) -> tuple[str, float, str | None, str | None, str | None]:
    found = parse_quantities(text, with_unit_only=True)
    assert len(found) == 1, found
    q = found[0]
    return q.text, q.value, q.unit, q.kind, q.bound


# --- ratios: "N in M", "N out of M", fractions -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Roughly one in three renters moved last year.", "one in three", 33.33),
        ("The survey says 1 in 10 pupils skip breakfast.", "1 in 10", 10.0),
        ("Three out of four gardeners water at dusk.", "Three out of four", 75.0),
        ("The side effect hit one in every five cyclists.", "one in every five", 20.0),
        ("The odds are one in a million for a lottery ticket.", "one in a million", 0.0001),
        ("Nine out of 10 bakers use rye flour.", "Nine out of 10", 90.0),
    ],
)
def test_ratios_are_shares_in_per_cent(text: str, span: str, value: float) -> None:
    assert _one(text) == (span, value, "%", "ratio", None)


def test_a_ratio_replaces_the_count_inside_it() -> None:
    """ "one in three adults" was read as "three adults" (a sample size)."""
    spans = [(s.text, s.reason) for s in analyze("One in three adults sleeps badly.")]
    assert ("One in three", "ratio") in spans
    assert all(text != "three adults" for text, _ in spans)


def test_ratio_flags_about() -> None:
    q = parse_quantities("About 2 in 5 owners walk their dog twice a day.")[0]
    assert (q.text, q.approx, q.kind) == ("2 in 5", True, "ratio")


@pytest.mark.parametrize(
    "text",
    [
        "The team won 3 in 2019 and lost one in 2020.",  # "in" + a year: no ratio
        "Put 5 in 3 boxes.",  # more than the whole: no share
        "One in a few cases.",  # "a few" is no number
    ],
)
def test_not_ratios(text: str) -> None:
    assert all(q.kind != "ratio" for q in parse_quantities(text))


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Ticket sales fell by a quarter in the winter.", "a quarter", 25.0),
        ("Our costs dropped by half after the move.", "half", 50.0),
        ("Two-thirds of the tomatoes ripened early.", "Two-thirds", 66.67),
        ("One-third of the lamps were broken.", "One-third", 33.33),
    ],
)
def test_fractions_are_ratios(text: str, span: str, value: float) -> None:
    assert _one(text) == (span, value, "%", "ratio", None)


# --- multipliers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Night drivers were twice as likely to crash.", "twice", 2.0),
        ("The price of the stamps rose tenfold.", "tenfold", 10.0),
        ("A new roof can double the value of a barn.", "double", 2.0),
        ("Cats were half as likely to bite as dogs.", "half", 0.5),
        ("Sales were three times higher in May.", "three times", 3.0),
        ("We saw a 10-fold rise in bookings.", "10-fold", 10.0),
        ("The river carried a hundred-fold more silt.", "hundred-fold", 100.0),
    ],
)
def test_multipliers(text: str, span: str, value: float) -> None:
    assert _one(text) == (span, value, "times", "multiplier", None)


@pytest.mark.parametrize(
    "text",
    [
        "She swims twice a week.",  # a frequency (compare reads it), not a multiplier
        "A double-blind trial of tea.",
        "The dose was doubled.",
        "He walked half a mile.",
    ],
)
def test_not_multipliers(text: str) -> None:
    assert all(q.kind != "multiplier" for q in parse_quantities(text))


# --- approximate counts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "bound"),
    [
        ("A dozen orchards joined the scheme.", "A dozen orchards", 12.0, "orchards", None),
        ("Dozens of ferries were late.", "Dozens of ferries", 24.0, "ferries", ">="),
        ("Hundreds of people queued.", "Hundreds of people", 100.0, "participants", ">="),
        ("Thousands of bees swarmed.", "Thousands of bees", 1000.0, "bees", ">="),
        ("Those who ate five or more eggs a week.", "five or more eggs", 5.0, "eggs", ">="),
        ("Patients with 3 or fewer visits.", "3 or fewer visits", 3.0, "visits", "<="),
    ],
)
def test_approximate_counts(
    text: str, span: str, value: float, unit: str, bound: str | None
) -> None:
    assert _one(text) == (span, value, unit, "approximate count", bound)


def test_the_reason_names_the_kind() -> None:
    reasons = {s.text: s.reason for s in analyze("Hundreds of volunteers were twice as fast.")}
    assert reasons == {"Hundreds of volunteers": "approximate count", "twice": "multiplier"}


# --- numbers that are names -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "People with type 2 diabetes were invited.",
        "Type 1 Diabetes clinics opened.",
        "The phase 3 trial began.",
        "Stage 4 tumours were rare.",
        "See table 2 for details.",
    ],
)
def test_numbers_that_name_are_not_statistics(text: str) -> None:
    assert not [s for s in analyze(text) if s.category == "statistic"]


def test_a_named_number_keeps_its_real_quantities() -> None:
    found = parse_quantities("A phase 3 trial of 400 patients with type 2 diabetes, at level 5%.")
    assert [(q.text, q.unit) for q in found] == [("400 patients", "participants"), ("5%", "%")]


# --- the fast search equals the plain one ---------------------------------------------------

WORDS = [
    "a", "one", "two", "ten", "half", "dozen", "dozens", "of", "by", "quarter", "third",
    "thirds", "twice", "double", "doubled", "triple", "fold", "tenfold", "ten-fold", "as",
    "likely", "the", "hundreds", "thousands", "tens", "x", "xa", "bya", "ahalf", "people",
    "-", ".", "twenty", "thousand", "hundred",
]  # fmt: skip
SPACES = st.sampled_from(["", " ", "  ", "\n", "-", " " * 40])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=30))
def test_fast_words_of_proportion_equal_the_reference(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    low = text.lower()
    fast = _words_of_proportion(text, low, 0)
    assert fast == _words_of_proportion_reference(text, low, 0)


# --- the cue scanner's gate reads prefixes of several words ("the team", "clinical trial") ----

GATE_WORDS = [
    "the", "team", "clinical", "trial", "trials", "you", "should", "is", "recommended", "as",
    "a", "result", "of", "according", "to", "researchers", "said", "led", "lead", "leads",
    "in", "associated", "with", "more", "research", "needed", "are", "TRIAL", "The",
]  # fmt: skip
GATE_SPACES = st.sampled_from([" ", "  ", "\n", " \t ", ". ", ", "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(GATE_WORDS), GATE_SPACES), max_size=25))
def test_fast_cues_equal_reference_across_whitespace(parts: list[tuple[str, str]]) -> None:
    from legreader.claims import load_engine, sentences

    engine = load_engine()
    text = "".join(w + s for w, s in parts)
    sents = sentences(text)
    assert engine._cues_fast(text, sents) == [engine._cues_slow(text, s, e) for s, e in sents]


HALF_WORDS = [
    "about", "some", "a", "one", "two", "three", "half", "halves", "third", "thirds", "quarter",
    "quarters", "of", "the", "behalf", "Half", "x_half", "those", "é", "_",
]  # fmt: skip
HALF_SPACES = st.sampled_from(["", " ", "-", " - ", "\n", " " * 30, "--"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(HALF_WORDS), HALF_SPACES), max_size=25))
def test_fraction_search_equals_the_plain_one_across_hyphens(parts: list[tuple[str, str]]) -> None:
    from legreader.claims.quantities import _HALF_RE, half_matches

    text = "".join(w + s for w, s in parts)
    fast = [(m.start(), m.end(), m.group()) for m in half_matches(text, text.lower())]
    assert fast == [(m.start(), m.end(), m.group()) for m in _HALF_RE.finditer(text)]
