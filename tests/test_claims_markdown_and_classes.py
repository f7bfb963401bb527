"""Regression tests for classes of errors found on a held-out corpus (Markdown bodies, comparative
outcomes, imperatives, debris, attribution). The texts are invented; each rule is about language
or page structure, not about one article."""

from __future__ import annotations

import pytest

from legreader.claims import analyze, sentences


def _sents(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def _cats(text: str) -> set[str]:
    return {sp.category for sp in analyze(text)}


def _strength(text: str) -> str | None:
    causal = [sp for sp in analyze(text) if sp.category == "causal"]
    return causal[0].strength if causal else None


# 1. Markdown-aware sentence spans -----------------------------------------------------------


def test_heading_markers_are_not_in_the_sentence() -> None:
    text = "## What the survey asked\n\nIt asked about tea. Then coffee."
    assert _sents(text) == ["What the survey asked", "It asked about tea.", "Then coffee."]


def test_numbered_heading_keeps_its_enumerator_and_is_one_sentence() -> None:
    text = "### 3. Dr. Lee was not convinced\nShe wanted more data."
    assert _sents(text) == ["3. Dr. Lee was not convinced", "She wanted more data."]


@pytest.mark.parametrize("marker", ["- ", "* ", "+ ", "• ", "1. ", "12) "])
def test_list_items_start_after_their_marker(marker: str) -> None:
    text = f"Key points:\n\n{marker}Walkers had fewer colds.\n{marker}Runners slept longer"
    assert _sents(text) == ["Key points:", "Walkers had fewer colds.", "Runners slept longer"]


def test_blockquote_marker_is_dropped_and_quoted_lines_join() -> None:
    text = "> The effect was small\n> but consistent across towns.\n\nAfter the quote."
    assert _sents(text) == [
        "The effect was small\n> but consistent across towns.",
        "After the quote.",
    ]


def test_wrapped_list_item_runs_on_over_its_indented_line() -> None:
    text = "- Commuters who cycled\n  reported better moods.\n- Drivers did not."
    assert _sents(text) == ["Commuters who cycled\n  reported better moods.", "Drivers did not."]


def test_thematic_break_is_not_a_sentence() -> None:
    assert _sents("One idea.\n\n---\n\nAnother idea.") == ["One idea.", "Another idea."]


def test_a_marker_alone_on_its_line_stays_text() -> None:
    assert _sents("-\n\n1.") == ["-", "1."]


def test_vancouver_author_list_ends_a_sentence() -> None:
    text = "Okafor N, Brandt LM, Silva P. Tea and memory in retirees. Food Journal, vol. 3 (2021)."
    assert _sents(text) == [
        "Okafor N, Brandt LM, Silva P.",
        "Tea and memory in retirees.",
        "Food Journal, vol. 3 (2021).",
    ]


def test_initials_before_a_name_still_do_not_split() -> None:
    assert len(sentences("Written by Maria T. Olsen for the paper. She left.")) == 2


def test_numbered_comment_thread_is_still_debris() -> None:
    text = "The end of the article.\n\n1. Quirinus\n\nNice read!\n\n2. Hallgerd\n\nAgreed."
    promo = {sp.text for sp in analyze(text) if sp.category == "promotional"}
    assert {"Quirinus", "Nice read!", "Hallgerd", "Agreed."} <= promo


# 2. comparative outcome statements are correlational causal claims ------------------------


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Night-shift nurses were 20% more likely to report back pain.", "correlational"),
        ("Migraines were more common among the youngest group.", "correlational"),
        ("The busiest commuters walked 12 minutes less per day.", "correlational"),
        ("Vitamin D levels were lower in the indoor workers group.", "correlational"),
        ("Tea drinkers had a lower risk of stroke.", "correlational"),
        ("Gardeners had lower levels of cortisol than office staff.", "correlational"),
        ("Cyclists were twice as likely to commute daily.", "correlational"),
        ("The review found an association between noise and stress.", "correlational"),
        ("Statins lower levels of cholesterol.", "direct"),  # the verb "lower"
        ("Loneliness may play a role.", "conditional"),
        ("Poor ventilation might be to blame.", "conditional"),
        ("Stress could explain the link.", "conditional"),
        ("Loud music can disrupt concentration.", "direct"),
        ("Late screens ruin deep sleep.", "direct"),
        ("Five or more cups were served at the event.", None),  # a count, not a comparison
    ],
)
def test_comparative_outcomes(text: str, strength: str | None) -> None:
    assert _strength(text) == strength


def test_more_likely_is_a_comparison_not_a_hedge() -> None:
    assert "hedge" not in _cats("Smokers were 3 times more likely to cough.")
    assert "hedge" in _cats("The effect is likely small.")


# 3. imperatives addressed to the reader are advice; calls to action are not --------------


@pytest.mark.parametrize(
    "text",
    [
        "Swap fizzy drinks for water.",
        "- Read the small print on cereal boxes.",
        "Put the kettle on before you check email.",
        "Skip dessert on weekdays.",
        "Walk for twenty minutes after dinner.",
        "Don't drink coffee after noon.",
        "If the rash spreads, you might want to see a pharmacist.",
        "It's worth trying a shorter commute.",
    ],
)
def test_imperatives_are_advice(text: str) -> None:
    assert "advice" in _cats(text)


@pytest.mark.parametrize(
    "text",
    [
        "Exercise in older adults has been studied for decades.",  # a noun, not an imperative
        "Walk times varied between towns.",
        "It's worth noting that the sample was small.",
        "7 ways to feel calmer at work",
    ],
)
def test_not_advice(text: str) -> None:
    assert "advice" not in _cats(text)


@pytest.mark.parametrize(
    "text", ["Share this with your family!", "Did this article help?", "Was this page useful?"]
)
def test_share_and_rating_prompts_are_promotional_not_advice(text: str) -> None:
    cats = _cats(text)
    assert "promotional" in cats and "advice" not in cats


# 4. page debris ---------------------------------------------------------------------------


def test_related_teaser_line_is_debris_to_its_end() -> None:
    text = "The study was small.\n\nAlso read: Is toast healthy? The answer may surprise you\n\nMore text here."
    promo = [sp.text for sp in analyze(text) if sp.category == "promotional"]
    assert promo == ["Also read: Is toast healthy?", "The answer may surprise you"]


def test_comment_count_header_starts_a_thread() -> None:
    text = (
        "The article ends here.\n\nComments (3)\n\nzed_77: first!!!\n\n"
        "Make money from home, link in my profile\n\nqueen_bee: so true"
    )
    promo = {sp.text for sp in analyze(text) if sp.category == "promotional"}
    assert {
        "Comments (3)",
        "zed_77: first!!!",
        "Make money from home, link in my profile",
        "queen_bee: so true",
    } <= promo
    assert "The article ends here." not in promo


# 5. attribution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The physicians stress that the sample was small.",
        "The team, led by a chemist from Oslo, also found lower readings.",
        "Doctors at three clinics in the north followed patients and found that few relapsed.",
        "The trend is worrying, they write.",
        "This may reflect diet, say the authors.",
        "Source: Journal of Invented Results, 2022",
        "The investigators declare no conflicts.",
    ],
)
def test_attribution(text: str) -> None:
    assert "attribution" in _cats(text)
