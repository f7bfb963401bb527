"""Alignment error classes fixed for issue 12 (sentences written for these tests): each class
lines up a press finding with the study's paraphrase, or keeps findings of different studies
apart. The list of classes is in ``docs/compare-error-classes.md``."""

from __future__ import annotations

from legreader.compare import ArticleInput, PrimaryInput, compare_articles
from legreader.compare.align import cluster_by_context
from legreader.compare.meaning import adverb, derive, expand, features, key
from legreader.compare.mentions import build_source
from legreader.compare.text import TermWeights


def _pair(study: str, article: str):  # type: ignore[no-untyped-def]
    result = compare_articles(
        [ArticleInput("a", "A", article)], PrimaryInput(title="S", text=study)
    )
    return [g for g in result.groups if g.kind == "causal" and {"primary", "a"} <= set(g.articles)]


# 1. hyphenated compounds carry the words they are made of


def test_compound_words_meet_their_parts() -> None:
    assert [key(w) for w in expand("steroid-free", {})] == [key("steroid"), key("free")]
    assert expand("non-smokers", {}) == ["smokers"]  # a bare prefix says nothing
    assert expand("self-harm", {}) == ["self-harm"]  # a concept written with its hyphen
    assert key("well-being") == key("wellbeing")
    study = "Sugar-free formulations of the syrup reduced caries incidence in the trial."
    article = "Taking the sugar out of cough syrup protects children's teeth."
    assert _pair(study, article)
    with features(morphology=False):
        assert expand("sugar-free", {}) == ["sugar-free"]


# 2. derivation: a verb and its noun, an adjective in -ive and its noun, are one root


def test_derivational_endings_meet() -> None:
    assert derive("relieve") == derive("relief")
    assert key("protective") == key("protection")
    assert key("contractility") == key("contractile")
    study = "Warm compresses gave relief of tendon pain in office workers within a week."
    article = "A warm compress relieves tendon pain, a trial of office workers shows."
    assert _pair(study, article)


# 3. a letter before a known abbreviation names a kind of it


def test_prefixed_abbreviation_stands_for_the_known_one() -> None:
    assert expand("ICBT", {}) == ["cognitive", "behavioural", "therapy"]
    assert expand("XQZT", {}) == ["XQZT"]  # no known tail: left alone
    study = "ICBT was associated with fewer panic attacks at twelve weeks."
    article = "Online behavioural therapy cuts panic attacks, a new trial says."
    assert _pair(study, article)


# 4. concepts: lay and clinical words of one thing; unrelated senses kept apart


def test_new_concepts_and_split_ones() -> None:
    assert key("preterm") == key("premature")
    assert key("detected") == key("diagnosed")
    assert key("immunoglobulin") == key("immune")
    assert key("hypoglycaemia") == key("diabetic")
    assert key("fatty") == key("fat") != key("obese")
    assert key("neural") == key("brain") != key("mental") != key("cognitive")


# 5. the study's sentence states a result in words the old list lacked


def test_study_result_words_make_a_finding() -> None:
    study = (
        "These measurements in migraine patients support the hypothesis that retinal blood flow "
        "is poorer during attacks."
    )
    article = "Blood flow to the retina drops during a migraine attack, researchers have found."
    assert _pair(study, article)


# 6. a short headline with a base-form verb is a finding of the article


def test_headline_with_a_purpose_verb_is_a_finding() -> None:
    study = "Slow breathing exercises lowered reported anxiety in dental patients before surgery."
    article = "Breathe slowly to ease dental anxiety"
    assert _pair(study, article)


# 7. words that say how much or who reported weigh little: findings of different studies
#    sharing only them stay apart


def test_adverbs_and_reporting_verbs_do_not_align_different_studies() -> None:
    assert adverb("substantially") and adverb("robustly")
    assert not adverb("elderly") and not adverb("early")
    study = "Cycling to work substantially increased commuters' aerobic fitness, we demonstrated."
    article = (
        "A mineral in seawater substantially slows corrosion of ship hulls, engineers demonstrated."
    )
    assert not _pair(study, article)


# 8. adjustment for confounders is how the study was run, not a finding


def test_adjusted_analyses_are_design() -> None:
    result = compare_articles(
        [
            ArticleInput(
                "a",
                "A",
                "The authors adjusted for income, smoking and physical activity, but other "
                "factors may explain part of the link.",
            )
        ],
        PrimaryInput(
            title="S", text="Analyses were adjusted for income, smoking and physical activity."
        ),
    )
    assert not [g for g in result.groups if g.kind == "causal" and "primary" in g.articles]


# 9. one article's causal claims are one group each, whatever their words


def test_one_articles_causal_claims_are_never_grouped_together() -> None:
    body = " ".join(
        f"Green tea lowers blood pressure in group {n} of the volunteers." for n in range(30)
    )
    src = build_source("a", "A", body)
    weights = TermWeights([list(m.terms) for m in src.causal])
    clusters = cluster_by_context(src.causal, weights, "causal")
    assert len(clusters) == len(src.causal) and all(len(c.mentions) == 1 for c in clusters)


# 10. compounds split in claims' contexts only: a quote's rarest words still find its paraphrase


def test_reworded_quote_with_compounds_is_still_found() -> None:
    quoted = ArticleInput(
        "a",
        "A",
        "The trial ran for a year. Lina Ortiz said: “Our trial supports the idea that people "
        "who cannot do weight-bearing exercise, such as patients who are bed-bound or sailors "
        "on long voyages, lose bone density and muscle tone.”",
    )
    reworded = ArticleInput(
        "b",
        "B",
        "The trial ran for a year. The findings support the idea that people who cannot "
        "exercise, such as bedbound patients or sailors at sea for months, lose bone density "
        "and muscle tone, said study author Lina Ortiz.",
    )
    result = compare_articles([quoted, reworded])
    quotes = [g for g in result.groups if g.kind == "quote" and {"a", "b"} <= set(g.articles)]
    assert quotes and quotes[0].discrepancy
