"""The claim engine: plain Python, no Textual (the UI highlights what it returns).

``analyze(text)`` returns :class:`ClaimSpan` objects; ``sentences(text)`` the sentence offsets;
``legreader.claims.quantities.parse_quantities`` the numbers with their units.

The engine (many compiled patterns) loads on first use, not when the model is imported, so
the app shows its first article before it pays for the patterns.
"""

from typing import Any

from .model import CATEGORIES, STRENGTHS, ClaimSpan
from .sentences import sentences  # the function shadows the submodule's name: import it now

__all__ = ["CATEGORIES", "STRENGTHS", "ClaimSpan", "analyze", "analyze_cached", "sentences"]


def __getattr__(name: str) -> Any:
    if name in ("analyze", "analyze_cached"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'legreader.claims' has no attribute {name!r}")
