"""The fraction search of :mod:`legreader.claims.quantities` ("about half of", "a third of")
finds its matches from the fraction words; it must equal the plain search of the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.claims.quantities import _HALF_RE, half_matches

WORDS = [
    "about", "roughly", "nearly", "some", "a", "one", "half", "third", "quarter", "two",
    "thirds", "three", "quarters", "of", "the", "their", "all", "those", "these", "people",
    "Half", "THIRD", "x", ".", ",", "halfway", "thirdly",
]  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\n", " " * 60])


def _plain(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _HALF_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), SPACES), max_size=30))
def test_half_matches_equal_the_plain_search(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    fast = [(m.start(), m.end(), m.group()) for m in half_matches(text, text.lower())]
    assert fast == _plain(text)


def test_examples() -> None:
    text = "About half of the men and roughly a third of the women; two thirds of those."
    assert [m.group("what") for m in half_matches(text, text.lower())] == [
        "half",
        "a third",
        "two thirds",
    ]
