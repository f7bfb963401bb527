"""Error classes 17-21 of the claim engine (issue 11), found on the development halves of the
labelled sets in ``../shared/data`` and fixed by general rules (``docs/claims-error-classes.md``).
Every sentence here is written for these tests, not taken from any data set."""

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


def _categories(text: str) -> set[str]:
    return {sp.category for sp in analyze(text)}


# 17. a level compared across a named group, without "than" -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Knee pain was higher among retired miners who had worked underground.",
        "Gum disease is more severe in smokers over the age of sixty.",
        "Sleep quality was poorer in night-shift workers with young children.",
        "Reading scores were lower in pupils from rural schools than expected, and lower among boys.",
        "Hearing loss is less pronounced in women who never worked in factories.",
    ],
)
def test_a_level_compared_across_a_group_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "We gave more books to people in the village library.",
        "Sugar intake was higher in 2015.",
    ],
)
def test_more_with_a_noun_or_a_year_is_no_group_comparison(text: str) -> None:
    assert _strength(text) is None


# 18. "by" after a change verb: an amount (intransitive) or an agent (passive) -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Blood pressure was not lowered by the new tablet.",
        "Knee stiffness reduced by daily stretching, say physiotherapists.",
        "Hospital stays not increased by early discharge.",
    ],
)
def test_by_and_an_agent_is_a_passive_causal_claim(text: str) -> None:
    assert _strength(text) == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "Rates of measles increased by 40% between 2010 and 2019.",
        "Road deaths decreased by seventy percent over two decades.",
        "Hospital visits rose and later decreased by a third.",
        "Ticket sales increased by about half during the festival.",
    ],
)
def test_by_and_an_amount_is_an_intransitive_change(text: str) -> None:
    assert _strength(text) is None


# 19. a participle before its noun is an adjective ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Reduced bone density was common in the older runners.",
        "Improved scanners will allow faster checks at airports.",
        "The clinic mostly sees adults with impaired kidney function.",
        "Enhanced cleaning of wards is recommended during outbreaks.",
    ],
)
def test_an_attributive_participle_is_no_causal_verb(text: str) -> None:
    assert _strength(text) is None


def test_a_participle_with_its_subject_stays_a_verb() -> None:
    assert _strength("The new diet reduced blood sugar in most volunteers.") == "direct"


def test_a_verbless_line_keeps_its_participle_finding() -> None:
    assert _strength("Reduced growth and an altered shape of the roots.") == "direct"


def test_a_participle_heading_a_risk_noun_is_correlational() -> None:
    assert _strength("Increased risk of falls in patients taking sleeping pills") == "correlational"


def test_a_participle_heading_the_subject_lets_the_verb_decide() -> None:
    assert _strength("Increased iron levels may protect toddlers against anaemia.") == "conditional"


# 20. "at risk of" naming a studied group ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The app was tested by teenagers at risk of dropping out of school.",
        "Among adults at high risk for stroke, the two pills worked equally well.",
    ],
)
def test_at_risk_naming_a_group_is_no_claim(text: str) -> None:
    assert _strength(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Night-shift nurses were at risk of vitamin D deficiency.",
        "Young drivers remain at high risk of crashes after dark.",
        "Frequent flyers at greater risk of blood clots",
        "Smokers nearly twice at risk for gum disease",
    ],
)
def test_at_risk_as_a_finding_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_putting_someone_at_risk_is_a_causal_claim() -> None:
    assert _strength("Long shifts put junior doctors at risk of burnout.") is not None


# 21. attribution: "the United States" and the speaker quoting themselves -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wheat exports from the United States grew last year.",
        "Several member states signed the treaty in Rome.",
        "As I said, this is about our children.",
        "I've said it before and I will say it again.",
    ],
)
def test_no_source_no_attribution(text: str) -> None:
    assert "attribution" not in _categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "The report states that wages fell.",
        "The minister said the bridge would open in May.",
        "You said you would lower taxes.",
    ],
)
def test_a_third_party_or_addressee_is_attributed(text: str) -> None:
    assert "attribution" in _categories(text)


# 22. effect nouns after a determiner --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Regular stretching has an impact on back pain in office workers.",
        "Daily fruit was a protective factor against scurvy in sailors.",
        "The lamp had clear effects on mood in winter.",
        "Loud music contributes towards hearing loss in teenagers.",
    ],
)
def test_effect_nouns_after_a_determiner_are_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_no_benefit_to_is_a_negated_direct_claim() -> None:
    span = _causal("The trial found no benefit to fish oil in heart failure.")
    assert span is not None and span.strength == "direct" and span.negated


# 23. a comparative or participle that states a level ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Office workers had lower vitamin D levels in spring.",
        "The scans showed reduced blood flow in the left leg.",
        "Muscle strength was reduced in both arms of the trial.",
        "Grip strength is significantly impaired in people with gout, whereas balance is not.",
        "Lower rates of asthma in children raised on farms",
    ],
)
def test_a_stated_level_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "The new law has reduced road deaths in cities.",
        "Pain was reduced by the new injection.",
        "Lower back pain drove most visits to the clinic.",
    ],
)
def test_the_perfect_an_agent_or_a_later_verb_keeps_it_direct(text: str) -> None:
    assert _strength(text) == "direct"


