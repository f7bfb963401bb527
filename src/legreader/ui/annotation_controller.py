"""Turns the reader's annotation keys into store changes, with undo. Owned by the app.

The app owns the store; this object holds the annotation logic so that the app module stays
small. It holds no reference to the app: it is handed the store session
(:class:`~legreader.ui.store_session.StoreSession`), the views it shows the annotations in
(:class:`AnnotationViews`, the main screen) and what it reads of the app's state
(:class:`ReaderState`). Every change goes through :meth:`_save`, which reports success,
failure (the change is kept in memory and retried) and read-only stores.

One module over 500 lines because it is one controller: every annotation change goes through its
one save-and-undo path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypedDict

from legreader.corpus.filters import ArticleFacts
from legreader.search.facts import annotation_facts, sidebar_facts
from legreader.store import (
    Annotation,
    AnnotationStore,
    ArticleNote,
    ReadOnlyStore,
    StoreError,
    StoreWriteError,
    make_annotation,
)
from legreader.store.model import AnnotationVerdict, article_text_hash, as_verdict
from legreader.ui.article_body import ArticleBody, Mark
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_list import ArticleList
from legreader.ui.store_session import StoreSession
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen, ScreenResultCallbackType
    from textual.timer import Timer

    from legreader.corpus.loader import Corpus
    from legreader.store import Anchor
    from legreader.ui.annotations_panel import AnnotationsPanel
    from legreader.ui.corpus_search import CorpusIndex

RETRY_SECONDS = 5.0


UndoKind = Literal["create", "delete", "edit", "re-attach", "accept new text", "keep orphaned"]


@dataclasses.dataclass
class UndoStep:
    """How to take one change back: the annotation before (None: it did not exist) and after."""

    before: Annotation | None
    after: Annotation | None
    what: UndoKind


def undo_notice(step: UndoStep) -> str:
    """What taking ``step`` back did, in plain words ("Removed the new annotation")."""
    before, after = step.before, step.after
    if step.what == "create":
        return "Removed the new annotation"
    if step.what == "delete":
        return "Brought back the deleted annotation"
    if step.what == "re-attach":
        return "Put the annotation back where it was"
    if step.what in ("accept new text", "keep orphaned"):
        return "The annotation is marked changed again"
    if before is not None and after is not None:
        if (
            before.verdict != after.verdict
            and before.tags == after.tags
            and before.note == after.note
        ):
            return f"Verdict back to {before.verdict}" if before.verdict else "Removed the verdict"
        fields = [
            name
            for name, old, new in (
                ("verdict", before.verdict, after.verdict),
                ("tags", before.tags, after.tags),
                ("note", before.note, after.note),
            )
            if old != new
        ]
        if fields:
            return "Put back the previous " + " and ".join(
                [", ".join(fields[:-1]), fields[-1]] if len(fields) > 1 else fields
            )
    return "Put the annotation back as it was"


class AnnotationViews(Protocol):
    """Where the annotations are shown and dialogs opened (the main screen)."""

    @property
    def body(self) -> ArticleBody: ...
    @property
    def header(self) -> ArticleHeader: ...
    @property
    def sidebar(self) -> ArticleList: ...
    @property
    def panel(self) -> AnnotationsPanel: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def open_dialog(self, dialog: Screen[Any], callback: ScreenResultCallbackType[Any]) -> None: ...

    def call_after_refresh(self, callback: Callable[..., object], *args: object) -> bool: ...

    def set_interval(self, interval: float, callback: Callable[[], object]) -> Timer: ...


class _Changes(TypedDict, total=False):
    """What one annotation key changes on the selection's annotation."""

    verdict: AnnotationVerdict | None
    tags: list[str]
    note: str | None


@dataclasses.dataclass(frozen=True)
class ReaderState:
    """What the annotation logic reads of the app's state (each read when needed)."""

    corpus: Callable[[], Corpus | None]
    discrepant_articles: Callable[[], set[str]]
    """Articles the compare engine found disagreeing."""
    corpus_index: Callable[[], CorpusIndex]
    """The corpus search index (its notes and tags follow every change)."""
    keymap: Callable[[], Mapping[str, str]]
    """The reader's key map (binding id to keys), for the keys named in notices."""


