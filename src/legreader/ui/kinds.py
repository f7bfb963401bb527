"""Closed sets of request words that widgets send the app, defined once.

``AnnotateKind`` is what :class:`legreader.ui.article_body.ArticleBody.AnnotateRequest` carries
(the argument of the body's ``annotate('…')`` bindings, plus ``verdict``); the app dispatches on
it. It lives here, not in ``article_body``, so the typed messages can adopt it when they move
into one module (the other request kinds are next to their messages:
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