# 24. everyday and mechanism causal verbs ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ("A glass of milk at night may stave off hunger pangs.", "conditional"),
        ("Onions and garlic may keep colds away.", "conditional"),
        ("Poor sleep is at the root of many headaches.", "direct"),
        ("Heat waves could be dangerous to older gardeners.", "conditional"),
        ("A short walk after lunch can make a real difference to blood sugar.", "direct"),
        ("The enzyme activates a repair pathway in skin cells.", "direct"),
        ("The drug suppresses appetite in mice.", "direct"),
        ("Microplastics pose a serious risk to river fish.", "direct"),
        ("Hundreds of trees died as a result of the drought.", "direct"),
    ],
)
def test_everyday_causal_verbs(text: tuple[str, str]) -> None:
    sentence, strength = text
    assert _strength(sentence) == strength


def test_activated_by_is_no_mechanism_claim_of_the_subject() -> None:
    assert _strength("Street lights are activated in the evening.") is None


# 25. contrastive "not" ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Salt and not sugar raises blood pressure in these rats.",
        "Aspirin, but not paracetamol, lowered the fever.",
    ],
)
def test_a_contrastive_not_does_not_negate_the_relation(text: str) -> None:
    span = _causal(text)
    assert span is not None and span.strength == "direct" and not span.negated


def test_a_plain_not_still_negates() -> None:
    span = _causal("The cream did not reduce itching.")
    assert span is not None and span.negated


# 26. "because I/we/you" gives a motive -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I became a teacher because I love books.",
        "We moved to the coast because we wanted a quieter life.",
    ],
)
def test_a_speakers_motive_is_no_causal_claim(text: str) -> None:
    assert _strength(text) is None


def test_because_of_a_cause_stays_causal() -> None:
    assert _strength("The bridge closed because of cracks in the deck.") == "direct"


# 27. a count with a scale word is a statistic -----------------------------------------------------


def test_a_scaled_count_without_a_unit_is_a_statistic() -> None:
    spans = [sp for sp in analyze("We went from 32 million on the waiting list to 12 million.")]
    assert [sp.text for sp in spans if sp.category == "statistic"] == ["32 million", "12 million"]


def test_a_bare_small_number_is_still_no_statistic() -> None:
    assert "statistic" not in _categories("We have 543 at present.")


# 28. more forms of a correlation: "associate with", "connection between", multipliers -----------


@pytest.mark.parametrize(
    "text",
    [
        "Income and age associate with the number of dentists in a town.",
        "Researchers report a connection between noise and poor sleep.",
        "Cyclists 4 times as likely to be hurt on wet roads",
        "Injuries up to twice higher in young skiers",
    ],
)
def test_more_forms_of_correlation(text: str) -> None:
    assert _strength(text) == "correlational"


def test_an_associate_professor_is_no_correlation() -> None:
    assert _strength("Dr Lee, an Associate Professor of Music, spoke at noon.") is None


# 29. a relation named as the object of a research noun --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The survey is suitable for the investigation of diet-disease associations.",
        "The clarification of risk factors for knee injury needs a larger sample.",
        "A careful analysis of the correlation between rainfall and harvests is planned.",
    ],
)
def test_a_relation_as_the_object_of_a_research_noun_is_no_claim(text: str) -> None:
    assert _strength(text) is None


def test_a_study_of_a_population_keeps_its_finding() -> None:
    assert _strength("A study of Danish farmers found important risk factors for asthma.") == (
        "correlational"
    )


# 30. more comparisons and markers: "for" + a group, "sooner than", "ties X to", "high risk of" ----


@pytest.mark.parametrize(
    "text",
    [
        "Back pain is worse for people working night shifts.",
        "Smokers develop gum disease ten years sooner than non-smokers.",
        "New research ties air pollution to migraines in teenagers.",
        "Farm workers had a high risk of skin cancer.",
        "Blood zinc may be a useful biomarker for liver damage.",
    ],
)
def test_more_comparisons_and_markers(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "The score picks out patients with high risk for falls.",
        "Nurses visited adults at high risk of falls every week.",
    ],
)
def test_high_risk_naming_a_group_is_no_claim(text: str) -> None:
    assert _strength(text) is None


# 31. more direct verbs and nouns of effect ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Loneliness heightens the risk of heart disease in widowers.",
        "Flu can complicate recovery after hip surgery.",
        "Ice packs provide quick relief for sprained ankles.",
        "Ten minutes of sun a day keeps winter blues away.",
        "Falls are a leading cause of injury in people over eighty.",
        "The survey shows that walking is good for your heart.",
    ],
)
def test_more_direct_verbs_and_nouns(text: str) -> None:
    assert _strength(text) == "direct"


def test_a_heightened_risk_stays_correlational() -> None:
    assert _strength("Night workers had a heightened risk of ulcers.") == "correlational"


# 32. more relations: "differed significantly between", "relation with", "vary with", "had more X" -


@pytest.mark.parametrize(
    "text",
    [
        "Test scores differed markedly between the two schools.",
        "We saw a clear relation between screen time and sleep.",
        "Ticket prices vary with the season.",
        "Children from the flooded towns had more nightmares.",
        "Runners in the cold group showed a reduced heart rate.",
    ],
)
def test_more_relations_are_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


@pytest.mark.parametrize(
    "text",
    [
        "The new vaccine has reduced hospital stays in toddlers.",
        "Fog had a greater impact on flights in December.",
    ],
)
def test_the_perfect_and_effect_nouns_stay_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_a_level_in_a_when_clause_is_the_manipulated_cause() -> None:
    assert _strength("The seedlings did not flower when light was sharply reduced.") == "direct"


# 33. usefulness for finding a condition is a marker, not an effect ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A simple blood test is useful for the early detection of kidney damage.",
        "Grip strength was accurate in predicting frailty in older women.",
    ],
)
def test_usefulness_for_diagnosis_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_usefulness_for_treatment_stays_direct() -> None:
    assert _strength("Cold packs are useful for easing sore muscles.") == "direct"
