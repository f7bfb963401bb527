"""Plain data of the cross-article comparison: inputs, aligned items, claim groups, grid cells.

No Textual import. Offsets are code-point offsets into the body of the article an item comes from
(for the primary record: into :attr:`PrimaryInput.text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, get_args

GroupKind = Literal["quantity", "quote", "causal", "claim"]
"""What a claim group compares."""
#: Group kinds, in display order.
KINDS: tuple[GroupKind, ...] = get_args(GroupKind)

#: Cell states of the compare grid. "not_in_study": the article states something the primary
#: record (given) says nothing comparable about; "extra": only this article says it (no primary).
CellState = Literal["agrees", "differs", "not_in_study", "missing", "extra"]
CELL_STATES: tuple[CellState, ...] = get_args(CellState)

Verdict = Literal["agrees", "differs", "not_in_study", "no_reference"]
#: Item verdicts against the reference: the primary record wherever it speaks, else the majority.
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)

ReferenceSource = Literal["primary", "majority"]


class DiffOp(TypedDict):
    """One step of a word diff: ``op`` is "equal", "replace", "delete" or "insert"; ``a`` and
    ``b`` the words on each side (empty where there are none)."""

    op: str
    a: str
    b: str


class QuoteDiff(TypedDict):
    """A word diff between two articles' renderings of one quote."""

    a: str
    """Article id of the reference rendering."""
    b: str
    """Article id of the variant."""
    ops: list[DiffOp]


#: What an article-level signal counts: a yes/no, a count, a share, or nothing (n/a).
SignalValue = bool | int | float | None


class Signal(TypedDict):
    """One scorecard signal of an article: its value and what counted."""

    value: SignalValue
    evidence: list[str]


