"""How far a long comparison has got: reports the hot loops make, for a progress indicator.

:func:`legreader.compare.compare_articles` installs the caller's ``progress`` callable for
the current thread (:func:`reporting`); its stages call :func:`report`, which hands the
callable a :class:`Progress` when the stage changes, when a stage is done, or at most every
:data:`REPORT_INTERVAL` seconds in between (a report costs the engine a clock read). The
callable is called in the thread that compares: a caller that draws it elsewhere must hand it
over itself (the app does, with ``loop.call_soon_threadsafe``; from a child process each
report is sent down the pipe, see :mod:`legreader.work.offload`). No Textual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

Stage = Literal["reading", "aligning", "judging", "scoring"]
"""What the comparison is doing: reading each source's claims, lining them up across the
sources, judging each group against the reference, summing up each article."""

STAGES: tuple[Stage, ...] = ("reading", "aligning", "judging", "scoring")

#: Words for each stage, with what its count counts.
STAGE_WORDS: dict[Stage, tuple[str, str]] = {
    "reading": ("reading", "sources"),
    "aligning": ("lining up the claims", "kinds"),
    "judging": ("checking against the study", "groups"),
    "scoring": ("summing up", "articles"),
}

#: Least time between two reports of the same stage (the first and the last always go):
#: each one redraws a line of the interface, which must stay quick to answer `q` meanwhile.
REPORT_INTERVAL = 0.25


@dataclass(frozen=True, slots=True)
class Progress:
    """One report: ``done`` of ``total`` units of ``stage`` finished."""

    stage: Stage
    done: int
    total: int

    @property
    def fraction(self) -> float:
        """The whole comparison's share done, 0 to 1 (each stage weighs what it usually costs)."""
        index = STAGES.index(self.stage)
        within = self.done / self.total if self.total > 0 else 0.0
        start = sum(_WEIGHTS[:index])
        return min(1.0, start + _WEIGHTS[index] * min(max(within, 0.0), 1.0))

    def words(self) -> str:
        """``"reading 3/5 sources"``."""
        verb, unit = STAGE_WORDS[self.stage]
        if self.total <= 1:
            return verb
        return f"{verb} {min(self.done, self.total)}/{self.total} {unit}"


#: Share of the time each stage takes (measured on the sample corpus, 200 articles and one
#: 400 KB article: reading about 40 %, aligning 45 %, the rest little).
_WEIGHTS = (0.4, 0.45, 0.1, 0.05)

ProgressCallback = Callable[[Progress], None]

_local = threading.local()


@dataclass(slots=True)
class _Reporter:
    callback: ProgressCallback
    last: Progress | None = None
    at: float = 0.0


@contextmanager
def reporting(callback: ProgressCallback | None) -> Iterator[None]:
    """Make :func:`report` in this thread hand its reports to ``callback`` (None: nowhere)."""
    previous = getattr(_local, "reporter", None)
    _local.reporter = _Reporter(callback) if callback is not None else None
    try:
        yield
    finally:
        _local.reporter = previous


def report(stage: Stage, done: int, total: int) -> None:
    """``done`` of ``total`` units of ``stage`` are finished (passed on, or dropped when the
    last report of this stage went out less than :data:`REPORT_INTERVAL` ago)."""
    reporter: _Reporter | None = getattr(_local, "reporter", None)
    if reporter is None:
        return
    now = time.monotonic()
    last = reporter.last
    if (
        last is not None
        and last.stage == stage
        and done < total
        and done != 0
        and now - reporter.at < REPORT_INTERVAL
    ):
        return
    reporter.last = Progress(stage, done, total)
    reporter.at = now
    reporter.callback(reporter.last)
