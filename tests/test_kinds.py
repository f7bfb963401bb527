"""The closed sets of strings that cross module boundaries: each defined once, and the strings
that the type checker cannot see (binding action arguments) are checked against them here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

import pytest
from textual.actions import parse
from textual.binding import Binding, BindingType

from legreader.cite.formats import FORMATS
from legreader.cite.transfer import EXPORT_FORMATS
from legreader.claims.model import CATEGORIES, STRENGTHS, Category, Strength
from legreader.corpus.loader import SORT_KEYS
from legreader.store.annotation_store import MODES
from legreader.store.model import VERDICTS
from legreader.ui.annotations_panel import AnnotationsPanel, PanelRequestKind
from legreader.ui.article_body import ArticleBody
from legreader.ui.kinds import AnnotateKind
from legreader.ui.marks import VERDICT_KEYS


def _arguments(bindings: Sequence[BindingType], action: str) -> list[object]:
    """The first argument of every binding to ``action``."""
    found = []
    for binding in bindings:
        assert isinstance(binding, Binding)
        _, name, args = parse(binding.action)
        if name == action:
            found.append(args[0])
    return found


def test_body_annotate_bindings_use_known_kinds() -> None:
    kinds = _arguments(ArticleBody.BINDINGS, "annotate")
    assert kinds, "the body's annotate bindings moved: update this test"
    assert set(kinds) <= set(get_args(AnnotateKind))


def test_panel_request_bindings_use_known_kinds() -> None:
    kinds = _arguments(AnnotationsPanel.BINDINGS, "request")
    assert kinds
    assert set(kinds) <= set(get_args(PanelRequestKind))


@pytest.mark.parametrize(
    "values",
    [CATEGORIES, STRENGTHS, SORT_KEYS, FORMATS, MODES, VERDICTS],
)
def test_vocabularies_have_no_duplicates(values: tuple[str, ...]) -> None:
    assert len(set(values)) == len(values) and all(isinstance(v, str) for v in values)


def test_compare_filters_agree() -> None:
    from legreader.compare.engine import FILTERS, CompareFilter
    from legreader.ui.compare_screen import FILTER_ORDER, CompareScreen

    assert FILTER_ORDER == get_args(CompareFilter) == tuple(FILTERS)
    assert set(_arguments(CompareScreen.BINDINGS, "set_filter")) <= set(FILTER_ORDER)


def test_one_definition_each() -> None:
    assert CATEGORIES == get_args(Category) and STRENGTHS == get_args(Strength)
    assert EXPORT_FORMATS is FORMATS
    assert VERDICT_KEYS == VERDICTS  # marks keeps its own copy (startup: no store import)
