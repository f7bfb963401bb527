"""The number search of :mod:`legreader.claims.quantities` (:func:`core_matches`) tries the core
pattern only after the characters that can stand before a number; it must equal the plain
``finditer`` of the whole text, in both case variants."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.claims.quantities import core_matches, parse_quantities

WORDS = [
    "a", "an", "A", "An", "one", "seventeen", "twenty", "Twenty-five", "ten", "often", "weight",
    "hundred", "million", "and", "key", "gene", "enzyme", "cell", "type", "lines", "patients",
    "3", "12", "1,000", "4.5", ".5", "10.1000/x", "x2", "-3", "$4", "(5)", "“7", "~8", "n=9",
    "%", "mg", "days", "İ", "ß", ".", ",", "/", "\\", "—", "zero", "eleven", "fiftyfold",
]  # fmt: skip
SPACES = st.sampled_from(["", " ", "  ", "\n", "\t", "-", " " * 3])


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=40))
def test_core_matches_equal_the_plain_search(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    lowered = text.lower()
    variant = 0 if len(lowered) == len(text) else 1
    hay = lowered if variant == 0 else text
    fast = core_matches(hay, variant)
    assert _spans(fast) == _spans(core_matches(hay, variant, fast=False))


def test_examples() -> None:
    text = "A gene, an key enzyme and twenty-five (12) mice; often 3 in 10 weigh 4.5 kg."
    found = [m.group() for m in core_matches(text.lower(), 0)]
    assert found == ["a", "an", "twenty-five", "12", "3", "10", "4.5"]
    assert [q.text for q in parse_quantities(text)][:2] == ["A gene", "an key enzyme"]
