"""Where :class:`ArticleBody` was: it lives in :mod:`legreader.ui.body` now (the widget, its
cursor, search state, decorations, status and loading, each in its own module)."""

from legreader.ui.body import ArticleBody, Mark

__all__ = ["ArticleBody", "Mark"]
