"""The claim span: what the claim engine finds and every later feature uses.

Plain data, no Textual import. Offsets are code-point offsets into the article body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Category = Literal[
    "statistic",
    "causal",
    "quote",
    "attribution",
    "study",
    "hedge",
    "advice",
    "promotional",
]
"""A claim category. A ``Literal`` (not an enum): spans are built in the engine's inner loop and
written as plain strings to JSON, the cache and the TCSS class names (``claim--<category>``)."""

#: The fixed vocabulary of claim categories, in display order.
CATEGORIES: tuple[Category, ...] = get_args(Category)

#: Why a claim is flagged, in words a reader understands (shown on the status line when the
#: cursor is on a flagged claim, and in the help screen). Keys are :attr:`ClaimSpan.flags`.
FLAG_EXPLANATIONS: dict[str, str] = {
    "animal-to-human": "the study was in animals, this claim is about people",
}


def flag_explanation(flag: str) -> str:
    """``flag`` in words (an unknown flag is shown as it is)."""
    return FLAG_EXPLANATIONS.get(flag, flag)


Strength = Literal["direct", "conditional", "correlational"]
"""How strong a causal claim is (absent, ``None``, for other categories)."""

#: Causal strength scale, strongest first.
STRENGTHS: tuple[Strength, ...] = get_args(Strength)


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """One claim found in an article body."""

    start: int
    """Offset of the first code point of the span in the body."""
    end: int
    """Offset one past the last code point of the span."""
    text: str
    """Exactly ``body[start:end]``."""
    category: Category
    """One of :data:`CATEGORIES`."""
    reason: str
    """Short, human-readable: which cue fired (e.g. ``"percentage"``, ``"verb 'causes'"``)."""
    strength: Strength | None = None
    """For ``causal`` spans: one of :data:`STRENGTHS`."""
    value: float | None = None
    """For quantities: the normalised numeric value (``"seventy percent"`` -> 70.0)."""
    unit: str | None = None
    """For quantities: the normalised unit (``"%"``, ``"days"``, ``"participants"``, ...)."""
    flags: tuple[str, ...] = field(default=())
    """Extra marks worth a reader's attention, e.g. ``("animal-to-human",)``."""
    negated: bool = False
    """For ``causal`` spans: the sentence denies the relation ("was not associated with", "did
    not reduce"); ``strength`` is still the kind of relation denied."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "reason": self.reason,
        }
        if self.strength is not None:
            out["strength"] = self.strength
        if self.value is not None:
            out["value"] = self.value
        if self.unit is not None:
            out["unit"] = self.unit
        if self.flags:
            out["flags"] = list(self.flags)
        if self.negated:
            out["negated"] = True
        return out


_new = object.__new__
_SET = tuple(
    getattr(ClaimSpan, name).__set__
    for name in (
        "start",
        "end",
        "text",
        "category",
        "reason",
        "strength",
        "value",
        "unit",
        "flags",
        "negated",
    )
)


def make_span(
    start: int,
    end: int,
    text: str,
    category: Category,
    reason: str,
    strength: Strength | None = None,
    value: float | None = None,
    unit: str | None = None,
    flags: tuple[str, ...] = (),
    negated: bool = False,
) -> ClaimSpan:
    """``ClaimSpan(...)`` for the engine's inner loop: the same object, built about twice as fast.

    The frozen dataclass's ``__init__`` goes through ``object.__setattr__`` by name for each of
    the ten fields; this calls the slot descriptors directly."""
    span = _new(ClaimSpan)
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 = _SET
    s0(span, start)
    s1(span, end)
    s2(span, text)
    s3(span, category)
    s4(span, reason)
    s5(span, strength)
    s6(span, value)
    s7(span, unit)
    s8(span, flags)
    s9(span, negated)
    return span
