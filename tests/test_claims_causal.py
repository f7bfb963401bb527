"""Causal strength, negation and reasons: one test per error class of
:mod:`legreader.claims.causal` (sentences written for these tests, not taken from any data set)."""

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


# 1. nominal and verbal correlation -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The association of night shifts with weight gain was strong.",
        "We saw clear associations between screen time and poor sleep.",
        "Grip strength predicts survival in older adults.",
        "Low vitamin B12 was an independent predictor of falls.",
        "Smoking is a risk factor for gum disease.",
        "Night workers were at higher risk of ulcers.",
        "High ferritin is a marker of inflammation.",
        "Tea drinking correlates with lower blood pressure.",
    ],
)
def test_nominal_and_verbal_correlation(text: str) -> None:
    assert _strength(text) == "correlational"


# 2. comparisons between groups --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Asthma was more common in city children than in rural children.",
        "Readmission rates were higher among smokers than among non-smokers.",
    ],
)
def test_group_comparisons_are_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_more_than_a_number_is_not_a_comparison() -> None:
    assert _strength("More than 300 nurses took part.") is None


# 3. "can" is ability; 4. hedges make a causal verb conditional -------------------------------------


def test_can_is_not_a_hedge() -> None:
    assert _strength("Daily stretching can reduce back pain.") == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Cold showers may improve alertness.",
        "The new dressing appears to speed up healing.",
        "Fasting seems to lower insulin levels in the morning.",
        "These results suggest that zinc may reduce the length of colds.",
    ],
)
def test_hedged_causal_is_conditional(text: str) -> None:
    assert _strength(text) == "conditional"


def test_a_hedged_correlation_stays_correlational() -> None:
    assert _strength("Snoring may be associated with heart disease.") == "correlational"


# 5. negated relations keep their kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "strength", "word"),
    [
        ("Coffee was not associated with heart rhythm problems.", "correlational", "not"),
        ("The vaccine did not reduce hospital stays.", "direct", "not"),
        ("The training showed no significant associations with mood.", "correlational", "no"),
        ("The supplement failed to improve memory in older adults.", "direct", "failed to"),
    ],
)
def test_negated_relations(text: str, strength: str, word: str) -> None:
    span = _causal(text)
    assert span is not None
    assert (span.strength, span.negated) == (strength, True)
    assert f"negated: '{word}'" in span.reason
    assert span.to_json()["negated"] is True


def test_an_affirmed_relation_has_no_negated_field() -> None:
    span = _causal("Walking reduces the risk of falls.")
    assert span is not None and not span.negated
    assert "negated" not in span.to_json()


def test_not_only_is_not_a_negation() -> None:
    span = _causal("Exercise not only improves mood but also sleep.")
    assert span is not None and not span.negated


# 6. purposes, recommendations and calls for research are not claims -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Towns need new measures to reduce traffic noise.",
        "Schools should be encouraged to improve lunch menus.",
        "The report discusses strategies for improving hand hygiene.",
        "Further studies are needed to examine the association between noise and sleep.",
        "Larger trials should confirm this link between diet and mood.",
    ],
)
def test_purpose_and_research_agenda_are_not_claims(text: str) -> None:
    assert _strength(text) is None


def test_a_raising_verb_before_to_keeps_the_claim() -> None:
    assert _strength("The drug was shown to reduce swelling.") == "direct"


# 7. questions, indirect questions, descriptions and headings ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Does red meat cause cancer?",
        "We tested whether music reduces anxiety before surgery.",
        "The hippocampus is the region that is responsible for memory.",
        "How Sleep Loss Raises Your Blood Pressure",
    ],
)
def test_questions_descriptions_headings_are_not_claims(text: str) -> None:
    assert _strength(text) is None


# 8. intransitive change and noun uses --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hospital admissions increased by 12% between 2015 and 2019.",
        "Patient satisfaction declined sharply after the move.",
    ],
)
def test_intransitive_change_is_not_direct(text: str) -> None:
    assert _strength(text) != "direct"


def test_passive_change_stays_direct() -> None:
    assert _strength("Pain was reduced by the new injection.") == "direct"


def test_organisation_name_is_not_an_association() -> None:
    assert _strength("The American Dental Association held a meeting in June.") is None


# 9. effectiveness and effects ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Group therapy is effective against insomnia.",
        "Noise had a negative impact on concentration.",
    ],
)
def test_effectiveness_and_effects_are_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_cost_effective_is_not_a_causal_claim() -> None:
    assert _strength("The cost-effective option was chosen by the board.") is None


# reasons name the decisive words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Loneliness is associated with poor sleep.", "correlational: 'associated'"),
        ("Green tea may reduce cholesterol.", "conditional: 'may' + 'reduce'"),
        ("Green tea reduces cholesterol.", "direct: 'reduces'"),
        (
            "Green tea did not reduce cholesterol.",
            "direct: 'reduce'; negated: 'not'",
        ),
    ],
)
def test_reason_names_the_cue(text: str, reason: str) -> None:
    span = _causal(text)
    assert span is not None and span.reason == reason


def test_a_list_item_naming_a_change_is_not_a_claim() -> None:
    assert _strength("• Reduction in blood flow to the legs.") is None
    assert _strength("There was a reduction in falls among the walkers.") == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "The new clinic will hopefully improve access to care for farm workers.",
        "Researchers believe the extra daylight explains the drop in winter moods.",
    ],
)
def test_hopefully_and_believe_hedge_a_causal_verb(text: str) -> None:
    assert _strength(text) == "conditional"
