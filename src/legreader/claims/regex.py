"""``re`` as the claim engine's modules use it, with ``compile`` served from the table of
compiled patterns kept across runs (:mod:`legreader.claims.pattern_table`).

The engine's modules ``from . import regex as re``: their patterns read as ordinary
``re.compile`` calls, and load in microseconds once the table holds them.
"""

from re import IGNORECASE, MULTILINE, VERBOSE, Match, Pattern, escape, finditer, search, split

from .pattern_table import compile_pattern as compile

__all__ = [
    "IGNORECASE",
    "MULTILINE",
    "VERBOSE",
    "Match",
    "Pattern",
    "compile",
    "escape",
    "finditer",
    "search",
    "split",
]