class AnnotationController:
    """Verdicts, tags, notes, deletion and undo, for the article shown in the body."""

    def __init__(self, views: AnnotationViews, session: StoreSession, state: ReaderState) -> None:
        self.views = views
        self.session = session
        self.state = state
        self.undo_stack: list[UndoStep] = []
        self._retry_timer: Timer | None = None
        self._facts: dict[str, ArticleFacts] | None = None
        """Per-article annotation facts (see :func:`annotation_facts`), kept up to date one
        article at a time after each change, so a save never walks the whole database."""

    # ----------------------------------------------------------------- helpers

    @property
    def store(self) -> AnnotationStore | None:
        return self.session.store

    @property
    def body(self) -> ArticleBody:
        return self.views.body

    def annotations(self) -> list[Annotation]:
        article = self.body.loaded_article
        if self.store is None or article is None:
            return []
        return self.store.annotations_for(article.id)

    def at_selection(self) -> Annotation | None:
        """The anchored annotation on exactly the selected passage, else the one overlapping it most."""
        selection = self.body.selection
        if selection is None:
            return None
        start, end = selection
        best: tuple[int, Annotation] | None = None
        for ann in self.annotations():
            if ann.status != "anchored":
                continue
            if (ann.start, ann.end) == (start, end):
                return ann
            overlap = min(end, ann.end) - max(start, ann.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, ann)
        return best[1] if best else None

    def exact_at_selection(self) -> Annotation | None:
        ann = self.at_selection()
        selection = self.body.selection
        if ann is not None and selection is not None and (ann.start, ann.end) == selection:
            return ann
        return None

    def _key(self, binding_id: str, default: str) -> str:
        """The first key bound to ``binding_id`` as the reader's key map has it (for notices)."""
        keymap = self.state.keymap()
        return keymap.get(binding_id, default).split(",")[0].strip() or default

    def _writable(self) -> bool:
        if self.store is None:
            self.session.ensure_open()
        if self.store is None:
            if self.session.loading:
                self.views.notify("The annotation database is still opening…", timeout=3)
            else:
                self.views.notify("The annotation database is not open.", severity="error")
            return False
        if self.store.read_only:
            self.views.notify(
                f"Annotations are read-only: {self.store.read_only_reason}.",
                severity="warning",
                markup=False,
            )
            return False
        return True

    def _save(
        self,
        action: Callable[[], object],
        step: UndoStep | None,
        done: str,
        undone: UndoStep | None = None,
    ) -> bool:
        """Run a store change; tell the reader what happened. True when it is in the store.

        ``undone``: the step an undo takes back. The sidebar and the search index are updated
        for the annotations the steps name (not the whole database, nor the whole article).
        The change is shown first and written right after the frame that shows it
        (:meth:`_write_through`): the disk's fsync never delays the key's frame.
        """
        changed = [
            a for s in (step, undone) if s is not None for a in (s.before, s.after) if a is not None
        ]
        touched = tuple({a.article_id for a in changed})
        store = self.store
        assert store is not None
        try:
            with store.unwritten():
                action()
        except StoreWriteError as exc:
            if step is not None:
                self.undo_stack.append(step)
            self._kept_in_memory(exc)
            self.refresh_views(also=touched)
            return True
        except ReadOnlyStore as exc:
            self.views.notify(str(exc), severity="warning", markup=False)
            return False
        except (StoreError, ValueError, KeyError) as exc:
            self.views.notify(f"Could not save: {exc}", severity="error", markup=False)
            return False
        if step is not None:
            self.undo_stack.append(step)
            del self.undo_stack[:-200]
        self.refresh_views(also=touched)
        self._reindex(changed)
        self.views.call_after_refresh(self._write_through, done)
        return True

    def _kept_in_memory(self, exc: StoreWriteError) -> None:
        """A change that could not be written: say so, and try again soon."""
        self.views.notify(
            f"Not saved yet ({exc.reason}): kept in memory, retrying",
            severity="error",
            timeout=10,
            markup=False,
        )
        self._schedule_retry()

    def _write_through(self, done: str) -> None:
        """Write what the changes queued (one journal record, fsynced), once their frame is
        on screen; then say ``done``, or that the change is kept in memory and retried."""
        store = self.store
        if store is None:  # closed meanwhile: closing wrote it
            return
        reloads = store.reloads
        try:
            store.retry_pending()
        except StoreWriteError as exc:
            self._kept_in_memory(exc)
            return
        finally:
            if store.reloads != reloads:  # another program rewrote the file: ours merged in
                self.forget_facts()
                self.refresh_views()
        self.views.notify(done, timeout=2, markup=False)

    def _reindex(self, changed: list[Annotation]) -> None:
        """Keep the corpus search index's notes and tags up to date for these annotations."""
        if self.store is None:
            return
        index = self.state.corpus_index()
        for ann in changed:
            now = self.store.get(ann.id)
            if now is not None:
                index.update_annotation(now)
            else:
                index.remove_annotation(ann.article_id, ann.id)

    def _schedule_retry(self) -> None:
        if self._retry_timer is None:
            self._retry_timer = self.views.set_interval(RETRY_SECONDS, self.retry_pending)

    def retry_pending(self) -> None:
        if self.store is None or not self.store.pending:
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            return
        try:
            saved = self.store.retry_pending()
        except StoreWriteError:
            return
        self.views.notify(f"Saved {plural(saved, 'waiting change')}", timeout=4)
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    # ------------------------------------------------------------------- views

    def refresh_views(
        self,
        anns: list[Annotation] | None = None,
        *,
        sidebar: bool = True,
        also: tuple[str, ...] = (),
    ) -> None:
        """Show the store's state in the body, the panel and (unless told not to) the sidebar.

        ``anns``: this article's annotations when the caller has them already. The sidebar's
        facts are recomputed for the open article and the articles in ``also``.
        """
        body = self.body
        if anns is None:
            anns = self.annotations()
        body.set_marks(
            [
                Mark(a.id, a.start, a.end, a.verdict, bool(a.note), tuple(a.tags))
                for a in anns
                if a.status == "anchored" and a.end <= len(body.body)
            ]
        )
        article = body.loaded_article
        if self.store is not None and article is not None:
            since = self.store.text_changed_since(article.id, body.body, anns)
            self.views.header.set_text_changed(since.modified if since else None)
        panel = self.views.panel
        if panel.display:
            note = (
                self.store.article_note(body.loaded_article.id)
                if self.store and body.loaded_article
                else None
            )
            panel.show_annotations(anns, note, body.body)
        if sidebar:
            article = body.loaded_article
            scope = {article.id} if article is not None else set()
            self.refresh_sidebar(scope | set(also), anns=anns)

    def set_facts(self, facts: dict[str, ArticleFacts]) -> None:
        """Every article's annotation facts, computed elsewhere (a worker) from this store."""
        self._facts = facts

    def forget_facts(self) -> None:
        """Many annotations changed at once (a reload, an import): recount them all next time."""
        self._facts = None

    def refresh_sidebar(
        self, articles: set[str] | None = None, anns: list[Annotation] | None = None
    ) -> None:
        """Counts, worst verdicts, tags and notes per article, for the sidebar and its filters.

        ``articles``: only these articles' annotations changed: their facts alone are counted
        again and sent to the sidebar, which redraws their rows (a save costs what it changed,
        whatever the size of the database or the corpus); ``None``: every article's.
        ``anns``: the open article's annotations, when the caller has them.
        """
        store = self.store
        if store is None:
            return
        sidebar = self.views.sidebar
        if self._facts is None or not articles:
            if self._facts is None:
                self._facts = annotation_facts(store.as_stored())
            facts: dict[str, ArticleFacts] = {}
            keys = set(self._facts) | set(self.state.discrepant_articles())
            corpus = self.state.corpus()
            if corpus is not None:
                keys.update(a.id for a in corpus.all_articles() if store.article_note(a.id))
            for key in keys:
                item = self._composed(key)
                if item is not None:
                    facts[key] = item
            sidebar.set_stats(facts)
            return
        loaded = self.body.loaded_article
        for article_id in articles:
            mine = (
                anns
                if anns is not None and loaded is not None and loaded.id == article_id
                else store.annotations_for(article_id)
            )
            fresh = annotation_facts(mine).get(article_id)
            if fresh is None:
                self._facts.pop(article_id, None)
            else:
                self._facts[article_id] = fresh
        sidebar.update_stats({key: self._composed(key) for key in articles})

    def _composed(self, article_id: str) -> ArticleFacts | None:
        """What the sidebar shows of one article (see :func:`sidebar_facts`)."""
        assert self.store is not None and self._facts is not None
        return sidebar_facts(
            self._facts.get(article_id),
            self.store.article_note(article_id),
            article_id in self.state.discrepant_articles(),
        )

    _ids_mapped = False

    def map_missing_articles(self) -> int:
        """Once per session, with both the corpus and the store open: move annotations whose
        article id names no article onto the one file that fits (old-scheme ids, renamed
        files; see :mod:`legreader.corpus.ids`), and say what could not be placed.

        Returns how many annotations moved (then every count is taken afresh)."""
        corpus, store = self.state.corpus(), self.store
        if self._ids_mapped or corpus is None or store is None:
            return 0
        self._ids_mapped = True
        from legreader.corpus.ids import resolve_missing_ids

        known = {a.id for a in corpus.all_articles()}
        missing = store.article_ids() - known
        if not missing:
            return 0
        quotes = {i: [a.exact for a in store.annotations_for(i)] for i in missing}
        found = resolve_missing_ids(corpus, quotes)
        moved = 0
        if found.moves and not store.read_only:
            try:
                moved = store.move_article(found.moves)
            except (StoreError, OSError) as exc:
                self.views.notify(f"Could not save the new article ids: {exc}", markup=False)
        if moved:
            self.forget_facts()
            self.views.notify(
                f"Moved {plural(moved, 'annotation')} to the new ids of "
                f"{plural(len(found.moves), 'renamed or edited file')}",
                timeout=8,
            )
        lost = [i for i in found.unresolved if store.annotations_for(i)]
        if lost:
            count = sum(len(store.annotations_for(i)) for i in lost)
            self.views.notify(
                f"{plural(count, 'annotation')} match no file in this corpus: kept (and "
                "exported), shown on no article",
                severity="warning",
                timeout=12,
            )
        return moved

    def reanchor_current(self) -> None:
        """Find this article's annotations in its current text (it may have changed)."""
        body = self.body
        if self.store is None or body.loaded_article is None:
            return
        self.show_anchored(self.store.reanchor_article(body.loaded_article.id, body.body))

    def show_anchored(self, results: list[tuple[Annotation, Anchor]]) -> None:
        """Show the open article's re-anchoring results (computed here or in a worker)."""
        body = self.body
        article = body.loaded_article
        assert article is not None
        anns = [ann for ann, _ in results]
        changed = [ann for ann in anns if ann.status == "changed"]
        lost = [ann for ann in anns if ann.status in ("ambiguous", "orphaned") and not ann.detached]
        # The sidebar's count changes only when annotations lost (or found) their place.
        shown = self.views.sidebar.stats.get(article.id)
        anchored = sum(ann.status == "anchored" for ann in anns)
        count_changed = (shown.count if shown else 0) != anchored
        if changed:
            self.views.notify(
                f"{plural(len(changed), 'marked passage')} changed since marked: see the "
                f"annotations panel ({self._key('app.annotations', 'a')})",
                severity="warning",
                timeout=10,
            )
        if lost:
            self.views.notify(
                f"{plural(len(lost), 'annotation')} not found in the text: re-attach in the "
                f"annotations panel ({self._key('app.annotations', 'a')})",
                severity="warning",
                timeout=8,
            )
        self.refresh_views(anns, sidebar=count_changed)

    # ----------------------------------------------------------------- actions

    def _target(self) -> tuple[tuple[int, int], Annotation | None] | None:
        """The selected passage and the annotation exactly on it (None: nothing to act on)."""
        if not self._writable():
            return None
        body = self.body
        if body.loaded_article is None or body.selection is None:
            return None
        return body.selection, self.exact_at_selection()

    def verdict(self, verdict: str) -> None:
        """Set the verdict on the selection; the same verdict again removes it."""
        target = self._target()
        if target is None:
            return
        selection, existing = target
        if existing is not None and existing.verdict == verdict:
            self._apply(existing, selection, {"verdict": None}, f"Removed the verdict {verdict}")
        else:
            self._apply(existing, selection, {"verdict": as_verdict(verdict)}, f"Marked {verdict}")

    def edit_tags(self) -> None:
        from legreader.ui.dialogs.tag_dialog import TagDialog

        target = self._target()
        if target is None or self.store is None:
            return
        selection, existing = target
        quote = self.body.body[selection[0] : selection[1]]

        def done(tags: list[str] | None) -> None:
            if tags is not None:
                self._apply(
                    existing, selection, {"tags": tags}, "Tags saved" if tags else "Tags removed"
                )

        known = self.store.tags_with_counts()
        self.views.open_dialog(
            TagDialog(list(existing.tags) if existing else [], known, quote), done
        )

    def edit_note(self) -> None:
        from legreader.ui.dialogs.note_editor import NoteEditor, NoteResult

        target = self._target()
        if target is None:
            return
        selection, existing = target
        quote = " ".join(self.body.body[selection[0] : selection[1]].split())

        def done(result: NoteResult | None) -> None:
            if result is not None:
                self._apply(
                    existing,
                    selection,
                    {"note": result.note},
                    "Note saved" if result.note else "Note removed",
                )

        self.views.open_dialog(
            NoteEditor("Note on this passage", quote[:400], existing.note if existing else None),
            done,
        )

    def _apply(
        self,
        existing: Annotation | None,
        selection: tuple[int, int],
        changes: _Changes,
        done: str,
    ) -> None:
        """Change (or create, or delete when it becomes empty) the annotation on the selection."""
        store = self.store
        body = self.body
        assert store is not None and body.loaded_article is not None
        if existing is None:
            if not any(changes.values()):
                return
            new = make_annotation(body.loaded_article.id, body.body, *selection, **changes)
            self._save(lambda: store.add(new), UndoStep(None, new, "create"), done)
            return
        # A verdict, tag or note given now is given on the text shown now.
        changed = dataclasses.replace(existing, **changes, text_hash=article_text_hash(body.body))
        if changed.verdict is None and not changed.tags and not changed.note:
            self._save(lambda: store.delete(existing.id), UndoStep(existing, None, "delete"), done)
            return
        self._save(lambda: store.update(changed), UndoStep(existing, changed, "edit"), done)

    def edit_article_note(self) -> None:
        from legreader.ui.dialogs.note_editor import NoteEditor, NoteResult

        if not self._writable():
            return
        article = self.body.loaded_article
        store = self.store
        if article is None or store is None:
            return
        current = store.article_note(article.id)

        def done(result: NoteResult | None) -> None:
            if result is None:
                return
            note = ArticleNote(article.id, note=result.note, verdict=result.verdict)
            self._save(lambda: store.set_article_note(note), None, "Article note saved")

        self.views.open_dialog(
            NoteEditor(
                f"Article note · {article.title[:60]}",
                "",
                current.note if current else None,
                with_verdict=True,
                verdict=current.verdict if current else None,
            ),
            done,
        )

    def delete(self, annotation_id: str | None = None) -> None:
        if not self._writable():
            return
        store = self.store
        assert store is not None
        target = store.get(annotation_id) if annotation_id else self.at_selection()
        if target is None:
            self.views.notify("No annotation here to delete.", timeout=2)
            return
        self._save(
            lambda: store.delete(target.id),
            UndoStep(target, None, "delete"),
            f"Deleted the annotation ({self._key('body.undo', 'u')} undoes)",
        )

    def undo(self) -> None:
        if not self._writable():
            return
        if not self.undo_stack:
            self.views.notify("Nothing to undo.", timeout=2)
            return
        step = self.undo_stack.pop()
        store = self.store
        assert store is not None

        def revert() -> None:
            if step.before is None and step.after is not None:
                if store.get(step.after.id) is not None:
                    store.delete(step.after.id)
            elif step.before is not None:
                if store.get(step.before.id) is None:
                    store.add(step.before)
                else:
                    store.update(step.before)

        self._save(revert, None, undo_notice(step), undone=step)

    def reattach(self, annotation_id: str | None) -> None:
        if not self._writable() or annotation_id is None:
            return
        store = self.store
        body = self.body
        assert store is not None
        selection = body.selection
        if selection is None:
            self.views.notify(
                f"Select the passage in the text first, then press {self._key('panel.reattach', 'r')}",
                timeout=4,
            )
            return
        before = store.get(annotation_id)
        self._save(
            lambda: store.reattach(annotation_id, body.body, *selection),
            UndoStep(before, None, "re-attach") if before else None,
            "Re-attached the annotation to the selection",
        )

    def accept_change(self, annotation_id: str | None) -> None:
        """A changed annotation takes the new words of its passage (and is anchored)."""
        if not self._writable() or annotation_id is None:
            return
        store = self.store
        body = self.body
        assert store is not None
        before = store.get(annotation_id)
        if before is None or before.status != "changed":
            self.views.notify("Only a changed annotation has new text to accept.", timeout=3)
            return
        self._save(
            lambda: store.accept_change(annotation_id, body.body),
            UndoStep(before, None, "accept new text"),
            "The annotation now quotes the new text",
        )

    def keep_orphaned(self, annotation_id: str | None) -> None:
        """A changed annotation stays off the text (orphaned) with its old quote."""
        if not self._writable() or annotation_id is None:
            return
        store = self.store
        assert store is not None
        before = store.get(annotation_id)
        if before is None or before.status != "changed":
            self.views.notify("Only a changed annotation can be kept orphaned here.", timeout=3)
            return
        self._save(
            lambda: store.keep_orphaned(annotation_id),
            UndoStep(before, None, "keep orphaned"),
            "Kept the old quote, off the text",
        )

    def jump(self, annotation_id: str | None) -> None:
        if self.store is None or annotation_id is None:
            return
        ann = self.store.get(annotation_id)
        if ann is None:
            return
        if ann.status not in ("anchored", "changed"):
            self.views.notify(
                f"This annotation is {ann.status}: select where it belongs, then press "
                f"{self._key('panel.reattach', 'r')}",
                timeout=5,
            )
            return
        self.body.select_range(ann.start, ann.end)
        self.body.focus()
