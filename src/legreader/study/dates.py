"""Partial dates as the sources write them, made ISO (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

Sources write "2018/05/23/", "2018 May 23", "2018 May", "2018 Spring", "23 May 2018",
``[[2018, 5, 23]]``, year/month/day elements. Everything here returns an ISO partial date or
None: an impossible date (2018-02-30) keeps what is certain (``2018-02``); a season
("2018 Spring") keeps the year only (a month would be invented). No Textual import.
"""

from __future__ import annotations

import calendar
import re

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS.update({"sept": 9})
#: The years a publication date may have (anything else is a typo or garbage).
MIN_YEAR, MAX_YEAR = 1600, 2200


def iso_date(year: object, month: object = None, day: object = None) -> str | None:
    """``YYYY[-MM[-DD]]`` from parts (ints, digit strings or month names); None if no year.

    A month or day that cannot be is dropped with everything after it.
    """
    y = _number(year)
    if y is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    m = _month(month)
    if m is None:
        return f"{y:04d}"
    d = _number(day)
    if d is None or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None


def _month(value: object) -> int | None:
    if isinstance(value, str):
        word = value.strip().rstrip(".").casefold()
        if word in _MONTHS:
            return _MONTHS[word]
    m = _number(value)
    return m if m is not None and 1 <= m <= 12 else None


_ISO = re.compile(
    r"^\s*(\d{4})(?:[-/.](\d{1,2})?(?:[-/.](\d{1,2})?)?)?[-/.]*(?:[T ]\d{1,2}:\S*)?\s*$"
)
_WORDS = re.compile(r"[A-Za-z]+|\d+")


def parse_date(text: object) -> str | None:
    """An ISO partial date from a date as written; None when no year can be found.

    Reads ISO and RIS forms ("2018-05-23", "2018/05/23/", "2018/05//"), PubMed forms
    ("2018 May 23", "2018 May-Jun", "2018 Spring") and "23 May 2018" / "May 23, 2018".
    """
    if text is None:
        return None
    text = str(text)[:100]
    match = _ISO.match(text)
    if match:
        return iso_date(match.group(1), match.group(2), match.group(3))
    words = _WORDS.findall(text)
    year = next((w for w in words if w.isdigit() and len(w) == 4), None)
    if year is None:
        return None
    month = next((w for w in words if not w.isdigit() and _month(w) is not None), None)
    day = next((w for w in words if w.isdigit() and len(w) <= 2), None)
    return iso_date(year, month, day if month else None)


def from_date_parts(parts: object) -> str | None:
    """CSL-JSON ``date-parts``: ``[[2018, 5, 23]]`` (the first date of a range)."""
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    row = parts[0][:3]
    if not row:
        return None
    return iso_date(*(row + [None] * (3 - len(row))))
