"""Study durations across articles, self-contradicting cells, and count noise (invented texts)."""

from __future__ import annotations

import pytest

from legreader.compare import ArticleInput, PrimaryInput, compare_articles, render_compare
from legreader.compare.engine import CompareResult
from legreader.compare.mentions import STUDY_DURATION, build_source
from legreader.compare.model import ClaimGroup
from legreader.compare.values import dimension


def _durations(text: str) -> list[tuple[str, str]]:
    src = build_source("x", "", text)
    return [
        (m.item.text, m.measure) for m in src.quantities if dimension(m.item.unit) == "duration"
    ]


def _compare(*bodies: str, primary: PrimaryInput | None = None) -> CompareResult:
    articles = [ArticleInput(f"a{i}", f"Article {i}", b) for i, b in enumerate(bodies)]
    return compare_articles(articles, primary)


def _study_groups(result: CompareResult) -> list[ClaimGroup]:
    return [
        g for g in result.groups if g.kind == "quantity" and g.measure.startswith(STUDY_DURATION)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The beekeepers were followed for nine months.",
        "Over a 40-day period, the experiment restricted the hens' light.",
        "The whole project lasted 10 weeks.",
        "It was an eight-week randomised trial in 300 cyclists.",
        "During 16 weeks, the researchers tracked 250 bus drivers.",
        "Knee pain was lower after three years of follow-up.",
        "The trial ran for about 14 months.",
        "The study tracked 800 gardeners over twenty weeks.",
    ],
)
def test_study_length_is_recognised_however_worded(sentence: str) -> None:
    assert [measure for _, measure in _durations(sentence)] == [STUDY_DURATION]


@pytest.mark.parametrize(
    "sentence",
    [
        "Switch off the television half an hour before sleeping.",
        "The heaviest users dozed 21 minutes less each night.",
        "Go for a walk five evenings a week.",
        "Volunteers wore step counters for 5 days.",
        "Everyone reported their diet over the past 12 months.",
        "The study included calves aged 3 months.",
        "Players between 18 and 30 years took part.",
        "In the trial, each session lasted 2 hours and 10 minutes.",
    ],
)
def test_other_durations_are_not_the_study_length(sentence: str) -> None:
    assert all(measure == "" for _, measure in _durations(sentence))


def test_over_n_weeks_means_during_not_more_than() -> None:
    src = build_source("x", "", "The study monitored 90 sailors over fourteen weeks.")
    item = next(m.item for m in src.quantities if m.item.unit == "weeks")
    assert item.bound is None and item.label == "14 weeks"


def test_weeks_vs_months_is_found_whatever_the_wording() -> None:
    result = _compare(
        "Scientists followed 640 bakers for eight months and measured their lung function.",
        "Over an 8-month period, the research team tracked 640 bakers.",
        "The study lasted 8 weeks, which is short for a lung study of 640 bakers.",
        "An eight-month study of 640 bakers found more coughing in flour-heavy shifts.",
    )
    groups = _study_groups(result)
    assert len(groups) == 1 and groups[0].discrepancy
    group = groups[0]
    assert group.cells["a2"].state == "differs"
    assert {group.cells[a].state for a in ("a0", "a1", "a3")} == {"agrees"}


def test_same_study_length_agrees_across_number_words_and_approximations() -> None:
    result = _compare(
        "The cohort study followed 300 divers for nine months.",
        "The study lasted 9 months and included 300 divers.",
        "Over about nine months, the trial monitored 300 divers.",
    )
    groups = _study_groups(result)
    assert len(groups) == 1 and not groups[0].discrepancy
    assert set(groups[0].articles) == {"a0", "a1", "a2"}


def test_unrelated_durations_stay_out_of_the_study_length() -> None:
    result = _compare(
        "The trial followed 500 nurses for 10 months. Nurses on night shifts slept 25 minutes less "
        "per day.",
        "The study lasted 10 months. Avoid screens an hour before bed and exercise three "
        "mornings a week.",
        "Researchers tracked 500 nurses for ten months. They wore activity bands for 7 days.",
    )
    (group,) = _study_groups(result)
    assert not group.discrepancy
    assert all(it.unit == "months" for it in group.items)


def test_two_study_periods_are_not_a_discrepancy() -> None:
    primary = PrimaryInput(
        title="Standing desks",
        text="In this trial, 420 clerks used standing desks for 12 weeks. They were then followed "
        "up for two years.",
    )
    result = _compare(
        "The 12-week trial enrolled 420 clerks. After two years of follow-up, back pain was lower.",
        "The study lasted 12 weeks and included 420 clerks.",
        "Researchers tracked the clerks for two years after the desks arrived.",
        primary=primary,
    )
    assert not any(g.discrepancy for g in _study_groups(result))


def test_self_contradicting_article_differs_only_on_its_wrong_item() -> None:
    primary = PrimaryInput(title="Naps", text="Nappers recalled 14 more words on average.")
    result = _compare(
        "Summary: nappers recalled 41 more words. Later on: in the memory test, nappers recalled "
        "14 more words on average.",
        "In the memory test, nappers recalled 14 more words on average.",
        primary=primary,
    )
    group = next(g for g in result.discrepancies if g.kind == "quantity")
    assert group.internal == ["a0"]
    cell = group.cells["a0"]
    assert cell.state == "differs"
    assert [it.label for it in cell.differing] == ["41 words"]
    assert cell.items[0].label == "41 words"  # a one-cell view shows the wrong value
    states = {it.label: cell.item_state(it) for it in cell.items}
    assert states == {"41 words": "differs", "14 words": "agrees"}
    assert "14 words" in cell.note and "41 words" in cell.note
    assert group.cells["a1"].item_state(group.cells["a1"].items[0]) == "agrees"
    text = render_compare(result, "text")
    assert "≠" in text and "=" in text


@pytest.mark.parametrize(
    "sentence",
    [
        "Skip espresso after 3pm.",
        "Lights out at 11 p.m. every night.",
        "Nobody can tell whether one drives the other.",
        "The panel could not say that one explains the other.",
    ],
)
def test_clock_times_and_pronoun_one_are_not_counts(sentence: str) -> None:
    src = build_source("x", "", sentence)
    assert [m.item.label for m in src.quantities] == []
