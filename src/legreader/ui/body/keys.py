"""The article body's keys: every binding has an id (``body.*``, ``search.*``), so a user can
remap it; the groups put related keys in one footer item.

``n``/``N`` are bound twice: to the search's next/previous match and to the notes; the body's
``check_action`` enables one pair or the other, by the search mode.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

#: Keys shown in the footer as one item each (``1-6 Verdict``, ``j/k Sentence``).
VERDICT_GROUP = Binding.Group("Verdict", compact=True)
SENTENCE_GROUP = Binding.Group("Sentence", compact=True)
CLAIM_GROUP = Binding.Group("Claim", compact=True)

BODY_BINDINGS: list[BindingType] = [
    Binding(
        "j,down",
        "next_sentence",
        "Next sentence",
        id="body.next_sentence",
        group=SENTENCE_GROUP,
    ),
    Binding(
        "k,up",
        "previous_sentence",
        "Prev sentence",
        id="body.previous_sentence",
        group=SENTENCE_GROUP,
    ),
    Binding("J,shift+down", "extend_down", "Extend", show=False, id="body.extend_down"),
    Binding("K,shift+up", "extend_up", "Shrink/extend up", show=False, id="body.extend_up"),
    Binding(
        "right_curly_bracket",
        "next_paragraph",
        "Next para",
        show=False,
        id="body.next_paragraph",
    ),
    Binding(
        "left_curly_bracket",
        "previous_paragraph",
        "Prev para",
        show=False,
        id="body.previous_paragraph",
    ),
    Binding("v", "select_paragraph", "Select para", show=False, id="body.select_paragraph"),
    Binding("escape", "clear", "Clear", show=False, id="body.clear"),
    Binding(
        "left_square_bracket",
        "previous_claim",
        "Prev claim",
        id="body.previous_claim",
        group=CLAIM_GROUP,
    ),
    Binding(
        "right_square_bracket",
        "next_claim",
        "Next claim",
        id="body.next_claim",
        group=CLAIM_GROUP,
    ),
    Binding("g,home", "top", "Top", show=False, id="body.top"),
    Binding("G,end", "bottom", "Bottom", show=False, id="body.bottom"),
    Binding("pageup", "page_up", "Page up", show=False, id="body.page_up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="body.page_down"),
    Binding("h", "toggle_highlights", "Highlights", id="body.toggle_highlights"),
    Binding("H", "choose_categories", "Categories", show=False, id="body.choose_categories"),
    Binding(
        "1", "verdict('accurate')", "Accurate", id="body.verdict_accurate", group=VERDICT_GROUP
    ),
    Binding(
        "2",
        "verdict('misleading')",
        "Misleading",
        id="body.verdict_misleading",
        group=VERDICT_GROUP,
    ),
    Binding(
        "3",
        "verdict('overstated')",
        "Overstated",
        id="body.verdict_overstated",
        group=VERDICT_GROUP,
    ),
    Binding(
        "4",
        "verdict('unsupported')",
        "Unsupported",
        id="body.verdict_unsupported",
        group=VERDICT_GROUP,
    ),
    Binding("5", "verdict('false')", "False", id="body.verdict_false", group=VERDICT_GROUP),
    Binding(
        "6",
        "verdict('promotional')",
        "Promotional",
        id="body.verdict_promotional",
        group=VERDICT_GROUP,
    ),
    Binding("t", "annotate('tag')", "Tag", id="body.tag"),
    Binding("n", "search_next", "Next match", id="search.next"),
    Binding("N", "search_previous", "Prev match", show=False, id="search.previous"),
    Binding("n", "annotate('note')", "Note", id="body.note"),
    Binding("N", "annotate('article_note')", "Article note", show=False, id="body.article_note"),
    Binding("x", "annotate('delete')", "Delete", show=False, id="body.delete"),
    Binding("u", "annotate('undo')", "Undo", show=False, id="body.undo"),
    Binding("y", "annotate('copy')", "Copy quote", id="body.copy"),
    Binding("Y", "annotate('copy_styled')", "Copy as…", show=False, id="body.copy_styled"),
    Binding("slash", "search", "Search", id="body.search"),
]

BODY_FOOTER_ORDER: tuple[str, ...] = (
    "body.verdict_accurate",
    "body.tag",
    "body.note",
    "search.next",
    "body.copy",
    "body.search",
    "body.next_sentence",
    "body.previous_claim",
    "body.toggle_highlights",
)
"""The body's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""
