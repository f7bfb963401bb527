"""Opening the annotation database (in a thread when large, a damaged one offered read-only or
fresh, never overwritten), previewing the open article's marks ahead of it, watching it for
outside changes, and closing it.

Part of :class:`legreader.ui.app.LegreaderApp` (a mixin: see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message

from legreader.ui.flows.state import AppFlow, freeze_long_lived
from legreader.ui.safe_text import plain

if TYPE_CHECKING:
    from legreader.store import Anchor, Annotation
    from legreader.store.annotation_store import StoreMode
    from legreader.ui.store_opening import OpenedStore

#: While a large database loads in a thread, the interpreter switches threads this often (the
#: default 5 ms made each key wait up to that long, again and again, for the loading thread).
LOADING_SWITCH_INTERVAL = 0.001


class StoreFlows(AppFlow):
    """The app owns the store: these open, watch and close it."""

    def open_store(self, mode: StoreMode) -> None:
        """Open the annotation database; a damaged one is never written over. A large one is
        opened in a worker thread (see :data:`~legreader.ui.store_opening.SYNC_OPEN_BYTES`)."""
        from legreader.ui.store_opening import open_database, opens_in_background

        self.store_session.tried = True
        if opens_in_background(self.db_path):
            self.store_session.loading = True
            body = self.main.body
            article = body.loaded_article
            # A daemon thread, not a worker: quitting while it reads does not wait for it.
            loader = threading.Thread(
                target=self._open_store_in_background,
                args=(mode, (article.id, body.body) if article is not None else None),
                name="legreader-open-database",
                daemon=True,
            )
            if article is not None and mode == "normal":  # (not a damaged file re-opened)
                if self._early_preview == article.id and not self._early_preview_done:
                    # Read ahead since launch: the loading thread waits for those marks.
                    self._loader_waiting = loader
                    self.set_timer(1.0, self._start_waiting_loader)  # should it never come
                    return
                if self._early_preview != article.id and self._preview_annotations(
                    article.id, body.body
                ):
                    # Marks drawn first, then the loading thread takes its share of the CPU.
                    self.call_after_refresh(loader.start)
                    return
            loader.start()
            return
        self._store_opened(mode, open_database(self.db_path, mode))

    _early_preview: str | None = None
    """The article whose annotations a thread is reading ahead, from launch (see below)."""
    _early_preview_done = False
    _loader_waiting: threading.Thread | None = None
    """The thread that opens a large database, started once the read-ahead marks are drawn."""

    def _start_waiting_loader(self) -> None:
        loader, self._loader_waiting = self._loader_waiting, None
        if loader is not None and not self._exit:
            loader.start()

    class StorePreview(Message):
        """The open article's annotations, read from the file ahead of the store."""

        def __init__(self, article_id: str, anchored: list[tuple[Annotation, Anchor]]) -> None:
            self.article_id = article_id
            self.anchored = anchored
            super().__init__()

    def _start_early_preview(self, article_id: str, text: str) -> None:
        """At launch: read the first article's annotations from the database file in a thread
        while the first frame is drawn (reading the file costs the UI thread nothing), so
        they are on screen a frame or two after the text instead of once start-up settles
        and the store is open (which a large database takes seconds to be)."""
        import os

        try:
            if self.store_tried or os.stat(self.db_path).st_size == 0:
                return
        except OSError:
            return  # no database yet: nothing to show
        self._early_preview = article_id

        def read() -> None:
            from legreader.ui.store_opening import preview_article

            anchored = preview_article(self.db_path, article_id, text)
            try:
                self.post_message(self.StorePreview(article_id, anchored))
            except RuntimeError:  # the event loop is closed: the app has gone
                pass

        threading.Thread(target=read, name="legreader-preview", daemon=True).start()

    @on(StorePreview)
    def _store_preview(self, event: StorePreview) -> None:
        self._early_preview_done = True
        if self._loader_waiting is not None:
            self.call_after_refresh(self._start_waiting_loader)  # after the marks' frame
        if not event.anchored or self.closing or self._exit or self.store is not None:
            return
        if self.store_tried and not self.store_loading:  # failed, damaged: nothing to show
            return
        body = self.main.body
        loaded = body.loaded_article
        if loaded is None or loaded.id != event.article_id or body.marks:
            return
        self.annotating.refresh_views([ann for ann, _ in event.anchored], sidebar=False)

    def _preview_annotations(self, article_id: str, text: str) -> bool:
        """Show the open article's annotations read straight from the file (milliseconds,
        bounded: see :mod:`legreader.store.preview`) while the whole database opens behind
        them; for display only, the store replaces them once open. True if some were shown."""
        from legreader.ui.store_opening import preview_article

        anchored = preview_article(self.db_path, article_id, text)
        body = self.main.body
        loaded = body.loaded_article
        if anchored and loaded is not None and loaded.id == article_id:
            self.annotating.refresh_views([ann for ann, _ in anchored], sidebar=False)
            return True
        return False

    class StoreOpened(Message):
        """Posted by the thread that opened a large database."""

        def __init__(self, mode: StoreMode, opened: OpenedStore) -> None:
            self.mode = mode
            self.opened = opened
            super().__init__()

    def _open_store_in_background(self, mode: StoreMode, article: tuple[str, str] | None) -> None:
        """Open the database, place the open article's annotations and count every article's
        (in a thread; the result is posted to the UI thread)."""
        import gc
        import sys

        from legreader.search.facts import annotation_facts
        from legreader.ui.store_opening import OpenedStore, open_database

        # Millions of objects are made here: with the cycle collector on, each full collection
        # walks them all holding the interpreter (seconds on 400,000 annotations) and keys wait.
        # They live as long as the store: once made, they are frozen out of collections.
        collecting = gc.isenabled()
        gc.disable()
        # The UI thread waits for the interpreter at most this long when it needs it back.
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, LOADING_SWITCH_INTERVAL))
        try:
            opened = open_database(self.db_path, mode)
            if opened.store is not None:
                if article is not None:
                    opened.anchored = (article[0], opened.store.reanchor_article(*article))
                opened.facts = annotation_facts(opened.store.as_stored())
        except Exception as exc:  # noqa: BLE001 - reported in the app, which keeps running
            opened = OpenedStore(
                None, messages=[(f"Cannot open the annotation database: {exc}", "error", 12)]
            )
        finally:
            sys.setswitchinterval(switch)
            if collecting:
                gc.freeze()
                gc.enable()
        try:
            posted = not self._exit and self.post_message(self.StoreOpened(mode, opened))
        except RuntimeError:  # the event loop is closed
            posted = False
        if not posted and opened.store is not None:  # the app quit meanwhile: let the lock go
            opened.store.close(force=True)

    @on(StoreOpened)
    def _store_arrived(self, event: StoreOpened) -> None:
        if self.closing or self._exit:
            if event.opened.store is not None:
                event.opened.store.close(force=True)
            return
        self._store_opened(event.mode, event.opened)

    def _store_opened(self, mode: StoreMode, opened: OpenedStore) -> None:
        """Show what opening the database gave (on the UI thread)."""
        self.store_session.loading = False
        if opened.damaged is not None:
            from legreader.ui.dialogs.damaged_db import DamagedDatabaseDialog

            problem = str(opened.damaged)

            def chosen(choice: str | None) -> None:
                if choice in ("read_only", "fresh"):
                    self.open_store("read_only" if choice == "read_only" else "fresh")
                else:
                    self.exit(1, message=plain(f"legreader: {problem}"))

            # Marks previewed from the file are not shown over a damaged database.
            self.main.body.set_marks([])
            self.push_screen(DamagedDatabaseDialog(problem), chosen)
            return
        self.store_session.store = opened.store
        for text, severity, timeout in opened.messages:
            self.notify(text, severity=severity, timeout=timeout, markup=False)
        if self.store is None:
            self.corpus_index.index_annotations([])
            self._run_deferred_marks()
            return
        if opened.facts is not None:
            self.annotating.set_facts(opened.facts)
        if self.corpus is not None:
            moved = self.annotating.map_missing_articles()
            loaded = self.main.body.loaded_article
            if (
                not moved
                and opened.anchored is not None
                and loaded is not None
                and loaded.id == opened.anchored[0]
            ):
                self.annotating.show_anchored(opened.anchored[1])
            elif self.current:
                self.annotating.reanchor_current()
            self.annotating.refresh_sidebar()
        self._index_annotations()
        self._run_deferred_marks()

    @work(thread=True, exclusive=True, group="index-annotations", exit_on_error=False)
    def _index_annotations(self) -> None:
        """(Re-)index every annotation's notes and tags, in the background."""
        from textual.worker import get_current_worker

        store = self.store
        if store is None:
            return
        worker = get_current_worker()
        self.corpus_index.index_annotations(
            store.as_stored(), cancelled=lambda: worker.is_cancelled
        )
        freeze_long_lived()

    _deferred_marks: list[tuple[str, tuple[int, int] | None, Callable[[], None]]]

    def defer_until_store(self, handler: Callable[[], None]) -> None:
        """Run ``handler`` once the database is open, if the same passage is still selected."""
        body = self.main.body
        article = body.loaded_article
        if article is None:
            return
        if not hasattr(self, "_deferred_marks"):
            self._deferred_marks = []
        self._deferred_marks.append((article.id, body.selection, handler))
        self.notify("The annotation database is opening: the change follows", timeout=3)

    def _run_deferred_marks(self) -> None:
        waiting = getattr(self, "_deferred_marks", [])
        self._deferred_marks = []
        body = self.main.body
        for article_id, selection, handler in waiting:
            loaded = body.loaded_article
            if loaded is not None and loaded.id == article_id and body.selection == selection:
                handler()
            else:
                self.notify(
                    "Change not made: the selection moved while the database opened",
                    severity="warning",
                    timeout=6,
                )

    _db_problem_shown = False

    def check_database(self) -> None:
        """Notice the database replaced or changed by another program (or the other instance)
        and reload it; runs every :data:`DB_WATCH_SECONDS`."""
        from legreader.store import StoreError

        store = self.store
        if store is None:
            return
        try:
            changed = store.refresh()
        except (StoreError, OSError) as exc:
            if not self._db_problem_shown:
                self._db_problem_shown = True
                self.notify(
                    f"The annotation database changed on disk and cannot be read: {exc}",
                    severity="error",
                    timeout=12,
                    markup=False,
                )
            return
        if changed:
            self.annotating.forget_facts()
            self.annotating.refresh_views()
            self.notify("Reloaded the annotations: another program changed the file", timeout=5)

    def close_store(self) -> None:
        from legreader.store import StoreError

        if self.store is None:
            return
        try:
            self.store.close()
        except StoreError:
            # Pending changes could not be written: keep the journal/pending data as it is,
            # say so on the terminal after exit.
            import sys

            print(f"legreader: some changes could not be saved to {self.db_path}", file=sys.stderr)
            self.store.close(force=True)
        self.store_session.store = None
