"""Cross-article comparison: alignment, discrepancies, grid, signals, rendering."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legreader.compare import (
    ArticleInput,
    PrimaryInput,
    compare_articles,
    render_compare,
)
from legreader.compare.engine import CompareResult
from legreader.compare.model import Item
from legreader.compare.values import agree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import compare_eval  # noqa: E402


def _q(
    value: float,
    unit: str | None,
    low: float | None = None,
    high: float | None = None,
    approx: bool = False,
    article: str = "a",
) -> Item:
    return Item(
        article, 0, 1, "x", "quantity", value=value, unit=unit, low=low, high=high, approx=approx
    )


@pytest.mark.parametrize("gold", compare_eval.GOLDS, ids=lambda p: p.stem)
def test_gold_discrepancies_all_found(gold: Path) -> None:
    report = compare_eval.evaluate(gold)
    assert report["recall"] == 1.0, report["missed"]
    assert report["precision_reviewed"] == 1.0, report["unmatched"]
    assert report["agreement_recall"] == 1.0


def test_ranges_approximations_and_units() -> None:
    assert agree(_q(60, "%", 50, 70), _q(70, "%"))
    assert agree(_q(50, "%", approx=True), _q(53, "%"))
    assert not agree(_q(70, "%"), _q(20, "%"))
    assert not agree(_q(6, "weeks"), _q(6, "months"))
    assert agree(_q(6, "weeks"), _q(42, "days"))
    assert not agree(_q(1, "genes"), _q(2, "genes"))
    assert not agree(_q(1200, "participants"), _q(12000, "participants"))


@given(st.floats(0.1, 1e6), st.floats(0.1, 1e6), st.booleans())
def test_agreement_is_symmetric(a: float, b: float, approx: bool) -> None:
    x, y = _q(a, "%", approx=approx), _q(b, "%")
    assert agree(x, y) == agree(y, x)


BODY_A = (
    "The trial enrolled 1,200 participants. Half of them took the drug.\n\n"
    '"This is a careful result and we are pleased with it," said lead author Maria Rossi.'
)
BODY_B = (
    "Doctors enrolled 12,000 participants in the trial.\n\n"
    '"This is a careful result and we are delighted with it," said Rossi.'
)
BODY_C = "The trial enrolled 1,200 participants, the report says."


def _result() -> CompareResult:
    articles = [
        ArticleInput("a", "Alpha", BODY_A),
        ArticleInput("b", "Beta", BODY_B),
        ArticleInput("c", "Gamma", BODY_C),
    ]
    return compare_articles(articles, None)


def test_count_discrepancy_and_cells() -> None:
    result = _result()
    group = next(g for g in result.discrepancies if g.kind == "quantity")
    assert {it.article for it in group.items} == {"a", "b", "c"}
    assert group.reference_source == "majority"
    assert group.cells["a"].state == "agrees" and group.cells["b"].state == "differs"
    for item in group.items:  # offsets point into the article body
        assert result.bodies[item.article][item.start : item.end] == item.text


def test_quote_word_diff() -> None:
    group = next(g for g in _result().groups if g.kind == "quote")
    assert group.discrepancy
    ops = group.diffs[0]["ops"]
    assert {"op": "replace", "a": "pleased", "b": "delighted"} in ops


def test_grid_filters_and_states() -> None:
    result = _result()
    grid = result.grid()
    assert [c.id for c in grid.columns] == ["a", "b", "c"]
    assert all(len(row.cells) == 3 for row in grid.rows)
    assert {cell.state for row in grid.rows for cell in row.cells} <= {
        "agrees",
        "differs",
        "missing",
        "extra",
    }
    assert all(row.group.discrepancy for row in result.grid("discrepancies").rows)
    assert all(row.group.kind == "quote" for row in result.grid("quotes").rows)
    assert all(row.group.kind == "quantity" for row in result.grid("quantities").rows)
    quote_row = result.grid("quotes").rows[0]
    assert quote_row.cells[2].state == "missing"


def test_primary_is_the_reference_and_signals() -> None:
    primary = PrimaryInput(
        title="A careful trial of things",
        authors=("Maria Rossi",),
        journal="Journal of Things",
        doi="10.1234/jot.5",
        text="The trial enrolled 12,000 participants.",
    )
    body = "The study, published in the Journal of Things (doi 10.1234/jot.5), enrolled 1,200 participants."
    result = compare_articles(
        [ArticleInput("a", "Alpha", body), ArticleInput("b", "Beta", BODY_C)], primary
    )
    group = next(g for g in result.discrepancies if g.kind == "quantity")
    assert group.reference_source == "primary" and group.cells["a"].state == "differs"
    signals = result.signals["a"]
    assert signals["cites_primary"]["value"] is True
    assert any("doi" in e for e in signals["cites_primary"]["evidence"])
    assert signals["differs_from_primary"]["value"] == 1


def test_render_json_shape_and_text() -> None:
    result = _result()
    data = json.loads(render_compare(result, "json"))
    assert set(data) == {"groups", "articles"}
    group = data["groups"][0]
    assert {"id", "kind", "measure", "discrepancy", "items"} <= set(group)
    assert {"article", "start", "end", "text"} <= set(group["items"][0])
    assert {a["id"] for a in data["articles"]} == {"a", "b", "c"}
    text = render_compare(result, "text")
    assert (
        text.startswith("SOURCES")
        and "DISCREPANCIES" in text
        and "Alpha" in text
        and "Beta" in text
    )
    with pytest.raises(ValueError):
        render_compare(result, "xml")


def test_empty_and_degenerate_inputs() -> None:
    assert compare_articles([], None).groups == []
    result = compare_articles(
        [ArticleInput("x", "", ""), ArticleInput("y", "[/] \x1b]52;c;", "no numbers here")], None
    )
    assert result.discrepancies == []
    render_compare(result, "text")


def test_compare_modules_do_not_import_textual() -> None:
    code = "import sys, legreader.compare; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
