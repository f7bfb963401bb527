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
