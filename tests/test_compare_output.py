"""Readable compare output: row labels, plurals, venue names, no ``None`` in the text report."""

from __future__ import annotations

import json

from legreader.compare import ArticleInput, PrimaryInput, compare_articles, render_compare
from legreader.compare.values import label


def test_causal_row_label_is_subject_and_outcome_not_keywords() -> None:
    primary = PrimaryInput(
        title="Nuts",
        text="Nut consumption was associated with a lower risk of coronary heart disease.",
    )
    article = ArticleInput("a", "A", "Eating nuts lowers the risk of coronary heart disease.")
    group = compare_articles([article], primary).groups[0]
    assert group.label == "nut consumption and coronary heart disease"
    assert group.measure  # the old measure stays in the JSON


def test_quantity_labels_name_the_measure_or_the_noun_phrase() -> None:
    articles = [
        ArticleInput(
            "a",
            "A",
            "The trial enrolled 1,200 participants. Sleep loss caused a 30% drop in memory.",
        ),
        ArticleInput(
            "b",
            "B",
            "Researchers enrolled 1,200 participants. Sleep loss caused a 30% drop in memory.",
        ),
    ]
    labels = {g.label for g in compare_articles(articles).groups if g.kind == "quantity"}
    assert "sample size" in labels
    assert "drop in memory" in labels


def test_plurals_and_singulars() -> None:
    assert label(1.0, "genes") == "1 gene"
    assert label(2.0, "genes") == "2 genes"
    assert label(1.0, "years") == "1 year"
    assert label(1.0, "stress hormones") == "1 stress hormone"
    assert label(1.0, "%") == "1 %"


def test_venue_stops_at_the_end_of_its_sentence() -> None:
    articles = [
        ArticleInput(
            "a", "A", "It was published in the Journal of Applied Physiology. Researchers said so."
        ),
        ArticleInput("b", "B", "It appeared in the Journal of Applied Physiology on Monday."),
    ]
    group = next(g for g in compare_articles(articles).groups if g.kind == "claim")
    assert {it.text for it in group.items} == {"Journal of Applied Physiology"}


def test_text_report_has_no_none_and_names_sources_by_title() -> None:
    articles = [
        ArticleInput(
            "id-aaaa", "Walnuts help the heart", "The study followed 90 adults for 2 years."
        ),
        ArticleInput("id-bbbb", "Heart news today", "The study followed 60 adults for 2 years."),
    ]
    text = render_compare(compare_articles(articles), "text")
    assert "None" not in text and "True" not in text and "False" not in text
    assert "Walnuts help the heart" in text.split("DISCREPANCIES", 1)[1]
    data = json.loads(render_compare(compare_articles(articles), "json"))
    assert all(g["label"] for g in data["groups"])