#: Column id of the primary record in the grid.
PRIMARY_ID = "primary"


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One press article to compare."""

    id: str
    """Stable id, used as the grid column key."""
    title: str
    """Display title."""
    body: str
    """The article text; item offsets point into it."""


@dataclass(frozen=True, slots=True)
class PrimaryInput:
    """The primary record (the study itself) that articles are checked against."""

    title: str = ""
    authors: tuple[str, ...] = ()
    journal: str = ""
    doi: str = ""
    text: str = ""
    """Findings, design, abstract: free text; primary items point into it."""
    published: str = ""
    subjects: str = ""
    """What was studied ("mice", "humans")."""
    study_type: str = ""
    """The design as the record names it ("observational", "randomised trial", "animal")."""
    id: str = PRIMARY_ID


@dataclass(frozen=True, slots=True)
class Item:
    """One passage of one article that belongs to a claim group."""

    article: str
    """Id of the article (or :data:`PRIMARY_ID`)."""
    start: int
    end: int
    text: str
    """Exactly ``body[start:end]``."""
    role: str
    """"quantity", "quote", "causal" or "venue"."""
    value: float | None = None
    """Quantities: the value as written (range midpoint for ranges)."""
    unit: str | None = None
    """Quantities: normalised unit ("%", "weeks", "genes", ...)."""
    low: float | None = None
    high: float | None = None
    approx: bool = False
    bound: str | None = None
    label: str = ""
    """What is compared, for display: "70 %", "direct", "Frontiers in Neuroscience", the quote."""
    speaker: str | None = None
    """Quotes: surname of the person quoted, when found."""
    sentence: tuple[int, int] = (0, 0)
    """Offsets of the sentence the item sits in (for showing context)."""
    negated: bool = False
    """Causal items: the sentence denies the relation (the claim engine's ``negated``)."""
    verdict: Verdict | None = None
    """Set by the judge: against the primary record where it speaks ("agrees"/"differs"),
    "not_in_study" where a primary record is given but says nothing comparable, against the
    majority without a primary record ("no_reference" when there is none)."""
    direction: str | None = None
    """Causal items that differ from the primary: "stronger", "weaker", "negation dropped",
    "negation added"."""

    def to_json(self) -> dict[str, Any]:  # a JSON document
        out: dict[str, Any] = {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.value is not None:
            out["value"] = self.value
        if self.unit is not None:
            out["unit"] = self.unit
        if self.low is not None and self.high is not None:
            out["low"], out["high"] = self.low, self.high
        if self.approx:
            out["approx"] = True
            out["qualifier"] = "about"
        if self.bound:
            out["qualifier"] = {">": "more than", ">=": "at least", "<": "less than",
                                "<=": "up to"}.get(self.bound, self.bound)  # fmt: skip
        if self.speaker:
            out["speaker"] = self.speaker
        if self.role in ("causal", "venue"):
            out["label"] = self.label
        if self.negated:
            out["negated"] = True
        out["verdict"] = self.verdict or "no_reference"
        if self.direction:
            out["direction"] = self.direction
        return out


@dataclass(slots=True)
class Mention:
    """An item plus what alignment needs to know about it."""

    item: Item
    terms: dict[str, float] = field(default_factory=dict)
    """Stem -> closeness weight of the words around the claim (what is measured)."""
    shown: dict[str, str] = field(default_factory=dict)
    """Stem -> a word as written, for naming the group."""
    phrase: str = ""
    """A short readable phrase for what the claim is about (:mod:`legreader.compare.labels`);
    read it with :meth:`readable` (built when first asked: only grouped mentions need one)."""
    finding: bool = False
    """A sentence that states a result without a causal cue (compared with a primary only)."""
    frame: str = ""
    """The measure the words around a number give it (:mod:`.mentions`: ``SAMPLE_SIZE``,
    ``DROP_OUT``, ``EFFECT``): numbers of different frames never join ("12 % faster" is no drop-out)."""
    measure: str = ""
    """A measure recognised from cue words, whatever the surrounding words
    (:data:`.mentions.STUDY_DURATION`); empty when only the context says what is measured."""
    phrase_of: Callable[[], str] | None = None
    """Builds :attr:`phrase` when it is first read (a long article has thousands of mentions,
    few of them in a group)."""

    def readable(self) -> str:
        """The readable phrase (:attr:`phrase`), built on first use."""
        if self.phrase_of is not None:
            self.phrase, self.phrase_of = self.phrase_of(), None
        return self.phrase


@dataclass(frozen=True, slots=True)
class Cell:
    """One article's standing in one claim group."""

    state: CellState
    """One of :data:`CELL_STATES`."""
    items: tuple[Item, ...] = ()
    """The article's items in this group. In a "differs" cell the differing ones come first (the
    one a single-cell view shows and opens); otherwise in text order."""
    note: str = ""
    """Short explanation, e.g. ``"20 % vs 70 % (primary)"``."""
    differing: tuple[Item, ...] = ()
    """The items that differ from the reference (all items when there is no clear reference). An
    article that contradicts itself has a "differs" cell with only its wrong items here: its other
    items agree with the other sources (see :meth:`item_state`)."""

    agreeing: Literal["agrees", "not_in_study"] = "agrees"
    """State of the items of a "differs" cell that are not in :attr:`differing`: "agrees", or
    "not_in_study" when they only agree with the other articles (the primary is silent)."""

    def item_state(self, item: Item) -> CellState:
        """ "differs", "agrees" or "not_in_study" for one of :attr:`items` (the cell's state for
        other states)."""
        if self.state not in ("agrees", "differs"):
            return self.state
        if any(item is it or item == it for it in self.differing):
            return "differs"
        return self.agreeing


@dataclass(slots=True)
class ClaimGroup:
    """Claims from different articles that say the same thing (or should)."""

    id: str
    kind: GroupKind
    """One of :data:`KINDS`."""
    measure: str
    """What the group is about, in words ("stem cells decrease", "quote: Adami")."""
    items: list[Item] = field(default_factory=list)
    discrepancy: bool = False
    reasons: list[str] = field(default_factory=list)
    """Why the group is (or is not) a discrepancy, readable."""
    reference: str | None = None
    """The value cells are judged against, as a label."""
    reference_source: ReferenceSource | None = None
    """"primary" where the primary record speaks; "majority" where it is absent or silent and
    most sources agree; None when there is no clear reference."""
    label: str = ""
    """Readable row label: a short phrase ("sample size", "nuts and heart disease")."""
    study_silent: bool = False
    """A primary record is given but says nothing comparable: items are "not_in_study"."""
    cells: dict[str, Cell] = field(default_factory=dict)
    """Cell per article id (every article of the comparison, and the primary if given)."""
    diffs: list[QuoteDiff] = field(default_factory=list)
    """Quotes: word diffs between variants: ``{"a": article, "b": article, "ops": [...]}``."""
    internal: list[str] = field(default_factory=list)
    """Ids of articles whose own items in this group disagree with each other."""

    @property
    def articles(self) -> list[str]:
        """Ids of the sources with an item here, in first-seen order."""
        return list(dict.fromkeys(item.article for item in self.items))

    def to_json(self) -> dict[str, Any]:  # a JSON document
        return {
            "id": self.id,
            "kind": self.kind,
            "measure": self.measure,
            "discrepancy": self.discrepancy,
            "label": self.label,
            "reasons": list(self.reasons),
            "reference": self.reference_source,
            "reference_value": self.reference,
            "reference_source": self.reference_source,
            "study_silent": self.study_silent,
            "cells": {key: cell.state for key, cell in self.cells.items()},
            "items": [item.to_json() for item in self.items],
            **({"diffs": self.diffs} if self.diffs else {}),
        }
