"""The claim engine: plain Python, no Textual (the UI highlights what it returns).

``analyze(text)`` returns :class:`ClaimSpan` objects; ``sentences(text)`` the sentence offsets;
``legreader.claims.quantities.parse_quantities`` the numbers with their units.
"""

from .engine import analyze, analyze_cached
from .model import CATEGORIES, STRENGTHS, ClaimSpan
from .sentences import sentences

__all__ = ["CATEGORIES", "STRENGTHS", "ClaimSpan", "analyze", "analyze_cached", "sentences"]
