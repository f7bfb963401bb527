"""Findings aligned by meaning (own sentences): lemmas, abbreviations, concepts, the reporting
frame, and the exaggeration directions against the study."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legreader.compare import ArticleInput, PrimaryInput, compare_articles
from legreader.compare.meaning import defined_abbreviations, expand, key


def _pair(study: str, article: str):  # type: ignore[no-untyped-def]
    result = compare_articles(
        [ArticleInput("a", "A", article)], PrimaryInput(title="S", text=study)
    )
    return [g for g in result.groups if g.kind == "causal" and {"primary", "a"} <= set(g.articles)]


def test_meaning_keys_meet_across_wording() -> None:
    assert key("mortality") == key("deaths") == key("died")
    assert key("eating") == key("consumption") == key("intake")
    assert key("mice") == key("mouse")
    assert key("children") == key("kids")


def test_abbreviations_defined_in_the_text_and_common_ones() -> None:
    defined = defined_abbreviations(
        "Rates of chronic kidney disease (CKD) and body mass index (BMI)."
    )
    assert defined["ckd"] == "chronic kidney disease" and defined["bmi"] == "body mass index"
    assert expand("CHD", {}) == ["coronary", "heart", "disease"]
    assert expand("chd", {}) == ["chd"]  # only written as an abbreviation


@pytest.mark.parametrize(
    ("study", "article", "direction"),
    [
        (
            "Walnut intake was associated with lower mortality among older women.",
            "Eating walnuts reduces the death rate of older women, a new study finds.",
            "stronger",
        ),
        (
            "Higher coffee consumption was associated with a lower risk of CHD.",
            "Drinking coffee may protect against coronary heart disease, researchers say.",
            "stronger",
        ),
        (
            "Daily aspirin did not reduce the risk of stroke in adults over 70.",
            "Daily aspirin reduces the risk of stroke in adults over 70.",
            "negation dropped",
        ),
        (
            "Regular sauna bathing reduced systolic blood pressure in hypertensive adults.",
            "Sauna sessions were linked to lower blood pressure in adults with hypertension.",
            "weaker",
        ),
    ],
)
def test_a_paraphrased_finding_meets_the_study_and_its_direction_is_shown(
    study: str, article: str, direction: str
) -> None:
    (group,) = _pair(study, article)
    press = next(it for it in group.items if it.article == "a")
    assert press.verdict == "differs" and press.direction == direction
    assert group.discrepancy == (direction in ("stronger", "negation dropped"))


def test_findings_of_different_studies_do_not_meet() -> None:
    assert not _pair(
        "Walnut intake was associated with lower mortality among older women.",
        "Teenagers who play video games sleep less on school nights, a survey shows.",
    )


def test_the_same_strength_agrees_and_the_design_bounds_unstated_claims() -> None:
    (group,) = _pair(
        "Night-shift work was associated with a higher risk of type 2 diabetes.",
        "Working night shifts is linked to a higher risk of type 2 diabetes, the study found.",
    )
    assert {it.verdict for it in group.items} == {"agrees"}
    study = PrimaryInput(
        title="S",
        text="Tea drinkers slept longer. The design shows an association, not causation.",
    )
    articles = [
        ArticleInput("a", "A", "Green tea cures insomnia in older people."),
        ArticleInput("b", "B", "Green tea cures insomnia in older people, experts claim."),
    ]
    result = compare_articles(articles, study)
    bounded = [g for g in result.groups if g.kind == "causal" and g.study_silent]
    assert bounded and all(
        it.direction == "stronger" for g in bounded for it in g.items if it.article != "primary"
    )


def test_a_caveat_is_not_a_finding() -> None:
    assert not _pair(
        "Swimmers slept longer than non-swimmers.",
        "The study cannot show that swimming itself makes people sleep longer.",
    )


def test_the_lexical_resources_load_only_when_compare_runs() -> None:
    code = (
        "import sys, legreader.compare; "
        "print(any(m in sys.modules for m in ('simplemma', 'spellchecker')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_compare_real_benchmark_skips_clearly_without_the_shared_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import compare_real

    assert compare_real.main(["--pairs", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out
