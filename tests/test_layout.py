"""Unit tests for legreader.corpus.blocks.parse_blocks: display blocks with exact body offsets.

Offsets matter: claims, selections and annotations are body offsets, so
``body[b.start:b.end]`` must be exactly the visible text of each block (RELIABILITY case 16:
highlights on the right characters).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legreader.corpus.blocks import MAX_BLOCK_CHARS, Block, block_index_at, parse_blocks


def visible(body: str, blocks: list[Block]) -> list[tuple[str, str]]:
    return [(b.kind, body[b.start : b.end]) for b in blocks]


def assert_well_formed(body: str, blocks: list[Block]) -> None:
    previous_end = 0
    for b in blocks:
        assert 0 <= b.start < b.end <= len(body), b
        assert b.start >= previous_end, "blocks overlap or are out of order"
        previous_end = b.end


# ---------------------------------------------------------------------------
# Headings
# ---------------------------------------------------------------------------


def test_headings_with_levels() -> None:
    body = "# One\n\n## Two\n### Three\n###### Six\n"
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [
        ("heading", "One"),
        ("heading", "Two"),
        ("heading", "Three"),
        ("heading", "Six"),
    ]
    assert [b.level for b in blocks] == [1, 2, 3, 6]


def test_heading_trailing_spaces_not_in_span() -> None:
    body = "#\tTabbed heading   \nnext"
    blocks = parse_blocks(body)
    assert visible(body, blocks)[0] == ("heading", "Tabbed heading")


def test_hash_without_space_is_not_a_heading() -> None:
    body = "#hashtag starts this line\n#"
    blocks = parse_blocks(body)
    assert [b.kind for b in blocks] == ["paragraph"]
    assert body[blocks[0].start : blocks[0].end] == body


def test_seven_hashes_is_not_a_heading_level_7() -> None:
    body = "####### not a heading"
    blocks = parse_blocks(body)
    assert all(not (b.kind == "heading" and b.level > 6) for b in blocks)


def test_heading_closes_open_paragraph() -> None:
    body = "para line\n# Heading\nmore"
    assert visible(body, parse_blocks(body)) == [
        ("paragraph", "para line"),
        ("heading", "Heading"),
        ("paragraph", "more"),
    ]


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


def test_paragraphs_separated_by_blank_lines() -> None:
    body = "First para line one\nline two.\n\n\nSecond para.\n   \nThird."
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [
        ("paragraph", "First para line one\nline two."),
        ("paragraph", "Second para."),
        ("paragraph", "Third."),
    ]


def test_paragraph_offsets_skip_indentation_and_trailing_space() -> None:
    body = "   indented start\nend of para   \n"
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [("paragraph", "indented start\nend of para")]


def test_block_text_replaces_newlines_and_tabs_keeping_length() -> None:
    body = "one\ntwo\tthree"
    (block,) = parse_blocks(body)
    assert block.text(body) == "one two three"
    assert len(block.text(body)) == block.end - block.start


def test_empty_and_blank_bodies() -> None:
    assert parse_blocks("") == []
    assert parse_blocks("\n\n  \n\t\n") == []


def test_seed_like_article_text() -> None:
    body = (
        "top of page\n\nLeg Exercise Critical to Brain and Nervous System Health\n\n"
        "Updated: Jun 24, 2021\n\nGround-breaking research … limited.\n"
    )
    blocks = parse_blocks(body)
    assert [t for _, t in visible(body, blocks)] == [
        "top of page",
        "Leg Exercise Critical to Brain and Nervous System Health",
        "Updated: Jun 24, 2021",
        "Ground-breaking research … limited.",
    ]


# ---------------------------------------------------------------------------
# List items
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["•", "-", "*", "+", "1.", "2)", "10.", "‣", "◦", "▪", "●"])
def test_list_item_markers(marker: str) -> None:
    body = f"{marker} the item text"
    (block,) = parse_blocks(body)
    assert block.kind == "item"
    assert block.marker == marker
    assert body[block.start : block.end] == "the item text"


def test_bullets_like_sample_article_003() -> None:
    body = (
        "• Not using legs results in 20% fewer stem cells produced.\n"
        "  • Protective cells didn’t mature when legs weren’t used.\n"
        "  • Reduction in signals sent to the brain..\n"
        "\n"
        "Don’t skip leg day!"
    )
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [
        ("item", "Not using legs results in 20% fewer stem cells produced."),
        ("item", "Protective cells didn’t mature when legs weren’t used."),
        ("item", "Reduction in signals sent to the brain.."),
        ("paragraph", "Don’t skip leg day!"),
    ]
    assert [b.level for b in blocks[:3]] == [0, 1, 1]
    assert {b.marker for b in blocks[:3]} == {"•"}


def test_numbered_list() -> None:
    body = "Steps:\n1. first\n2. second\n3) third\n"
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [
        ("paragraph", "Steps:"),
        ("item", "first"),
        ("item", "second"),
        ("item", "third"),
    ]
    assert [b.marker for b in blocks[1:]] == ["1.", "2.", "3)"]


def test_indented_continuation_joins_the_item() -> None:
    body = "- first item\n  continues here\n- second"
    blocks = parse_blocks(body)
    assert visible(body, blocks) == [
        ("item", "first item\n  continues here"),
        ("item", "second"),
    ]


def test_unindented_line_after_item_starts_paragraph() -> None:
    body = "- item\nnot part of it"
    assert visible(body, parse_blocks(body)) == [("item", "item"), ("paragraph", "not part of it")]


@pytest.mark.parametrize(
    "body",
    [
        "1.5 percent rise in cells",
        "2018. was the year",
        "-x not a bullet",
        "*emphasis* at start",
        "-",
    ],
)
def test_things_that_look_like_markers_are_paragraphs(body: str) -> None:
    blocks = parse_blocks(body)
    assert [b.kind for b in blocks] == ["paragraph"]
    assert body[blocks[0].start : blocks[0].end] == body.strip()


def test_nesting_depth_capped() -> None:
    body = " " * 40 + "- deep item"
    (block,) = parse_blocks(body)
    assert block.kind == "item"
    assert 0 <= block.level <= 4


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["---", "***", "___", "* * *", "- - -", "  ----------  "])
def test_rules(rule: str) -> None:
    body = f"before\n\n{rule}\n\nafter"
    blocks = parse_blocks(body)
    assert [b.kind for b in blocks] == ["paragraph", "rule", "paragraph"]
    assert body[blocks[1].start : blocks[1].end] == rule.strip()


def test_rule_directly_after_paragraph_line_closes_it() -> None:
    body = "para\n---\nafter"
    assert [b.kind for b in parse_blocks(body)] == ["paragraph", "rule", "paragraph"]


# ---------------------------------------------------------------------------
# Over-long paragraphs
# ---------------------------------------------------------------------------


def test_long_paragraph_split_at_spaces() -> None:
    body = "word " * 2000  # 10,000 characters, one paragraph
    blocks = parse_blocks(body)
    assert len(blocks) >= 3
    assert_well_formed(body, blocks)
    assert all(b.kind == "paragraph" for b in blocks)
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in blocks)
    # Contiguous: no characters lost between parts.
    for left, right in zip(blocks, blocks[1:], strict=False):
        assert left.end == right.start
    assert blocks[0].start == 0 and blocks[-1].end == len(body.rstrip())
    # Cut at word boundaries: no word is split in two.
    for b in blocks:
        assert body[b.start : b.end].strip().split() == ["word"] * len(
            body[b.start : b.end].split()
        )
        assert body[b.start] != " " or b.start == 0


def test_long_paragraph_without_spaces_hard_cut() -> None:
    body = "x" * (MAX_BLOCK_CHARS * 2 + 123)
    blocks = parse_blocks(body)
    assert [(b.start, b.end) for b in blocks] == [
        (0, MAX_BLOCK_CHARS),
        (MAX_BLOCK_CHARS, 2 * MAX_BLOCK_CHARS),
        (2 * MAX_BLOCK_CHARS, len(body)),
    ]


def test_long_list_item_split_keeps_kind_and_marker() -> None:
    body = "• " + "item words " * 1000
    blocks = parse_blocks(body)
    assert len(blocks) > 1
    assert all(b.kind == "item" and b.marker == "•" for b in blocks)
    assert_well_formed(body, blocks)


def test_short_blocks_around_a_long_one_untouched() -> None:
    long = "word " * 1000
    body = f"# Head\n\nshort one\n\n{long}\n\nshort two"
    blocks = parse_blocks(body)
    texts = [t for _, t in visible(body, blocks)]
    assert texts[0] == "Head" and texts[1] == "short one" and texts[-1] == "short two"
    assert "".join(texts[2:-1]) == long.rstrip()


# ---------------------------------------------------------------------------
# Offsets across a mixed document
# ---------------------------------------------------------------------------

MIXED = """# Title here

