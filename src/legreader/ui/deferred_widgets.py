"""What the first frame does not show, added once the first article is on screen.

The title filter box, the in-article search bar and the annotations panel are hidden until a
key asks for them, yet composing them cost the first frame about 15 ms of CPU (two text boxes'
and an option list's default CSS, their styles and component classes applied twice). They are
mounted just after the first frame (:meth:`LegreaderApp.after_first_frame`), or at the first
key or app query that needs them if that comes sooner. Mounting registers a widget in the DOM
at once, so a query made right after :func:`mount_hidden_widgets` finds it; each lands where
``compose`` used to put it, so layout and CSS are unchanged.

The other screens' styles (dialogs, help, corpus search, compare, side by side:
``styles/screens.tcss``) are read at the same moment, or before any screen is pushed if that
comes sooner (:func:`load_screen_styles`): parsing them cost the first frame about 3 ms, and
their rules made every styling of the reader's widgets slower. They come after ``app.tcss``
and ``marks.tcss``, as they did at the end of ``app.tcss``: a rule of equal specificity
resolves the same way.
"""

from __future__ import annotations

from typing import Any

from textual.css.query import NoMatches
from textual.widgets import Input

#: The other screens' styles, in the styles folder.
SCREENS_TCSS = "screens.tcss"

#: The filter box's placeholder (`/` in the sidebar).
TITLE_FILTER_PLACEHOLDER = "filter titles (esc clears)"


def hidden_widgets_mounted(screen: Any) -> bool:
    """Whether the hidden widgets are on ``screen`` already."""
    return bool(screen.query("#annotations-panel"))


def mount_hidden_widgets(screen: Any) -> bool:
    """Mount the hidden widgets on ``screen`` (the reader's main screen) unless they are
    there; True if they are there now. Never raises for a screen without the reader's panes
    (one closing, or another app's)."""
    if hidden_widgets_mounted(screen):
        return True
    from legreader.ui.annotations_panel import AnnotationsPanel
    from legreader.ui.search_bar import SearchBar

    try:
        sidebar_box = screen.query_one("#sidebar-box")
        sidebar = screen.query_one("#sidebar")
        main = screen.query_one("#main")
        body = screen.query_one("#body")
        panes = screen.query_one("#panes")
    except NoMatches:
        return False
    if not screen.query("#title-filter"):
        sidebar_box.mount(
            Input(placeholder=TITLE_FILTER_PLACEHOLDER, id="title-filter"), before=sidebar
        )
    if not screen.query("#search-bar"):
        main.mount(SearchBar(id="search-bar"), after=body)
    panes.mount(AnnotationsPanel(id="annotations-panel"))
    return True


def load_screen_styles(app: Any) -> None:
    """Read ``styles/screens.tcss`` into ``app``'s stylesheet unless it is there, and parse it
    (only it: the others are parsed already)."""
    import os

    from legreader.files.resources import styles_dir

    path = os.path.abspath(styles_dir() / SCREENS_TCSS)
    stylesheet = app.stylesheet
    if not stylesheet.has_source(path, ""):
        stylesheet.read(path)
        stylesheet.parse()  # (also drops the selector map made without these rules)
