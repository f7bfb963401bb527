"""The state every part of the app shares: what it was started with, the store session, the
corpus, the key gate, the main screen, and the small helpers the flows use.

The base of :class:`legreader.ui.app.LegreaderApp` and of its flows (see :mod:`legreader.ui.flows`)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel

from legreader.corpus.loader import Article, Corpus
from legreader.settings.config import UserConfig
from legreader.ui.key_gate import KeyGate
from legreader.ui.safe_text import safe
from legreader.ui.screens.main import MainScreen
from legreader.ui.store_session import StoreSession

if TYPE_CHECKING:
    from textual.worker import Worker

    from legreader.search.corpus_index import CorpusIndex
    from legreader.settings.session import ReadingPlace
    from legreader.store import AnnotationStore
    from legreader.store.annotation_store import StoreMode
    from legreader.ui.annotation_controller import AnnotationController


class AppState(App[int]):
    """The app's shared state; the flows that use it are typed as its subclasses (see
    :data:`AppFlow`)."""

    def __init__(
        self,
        corpus_paths: Sequence[Path],
        db_path: Path,
        *,
        config: UserConfig | None = None,
        corpus: Corpus | None = None,
        state_path: Path | None = None,
    ) -> None:
        super().__init__()
        from legreader.settings.session import default_state_path, load_state

        self.state_path = state_path if state_path is not None else default_state_path()
        """Where the last article, the place in it and the copy style are kept (the user
        state folder; see :mod:`legreader.settings.session`)."""
        self.session = load_state(self.state_path)
        self.corpus_paths = list(corpus_paths)
        self.db_path = db_path
        self.config = config or UserConfig()
        self.corpus: Corpus | None = corpus
        self.keymap: dict[str, str] = dict(self.config.keymap)
        self.current: Article | None = None
        self.animal_study = False
        self.store_session = StoreSession(lambda: self.open_store("normal"))
        """The annotation database (see :mod:`legreader.ui.store_session`): the app opens it
        and hands it to the helpers that change annotations."""
        self._corpus_index: CorpusIndex | None = None
        self._corpus_index_lock = threading.Lock()
        self.discrepant_articles: set[str] = set()
        """Articles the compare engine found disagreeing (filled in the background)."""
        self.discrepancies_known = False
        self.key_gate = KeyGate()
        """Holds the keys typed while a dialog opens or focus moves (see :mod:`key_gate`)."""
        self.main = MainScreen()
        """The reader's screen (sidebar, body, panel), first on the stack under every dialog."""

    @property
    def corpus_index(self) -> CorpusIndex:
        """The search index over the corpus, notes and tags; made at first use (its modules
        are not needed for the first frame; a worker thread may be the first to ask)."""
        with self._corpus_index_lock:
            if self._corpus_index is None:
                from legreader.search.corpus_index import CorpusIndex

                self._corpus_index = CorpusIndex()
            return self._corpus_index

    @property
    def closing(self) -> bool:
        """True once the app has taken its screens down (quitting): a late message, key or
        worker result has no screen left to show anything on."""
        return not self.screen_stack

    @cached_property
    def annotating(self) -> AnnotationController:
        """Keys on the text that make, change or show annotations (loaded with the store)."""
        from legreader.ui.annotation_controller import AnnotationController, ReaderState

        return AnnotationController(
            self.main,
            self.store_session,
            ReaderState(
                corpus=lambda: self.corpus,
                discrepant_articles=lambda: self.discrepant_articles,
                corpus_index=lambda: self.corpus_index,
                keymap=lambda: self.keymap,
            ),
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (from any widget) passes here: its text is made safe to draw.

        Messages quote file names, store errors and tool output, all untrusted; cleaning
        them here means no caller can forget to.
        """
        super().notify(
            safe(message), title=safe(title), severity=severity, timeout=timeout, markup=markup
        )

    @property
    def store(self) -> AnnotationStore | None:
        """The annotation store, opened once the first article is on screen (the store and
        its libraries cost a frame's time); None until then, if it could not be opened, or
        once the reader quit."""
        return self.store_session.store

    @property
    def store_loading(self) -> bool:
        """True while a large database is being opened in a worker thread (the app answers
        keys; a mark asked for meanwhile is made once it is open)."""
        return self.store_session.loading

    @property
    def store_tried(self) -> bool:
        """True once opening the database has been tried (after the first frame, or at the
        first mark), whether or not it opened."""
        return self.store_session.tried

    def ensure_store(self) -> None:
        """Open the database now if that has not been tried yet (a key pressed in the first
        frame, before it would have been opened)."""
        self.store_session.ensure_open()

    def _from_worker(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` on the UI thread, unless the app has closed meanwhile."""
        if self._exit or not self.is_running:
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app stopped between the check and the call

    _place_to_restore: ReadingPlace | None = None
    """The place read last time in the article opened at start-up (a ReadingPlace), put
    back once its sentences are known."""

    if TYPE_CHECKING:
        # Defined by the flows (its subclasses, all bases of LegreaderApp); declared here for
        # the flows that call each other, so mypy checks those calls. Never defined at run time.
        def open_store(self, mode: StoreMode) -> None: ...
        def defer_until_store(self, handler: Callable[[], None]) -> None: ...
        def _preview_annotations(self, article_id: str, text: str) -> bool: ...
        def _start_early_preview(self, article_id: str, text: str) -> None: ...
        def _index_annotations(self) -> Worker[None]: ...
        def release_keys_soon(self) -> None: ...
        def _corpus_key(self) -> str: ...
        def open_article(self, article: Article, *, focus_body: bool = True) -> None: ...
        def open_article_at(
            self,
            article: Article,
            start: int | None,
            end: int | None,
            annotation_id: str | None = None,
            *,
            center: bool = False,
        ) -> None: ...
        def _find_discrepancies(self, corpus: Corpus) -> Worker[None]: ...
        def _reload_corpus(self, select: Path | None) -> Worker[None]: ...
        def _corpus_grew(self, written: list[Path], message: str) -> None: ...


# The base of every flow. To the type checker a flow is an AppState (it reads the app's state
# and calls the other flows through it); at run time a plain message pump, which is all
# Textual needs to register its `@on` handlers: making each flow an App subclass would run
# Textual's per-subclass set-up nine more times before the first frame (about 0.1 ms each).
# LegreaderApp lists AppState last among its bases, so the state and App come after the flows.
if TYPE_CHECKING:
    AppFlow = AppState
else:
    AppFlow = MessagePump


def freeze_long_lived() -> None:
    """Move every object alive now out of the cycle collector's way (``gc.freeze``).

    Called once a large structure that lives as long as the app is built (the search
    index over every annotation's notes and tags, the corpus index): otherwise each full
    collection walks all of it, holding the interpreter for a quarter of a second with
    10,000 annotations, and the keypress that runs into one waits that long for its frame.
    """
    import gc

    gc.freeze()
