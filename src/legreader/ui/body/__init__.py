"""The article body (:class:`ArticleBody`) and the plain classes it is made of.

- :mod:`.widget`: the Textual widget: holds the state below, applies it (redraws, scrolls,
  posts messages).
- :mod:`.keys`: its bindings (remappable by id) and their order in the footer.
- :mod:`.cursor`: the sentence cursor and the claims it steps through (no Textual).
- :mod:`.search_state`: the in-article search's matches and mode (no Textual).
- :mod:`.decorations`: which style goes where on the text; the reader's marks by block.
- :mod:`.status`: the status line and the legend under the text.
- :mod:`.loading`: when the text and its analysis are read and computed, on which thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legreader.ui.body.decorations import Mark
    from legreader.ui.body.widget import ArticleBody

__all__ = ["ArticleBody", "Mark"]


def __getattr__(name: str) -> Any:
    # Imported when first asked for, so the plain modules (cursor, search_state) import
    # without Textual (tests/test_body_cursor.py checks it).
    if name == "ArticleBody":
        from legreader.ui.body.widget import ArticleBody

        return ArticleBody
    if name == "Mark":
        from legreader.ui.body.decorations import Mark

        return Mark
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
