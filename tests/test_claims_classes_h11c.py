"""Error classes 75–82 of the claim engine (issue 11, fifth pass), found on the development
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


# 75. a negated relative clause picks out the group -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tenants whose repairs were not done were more likely to report asthma.",
        "Pupils who did not eat breakfast had lower scores than their classmates.",
    ],
)
def test_negated_relative_clause_does_not_negate_the_relation(text: str) -> None:
    span = _causal(text)
    assert span is not None and span.strength == "correlational"
    assert not span.negated


def test_negation_of_the_relation_itself_is_kept() -> None:
    span = _causal("Walking was not associated with fewer falls in the trial.")
    assert span is not None and span.negated


# 76. the main clause decides over a relative clause of the subject --------------------------------


def test_relative_clause_of_the_subject_gives_way_to_the_hedged_main_verb() -> None:
    span = _causal(
        "Apps that increase daily step counts may hold the key to better sleep in shift workers."
    )
    assert span is not None and span.strength == "conditional"
    assert "hold the key to" in span.reason


def test_relative_clause_cue_decides_when_no_other_cue_follows() -> None:
    assert _strength("Diets that reduce salt intake were popular in the survey.") == "direct"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("A new scanner could obviate the need for biopsies in some men.", "obviate"),
        ("Cold rooms lead people to eat more snacks, the trial found.", "lead people to"),
    ],
)
def test_new_causal_verbs(text: str, cue: str) -> None:
    span = _causal(text)
    assert span is not None and cue in span.reason


# 77. an effect noun as subject, hedged by the main verb ---------------------------------------------


def test_effect_noun_subject_with_modal_main_verb_is_conditional() -> None:
    span = _causal(
        "The protective effects of green tea on gum health might explain the lower tooth loss."
    )
    assert span is not None and span.strength == "conditional"
    assert "might" in span.reason


def test_effect_noun_subject_with_a_plain_main_verb_stays_direct() -> None:
    assert (
        _strength("The beneficial effects of green tea on gum health were clear in the trial.")
        == "direct"
    )


# 78. a hedge stays in its clause ----------------------------------------------------------------------


def test_hedge_does_not_reach_a_participle_after_a_comma() -> None:
    span = _causal("The new fat appears to be sticky, causing clots in small vessels.")
    assert span is not None and span.strength == "direct"


def test_hedge_in_the_same_clause_still_counts() -> None:
    assert _strength("The new fat appears to cause clots in small vessels.") == "conditional"


# 79. advice with a purpose ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Remove the bandage as soon as possible to prevent skin damage.",
        "Look at a green plant for five minutes to reduce eye strain.",
    ],
)
def test_imperative_with_purpose_is_direct(text: str) -> None:
    span = _causal(text)
    assert span is not None and span.strength == "direct"


def test_purpose_after_a_noun_is_still_no_claim() -> None:
    assert _strength("Measures to reduce waiting times were discussed by the board.") is None


# 80. the potential of X in doing Y -----------------------------------------------------------------------


def test_potential_of_x_in_preventing_is_conditional() -> None:
    span = _causal(
        "The trial showed the potential of a smart insulin pen in preventing low blood sugar at night."
    )
    assert span is not None and span.strength == "conditional"


def test_importance_of_reducing_stays_a_purpose() -> None:
    assert _strength("Doctors stressed the importance of reducing salt in school meals.") is None


# 81. asides ------------------------------------------------------------------------------------------------


def test_cue_word_in_capitals_is_a_name() -> None:
    assert _strength("Enrolment in the PROTECT registry closed in 2019.") is None


def test_parenthetical_cue_before_the_main_clause_is_a_side_remark() -> None:
    text = (
        "Smaller outbreaks in the north (due to the colder winters there) would be hard to detect."
    )
    assert _strength(text) is None


def test_parenthetical_cue_at_the_end_still_counts() -> None:
    assert _strength("Hospital stays were longer (due to infections).") == "direct"


# 82. levels and differences with no cue word -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Night-shift nurses exhibited altered cortisol rhythms during the winter months.",
        "Grip strength in the older group was significantly weaker than in the younger group.",
        "The survey found evidence linking the number of hours spent on phones each night in bed to poorer school grades.",
        "The audit identified significant variation in waiting times across the regions.",
        "Pain scores were significantly different between the two arms at six weeks.",
    ],
)
def test_levels_and_differences_are_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 83. "known to" + a causal verb is background ------------------------------------------------------


def test_known_to_is_background() -> None:
    assert (
        _strength("Few clinics offer the exercise classes known to reduce falls in older people.")
        is None
    )


def test_the_finding_after_background_still_decides() -> None:
    text = (
        "A vaccine known to reduce flu cases has been shown for the first time to reduce"
        " heart attacks in older adults."
    )
    assert _strength(text) == "direct"


# 84. verbs with an adverb between them and their object or their "to" -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Weekly yoga improves significantly the sleep quality of night nurses.",
        "Only the low-salt diet was found significantly to reduce blood pressure in the trial.",
        "The new booking system has minimised the time patients wait for a scan.",
        "Keyhole surgery can avoid the need for a second operation.",
    ],
)
def test_adverb_between_verb_and_object_and_new_verbs_are_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_change_verb_with_adverb_and_no_object_stays_intransitive() -> None:
    assert _strength("Waiting times improved significantly during the winter.") != "direct"


# 85. known risk factors named, not a relation stated ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The model was adjusted for conventional risk factors.",
        "Data on other risk factors were missing for a third of the sample.",
    ],
)
def test_known_risk_factors_named_are_no_claim(text: str) -> None:
    assert _strength(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Snoring and obesity share common risk factors.",
        "Smoking was a known risk factor for stroke in this cohort.",
        "Poor sleep and low income were risk factors.",
    ],
)
def test_risk_factors_as_a_relation_stay_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 86. a participle after "but not", and "raise" as a noun ----------------------------------------------


def test_participle_after_but_not_is_an_adjective() -> None:
    span = _causal("High ferritin, but not raised transferrin, was associated with liver scarring.")
    assert span is not None and span.strength == "correlational"


def test_raise_before_is_is_a_noun() -> None:
    span = _causal("An early troponin raise is a strong predictor of heart damage.")
    assert span is not None and span.strength == "correlational"


# 87. a comparative level at the head of the subject acts; "puts X at an increased risk" -------------


@pytest.mark.parametrize(
    "text",
    [
        "Higher screening rates among dentists can sharply reduce late diagnoses of mouth cancer.",
        "The team found that higher levels of lead in tap water increased their risk of anaemia.",
        "A parent's long illness puts children at a greater risk of missing school.",
    ],
)
def test_comparative_subject_acting_is_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_comparative_level_as_the_finding_stays_correlational() -> None:
    assert (
        _strength("Higher rates of asthma were seen in children living near highways.")
        == "correlational"
    )


# 88. a degree, a place or a web address inside a sentence made it a reference line --------------------


@pytest.mark.parametrize(
    "text",
    [
        "Smokers had twice the risk of gum disease than non-smokers, says Ann Lee, M.D., a dentist.",
        "Night shifts are linked to diabetes, said the team in Washington, D.C., on Monday.",
        "Sugar taxes (https://example.org/report) were associated with fewer fillings in children.",
    ],
)
def test_sentence_with_degree_place_or_address_keeps_its_claim(text: str) -> None:
    assert _strength(text) == "correlational"
    assert "reference line" not in [sp.reason for sp in analyze(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Lee, A. B., & Chan, C. (2019). Sleep and sugar. Journal of Teeth, 4, 1-9.",
        "Sleep and sugar. Retrieved from https://example.org/sleep-and-sugar",
    ],
)
def test_reference_entries_are_still_reference_lines(text: str) -> None:
    assert "reference line" in [sp.reason for sp in analyze(text)]
