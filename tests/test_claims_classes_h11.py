"""Error classes 34 and on of the claim engine (issue 11, third pass), found on the development
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


# 34. "limited" is an adjective unless it takes an object ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The second operation gave only limited extra relief.",
        "Access to the clinic is limited in remote valleys.",
        "Our conclusions are limited by the small number of schools.",
        "The tool added limited information to the usual checklist.",
    ],
)
def test_limited_as_an_adjective_is_no_claim(text: str) -> None:
    assert _strength(text) is None


def test_limited_with_an_object_stays_a_verb() -> None:
    assert _strength("The new fence limited the spread of the weed.") == "direct"


def test_limited_in_a_when_clause_is_the_manipulated_cause() -> None:
    assert _strength("Muscles waste quickly when daily walking becomes limited.") == "direct"


# 35. more shapes of a research agenda -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The link between night shifts and migraine needs to be studied in larger groups.",
        "The pathways responsible for this pattern remain to be elucidated.",
        "Future work in other regions may confirm the association with altitude.",
        "Further research could identify relationships between diet and mood in teenagers.",
        "A possible effect of screen time on sleep needs further investigation.",
    ],
)
def test_a_research_agenda_is_no_claim(text: str) -> None:
    assert _strength(text) is None


# 36. "have/has/had ... effects" ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "strength", "negated"),
    [
        ("Gardening may have positive psychological effects among retired teachers.", "conditional", False),
        ("The cream had mild calming effects in most volunteers.", "direct", False),
        ("Daily use of the spray does not have harmful effects in toddlers.", "direct", True),
        ("The bonus scheme had no measurable effects on waiting times.", "direct", True),
    ],
)  # fmt: skip
def test_having_effects_states_an_effect(text: str, strength: str, negated: bool) -> None:
    span = _causal(text)
    assert span is not None and span.strength == strength
    assert bool(span.negated) is negated


def test_having_a_comparative_level_stays_correlational() -> None:
    assert _strength("Runners had higher bone density than swimmers.") == "correlational"


# 37. comparisons of effect, and changes that vary with another variable -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Brand A was more effective than brand B in relieving heartburn.",
        "The new vaccine is less effective in older adults than the old one.",
    ],
)
def test_more_effective_than_is_direct(text: str) -> None:
    assert _strength(text) == "direct"


def test_not_more_effective_is_a_negated_direct_claim() -> None:
    span = _causal("The app was not more effective than a paper diary.")
    assert span is not None and span.strength == "direct" and span.negated


@pytest.mark.parametrize(
    "text",
    [
        "Hearing loss increases steadily with years of factory work.",
        "The risk of falls rises sharply with age.",
    ],
)
def test_a_change_with_another_variable_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# "can" + a causal verb: direct, and the reason names "can" ----------------------------------------


def test_can_is_named_in_the_reason() -> None:
    span = _causal("Cold water swimming can ease joint pain in older adults.")
    assert span is not None and span.strength == "direct"
    assert span.reason.startswith("direct: 'can' + ")


def test_a_plain_verb_reason_does_not_name_can() -> None:
    span = _causal("Cold water swimming eases joint pain in older adults.")
    assert span is not None and span.reason == "direct: 'eases joint pain'"


# 38. more everyday effect verbs -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Noise from the motorway hampers sleep in nearby homes.",
        "Poor lighting hinders recovery after eye surgery.",
        "Night work ups the risk of ulcers in bus drivers.",
        "The hand-washing drive yields a 20 percent drop in ward infections.",
        "An old heart drug may treat bladder cancer.",
    ],
)
def test_everyday_effect_verbs(text: str) -> None:
    assert _strength(text) in ("direct", "conditional")


def test_hampered_by_names_an_agent_not_an_effect() -> None:
    assert _strength("Recruitment was hampered by the winter floods.") is None


# 39. a participle before its noun after a comma is an adjective ---------------------------------


def test_a_participle_after_a_comma_is_an_adjective() -> None:
    text = "In older farmers, increased hand strength is associated with better balance."
    assert _strength(text) == "correlational"


# 40. roles, results and promising treatments --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Gut bacteria might have a role in seasonal low mood.", "conditional"),
        ("The rash may be the result of a reaction to the dye.", "conditional"),
        ("Night blindness was the direct consequence of a lack of vitamin A.", "direct"),
        ("Ginger may be a promising treatment for travel sickness.", "conditional"),
        ("The balm appears to be a useful remedy for cracked heels.", "conditional"),
    ],
)
def test_roles_results_and_promising_treatments(text: str, strength: str) -> None:
    assert _strength(text) == strength


def test_a_useful_tool_for_observing_is_no_effect() -> None:
    assert _strength("The scan may be a useful tool in observing the disease over time.") is None


# 41. background: earlier research and common knowledge ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Previous studies have suggested that green tea may lower blood pressure.",
        "Earlier research linked night shifts with poorer sleep.",
        "It is well established that smoking damages the lungs.",
        "Doctors have long thought that cold weather causes colds.",
        "There had been concern that the vaccine increased the risk of fever.",
    ],
)
def test_background_is_not_the_finding(text: str) -> None:
    assert _strength(text) is None


def test_the_new_finding_after_background_still_counts() -> None:
    text = (
        "While previous studies have shown an association between snoring and fatigue, this study"
        " finds that snoring reduces reaction speed."
    )
    assert _strength(text) == "direct"


# 42. an adjective of size before a verb-noun makes it the noun ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The smaller increases expected in the north would be hard to detect.",
        "Meaningful changes have occurred in how clinics book appointments.",
    ],
)
def test_a_size_adjective_makes_the_noun(text: str) -> None:
    assert _strength(text) is None


# 43. a measure stated for a group ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hip fracture incidence higher in northern valleys",
        "Iron levels low in teenage runners with asthma",
        "Asthma rates were significantly higher among bakery staff.",
    ],
)
def test_a_measure_stated_for_a_group_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


# 44. "because" giving the writer's reason ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hand hygiene remains a major issue because nurses work long shifts.",
        "Early screening is of particular importance because of the long silent phase.",
        "Because sodium levels vary during the day, we recommend repeated tests.",
    ],
)
def test_the_writers_reason_is_no_finding(text: str) -> None:
    assert _strength(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Crops failed because of the drought.",
        "Because the river flooded, the crops failed.",
    ],
)
def test_a_stated_cause_still_counts(text: str) -> None:
    assert _strength(text) == "direct"


# 45. a superlative level stated with had/showed ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cyclists who commuted in winter had the lowest risk of a fall.",
        "Night-shift nurses showed the poorest sleep scores.",
    ],
)
def test_a_superlative_level_is_correlational(text: str) -> None:
    assert _strength(text) == "correlational"


def test_a_superlative_capability_is_no_level() -> None:
    assert _strength("The smallest beads appear to have the greatest ability to spread.") is None


# the effect nouns of classes 36 and 40 count only after have / be ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The results of this survey are shown in the second table.",
        "Side effects were recorded by the ward nurses.",
        "The role of the nurse was described in the protocol.",
    ],
)
def test_effect_nouns_without_have_or_be_are_no_claim(text: str) -> None:
    assert _strength(text) is None


def test_results_in_stays_a_causal_verb() -> None:
    assert _strength("Skipping breakfast results in poorer focus at school.") == "direct"


def test_a_concern_described_by_a_relative_clause_keeps_its_claim() -> None:
    text = "Mould is a serious health concern that affects both lungs and skin."
    assert _strength(text) == "direct"
