"""Quantities keep their frame: rates and periods, qualifiers, study sizes, temperatures,
durations in words, and the measure a number belongs to."""

from __future__ import annotations

import pytest

from legreader.compare import ArticleInput, PrimaryInput, compare_articles
from legreader.compare.mentions import build_source


def _quantities(text: str) -> list[tuple[str, str, str]]:
    return [(m.item.text, m.item.label, m.measure) for m in build_source("a", "", text).quantities]


def _groups(a: str, b: str, primary: str | None = None):  # type: ignore[no-untyped-def]
    study = PrimaryInput(title="S", text=primary) if primary else None
    result = compare_articles([ArticleInput("a", "A", a), ArticleInput("b", "B", b)], study)
    return [g for g in result.groups if g.kind == "quantity"]


def test_a_rate_keeps_its_period() -> None:
    assert _quantities("Volunteers ate oats twice a week.")[0][1] == "twice per week"
    assert _quantities("They ran three times per day.")[0][1] == "3 times per day"
    (group,) = _groups("Volunteers ate oats twice a week.", "Volunteers ate oats twice a day.")
    assert group.discrepancy
    (group,) = _groups("Volunteers ate oats twice a week.", "Volunteers ate oats 2 times weekly.")
    assert not group.discrepancy


def test_a_qualifier_stays_on_the_same_measure() -> None:
    (group,) = _groups(
        "Headaches lasted more than 3 weeks in most patients.",
        "Headaches lasted 3 weeks in most patients.",
    )
    assert {it.article for it in group.items} == {"a", "b"}
    assert {it.to_json().get("qualifier") for it in group.items} == {"more than", None}


@pytest.mark.parametrize(
    "text",
    [
        "The team recruited 95 volunteers.",
        "The trial enrolled 40 smokers.",
        "A study of 300 nurses found nothing.",
        "In all, 120 firefighters took part.",
    ],
)
def test_any_counted_noun_in_a_study_size_context_is_a_participant_count(text: str) -> None:
    ((_, label, measure),) = _quantities(text)
    assert label.endswith("participants") and measure == "sample size"


def test_counted_things_outside_a_study_size_context_stay_what_they_are() -> None:
    ((_, label, measure),) = _quantities("The drug switched off 12 genes.")
    assert label == "12 genes" and measure == ""


@pytest.mark.parametrize(
    "text", ["kept at 37C.", "kept at 37 °C.", "kept at 37°C.", "kept at 37 degrees C."]
)
def test_temperatures_with_or_without_space_or_degree_sign(text: str) -> None:
    ((_, label, _),) = _quantities("Samples were " + text)
    assert label == "37 °C"


def test_durations_in_words_and_digits_and_a_decade() -> None:
    (group,) = _groups(
        "The cohort was followed for nine years.",
        "The cohort was followed for a decade.",
        "Participants were followed for 9 years.",
    )
    verdicts = {it.article: it.verdict for it in group.items}
    assert verdicts == {"primary": "agrees", "a": "agrees", "b": "differs"}
    (group,) = _groups(
        "The cohort was followed for ten years.", "The cohort was followed for a decade."
    )
    assert not group.discrepancy


def test_the_measure_decides_the_group() -> None:
    groups = _groups(
        "In the walking group, walking speed rose by 12%.",
        "In the walking group, 12% of the participants dropped out.",
    )
    assert len(groups) == 2 and all(len(g.articles) == 1 for g in groups)
    assert {g.label for g in groups} == {"walking speed", "drop-out rate"}
