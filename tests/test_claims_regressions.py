"""Regression tests for problems reported by the compare engine's author (one test per report).

The texts are made up; each rule is about language, not about one article.
"""

from __future__ import annotations

import pytest

from legreader.claims import analyze
from legreader.claims.engine import find_quotes
from legreader.claims.quantities import parse_quantities


def _q(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in parse_quantities(text)]


# 1. the counted-noun run stops at participles, verb forms and prepositions --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In addition, a gene involved in the repair of DNA", [("a gene", 1.0, "genes")]),
        ("one enzyme involved in digestion", [("one enzyme", 1.0, "enzymes")]),
        ("two proteins regulating sleep", [("two proteins", 2.0, "proteins")]),
        ("a hormone known as cortisol", [("a hormone", 1.0, "hormones")]),
        ("three compounds found in tea", [("three compounds", 3.0, "compounds")]),
        ("five samples taken at night", [("five samples", 5.0, "samples")]),
    ],
)
def test_noun_run_stops_at_participles(
    text: str, expected: list[tuple[str, float, str | None]]
) -> None:
    assert _q(text) == expected


# 2. adjectives (and participles) before the counted noun are skipped --------------------------


@pytest.mark.parametrize(
    ("text", "unit", "covered"),
    [
        ("12,000 older adults", "participants", "12,000 older adults"),
        ("300 younger women", "participants", "300 younger women"),
        ("40 obese patients", "participants", "40 obese patients"),
        ("20 adult mice", "mice", "20 adult mice"),
        ("12 trained athletes", "athletes", "12 trained athletes"),
        ("two separate studies", "studies", "two separate studies"),
        ("1,200 adult", "participants", "1,200 adult"),
        ("1,200 middle-aged adults", "participants", "1,200 middle-aged adults"),
        ("3 follow-up visits", "visits", "3 follow-up visits"),
    ],
)
def test_adjectives_before_the_counted_noun(text: str, unit: str, covered: str) -> None:
    (q,) = parse_quantities(text)
    assert (q.unit, q.text) == (unit, covered)


def test_adjective_alone_is_not_a_unit() -> None:
    assert _q("aged 60 or older, most of them") == [("60", 60.0, None)]
    assert _q("found 3 more than expected") == [("3", 3.0, None)]


# 3. temperatures -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the water was 14 °C at dawn", [("14 °C", 14.0, "°C")]),
        ("at 14°C", [("14°C", 14.0, "°C")]),
        ("about 14 ºC", [("14 ºC", 14.0, "°C")]),
        ("14 degrees Celsius", [("14 degrees Celsius", 14.0, "°C")]),
        ("a fever of 101 degrees Fahrenheit", [("101 degrees Fahrenheit", 101.0, "°F")]),
        ("98.6°F", [("98.6°F", 98.6, "°F")]),
        ("37 ℃", [("37 ℃", 37.0, "°C")]),
        ("a 2-degree rise", [("2-degree", 2.0, "degrees")]),
    ],
)
def test_temperatures(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert _q(text) == expected


def test_temperature_statistic_span() -> None:
    (span,) = [
        sp for sp in analyze("The sea was about 14 °C in winter.") if sp.category == "statistic"
    ]
    assert (span.text, span.value, span.unit) == ("14 °C", 14.0, "°C")


# 4. function words are never units -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aged 60 to 80 along the coast", [("60 to 80", 70.0, None)]),
        ("about 20 around the lake", [("20", 20.0, None)]),
        ("3 within a year", [("3", 3.0, None)]),
        ("50 across the country", [("50", 50.0, None)]),
        ("7 though not all", [("7", 7.0, None)]),
    ],
)
def test_function_words_are_not_units(
    text: str, expected: list[tuple[str, float, str | None]]
) -> None:
    assert _q(text) == expected


def test_range_without_unit_is_not_a_statistic() -> None:
    spans = analyze("They followed adults aged 60 to 80 along the coast.")
    assert [sp.text for sp in spans if sp.category == "statistic"] == []


# 5. numbers inside DOIs and URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Published in a journal (doi:10.3389/fnins.2018.00336).",
        "doi: 10.1016/j.cell.2019.01.001",
        "DOI: 10.1000/xyz.2020.12",
        "See https://doi.org/10.1000/abc.123 for details.",
        "See www.example.org/2018/05/10/story and http://example.org/a?id=12&n=5",
        "Source: 10.1234/abcd-5678.",
    ],
)
def test_numbers_in_dois_and_urls_are_not_quantities(text: str) -> None:
    assert parse_quantities(text) == []


