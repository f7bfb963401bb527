"""Who a study was on: one vocabulary of non-human subjects, shared by the claim engine (a
causal claim about people from a study on these gets the ``animal-to-human`` flag) and by
:func:`study_is_on_animals`, which reads the primary record's front matter.

Light on purpose (the standard ``re`` only, compiled on first use): the app calls
:func:`study_is_on_animals` as the corpus comes in, before the engine's patterns
(:mod:`legreader.claims.cues`, ~0.4 s to import without the compiled-pattern table) load.

The app used to keep its own word list for the study check; against it, the shared
vocabulary reads ``subjects`` as text, not as a list of whole words: "mice;" and "Rats,
Sprague-Dawley" now count (the list split on spaces and missed words next to punctuation),
"in vitro" counts inside a longer value (it had to be the whole value), and rodents, flies,
worms, pigs, dogs and cell cultures count; a bare "cell"/"cells" no longer does (the engine
never read it as non-human: a ``study_type`` of "cell" still says so).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Words naming non-human study subjects (animals, cell cultures). The engine compiles this
#: pattern as ``cues.ANIMAL_RE`` (case-insensitive); the study check below uses it too.
NONHUMAN_SUBJECTS_PATTERN = (
    r"\b(?:mice|mouse|rats?|rodents?|animals?|monkeys?|primates?|zebrafish|flies|worms?|pigs?"
    r"|dogs?|in\svitro|cell\scultures?|petri)\b"
)

#: ``study_type`` values (front matter) that say the study was not on people.
NONHUMAN_STUDY_TYPES = frozenset({"animal", "cell", "in vitro", "in-vitro"})
#: ``study_type`` values that say it was.
HUMAN_STUDY_TYPES = frozenset({"human", "clinical", "observational"})


@cache
def _nonhuman() -> re.Pattern[str]:
    return re.compile(NONHUMAN_SUBJECTS_PATTERN, re.IGNORECASE)


def names_nonhuman_subjects(text: str) -> bool:
    """Whether ``text`` names non-human study subjects (mice, rats, cell cultures…)."""
    return _nonhuman().search(text) is not None


def study_is_on_animals(meta: dict[str, Any] | None) -> bool:
    """Whether a primary record's front matter says the study was on animals or cells: its
    ``study_type`` when it is one of the known ones, else its ``subjects``."""
    if not meta:
        return False
    kind = str(meta.get("study_type", "")).casefold()
    if kind in NONHUMAN_STUDY_TYPES:
        return True
    if kind in HUMAN_STUDY_TYPES:
        return False
    return names_nonhuman_subjects(str(meta.get("subjects", "")))
