"""Numbers written in words, shared by the claim engine (:mod:`legreader.claims.quantities`)
and the corpus search index (:mod:`legreader.search.index`), so "seventy percent", "70
percent" and "70%" are one quantity for both. Small tables, no regex compiled at import."""

from __future__ import annotations

import re

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip

#: Words that mean "per cent" in a quantity (``%`` is one of them for the search index).
PERCENT_WORDS = frozenset({"%", "percent", "pct"})


def word_value(words: str) -> float:
    """Value of a number phrase in words: "twenty eight" -> 28, "two hundred and five" -> 205."""
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        elif word in ("a", "an"):
            current += 1
    return float(total + current)


def small_number_word(token: str) -> int | None:
    """The value of one token that is a number below 100 in words ("seventy", "twenty-five",
    case-folded), else None. Larger numbers in words ("two hundred") span several tokens."""
    value = ONES.get(token)
    if value is not None:
        return value
    value = TENS.get(token)
    if value is not None:
        return value
    tens, dash, ones = token.partition("-")
    if dash and tens in TENS and ones in ONES and 0 < ONES[ones] < 10:
        return TENS[tens] + ONES[ones]
    return None
