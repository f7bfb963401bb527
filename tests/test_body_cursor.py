"""The body's sentence cursor and its claim index, as plain classes (no Pilot, no app)."""

from __future__ import annotations

from legreader.claims import sentences
from legreader.claims.chunking import fit_sentences
from legreader.claims.model import Category, ClaimSpan
from legreader.corpus.blocks import parse_blocks
from legreader.ui.body.cursor import ClaimIndex, SentenceCursor

TEXT = "First one. Second one here.\n\nThird sentence. Fourth sentence. Fifth.\n\nSixth and last."


def _cursor(text: str = TEXT) -> SentenceCursor:
    cursor = SentenceCursor()
    blocks = parse_blocks(text)
    cursor.reset(blocks)
    cursor.set_sentences(fit_sentences(sentences(text), blocks, text))
    return cursor


def _said(cursor: SentenceCursor, text: str = TEXT) -> str | None:
    selection = cursor.selection
    return None if selection is None else text[selection[0] : selection[1]]


def _never() -> int:
    raise AssertionError("the view is asked only when nothing is selected")


def test_sentences_fitted_to_blocks_cover_the_text_trimmed() -> None:
    cursor = _cursor()
    said = [TEXT[a:z] for a, z in cursor.sentences]
    assert said == [
        "First one.",
        "Second one here.",
        "Third sentence.",
        "Fourth sentence.",
        "Fifth.",
        "Sixth and last.",
    ]


def test_until_the_sentences_come_the_cursor_moves_by_blocks() -> None:
    cursor = SentenceCursor()
    cursor.reset(parse_blocks(TEXT))
    cursor.select(*cursor.next_sentence(lambda: 0))
    assert _said(cursor) == "First one. Second one here."


def test_j_from_nothing_starts_at_the_view_then_steps_and_stops_at_the_end() -> None:
    cursor = _cursor()
    cursor.select(*cursor.next_sentence(lambda: 2))
    assert _said(cursor) == "Third sentence."
    for _ in range(10):
        cursor.select(*cursor.next_sentence(_never))
    assert _said(cursor) == "Sixth and last."


def test_k_from_nothing_starts_at_the_bottom_of_the_view_and_stops_at_the_start() -> None:
    cursor = _cursor()
    cursor.select(*cursor.previous_sentence(lambda: 4))
    assert _said(cursor) == "Fifth."
    for _ in range(10):
        cursor.select(*cursor.previous_sentence(_never))
    assert _said(cursor) == "First one."


def test_extend_down_then_up_past_the_anchor() -> None:
    cursor = _cursor()
    cursor.select(2, 2)
    cursor.select(*cursor.extend_down())
    assert _said(cursor) == "Third sentence. Fourth sentence."
    assert not cursor.head_first
    cursor.select(*cursor.extend_up())
    cursor.select(*cursor.extend_up())
    assert _said(cursor) == "Second one here.\n\nThird sentence."
    assert cursor.head_first and (cursor.anchor, cursor.head) == (2, 1)


def test_j_after_an_extended_selection_goes_past_its_end() -> None:
    cursor = _cursor()
    cursor.select(3, 1)
    cursor.select(*cursor.next_sentence(_never))
    assert _said(cursor) == "Fifth."
    cursor.select(1, 3)
    cursor.select(*cursor.previous_sentence(_never))
    assert _said(cursor) == "First one."


def test_paragraph_keys() -> None:
    cursor = _cursor()
    move = cursor.whole_paragraph(lambda: 3)
    assert move is not None
    cursor.select(*move)
    assert _said(cursor) == "Third sentence. Fourth sentence. Fifth."
    move = cursor.next_paragraph(_never)
    assert move is not None
    cursor.select(*move)
    assert _said(cursor) == "Sixth and last."
    move = cursor.previous_paragraph(_never)  # at the paragraph's start: the one before
    assert move is not None
    cursor.select(*move)
    assert _said(cursor) == "Third sentence."
    cursor.select(4, 4)
    move = cursor.previous_paragraph(_never)  # inside it: its own start
    assert move is not None
    cursor.select(*move)
    assert _said(cursor) == "Third sentence."


