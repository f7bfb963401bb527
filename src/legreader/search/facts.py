"""What the sidebar knows of each article, counted from the annotation store: plain Python.

:func:`annotation_facts` counts every article's annotations (anchored ones, verdicts, tags,
notes); :func:`sidebar_facts` adds what else the sidebar shows of one article (its article
note and verdict, a discrepancy the compare engine found) and the worst verdicts. The sidebar
(:mod:`legreader.ui.article_list`) draws the result and filters by it
(:mod:`legreader.corpus.filters`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Protocol

from legreader.corpus.filters import ArticleFacts
from legreader.store.model import ArticleNote, worst_verdict


class CountedAnnotation(Protocol):
    """What is counted of an annotation (a :class:`legreader.store.model.Annotation`)."""

    @property
    def article_id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def verdict(self) -> str | None: ...

    @property
    def tags(self) -> Sequence[str]: ...

    @property
    def note(self) -> str | None: ...


def annotation_facts(annotations: Iterable[CountedAnnotation]) -> dict[str, ArticleFacts]:
    """Counts of anchored annotations, verdicts, tags and notes, per article (no worst verdict,
    article notes or discrepancies: :func:`sidebar_facts` adds those). Pauses now and then
    (a worker counting 400,000 annotations lets the UI thread in)."""
    from legreader.work.pacing import pause

    facts: dict[str, ArticleFacts] = {}
    for n, ann in enumerate(annotations, 1):
        if n % 1024 == 0:
            pause()
        item = facts.get(ann.article_id)
        if item is None:
            item = facts[ann.article_id] = ArticleFacts()
        if ann.status == "anchored":
            item.count += 1
        if ann.verdict:
            item.verdicts.add(ann.verdict)
        if ann.tags:
            item.tags.update(ann.tags)
        if ann.note:
            item.has_notes = True
    return facts


def sidebar_facts(
    base: ArticleFacts | None, note: ArticleNote | None, discrepant: bool
) -> ArticleFacts | None:
    """What the sidebar shows of one article: its annotations' facts ``base`` (copied, never
    changed), its article ``note`` and verdict, a discrepancy found by the compare engine, the
    worst verdict of its passages and of all; ``None`` when there is nothing."""
    if note is not None and note.is_empty():
        note = None
    if base is None and note is None and not discrepant:
        return None
    item = (
        dataclasses.replace(base, verdicts=set(base.verdicts), tags=set(base.tags))
        if base is not None
        else ArticleFacts()
    )
    # The sidebar tells the article's own verdict from its worst passage's.
    item.worst_passage = worst_verdict(item.verdicts)
    if note is not None:
        item.has_notes = item.has_notes or bool(note.note)
        if note.verdict:
            item.verdicts.add(note.verdict)
            item.article_verdict = note.verdict
    item.has_discrepancy = item.has_discrepancy or discrepant
    item.worst = worst_verdict(item.verdicts)
    return item