def test_number_after_a_link_is_still_read() -> None:
    text = "See https://example.org/x for the data; 40 patients took part."
    assert _q(text) == [("40 patients", 40.0, "participants")]


# 6. "a/an + modifier + countable scientific noun" counts one -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lower levels of a stress hormone, cortisol", [("a stress hormone", 1.0, "hormones")]),
        ("an enzyme that breaks down fat", [("an enzyme", 1.0, "enzymes")]),
        ("a key receptor", [("a key receptor", 1.0, "receptors")]),
        ("a cell type in the gut", [("a cell type", 1.0, "cell types")]),
        ("one stress hormone", [("one stress hormone", 1.0, "hormones")]),
        ("three stress hormones", [("three stress hormones", 3.0, "hormones")]),
    ],
)
def test_one_of_a_countable_noun(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert _q(text) == expected


@pytest.mark.parametrize("text", ["a stress test", "a big stress", "an issue", "a hormonal effect"])
def test_article_before_other_nouns_is_not_a_count(text: str) -> None:
    assert parse_quantities(text) == []


# 7. the month "may" is not a hedge ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It was published on the 23rd of may 2018 in a journal.",
        "The results came out in may 2018, after a long review.",
        "The paper came out in may.",
        "On 23 may, the team published the data.",
        "Published in May 2018, the study was large.",
        "On May 23 the results were out.",
    ],
)
def test_month_may_is_not_a_hedge(text: str) -> None:
    assert [sp.text for sp in analyze(text) if sp.category == "hedge"] == []


@pytest.mark.parametrize(
    "text",
    [
        "People over 65 may need more sleep.",
        "Coffee may protect the heart.",
        "This may, in turn, help.",
    ],
)
def test_modal_may_is_still_a_hedge(text: str) -> None:
    assert [sp.text for sp in analyze(text) if sp.category == "hedge"] == ["may"]


def test_month_may_does_not_weaken_a_causal_claim() -> None:
    (span,) = [sp for sp in analyze("In may 2018 researchers showed that sitting reduces blood flow.")
               if sp.category == "causal"]  # fmt: skip
    assert span.strength == "direct"
    (span,) = [sp for sp in analyze("In May 2018 researchers showed that sitting reduces blood flow.")
               if sp.category == "causal"]  # fmt: skip
    assert span.strength == "direct"


# 8. mixed curly and straight quote marks ----------------------------------------------------------


def _quotes(text: str) -> list[str]:
    return [text[a:b] for a, b in find_quotes(text)]


def test_curly_open_closed_by_straight_mark() -> None:
    text = (
        '“It is no accident that we move: to walk and to lift things," says Rossi. '
        '"Health is not a one-way street, and so on."'
    )
    assert _quotes(text) == [
        '“It is no accident that we move: to walk and to lift things,"',
        '"Health is not a one-way street, and so on."',
    ]
    spans = [sp for sp in analyze(text) if sp.category == "quote"]
    assert not [sp for sp in spans if "says Rossi" in sp.text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A start," he said. "An end."', ['"A start,"', '"An end."']),
        ('“A start," says Li. “An end.”', ['“A start,"', "“An end.”"]),
        ('“A start,” says Li. "An end."', ["“A start,”", '"An end."']),
        ('“A start." And “an end.”', ['“A start."', "“an end.”"]),
        ('The 5" screen was “really big,” he said.', ["“really big,”"]),
        ("“One “two” three", ["“two”"]),
        ('He said "it may cause harm. He said "it may cause harm.', []),
        ('" says Li " and more', []),
        ("„Guten Tag“, sagte er.", ["„Guten Tag“"]),
        ('He said, "Hello world"', ['"Hello world"']),
        ('The "stop"-based rule', ['"stop"']),
    ],
)
def test_quote_pairing(text: str, expected: list[str]) -> None:
    assert _quotes(text) == expected


def test_quoted_title_is_marked() -> None:
    text = "Rossi, et al. “Loss of Movement in Neurological Diseases: Effects on Stem Cells.” 2018."
    (span,) = [sp for sp in analyze(text) if sp.category == "quote"]
    assert span.reason == "quoted title"
    (span,) = [
        sp
        for sp in analyze("“We were surprised by the result,” she said.")
        if sp.category == "quote"
    ]
    assert span.reason == "quotation marks"


def test_unclosed_straight_quotes_stay_fast() -> None:
    import time

    text = ('He said "it may cause harm. ' * 40_000)[:1_000_000]
    t0 = time.perf_counter()
    find_quotes_list = list(find_quotes(text))
    assert time.perf_counter() - t0 < 1.0
    assert find_quotes_list == []
