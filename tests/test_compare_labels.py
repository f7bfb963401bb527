"""Readable row labels (issue 12): one test per label error class of
docs/compare-error-classes.md ("Labels"), with invented sentences."""

from __future__ import annotations

from legreader.compare import ArticleInput, PrimaryInput, compare_articles
from legreader.compare.labels import causal_phrase, is_phrase, quantity_phrase
from legreader.compare.mentions import build_source
from legreader.compare.quotes import speaker_near


def _causal(sentence: str, cue: str) -> str:
    at = sentence.index(cue)
    return causal_phrase(sentence, (0, len(sentence)), at, at + len(cue))


def _quantity(sentence: str, number: str) -> str:
    at = sentence.index(number)
    return quantity_phrase(sentence, (0, len(sentence)), at, at + len(number))


def test_l1_a_label_never_ends_with_a_verb() -> None:
    # "male mice aged", "movement becomes"
    assert _quantity("The team has studied female rats aged 9 weeks.", "9 weeks") == "female rats"
    label = _causal("Joint pain got worse when walking becomes limited.", "worse")
    assert is_phrase(label) and "becomes" not in label


def test_l2_adverbs_and_sentence_frames_are_no_phrase() -> None:
    # "even and nervous system", "what and physical activity"
    label = _causal(
        "Patients lose bone mass, and even their immune system is weakened.", "weakened"
    )
    assert "even" not in label.split()
    assert not is_phrase("even and immune system")
    assert not is_phrase("what and physical activity")


def test_l3_the_effect_is_a_noun_phrase_not_a_verb_phrase() -> None:
    # "exercising legs and increase your overall strength"
    label = _causal("Climbing stairs enables you to build your lung capacity,", "enables")
    assert label == "stairs and lung capacity"
    assert not is_phrase("stairs and build your lung capacity")


def test_l4_a_number_opens_a_noun_phrase() -> None:
    assert _quantity("Poor sleep caused a 25% drop in attention.", "25%") == "drop in attention"
    assert _quantity("In the cycling group, cycling speed rose by 9%.", "9%") == "cycling speed"
    assert _quantity("Sleep quality was 8 percent higher among gardeners.", "8 percent") == (
        "sleep quality"
    )


def test_l5_a_count_names_its_noun_and_qualifier_people_are_participants() -> None:
    src = build_source("a", "A", "The trial enrolled 250 adults with asthma for a year.")
    labels = {m.readable() for m in src.quantities if m.item.unit == "participants"}
    assert labels == {"number of participants with asthma"}
    src = build_source("b", "B", "Each year 12 million Canadians take the drug.")
    assert {m.readable() for m in src.quantities} == {"number of Canadians"}


def test_l6_a_number_that_names_a_kind_or_a_point_counts_nothing() -> None:
    src = build_source(
        "a", "A", "Adults with type 2 diabetes were seen at week 12 of the phase 3 trial."
    )
    assert [m.item.text for m in src.quantities] == []


def test_l7_once_before_a_clause_is_no_rate() -> None:
    src = build_source("a", "A", "Pain fades once their treatment starts, doctors say.")
    assert [m.item.text for m in src.quantities] == []


def test_l8_a_place_or_institution_never_speaks() -> None:
    body = (
        'Dr. Ana Ruiz, also from the Universidad de Sevilla states: "We did not expect '
        'the effect to be this large in older adults." Then more.'
    )
    start = body.index("We did")
    end = body.index('adults."') + len("adults.")
    assert speaker_near(body, start, end) == "Ruiz"
    body = '"It changes how we treat asthma in children," says a team at the University of Leeds.'
    assert speaker_near(body, 1, body.index(',"')) is None


def test_l9_the_studys_wording_names_the_row() -> None:
    primary = PrimaryInput(
        title="Olive oil", text="Olive oil intake was associated with a lower risk of stroke."
    )
    articles = [
        ArticleInput("a", "A", "Cooking with olive oil cuts your chance of a stroke."),
        ArticleInput("b", "B", "Olive oil lowers stroke risk, researchers say."),
    ]
    causal = [g for g in compare_articles(articles, primary).groups if g.kind == "causal"]
    assert causal and causal[0].label == "olive oil intake and stroke"


def test_every_label_of_the_test_corpora_is_a_noun_phrase() -> None:
    """Labels of the sample corpus and both test corpora: noun phrases, never keyword bags."""
    from pathlib import Path

    from legreader.compare.adapters import primary_from_article
    from legreader.corpus.loader import load_corpus

    root = Path(__file__).resolve().parents[1]
    for folder in ("sample_corpus", "tests/fixtures/compare_corpus2"):
        corpus = load_corpus([root / folder])
        articles = [
            ArticleInput(a.path.stem, a.title, a.body)
            for a in corpus.articles
            if a is not corpus.primary
        ]
        primary = primary_from_article(corpus.primary) if corpus.primary else None
        for group in compare_articles(articles, primary).groups:
            if group.kind in ("quantity", "causal"):
                assert is_phrase(group.label) or group.label.startswith("number of "), (
                    folder,
                    group.label,
                )
            assert "None" not in group.label
