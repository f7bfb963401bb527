"""The primary record is the reference wherever it speaks; one article beside its study compares."""

from __future__ import annotations

import json

from legreader.compare import ArticleInput, PrimaryInput, compare_articles, render_compare

STUDY = PrimaryInput(
    title="Walnuts and the heart",
    text="Walnut intake was associated with a lower risk of heart failure. We enrolled 400 adults.",
)


def test_one_article_and_the_primary_compare_fully() -> None:
    primary = PrimaryInput(
        title="Nuts",
        text="Nut consumption was associated with a lower risk of coronary heart disease.",
    )
    article = ArticleInput(
        "a", "Press", "Eating nuts lowers the risk of coronary heart disease, a study finds."
    )
    result = compare_articles([article], primary)
    group = next(g for g in result.groups if g.kind == "causal")
    assert {it.article for it in group.items} == {"primary", "a"}
    assert group.reference_source == "primary" and group.discrepancy
    press = next(it for it in group.items if it.article == "a")
    assert press.verdict == "differs" and press.direction == "stronger"
    assert group.cells["a"].state == "differs"


def test_what_the_study_does_not_say_is_not_in_study_never_agrees() -> None:
    articles = [
        ArticleInput(x, x.upper(), "Eating walnuts cut the risk of heart failure by 30 percent.")
        for x in ("a", "b", "c")
    ] + [ArticleInput("d", "D", "Eating walnuts cut the risk of heart failure by 5 percent.")]
    result = compare_articles(articles, STUDY)
    group = next(g for g in result.groups if g.kind == "quantity" and g.items[0].unit == "%")
    assert group.study_silent and group.reference_source == "majority"
    assert {it.verdict for it in group.items} == {"not_in_study"}
    assert group.discrepancy  # the articles still disagree with each other
    assert group.cells["a"].state == "not_in_study"
    assert group.cells["d"].state == "differs"
    assert all(cell.state != "agrees" for cell in group.cells.values())


def test_a_primary_that_speaks_decides_agrees_and_differs() -> None:
    articles = [
        ArticleInput("a", "A", "The study enrolled 400 adults and tracked walnut intake."),
        ArticleInput("b", "B", "The study enrolled 4,000 adults and tracked walnut intake."),
    ]
    result = compare_articles(articles, STUDY)
    group = next(g for g in result.groups if g.kind == "quantity")
    verdicts = {it.article: it.verdict for it in group.items}
    assert verdicts == {"primary": "agrees", "a": "agrees", "b": "differs"}
    assert group.reference_source == "primary"


def test_without_primary_the_majority_is_the_reference_or_none() -> None:
    body = "The trial enrolled {} participants."
    majority = compare_articles(
        [ArticleInput(x, x, body.format(n)) for x, n in (("a", 50), ("b", 50), ("c", 90))]
    )
    group = next(g for g in majority.groups if g.kind == "quantity")
    assert group.reference_source == "majority" and not group.study_silent
    assert {it.article: it.verdict for it in group.items} == {
        "a": "agrees", "b": "agrees", "c": "differs"
    }  # fmt: skip
    tie = compare_articles([ArticleInput(x, x, body.format(n)) for x, n in (("a", 50), ("b", 90))])
    group = next(g for g in tie.groups if g.kind == "quantity")
    assert group.reference_source is None
    assert {it.verdict for it in group.items} == {"no_reference"}


def test_json_has_verdicts_and_reference() -> None:
    article = ArticleInput("a", "A", "Eating walnuts cut the risk of heart failure by 30 percent.")
    data = json.loads(render_compare(compare_articles([article], STUDY), "json"))
    assert data["groups"]
    for group in data["groups"]:
        assert group["reference"] in ("primary", "majority", None)
        assert "label" in group and "measure" in group and "discrepancy" in group
        for item in group["items"]:
            assert item["verdict"] in ("agrees", "differs", "not_in_study", "no_reference")


def test_cli_one_article_beside_its_primary(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from legreader.cli.program import main

    (tmp_path / "primary.md").write_text(
        "---\nkind: primary\ntitle: Nuts and the heart\n---\n"
        "Nut consumption was associated with a lower risk of coronary heart disease.\n",
        encoding="utf-8",
    )
    (tmp_path / "press.md").write_text(
        "Eating nuts lowers the risk of coronary heart disease, a study finds.\n", encoding="utf-8"
    )
    assert main(["compare", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["groups"], "one article and its primary must compare"
    group = data["groups"][0]
    assert group["reference"] == "primary"
    assert {item["verdict"] for item in group["items"]} == {"agrees", "differs"}


def test_one_article_quantities_against_the_study() -> None:
    study = PrimaryInput(title="S", text="The trial lasted 6 months and enrolled 95 volunteers.")
    article = ArticleInput("a", "A", "Researchers recruited 95 volunteers for a six-month trial.")
    result = compare_articles([article], study)
    shared = [g for g in result.groups if {it.article for it in g.items} == {"primary", "a"}]
    assert len(shared) == 2
    assert all(it.verdict == "agrees" for g in shared for it in g.items)


def test_sample_corpus_the_70_percent_is_not_in_the_study() -> None:
    from pathlib import Path

    from legreader.compare import inputs_from_corpus
    from legreader.corpus.loader import load_corpus

    root = Path(__file__).resolve().parent.parent / "sample_corpus"
    articles, primary = inputs_from_corpus(load_corpus([root]))
    result = compare_articles(articles, primary)
    group = next(
        g for g in result.groups if g.kind == "quantity" and any(it.value == 70 for it in g.items)
    )
    assert group.study_silent and group.discrepancy  # 70 % against 20 %, the study silent
    assert {it.verdict for it in group.items} == {"not_in_study"}
    assert "agrees" not in {cell.state for cell in group.cells.values()}
    venue = next(g for g in result.groups if g.kind == "claim")
    assert venue.reference_source == "primary"
    assert {it.verdict for it in venue.items} == {"agrees", "differs"}
