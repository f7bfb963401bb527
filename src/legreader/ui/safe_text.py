"""The one way the UI draws text it did not write itself.

Titles, outlets, quotes, notes, tags, file names, search snippets, messages from the store
or the config: all of it is untrusted. :func:`plain` turns such a string into a Rich
``Text`` that is never parsed as markup, holds no escape sequence or control character
(cleaned again here, whatever the domain did: defence in depth), and shows bidirectional
controls as a visible glyph (``⇄``) instead of letting them reorder what the reader sees.
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text

from legreader.text.clean import BIDI_GLYPH, displayable, has_bidi_controls

__all__ = ["BIDI_GLYPH", "has_bidi_controls", "plain", "safe"]


def safe(text: object) -> str:
    """``text`` as a string that is safe to draw: cleaned, bidi controls made visible."""
    if text is None:
        return ""
    return displayable(text if isinstance(text, str) else str(text))


def plain(text: object, style: StyleType = "", **options: object) -> Text:
    """A Rich ``Text`` of untrusted ``text`` (see the module docstring); never markup."""
    return Text(safe(text), style=style, **options)  # type: ignore[arg-type]
