"""Error classes 55 and on of the claim engine (issue 11, fourth pass), found on the development
halves of the labelled sets in ``../shared/data`` and fixed by general rules
(``docs/claims-error-classes.md``). Every sentence here is written for these tests, not taken
from any data set."""

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


# 55. comparisons with "than" across more words and more comparatives -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Teenagers who skipped breakfast had worse grades, attendance, sleep and mood than their classmates.",
        "Rural nurses retire at a much younger age than nurses in the cities.",
        "Runners given the new shoe showed superior endurance scores than runners in old shoes.",
        "Women who walked daily were healthier at seventy than women who did not walk.",
        "The older group did much worse   not better   than the younger one.",
    ],
)
def test_comparison_with_than_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_younger_than_an_age_is_no_comparison() -> None:
    assert _strength("Every child younger than 6 years was offered a booster shot.") is None


def test_an_effect_noun_before_than_stays_direct() -> None:
    assert (
        _strength("Heat has a greater impact on deaths from heart disease than on other deaths.")
        == "direct"
    )


def test_more_than_a_number_inside_is_no_comparison() -> None:
    text = "Good sleep (more than seven hours a night) may lower blood pressure."
    span = _causal(text)
    assert span is not None and span.strength == "conditional"


def test_the_first_to_establish_reports_a_finding() -> None:
    text = (
        "The survey is the first to establish the link between noise and poor sleep in teenagers."
    )
    assert _strength(text) == "correlational"


# 56. "suggest that X reduces Y" is direct; a modal in the clause keeps it conditional -------------


def test_suggest_that_with_a_plain_causal_verb_is_direct() -> None:
    span = _causal("Our results suggest that daily walking reduces back pain in office workers.")
    assert span is not None and span.strength == "direct"
    assert "suggest" not in span.reason


def test_suggest_that_with_a_modal_is_conditional() -> None:
    assert (
        _strength("Our results suggest that daily walking may reduce back pain.") == "conditional"
    )


# 57. a conditional "if" is no indirect question -------------------------------------------------


def test_conditional_if_keeps_the_claim() -> None:
    text = "Older drivers can stay safe on the road if eye tests prevent late diagnoses."
    assert _strength(text) == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "We wanted to see if tea reduces headaches.",
        "The nurses asked if the new bed prevents sores.",
        "It is unclear whether tea reduces headaches.",
    ],
)
def test_indirect_question_is_no_claim(text: str) -> None:
    assert _strength(text) is None


# 58. "lower" as the adjective --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Guidance on physiotherapy was missing for adults with lower back pain.",
        "Markedly lower scores were recorded in the evening group.",
        "Poor housing, lower household income, and noise may be predictors of sleep loss.",
    ],
)
def test_lower_before_its_noun_is_no_verb(text: str) -> None:
    assert _strength(text) != "direct"


@pytest.mark.parametrize(
    "text",
    ["Oat bran lowers cholesterol in adults.", "Green tea seems to lower blood pressure."],
)
def test_lower_as_a_verb_stays(text: str) -> None:
    assert _strength(text) in ("direct", "conditional")


# 59. a change after an event or within a group ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hip fractures dropped by 20 percent after the town fixed its pavements.",
        "Smoking declines among teenagers in schools with sports clubs.",
        "Asthma admissions fell sharply following the smoking ban.",
    ],
)
def test_change_after_an_event_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_a_gerund_after_a_preposition_is_no_change() -> None:
    assert _strength(
        "The chance of falling after a hip operation was recorded for every ward."
    ) != ("direct")


# 60. a level of risk named by the noun ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Risk of gum disease higher in night-shift workers",
        "The overall risk of a second stroke is small, the authors say.",
        "Kidney stone risk from sugary drinks",
        "Women who walk daily are at lower risk.",
        "A history of shingles carries a three-fold stroke risk.",
        "Small stroke risk following knee surgery confirmed",
        "Patients who keep a diary have better chances of recovering their speech.",
    ],
)
def test_level_of_risk_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "Teachers were trained to mitigate the risk of burnout in their first year.",
        "The project enrolled at-risk for dropout pupils in three towns.",
    ],
)
def test_risk_as_an_object_or_hyphenated_is_no_claim(text: str) -> None:
    assert _strength(text) is None


def test_a_direct_verb_after_the_risk_noun_decides() -> None:
    assert _strength("The risk of relapse depends heavily on the length of treatment.") == "direct"


def test_a_relation_after_the_risk_noun_stays_correlational() -> None:
    text = "Known risk factors are associated with higher pressure and faster pressure increases."
    assert _strength(text) == "correlational"


# 61. multipliers of a measure ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Night-shift nurses had double the rate of back injuries.",
        "Cyclists showed half the odds of knee pain.",
        "Falls were twice as common in homes without handrails.",
    ],
)
def test_multiplier_of_a_measure_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 62. "less than" + a group is a comparison, not a count ------------------------------------------