First para line one
line two.

• bullet one
  continued
  • nested bullet
- dash item
1. numbered
---

## Sub
Para after.
"""


def test_mixed_document_offsets_are_visible_text() -> None:
    blocks = parse_blocks(MIXED)
    assert_well_formed(MIXED, blocks)
    assert visible(MIXED, blocks) == [
        ("heading", "Title here"),
        ("paragraph", "First para line one\nline two."),
        ("item", "bullet one\n  continued"),
        ("item", "nested bullet"),
        ("item", "dash item"),
        ("item", "numbered"),
        ("rule", "---"),
        ("heading", "Sub"),
        ("paragraph", "Para after."),
    ]


def test_offsets_follow_a_claim_span() -> None:
    body = "# Head\n\nMice lost 70% of stem cells.\n"
    (_, para) = parse_blocks(body)
    claim = body.index("70%")
    assert para.start <= claim < para.end
    assert body[claim : claim + 3] == "70%"


def test_block_index_at() -> None:
    body = "a\n\nb\n\nc"
    blocks = parse_blocks(body)
    assert block_index_at(blocks, 0) == 0
    assert block_index_at(blocks, 3) == 1
    assert block_index_at(blocks, 2) == 1  # in the gap: the next block
    assert block_index_at(blocks, 999) == 2
    assert block_index_at([], 5) == -1


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_LINE = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab c\t#-*•1.)_")), max_size=30),
    st.sampled_from(["", "   ", "# h", "- item", "  - sub", "1. n", "---", "* * *", "para text"]),
)


@_SETTINGS
@given(st.lists(_LINE, max_size=25).map("\n".join))
def test_property_blocks_are_ordered_in_bounds_and_non_empty(body: str) -> None:
    blocks = parse_blocks(body)
    assert_well_formed(body, blocks)
    for b in blocks:
        assert b.kind in {"heading", "paragraph", "item", "rule"}
        assert body[b.start : b.end].strip(), b
        assert b.end - b.start <= MAX_BLOCK_CHARS


@_SETTINGS
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("abcdef ")), max_size=40), max_size=30).map(
        "\n".join
    )
)
def test_property_plain_prose_loses_no_character(body: str) -> None:
    # With no Markdown markers, every non-space character is inside exactly one block.
    blocks = parse_blocks(body)
    covered = "".join(body[b.start : b.end] for b in blocks)
    assert "".join(covered.split()) == "".join(body.split())


def test_long_paragraph_is_cut_after_a_sentence_and_marked_continued() -> None:
    from legreader.corpus.blocks import MAX_BLOCK_CHARS

    sentence = "The mice ran less and their stem cells fell by seventy percent in the study. "
    body = (sentence * (3 * MAX_BLOCK_CHARS // len(sentence))).strip() + "\n\nNext paragraph.\n"
    blocks = parse_blocks(body)
    pieces = [b for b in blocks if b.end <= body.index("Next")]
    assert len(pieces) >= 3
    assert not pieces[0].continued and all(p.continued for p in pieces[1:])
    assert not blocks[-1].continued  # the next paragraph starts afresh
    for before, after in zip(pieces, pieces[1:], strict=False):
        assert body[before.end - 2 : before.end] == ". "  # cut after a sentence end
        assert after.start == before.end  # nothing lost between pieces
    assert all(b.end - b.start <= MAX_BLOCK_CHARS for b in pieces)
