"""Which style goes where on the body's text, and what is drawn into it: plain functions and
classes (no Pilot). Styles are stand-ins looked up by component-class name."""

from __future__ import annotations

from rich.style import Style

from legreader.claims.model import ClaimSpan
from legreader.corpus.blocks import parse_blocks
from legreader.ui.article_text import Adornment
from legreader.ui.body.cursor import ClaimIndex
from legreader.ui.body.decorations import (
    MAX_MARKS_PER_BLOCK,
    Mark,
    MarkIndex,
    chip_style,
    decorate,
    gutter_style,
)
from legreader.ui.body.search_state import SearchState

TEXT = "Coffee cures sleep. Tea does not.\n\nA second paragraph here."
BLOCKS = parse_blocks(TEXT)
STYLES = {
    name: Style(color=f"color({i})")
    for i, name in enumerate(
        [
            "claim--causal",
            "body--flag",
            "passage--misleading",
            "body--marked",
            "body--match",
            "body--match-current",
            "body--selection",
            "body--current-claim",
            "verdict--misleading",
            "verdict--false",
            "gutter--marked",
        ]
    )
}


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _named(decorations: list[tuple[int, int, Style]]) -> list[tuple[str, str]]:
    names = {style: name for name, style in STYLES.items()}
    return [(TEXT[a:z], names.get(style, "?")) for a, z, style in decorations]


def test_layers_in_order_weakest_first() -> None:
    cures = ClaimSpan(*_at("cures"), "cures", "causal", "verb", flags=("animal-to-human",))
    hedge = ClaimSpan(*_at("does not"), "does not", "hedge", "test")
    claims = ClaimIndex([cures, hedge], ready=True)
    marks = MarkIndex()
    marks.set([Mark("m", *_at("Tea does"), "misleading", False, ())], BLOCKS)
    search = SearchState()
    search.start([_at("Coffee"), _at("Tea")])
    search.go(1)
    block = BLOCKS[0]
    out = decorate(
        block,
        marks.spans(0, block),
        styles=STYLES,
        claims=claims,
        highlights_on=True,
        enabled={"causal"},  # the hedge is not shown
        search=search,
        selection=_at("Coffee cures sleep."),
        current_claim=0,
    )
    assert _named(out) == [
        ("cures", "claim--causal"),
        ("cures", "body--flag"),
        ("Tea does", "passage--misleading"),
        ("Coffee", "body--match"),
        ("Tea", "body--match-current"),
        ("Coffee cures sleep.", "body--selection"),
        ("cures", "body--current-claim"),
    ]
    off = decorate(
        block,
        [],
        styles=STYLES,
        claims=claims,
        highlights_on=False,
        enabled={"causal"},
        search=SearchState(),
        selection=None,
        current_claim=0,
    )
    assert off == []  # no highlights, and the claim reached shows only inside a selection
    assert (
        decorate(
            BLOCKS[1],
            [],
            styles=STYLES,
            claims=claims,
            highlights_on=True,
            enabled={"causal"},
            search=search,
            selection=None,
            current_claim=None,
        )
        == []
    )


def test_marks_by_block_say_which_blocks_changed_and_what_is_drawn_into_them() -> None:
    marks = MarkIndex()
    first = Mark("a", *_at("Tea does not."), "misleading", True, ("x",))
    assert marks.set([first], BLOCKS) == [0]
    assert marks.set([first], BLOCKS) == []  # nothing changed: nothing to redraw
    across = Mark("b", *_at("not.\n\nA second"), None, False, ())
    assert marks.set([first, across], BLOCKS) == [0, 1]
    start, end = _at("Tea does not.")
    block_start = BLOCKS[0].start
    assert marks.adornments(0, BLOCKS) == [
        Adornment(start - block_start, "!", "chip--misleading"),
        Adornment(start - block_start, " ", "passage--misleading"),
        Adornment(end - block_start, "✎", "mark--note"),
        Adornment(end - block_start, "#", "mark--tag"),
    ]
    assert marks.adornments(1, BLOCKS) == []  # an unjudged mark: no chip
    assert marks.spans(1, BLOCKS[1]) == [(BLOCKS[1].start, _at("A second")[1], None)]


def test_very_many_marks_on_a_block_are_drawn_as_runs_per_verdict() -> None:
    start, end = _at("Coffee cures sleep.")
    many = [
        Mark(str(i), start + i % 5, end, "misleading", True, ())
        for i in range(MAX_MARKS_PER_BLOCK + 1)
    ]
    marks = MarkIndex()
    marks.set(many, BLOCKS)
    assert marks.spans(0, BLOCKS[0]) == [(start, end, "misleading")]
    assert [a.style for a in marks.adornments(0, BLOCKS)] == [
        "chip--misleading",
        "passage--misleading",
    ]  # one chip for the run, no note markers


def test_chip_and_gutter_styles() -> None:
    assert chip_style(STYLES, "chip--misleading") == STYLES["verdict--misleading"] + Style(
        reverse=True
    )
    assert chip_style(STYLES, "mark--note") == Style()
    assert gutter_style(STYLES, ["misleading", "false", None]) == STYLES["verdict--false"]
    assert gutter_style(STYLES, [None]) == STYLES["gutter--marked"]