def test_less_than_a_group_is_a_comparison() -> None:
    assert _strength("Pupils who cycled to school weighed less than kids who were driven.") == (
        "correlational"
    )


def test_less_than_a_number_is_no_comparison() -> None:
    assert _strength("Each session lasted less than ten minutes.") is None


# 63. a comparison with an estimate ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hearing loss in teenagers is more common than previously thought.",
        "Hospital stays after knee surgery are shorter than once believed.",
        "Adults sleep less than they say.",
    ],
)
def test_comparison_with_an_estimate_is_no_claim(text: str) -> None:
    assert _strength(text) is None


# 64. "affects N people" is prevalence --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Migraine affects about 1 in 7 adults.",
        "Hay fever is common, affecting 10 million people in the country.",
    ],
)
def test_affects_a_count_is_no_effect(text: str) -> None:
    assert _strength(text) is None


def test_affects_an_outcome_stays_direct() -> None:
    assert _strength("Noise affects the sleep of children.") == "direct"


# 65. "the potential to prevent" states the hedged effect --------------------------------------------


def test_potential_to_is_a_hedged_effect() -> None:
    text = "The team found a compound that has the potential to prevent hair loss."
    assert _strength(text) == "conditional"


@pytest.mark.parametrize(
    "text",
    [
        "Every pupil with a resting pulse higher than 100 beats was sent to the nurse.",
        "The doses given were much larger than the usual recommendations.",
    ],
)
def test_comparison_with_a_number_or_a_norm_is_no_claim(text: str) -> None:
    assert _strength(text) is None


def test_comparison_with_a_hyphenated_group_stays() -> None:
    text = "Heavy smokers have worse sleep than normal-weight non-smokers."
    assert _strength(text) == "correlational"


# 66. verbs and nouns of foretelling ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Poor grip strength may herald frailty in older women.",
        "Night sweats can precede the onset of the disease by years.",
        "Gait speed provides a clue to future falls",
    ],
)
def test_foretelling_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 67. an outcome compared with a verb of living or coping; "the link is" ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Transplant patients can now live as long as their siblings.",
        "Children with pets may recover better from colds.",
        "Night-shift workers fared worse on every memory test.",
        "The link was strongest in men over sixty, the authors note.",
    ],
)
def test_compared_outcome_or_stated_link_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 68. a test and what it finds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A cheap saliva test detects gum disease in children.",
        "Yearly scans catch lung cancers before symptoms start",
        "New app spots patients at risk of falling",
    ],
)
def test_a_test_that_finds_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 69. putting or exposing someone at risk is a causal verb -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Long night shifts put young doctors at risk of car crashes.",
        "Crowded wards expose patients to a greater risk of infection.",
    ],
)
def test_putting_at_risk_is_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_putting_at_risk_with_a_modal_is_conditional() -> None:
    assert (
        _strength("Cheap heaters could expose families to higher risks of fire.") == "conditional"
    )


# 70. "protective" as a predicate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In mice, the new compound was strongly protective in both models.",
        "Breastfeeding is protective.",
    ],
)
def test_protective_as_a_predicate_is_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_protective_before_a_noun_needs_its_own_cue() -> None:
    assert _strength("Staff wore protective gowns in every ward.") is None


# 71. a call for more research in a clause of its own after the claim ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The new brace does not reduce knee pain in runners, though longer follow-up is warranted.",
        "Night shifts were associated with weight gain, but larger studies are needed.",
    ],
)
def test_agenda_after_the_claim_keeps_it(text: str) -> None:
    assert _strength(text) in ("direct", "correlational")


@pytest.mark.parametrize(
    "text",
    [
        "Further studies are needed to confirm that the brace reduces knee pain.",
        "Whether night shifts cause weight gain requires further study.",
        "It is not possible to conclude if the brace reduces knee pain.",
    ],
)
def test_agenda_naming_the_relation_or_first_vetoes_it(text: str) -> None:
    assert _strength(text) is None


# 72. "contribute" + its object + "to" ---------------------------------------------------------------


def test_contribute_an_amount_to_is_direct() -> None:
    text = "Poor lighting contributes a large share to falls among older residents."
    assert _strength(text) == "direct"


def test_contributing_to_the_literature_is_no_claim() -> None:
    assert _strength("Our survey contributes new data to the literature on sleep.") is None


# 73. "similar in both groups"; "evidence linking X and Y" ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pain scores after the operation were similar in both groups.",
        "We found strong evidence linking shift work and poor sleep in nurses.",
    ],
)
def test_similar_across_groups_and_linking_and_are_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 74. a comparative level of susceptibility ------------------------------------------------------------


def test_more_susceptible_to_is_correlational() -> None:
    assert _strength("Night-shift nurses are more susceptible to colds than day staff.") == (
        "correlational"
    )
