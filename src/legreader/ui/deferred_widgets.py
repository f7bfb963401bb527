"""What the first frame does not show, added once the first article is on screen.

The title filter box, the in-article search bar and the annotations panel are hidden until a
key asks for them: :meth:`legreader.ui.screens.main.MainScreen.mount_hidden` mounts them just
after the first frame, or at the first key or use that needs them.

The other screens' styles (dialogs, help, corpus search, compare, side by side:
``styles/screens.tcss``) are read at the same moment, or before any screen is pushed if that
comes sooner (:func:`load_screen_styles`): parsing them cost the first frame about 3 ms, and
their rules made every styling of the reader's widgets slower. They come after ``app.tcss``
and ``marks.tcss``, as they did at the end of ``app.tcss``: a rule of equal specificity
resolves the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet


class _Styled(Protocol):
    """An app (anything with a stylesheet)."""

    stylesheet: Stylesheet


#: The other screens' styles, in the styles folder.
SCREENS_TCSS = "screens.tcss"

#: The filter box's placeholder (`/` in the sidebar).
TITLE_FILTER_PLACEHOLDER = "filter titles (esc clears)"


def load_screen_styles(app: _Styled) -> None:
    """Read ``styles/screens.tcss`` into ``app``'s stylesheet unless it is there, and parse it
    (only it: the others are parsed already)."""
    import os

    from legreader.files.resources import styles_dir

    path = os.path.abspath(styles_dir() / SCREENS_TCSS)
    stylesheet = app.stylesheet
    if not stylesheet.has_source(path, ""):
        stylesheet.read(path)
        stylesheet.parse()  # (also drops the selector map made without these rules)