def test_paragraph_keys_without_text_do_nothing() -> None:
    cursor = SentenceCursor()
    assert cursor.next_paragraph(_never) is None
    assert cursor.previous_paragraph(_never) is None
    assert cursor.whole_paragraph(_never) is None
    assert cursor.selection is None


def test_sentence_at_clamps_and_refit_keeps_the_text_selected() -> None:
    cursor = SentenceCursor()
    blocks = parse_blocks(TEXT)
    cursor.reset(blocks)
    assert cursor.sentence_at(-5) == 0
    assert cursor.sentence_at(len(TEXT) + 5) == len(cursor.sentences) - 1
    cursor.select(*cursor.covering(TEXT.index("Fourth"), TEXT.index("Fourth") + 3))
    assert _said(cursor) == "Third sentence. Fourth sentence. Fifth."  # a block, for now
    cursor.refit(fit_sentences(sentences(TEXT), blocks, TEXT))
    assert _said(cursor) == "Third sentence. Fourth sentence. Fifth."
    assert (cursor.anchor, cursor.head) == (2, 4)


def _claim(text: str, phrase: str, category: Category, flags: tuple[str, ...] = ()) -> ClaimSpan:
    start = text.index(phrase)
    end = start + len(phrase)
    return ClaimSpan(start, end, phrase, category, "test", flags=flags)


def _claims() -> ClaimIndex:
    spans = [
        _claim(TEXT, "Second", "hedge"),
        _claim(TEXT, "Third", "causal", ("animal-to-human",)),
        _claim(TEXT, "Fourth", "hedge"),
        _claim(TEXT, "Fourth sentence", "statistic"),
        _claim(TEXT, "Sixth", "causal"),
    ]
    return ClaimIndex(sorted(spans, key=lambda c: c.start), ready=True)


def test_claim_index_counts_and_finds_what_reaches_a_selection() -> None:
    claims = _claims()
    assert claims.counts == {"hedge": 2, "causal": 2, "statistic": 1}
    assert claims.any_shown({"causal"}) and not claims.any_shown({"advice"})
    third = (TEXT.index("Third"), TEXT.index("Fifth."))
    under = claims.under(third, {"hedge", "causal", "statistic"})
    assert under is not None and under.text == "Third"
    assert claims.flags_under(third, {"causal"}) == ["animal-to-human"]
    assert claims.flags_under(third, {"hedge"}) == []
    last = (TEXT.index("Sixth"), len(TEXT))
    assert claims.under(last, {"hedge"}) is None


def test_claim_stops_step_by_start_and_skip_hidden_categories() -> None:
    cursor = _cursor()
    claims = _claims()
    every = {"hedge", "causal", "statistic"}
    seen: list[str] = []
    while (index := cursor.claim_stop(claims, +1, every, len(TEXT))) is not None:
        cursor.claim = index
        seen.append(claims.claims[index].text)
    # "Fourth" and "Fourth sentence" start at one offset: one stop.
    assert seen == ["Second", "Third", "Fourth", "Sixth"]
    cursor.claim = None
    cursor.select(None, None)
    back = cursor.claim_stop(claims, -1, {"hedge"}, len(TEXT))
    assert back is not None and claims.claims[back].text == "Fourth"
    cursor.select(1, 1)  # from the selection's start when no claim was reached
    ahead = cursor.claim_stop(claims, +1, {"causal"}, len(TEXT))
    assert ahead is not None and claims.claims[ahead].text == "Third"
    assert cursor.claim_stop(claims, +1, {"advice"}, len(TEXT)) is None


def test_the_cursor_and_the_search_state_import_without_textual() -> None:
    import json
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src"
    probe = (
        "import json, sys; import legreader.ui.body.cursor, legreader.ui.body.search_state;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out) == []
