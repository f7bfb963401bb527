"""Error class 11 of the claim engine (issue 12): causal verbs of headlines and press releases
("cuts", "curbs", "relieves", "slashes", "protects against", "is determined by", "the key to",
"makes X happier") read as direct causal claims, their hedged forms as conditional, their noun
uses ("cuts in funding") as nothing. Sentences written for these tests."""

from __future__ import annotations

import pytest

from legreader.claims import analyze
from legreader.claims.model import ClaimSpan


def _causal(text: str) -> ClaimSpan | None:
    spans = [sp for sp in analyze(text) if sp.category == "causal"]
    return spans[0] if spans else None


def _strength(text: str) -> str | None:
    span = _causal(text)
    return None if span is None else span.strength


@pytest.mark.parametrize(
    "text",
    [
        "A daily walk cuts the risk of gout in older men.",
        "Fermented milk curbs the growth of gut bacteria in piglets.",
        "Menthol gel relieves knee pain in runners.",
        "The new inhaler slashes asthma attacks among schoolchildren.",
        "Cold water swimming alleviates symptoms of seasonal low mood.",
        "Ginger tea eases the nausea of early pregnancy.",
        "Zinc lozenges mitigate the effects of a common cold.",
        "The compound reverses memory loss in ageing rats.",
        "A single protein drives the spread of melanoma cells.",
        "Heavy snoring fuels daytime sleepiness in truck drivers.",
        "Tooth size is determined by the length of the growth period.",
        "Sunlight in the morning holds the key to better sleep.",
        "Loud offices make workers less productive.",
        "Kind teachers make happy pupils.",
        "Olive oil wards off heart disease in older adults.",
    ],
)
def test_headline_causal_verbs_are_direct(text: str) -> None:
    assert _strength(text) == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Lavender oil may relieve anxiety before exams.",
        "Swapping sugary drinks for water could slash tooth decay.",
        "Morning light might be the key to deeper sleep.",
    ],
)
def test_hedged_headline_verbs_are_conditional(text: str) -> None:
    assert _strength(text) == "conditional"


@pytest.mark.parametrize(
    "text",
    [
        "Cuts in council funding were announced on Monday.",
        "Curbs on advertising came into force in March.",
        "The shape of the curve was described in an earlier paper.",
        "Participants were asked to drive a car simulator for ten minutes.",
    ],
)
def test_noun_and_neutral_uses_are_not_causal(text: str) -> None:
    assert _strength(text) is None


def test_dropped_hedge_is_an_exaggeration_in_compare() -> None:
    from legreader.compare import ArticleInput, PrimaryInput, compare_articles

    result = compare_articles(
        [ArticleInput("a", "A", "Lavender oil relieves exam anxiety in students, a study finds.")],
        PrimaryInput(
            title="S", text="Lavender oil may relieve anxiety before exams in university students."
        ),
    )
    directions = [
        it.direction
        for g in result.groups
        if g.kind == "causal" and "primary" in g.articles
        for it in g.items
        if it.article == "a"
    ]
    assert directions == ["stronger"]


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        # "suffer from" names a condition, it does not say what caused it
        ("Many night nurses suffer from back pain.", None),
        # an effect named by "a protective effect" after a determiner, hedged
        ("Owning a dog seems to have a protective effect on mood.", "conditional"),
        # deaths saved, not only lives
        ("Cleaner cooking stoves could save 2 million early deaths a year.", "conditional"),
        # a change in the subject acts: the verb after it decides
        (
            "A small rise in the price of cigarettes would cut smoking among teenagers.",
            "conditional",
        ),
        ("Small increases in bus fares reduce ridership among students.", "direct"),
        # a measured change that is the finding stays correlational
        ("The trial saw a reduction in falls among residents who danced weekly.", "correlational"),
    ],
)
def test_subject_changes_conditions_and_named_effects(text: str, strength: str | None) -> None:
    assert _strength(text) == strength


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Heavy vaping quadruples the risk of gum disease in young adults.", "direct"),
        ("Quitting snuff after a stroke may extend life expectancy by years.", "conditional"),
        ("Night-shift bakers face a higher risk of wrist injuries.", "correlational"),
        ("Divers who skip safety stops face heightened risks of bone damage.", "correlational"),
        # "used to" after a noun is a purpose; "can be used to" says what it does
        ("Creams used to soothe sunburn were tested on volunteers.", None),
        ("The patch can be used to lower blood pressure in older adults.", "direct"),
    ],
)
def test_multipliers_life_risk_and_purposes(text: str, strength: str | None) -> None:
    assert _strength(text) == strength


@pytest.mark.parametrize(
    ("text", "strength", "negated"),
    [
        ("We found no benefit of daily fish oil on knee pain.", "direct", True),
        ("The benefits of early surgery were clear in older patients.", "direct", False),
        ("Yoga is an effective treatment for lower back pain in office workers.", "direct", False),
    ],
)
def test_effect_nouns_after_a_determiner(text: str, strength: str, negated: bool) -> None:
    span = _causal(text)
    assert span is not None and span.strength == strength and span.negated == negated


@pytest.mark.parametrize(
    "text",
    [
        "Hearing loss increased with the number of years spent in loud factories.",
        "Reading speed declined with age in the retired teachers.",
    ],
)
def test_change_with_a_variable_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    ("text", "strength", "negated"),
    [
        # "failing to" denies the effect, like "failed to"
        ("Sugar taxes are failing to reduce obesity in teenagers.", "direct", True),
        # a "not" inside a relative clause after the cue is the clause's, not the relation's
        (
            "Balance training may result in gains that are not seen with walking alone.",
            "conditional",
            False,
        ),
    ],
)
def test_negation_scope(text: str, strength: str, negated: bool) -> None:
    span = _causal(text)
    assert span is not None and span.strength == strength and span.negated == negated
