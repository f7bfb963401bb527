"""The claim engine: plain Python, no Textual (the UI highlights what it returns).

``analyze(text)`` returns :class:`ClaimSpan` objects; ``sentences(text)`` the sentence offsets;
``legreader.claims.quantities.parse_quantities`` the numbers with their units.

The engine (many compiled patterns) loads on first use, not when the model is imported, so
the app shows its first article before it pays for the patterns; its patterns come from the
table of compiled patterns kept across runs (:mod:`legreader.claims.pattern_table`), which
this first use writes when it had to compile any.
"""

from types import ModuleType
from typing import Any

from .model import CATEGORIES, STRENGTHS, Category, ClaimSpan, Strength
from .sentences import sentences  # the function shadows the submodule's name: import it now

__all__ = [
    "CATEGORIES",
    "STRENGTHS",
    "Category",
    "ClaimSpan",
    "Strength",
    "analyze",
    "analyze_cached",
    "build_pattern_table",
    "load_engine",
    "sentences",
]


def load_engine() -> ModuleType:
    """The engine module, loaded (a build of the pattern table started at launch is waited
    for; patterns compiled here are written to the table)."""
    import sys

    loaded = sys.modules.get(f"{__name__}.engine")
    if loaded is not None and getattr(loaded, "analyze_cached", None) is not None:
        return loaded
    from . import pattern_table

    pattern_table.wait_for_background_build()
    from . import engine

    pattern_table.save()
    return engine


def __getattr__(name: str) -> Any:
    if name in ("analyze", "analyze_cached"):
        return getattr(load_engine(), name)
    raise AttributeError(f"module 'legreader.claims' has no attribute {name!r}")


def build_pattern_table() -> bool:
    """Load the engine (compiling the patterns the table lacks) and write the table: the
    build a first run forks at launch (:func:`legreader.claims.pattern_table.start_background_build`)."""
    from . import (
        engine,  # noqa: F401  (compiles the engine's patterns)
        pattern_table,
    )

    return pattern_table.save()
