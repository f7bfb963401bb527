"""Closed sets of request words that widgets send the app, defined once.

``AnnotateKind`` names the body's requests (the argument of its ``annotate('…')`` bindings,
plus ``verdict``); each becomes one typed message of :mod:`legreader.ui.messages` (the other
request kinds are next to their widgets:
:data:`legreader.ui.annotations_panel.PanelRequestKind`,
:data:`legreader.ui.article_list.FilterKind`). ``tests/test_kinds.py`` checks every binding's
argument against these sets, so a typo fails a test, not a keypress.
"""

from __future__ import annotations

from typing import Literal

AnnotateKind = Literal[
    "verdict",
    "tag",
    "note",
    "article_note",
    "delete",
    "undo",
    "copy",
    "copy_styled",
]
"""What the reader asked to do with the selection (or the article, for ``article_note``)."""
