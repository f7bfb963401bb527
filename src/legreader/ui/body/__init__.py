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

from legreader.ui.body.decorations import Mark
from legreader.ui.body.widget import ArticleBody

__all__ = ["ArticleBody", "Mark"]
