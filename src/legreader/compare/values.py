"""Quantity values: units to dimensions, tolerance-aware agreement, readable labels."""

from __future__ import annotations

import math
from functools import lru_cache

from legreader.compare.model import Item
from legreader.compare.text import stem

#: Durations in days.
_DAYS = {"seconds": 1 / 86400, "minutes": 1 / 1440, "hours": 1 / 24, "days": 1.0, "weeks": 7.0,
         "months": 30.44, "years": 365.25, "decades": 3652.5}  # fmt: skip
#: Other measure units: (dimension, factor to the base unit).
_MEASURES = {
    "kg": ("mass", 1000.0), "g": ("mass", 1.0), "mg": ("mass", 1e-3), "mcg": ("mass", 1e-6),
    "µg": ("mass", 1e-6), "μg": ("mass", 1e-6), "lb": ("mass", 453.6), "lbs": ("mass", 453.6),
    "oz": ("mass", 28.35), "ml": ("volume", 1.0), "mL": ("volume", 1.0), "l": ("volume", 1000.0),
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 1e-3),
    "mi": ("length", 1609.3), "kcal": ("energy", 1.0), "cal": ("energy", 1e-3),
    "°C": ("temperature", 1.0), "°F": ("temperature_f", 1.0),
}  # fmt: skip
#: Units where the written value is already loose ("twelve months" is not exactly 365 days).
_LOOSE = {"months", "years", "decades"}
_EXACT_TOLERANCE = 0.02
#: Months and years against days and weeks (12 months ~ 52 weeks), not 9 years against a decade.
_LOOSE_TOLERANCE = 0.045
_APPROX_TOLERANCE = 0.12


#: Periods of a rate ("twice a month" -> "times/month"), in days.
PERIODS = {"hour": 1 / 24, "day": 1.0, "night": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def split_rate(unit: str | None) -> tuple[str | None, str | None]:
    """ "times/week" -> ("times", "week"); "%" -> ("%", None)."""
    if unit and "/" in unit:
        base, _, period = unit.rpartition("/")
        if period in PERIODS:
            return base, period
    return unit, None


def dimension(unit: str | None) -> str | None:
    """What kind of thing a unit measures: "percent", "duration", "count", "mass", ...; a rate
    keeps its kind ("rate:times" for "twice a week", "rate:duration" for "30 minutes a day")."""
    if unit is None:
        return None
    base, period = split_rate(unit)
    if period is not None:
        return f"rate:{dimension(base)}"
    if unit == "%":
        return "percent"
    if unit == "percentage points":
        return "points"
    if unit in _DAYS:
        return "duration"
    if unit in _MEASURES:
        return _MEASURES[unit][0]
    if unit == "times":
        return "times"
    return "count"


def count_noun(unit: str | None) -> frozenset[str]:
    """Stems of the counted noun ("stress hormones" -> {"stress", "hormon"})."""
    return _count_noun(unit)


@lru_cache(maxsize=4096)
def _count_noun(unit: str | None) -> frozenset[str]:
    # asked for every candidate cluster of every number: a few distinct units, many calls
    base, _ = split_rate(unit)
    return frozenset(stem(part) for part in (base or "").split() if part)


def _factor(unit: str | None) -> float:
    base, period = split_rate(unit)
    if period is not None:
        return _factor(base) / PERIODS[period]  # per day
    if unit in _DAYS:
        return _DAYS[unit]
    if unit in _MEASURES:
        return _MEASURES[unit][1]
    return 1.0


def interval(item: Item) -> tuple[float, float]:
    """The values ``item`` allows, in base units, tolerance included."""
    assert item.value is not None
    low = item.low if item.low is not None else item.value
    high = item.high if item.high is not None else item.value
    factor = _factor(item.unit)
    low, high = low * factor, high * factor
    tol = (
        _APPROX_TOLERANCE
        if item.approx
        else _LOOSE_TOLERANCE
        if item.unit in _LOOSE
        else _EXACT_TOLERANCE
    )
    low, high = low * (1 - tol), high * (1 + tol)
    if item.bound in (">", ">="):
        high = math.inf
    elif item.bound in ("<", "<="):
        low = 0.0
    return low, high


def agree(a: Item, b: Item) -> bool:
    """True when two quantities of one dimension can be the same number."""
    if dimension(a.unit) != dimension(b.unit):
        return False
    if dimension(a.unit) in ("count", "rate:count") and not count_noun(a.unit) & count_noun(b.unit):
        return False
    lo_a, hi_a = interval(a)
    lo_b, hi_b = interval(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def label(value: float, unit: str | None, low: float | None = None, high: float | None = None,
          approx: bool = False, bound: str | None = None) -> str:  # fmt: skip
    """ "70 %", "about 12 %", "10–14 %", "1,200 participants", "> 3 times"."""
    number = _number(value)
    if low is not None and high is not None:
        number = f"{_number(low)}–{_number(high)}"
    prefix = "about " if approx else (f"{bound} " if bound else "")
    base, period = split_rate(unit)
    if base and value == 1 and low is None and dimension(base) in ("count", "duration"):
        base = singular(base)  # "1 gene", "1 year"
    if base == "times" and low is None and not prefix:
        number = {1: "once", 2: "twice"}.get(int(value), number) if value == int(value) else number
        base = "" if number in ("once", "twice") else base
    unit = f"{base} per {period}".strip() if period else base
    return f"{prefix}{number} {unit}".strip() if unit else f"{prefix}{number}"


#: Words for bounds, as a reader would say them.
QUALIFIERS = {">": "more than", ">=": "at least", "<": "less than", "<=": "up to"}


def singular(unit: str) -> str:
    """ "genes" -> "gene", "stress hormones" -> "stress hormone", "studies" -> "study"."""
    head, _, last = unit.rpartition(" ")
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return f"{head} {last}" if head else last
