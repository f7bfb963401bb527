"""The legreader Textual app: sidebar of articles, the article body, and the keys around them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import Worker, WorkerState

from legreader import __version__
from legreader.claims.subjects import study_is_on_animals
from legreader.corpus.loader import Article, Corpus, load_corpus
from legreader.files.resources import styles_dir
from legreader.settings.config import UserConfig
from legreader.ui import messages
from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.dialogs.base import SafeScreen
from legreader.ui.key_gate import STALE_SECONDS, KeyGate
from legreader.ui.safe_text import plain, safe
from legreader.ui.screens.main import MIN_BODY_WIDTH as MIN_BODY_WIDTH
from legreader.ui.screens.main import MainScreen
from legreader.ui.search_bar import SearchBar
from legreader.ui.store_session import StoreSession
from legreader.ui.wording import plural
from legreader.work.pacing import ui_busy

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver

    from legreader.cite.transfer import ExportFormat, ImportFile, TransferError
    from legreader.compare import CompareResult
    from legreader.corpus.filters import FilterCriteria
    from legreader.search.corpus_index import CorpusIndex
    from legreader.settings.session import ReadingPlace
    from legreader.store import Anchor, Annotation, AnnotationStore
    from legreader.store.annotation_store import StoreMode
    from legreader.ui.annotation_controller import AnnotationController
    from legreader.ui.commands import PaletteContext
    from legreader.ui.compare_screen import CompareTarget
    from legreader.ui.store_opening import OpenedStore


#: Up to this many articles, discrepancies are found in the background at start-up.
BACKGROUND_COMPARE_LIMIT = 300
#: How often the annotation database is checked for changes made by another program.
DB_WATCH_SECONDS = 3.0
#: ... and when their text is at most this large: comparing megabytes holds the interpreter in
#: long native calls and the reader's keys would wait (the compare view then computes it).
BACKGROUND_COMPARE_BYTES = 1_000_000
#: Seconds after the corpus is listed before indexing and comparing start.
BACKGROUND_DELAY = 1.0
#: While a large database loads in a thread, the interpreter switches threads this often (the
#: default 5 ms made each key wait up to that long, again and again, for the loading thread).
LOADING_SWITCH_INTERVAL = 0.001
#: Corpora with at most this many files are listed on the UI thread (it takes milliseconds).
SYNC_LISTING_LIMIT = 300


def _corpus_bytes(corpus: Corpus) -> int:
    """The corpus's size on disk (file sizes: no reading)."""
    import os

    total = 0
    for article in corpus.all_articles():
        try:
            total += os.stat(article.path).st_size
        except OSError:
            pass
    return total


def _legreader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from legreader.ui.commands import LegreaderCommands

    return LegreaderCommands


def _few_files(paths: Sequence[Path]) -> bool:
    from itertools import islice

    from legreader.corpus.loader import iter_candidates

    try:
        return (
            len(list(islice(iter_candidates(list(paths)), SYNC_LISTING_LIMIT + 1)))
            <= SYNC_LISTING_LIMIT
        )
    except OSError:
        return False


class LegreaderApp(App[int]):
    """Read a corpus of articles about one study; see its claims; mark them up."""

    TITLE = "legreader"
    COMMANDS = App.COMMANDS | {_legreader_commands}
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "marks.tcss"]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Palette", id="app.palette", priority=True),
        Binding("tab", "switch_pane", "Switch pane", id="app.switch_pane", priority=True),
        Binding("c", "compare", "Compare", id="app.compare"),
        Binding("p", "side_by_side", "Beside the study", show=False, id="app.side_by_side"),
        Binding("ctrl+f", "corpus_search", "Find in corpus", id="app.corpus_search"),
        Binding("a", "toggle_annotations", "Annotations", id="app.annotations"),
        Binding("b", "toggle_sidebar", "Sidebar", id="app.sidebar"),
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "app.annotations",
        "app.sidebar",
        "app.compare",
        "app.corpus_search",
        "app.palette",
        "app.switch_pane",
        "app.quit",
        "app.help",
    )
    """The app's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-medium"),
        (140, "-wide"),
    ]
    """Screen classes by width: the sidebar and the annotations panel are narrower on a
    small terminal (``styles/app.tcss``)."""

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

    # ------------------------------------------------------------------ layout

    @property
    def closing(self) -> bool:
        """True once the app has taken its screens down (quitting): a late message, key or
        worker result has no screen left to show anything on."""
        return not self.screen_stack

    def get_default_screen(self) -> MainScreen:
        """The reader's main screen, first on the stack (see :mod:`legreader.ui.screens.main`)."""
        return self.main

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

    def _fatal_error(self) -> None:
        """Textual's handler for an unhandled exception, made to fail closed: the full
        traceback goes to a report in the user state folder (it would otherwise be printed
        with local variables, article text included), :attr:`crash_message` holds the one
        line the command line prints once the app has closed, and the exit code is 70. Falls back to Textual's own handling if the
        exception is not at hand."""
        import sys

        from legreader.settings.crash import EXIT_SOFTWARE, crash_line

        error = sys.exc_info()[1]
        if error is None:
            super()._fatal_error()
            return
        self.bell()
        # Printed by the command line once the terminal is restored (Rich would fold it).
        self.crash_message = crash_line(error)
        self.exit(return_code=EXIT_SOFTWARE)
        self._close_messages_no_wait()  # as Textual does: the message loop may be broken

    # ------------------------------------------------------------ key routing
    # Keys typed while the keyboard changes hands (a dialog opening, focus moving to or from
    # the search box) are held and replayed to the new owner: never to the screen beneath.

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste, events.MouseDown)):
            ui_busy()  # background threads (a large database opening) wait while it is drawn
        if isinstance(event, (events.Key, events.Paste)) and self.closing:
            return  # the app is closing: a key still queued has nothing left to reach
        if isinstance(event, (events.Key, events.Paste)) and not self.main.hidden_mounted:
            self.main.mount_hidden()  # a key before the first frame may ask for one of them
        if isinstance(event, events.Key) and event.key == "q" and self._q_quits_now():
            # Not held until the compare view is drawn (under load, a second or more).
            await self.action_quit()
            return
        if isinstance(event, (events.Key, events.Paste)) and self.key_gate.holding:
            if not self.key_gate.stale():
                # A fresh key, or one coming back up from the widget it was given to
                # before the gate closed (its binding is resolved here, so not yet run).
                self.key_gate.keep(event)
                return
            await self._replay_held_keys(timed_out=True)
        await super().on_event(event)

    def _q_quits_now(self) -> bool:
        """True while keys are held for a dialog on its way that says `q` means "quit" there
        too (no text box, no `q` of its own: the compare view), and `q` is the app's quit."""
        waiting_for = self.key_gate.waiting_for
        if not self.key_gate.holding or not getattr(waiting_for, "QUIT_KEY_QUITS", False):
            return False
        active = self.active_bindings.get("q")
        return (
            active is not None
            and active.node is self
            and active.binding.action == "quit"
            and active.enabled
        )

    def hold_keys(self) -> None:
        """Hold the keys that follow until :meth:`release_keys_soon` or a dialog is ready."""
        if not self.key_gate.holding:
            self.set_timer(STALE_SECONDS + 0.1, self._release_if_stale)
        self.key_gate.hold()

    def keep_key(self, event: events.Key) -> None:
        """Keep a key a widget received but that is meant for the next owner of the keyboard."""
        self.hold_keys()
        self.key_gate.keep(event)

    def release_keys_soon(self) -> None:
        """Replay the held keys once the focus changes already asked for have happened."""
        self.call_later(self._replay_held_keys)

    async def _replay_held_keys(self, timed_out: bool = False) -> None:
        for held in self.key_gate.release(timed_out=timed_out):
            fresh: events.Event
            if isinstance(held, events.Key):
                fresh = events.Key(held.key, held.character)
            else:
                fresh = events.Paste(held.text)
            # Through on_event: a replayed key that opens a dialog holds the rest again.
            await self.on_event(fresh)

    async def _release_if_stale(self) -> None:
        if self.key_gate.stale():
            await self._replay_held_keys(timed_out=True)
        elif self.key_gate.holding:  # held again since this timer was set, or a dialog opening
            self.set_timer(STALE_SECONDS / 2, self._release_if_stale)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """Published by Textual as a screen is pushed or popped, before it is drawn."""
        if len(self.screen_stack) > 1:
            from legreader.ui.deferred_widgets import load_screen_styles

            load_screen_styles(self)  # a dialog before the first frame was done
        gate = self.key_gate
        if isinstance(screen, SafeScreen) and not screen.ready_for_keys:
            if not gate.holding:
                self.set_timer(STALE_SECONDS + 0.1, self._release_if_stale)
            gate.expect(screen)
        elif gate.waiting_for is not None and gate.waiting_for not in self.screen_stack:
            self.release_keys_soon()  # closed before it was ready

    @on(SafeScreen.Ready)
    async def _screen_ready(self, event: SafeScreen.Ready) -> None:
        gate = self.key_gate
        # The dialog waited for, or any dialog now on top while keys are held (a request
        # released and held again while this one was opening).
        if gate.waiting_for is event.screen or (gate.holding and event.screen is self.screen):
            await self._replay_held_keys()

    async def on_mount(self) -> None:
        # The main screen composes in its own task: its widgets are there once it is mounted.
        # (Awaited here rather than started from the screen's own on_mount: a message made
        # in the screen's handler has the screen as sender, and Textual stops its bubbling
        # there; the first article's ArticleBody.Analysed would never reach the app.)
        await AwaitMount(self.main, [self.main])
        self.call_after_refresh(self.main.arrange_panes)  # (skipped at the first resize)
        # immediate: called inside push_screen, before any later key is looked at
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        # A dialog waited for has the long stale limit only while it is on the screen stack
        # (a dialog closed before it was drawn releases the keys, or the short limit does).
        self.key_gate.still_opening = lambda dialog: dialog in self.screen_stack
        self.call_after_refresh(self.after_first_frame)
        self.sub_title = f"v{__version__}"
        config_problems = list(self.config.problems)
        if self.config.theme:
            try:
                self.theme = self.config.theme
            except Exception as exc:  # textual raises InvalidThemeError; keep running
                config_problems.append(f"config: theme = {self.config.theme!r}: {exc}")
        if self.keymap:
            self.set_keymap(self.keymap)
        # Binding ids are checked once the first frame is drawn (it imports every screen).
        self.call_after_refresh(self._report_config, config_problems)
        self.main.sidebar.focus()
        self.set_interval(DB_WATCH_SECONDS, self.check_database)
        if self.corpus is None and _few_files(self.corpus_paths):
            # A small corpus lists in milliseconds: show it in the first frame.
            try:
                self.corpus = load_corpus(self.corpus_paths)
            except OSError as exc:
                self.notify(f"Could not load the corpus: {exc}", severity="error", markup=False)
        if self.corpus is not None:
            self._corpus_ready(self.corpus)
        else:
            self.main.set_sidebar_title("loading…")
            self._load_corpus()

    def _report_config(self, problems: list[str]) -> None:
        """List every problem in the config file once, in one notice; keymap entries for
        binding ids the app does not have are among them, and dropped."""
        if self.keymap:
            from legreader.settings.config import unknown_binding_problems
            from legreader.ui.keys import all_binding_ids, binding_ids

            known = all_binding_ids() | binding_ids(self.binding_sections())
            self.keymap, unknown = unknown_binding_problems(self.config, known)
            problems = problems + unknown
        if problems:
            shown = problems[:8]
            if len(problems) > len(shown):
                shown.append(f"… and {len(problems) - len(shown)} more")
            self.notify(
                "\n".join(shown),
                title="Problems in the config file",
                severity="warning",
                timeout=15,
                markup=False,
            )

    resume_gc_after_first_frame = False
    """Set by the CLI, which pauses garbage collection while the app starts."""

    crash_message: str | None = None
    """After an unexpected error: the one line to print (see :meth:`_fatal_error`)."""

    async def after_first_frame(self) -> None:
        """What can wait until the first article is on screen."""
        if self.resume_gc_after_first_frame:
            import gc

            self.resume_gc_after_first_frame = False
            gc.freeze()  # what start-up made lives as long as the app: never walk it again
            gc.enable()
        if self.closing or self._exit:  # quitting already
            return
        self.main.mount_hidden()
        self.ensure_store()
        # The footer's key widgets are rebuilt whenever focus moves, as it does while the
        # app starts: made once, after the first article is on screen, they cost nothing.
        # Mounted after the next frame: the article's annotations, placed just now, are
        # drawn first.
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        if self.closing or self._exit:
            return
        await self.main.mount_footer()

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def _load_corpus(self) -> Corpus:
        return load_corpus(self.corpus_paths)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "corpus":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Corpus):
            self._corpus_ready(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.main.set_sidebar_title("could not load")
            self.notify(
                f"Could not load the corpus: {event.worker.error}", severity="error", markup=False
            )

    def _corpus_ready(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.animal_study = study_is_on_animals(corpus.primary.meta if corpus.primary else None)
        sidebar = self.main.sidebar
        self.main.set_sidebar_title()
        sidebar.set_articles(corpus.articles, corpus.primary)
        if self.store is not None:
            self.annotating.map_missing_articles()
            self.annotating.refresh_sidebar()
        # Background work starts once the first article is on screen, so it never delays it.
        self.set_timer(BACKGROUND_DELAY, lambda: self._start_background(corpus))
        if corpus.skipped:
            lines = [s.line() for s in corpus.skipped[:5]]
            more = len(corpus.skipped) - len(lines)
            if more > 0:
                lines.append(f"… and {more} more (palette: “corpus: skipped files”)")
            self.notify(
                "\n".join(lines),
                title=plural(len(corpus.skipped), "file") + " skipped",
                severity="warning",
                timeout=10,
                markup=False,
            )
        if not corpus.all_articles():
            self.main.show_details("No article could be loaded from this corpus.")
            return
        place = self.session.places.get(self._corpus_key())
        if place is not None and corpus.by_id(place.article_id) is not None:
            sidebar.select_article(place.article_id)  # the article read last time
        first = sidebar.highlighted_article
        if place is not None and first is not None and first.id == place.article_id:
            self._place_to_restore = place
        if first is not None:
            self.open_article(first, focus_body=False)
            body = self.main.body
            if body.loaded_article is first:
                self._start_early_preview(first.id, body.body)

    # ------------------------------------------------------------------ store

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

    def on_unmount(self) -> None:
        if self._adding_cancel is not None:
            self._adding_cancel.set()  # a fetch under way stops at once
        self.save_session()
        self.close_store()

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

    async def action_quit(self) -> None:
        store = self.store
        if store is not None and store.pending:
            from legreader.ui.dialogs.confirm import ConfirmDialog

            try:
                store.retry_pending()
            except Exception:  # StoreWriteError: still failing; ask before losing anything

                def answered(quit_anyway: bool | None) -> None:
                    if quit_anyway:
                        self.quit_with(1)

                self.push_screen(
                    ConfirmDialog(
                        f"{plural(len(store.pending), 'change')} could not be saved to "
                        f"{self.db_path}. Quit and lose them?",
                        yes="Quit anyway",
                        no="Stay",
                    ),
                    answered,
                )
                return
        self.quit_with(0)

    exit_process: Callable[[int], None] | None = None
    """Set by the command line (an ``os._exit``): quitting ends the process at once, without
    waiting for background work or Textual's teardown (see :mod:`legreader.ui.quick_exit`).
    None (tests, an app run in-process): Textual's usual exit."""

    def quit_with(self, code: int) -> None:
        """Quit with exit code ``code``: at once under the command line, else as Textual does."""
        self.save_session()
        if self.exit_process is not None and not self._exit:
            from legreader.ui.quick_exit import leave_now

            leave_now(self, code, self.exit_process)
        self.exit(code)  # reached in-process, or if the process did not end

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver; on Linux and macOS one that can let go of the terminal without
        waiting for its input thread (see :meth:`quit_with`)."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from legreader.ui.linux_driver import LeavingLinuxDriver

            return LeavingLinuxDriver
        return driver

    # --------------------------------------------------------------- articles

    def open_article(self, article: Article, *, focus_body: bool = True) -> None:
        """Show an article in the body (and highlight it in the sidebar)."""
        self.current = article
        self.main.sidebar.select_article(article.id)
        body = self.main.body
        body.show_article(article, animal_study=self.animal_study and not article.is_primary)
        if body.loaded_article is article and body.claims_ready:
            # Claims from the cache, with the text: the legend goes up in the same frame.
            self._show_status(body.status_text())
        if body.loaded_article is article and self.store is not None:
            # Read in this frame: place the annotations now, so text and marks paint together.
            self.annotating.reanchor_current()
            self._anchored = article
        elif body.loaded_article is article and self.store_loading:
            self._preview_annotations(article.id, body.body)
            self._anchored = article
        if focus_body:
            body.focus()

    _anchored: Article | None = None

    # ------------------------------------------------------- session state

    _place_to_restore: ReadingPlace | None = None
    """The place read last time in the article opened at start-up (a ReadingPlace), put
    back once its sentences are known."""

    def _corpus_key(self) -> str:
        from legreader.settings.session import corpus_key

        return corpus_key(self.corpus_paths)

    @on(ArticleBody.Analysed)
    def _analysed(self, event: ArticleBody.Analysed) -> None:
        place = self._place_to_restore
        if place is not None and event.article.id == place.article_id:
            self.call_after_refresh(self._restore_place)

    def _restore_place(self) -> None:
        place, self._place_to_restore = self._place_to_restore, None
        if place is None or self.closing:
            return
        body = self.main.body
        loaded = body.loaded_article
        if loaded is None or loaded.id != place.article_id or body.selection is not None:
            return  # another article, or the reader has already chosen a passage
        if place.top:
            body.restore_reading_position(("top", min(place.top, max(len(body.body) - 1, 0))))
        if place.selection is not None and place.selection[1] <= len(body.body):
            body.select_range(*place.selection)

    @property
    def copy_choice(self) -> tuple[str, bool] | None:
        """The style (and study line) chosen with `Y` (this session or the last), unless the
        config file's copy style was changed since."""
        session = self.session
        if session.copy_style and session.config_style == self.config.copy_style:
            return session.copy_style, bool(session.copy_with_study)
        return None

    def remember_copy_choice(self, style: str, with_study: bool) -> None:
        """`Y`'s choice becomes `y`'s default (kept across restarts)."""
        session = self.session
        session.copy_style, session.copy_with_study = style, with_study
        session.config_style = self.config.copy_style

    def save_session(self) -> None:
        """Keep the article shown, the place in it and the copy style for the next start
        (failures are not the reader's concern: the state is a convenience)."""
        from legreader.settings.session import ReadingPlace, save_state

        if self._session_saved:
            return
        self._session_saved = True
        try:
            body = None if self.closing else self.main.body
        except AttributeError:  # the app quit before its main screen was composed
            body = None
        article = body.loaded_article if body is not None else None
        if body is not None and article is not None:
            top = 0
            if body.text.laid_out:
                row, _ = body.text.view_rows()
                offset = body.text.offset_at(0, row) if row > 0 else None
                top = offset or 0
            self.session.remember(self._corpus_key(), ReadingPlace(article.id, top, body.selection))
        try:
            save_state(self.state_path, self.session)
        except OSError:
            pass

    _session_saved = False

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article)

    @on(ArticleBody.Loaded)
    def _article_loaded(self, event: ArticleBody.Loaded) -> None:
        if self.closing:
            return
        if self._anchored is not event.article and self.store is not None:
            self.annotating.reanchor_current()
        elif self._anchored is not event.article and self.store_loading:
            self._preview_annotations(event.article.id, self.main.body.body)
        self._anchored = None
        if self._pending_place is not None and self._pending_place[0] == event.article.id:
            place = self._pending_place[1]
            self._pending_place = None
            self.call_after_refresh(place)

    # ------------------------------------------------- annotation requests

    def _annotation_request(
        self, event: messages.AnnotationRequest, handler: Callable[[], None]
    ) -> None:
        """Run what an annotation key asked for; a key from the body that changes the store
        opens it first (or waits for it, while a large one opens)."""
        try:
            if event.from_body and event.needs_store and self.store is None:
                self.ensure_store()
                if self.store_loading:
                    self.defer_until_store(handler)
                    return
            handler()
        finally:
            # The body held the keys typed after its request; unless a dialog is now on its
            # way (it releases them when ready), they go on to the text.
            if event.from_body and self.key_gate.waiting_for is None:
                self.release_keys_soon()

    @on(messages.SetVerdict)
    def _set_verdict(self, event: messages.SetVerdict) -> None:
        self._annotation_request(event, lambda: self.annotating.verdict(event.verdict))

    @on(messages.EditTags)
    def _edit_tags(self, event: messages.EditTags) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_tags())

    @on(messages.EditNote)
    def _edit_note(self, event: messages.EditNote) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_note())

    @on(messages.EditArticleNote)
    def _edit_article_note(self, event: messages.EditArticleNote) -> None:
        self._annotation_request(event, lambda: self.annotating.edit_article_note())

    @on(messages.DeleteAnnotation)
    def _delete_annotation(self, event: messages.DeleteAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.delete(event.annotation_id))

    @on(messages.UndoChange)
    def _undo_change(self, event: messages.UndoChange) -> None:
        self._annotation_request(event, lambda: self.annotating.undo())

    @on(messages.CopyQuote)
    def _copy_quote(self, event: messages.CopyQuote) -> None:
        self._annotation_request(event, lambda: self.copy_quote(styled=event.styled))

    @on(messages.JumpToAnnotation)
    def _jump_to_annotation(self, event: messages.JumpToAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.jump(event.annotation_id))

    @on(messages.ReattachAnnotation)
    def _reattach_annotation(self, event: messages.ReattachAnnotation) -> None:
        self._annotation_request(event, lambda: self.annotating.reattach(event.annotation_id))

    @on(messages.AcceptNewText)
    def _accept_new_text(self, event: messages.AcceptNewText) -> None:
        self._annotation_request(event, lambda: self.annotating.accept_change(event.annotation_id))

    @on(messages.KeepOrphaned)
    def _keep_orphaned(self, event: messages.KeepOrphaned) -> None:
        self._annotation_request(event, lambda: self.annotating.keep_orphaned(event.annotation_id))

    # ---------------------------------------------------------- palette requests

    @on(messages.OpenArticle)
    def _open_article_request(self, event: messages.OpenArticle) -> None:
        self.open_article(event.article)

    @on(messages.ShowSkipped)
    def _show_skipped_request(self) -> None:
        self.show_skipped()

    @on(messages.SortArticles)
    def _sort_request(self, event: messages.SortArticles) -> None:
        self.main.sidebar.set_sort(event.key)

    @on(messages.ToggleCategory)
    def _toggle_category_request(self, event: messages.ToggleCategory) -> None:
        self.main.toggle_category(event.category)

    @on(messages.ToggleHighlights)
    def _toggle_highlights_request(self) -> None:
        self.main.body.action_toggle_highlights()

    @on(messages.ToggleAnnotations)
    def _toggle_annotations_request(self) -> None:
        self.action_toggle_annotations()

    @on(messages.ShowTag)
    def _show_tag_request(self, event: messages.ShowTag) -> None:
        self.show_tag(event.tag)

    @on(messages.RenameTag)
    def _rename_tag_request(self, event: messages.RenameTag) -> None:
        self.rename_tag(event.tag)

    @on(messages.OpenCompare)
    def _compare_request(self, event: messages.OpenCompare) -> None:
        self.open_compare(event.view)

    @on(messages.OpenSideBySide)
    def _side_by_side_request(self, event: messages.OpenSideBySide) -> None:
        if event.article is None:
            self.action_side_by_side()
        else:
            self.open_side_by_side(event.article, start=event.start, end=event.end)

    @on(messages.SearchCorpus)
    def _search_request(self) -> None:
        self.action_corpus_search()

    @on(messages.ExportAnnotations)
    def _export_request(self, event: messages.ExportAnnotations) -> None:
        self.export_annotations(event.fmt)

    @on(messages.ImportAnnotations)
    def _import_request(self) -> None:
        self.import_annotations()

    @on(messages.AddStudy)
    def _add_study_request(self) -> None:
        self.add_study()

    @on(messages.ImportFromUrl)
    def _import_url_request(self) -> None:
        self.import_from_url()

    @on(messages.CompareFinished)
    def _compare_finished(self, event: messages.CompareFinished) -> None:
        self.compare_finished(event.result, event.corpus)

    def copy_quote(self, *, styled: bool) -> None:
        from legreader.ui.copying import CopySettings, QuoteCopier  # (loads the citations)

        config = self.config
        # `Y`'s last choice, else the config file's style.
        style, with_study = self.copy_choice or (config.copy_style, config.copy_with_study)
        settings = CopySettings(
            primary=self.corpus.primary if self.corpus else None,
            default_style=style,
            with_study=with_study,
            remember=self.remember_copy_choice,
            call_from_thread=self.call_from_thread,
            copy_to_terminal=self.copy_to_clipboard,
        )
        QuoteCopier(self.main, settings).copy(styled=styled)

    @on(ArticleBody.Status)
    def _status(self, event: ArticleBody.Status) -> None:
        if self.closing:
            return  # a late message while the app shuts down
        self._show_status(event.text)

    def _show_status(self, text: str) -> None:
        self.main.show_status(text)

    # ----------------------------------------------------------------- actions

    def action_switch_pane(self) -> None:
        if self.screen is not self.main:
            self.screen.focus_next()
            return
        self.main.focus_next_pane()

    def action_help(self) -> None:
        from legreader.files.paths import config_path, tilde_path
        from legreader.ui.help_screen import HelpScreen
        from legreader.ui.keys import key_rows

        # The main screen's keys now; the dialogs' once the help is on screen (they are
        # below the first page, and importing every dialog for its bindings costs a frame).
        rows = key_rows(self._main_binding_sections(), self.keymap)
        note = f'Remap any key by its binding id in {tilde_path(config_path())} under [keys], e.g.  "body.next_sentence" = "j,down"'
        self.push_screen(
            HelpScreen(
                rows,
                note,
                more=lambda: key_rows(
                    self._dialog_binding_sections() + self.extra_binding_sections(), self.keymap
                ),
            )
        )

    def binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        """Every binding, grouped by where it works (for help and docs)."""
        return (
            self._main_binding_sections()
            + self._dialog_binding_sections()
            + self.extra_binding_sections()
        )

    def _main_binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        """The bindings of the main screen's widgets and of help (all imported already)."""
        from legreader.ui.help_screen import HelpScreen

        return [
            ("Anywhere", list(type(self).BINDINGS)),
            ("Sidebar", list(ArticleList.BINDINGS)),
            ("Body", list(ArticleBody.BINDINGS)),
            ("Search", list(SearchBar.BINDINGS)),
            ("Help", list(HelpScreen.BINDINGS)),
            ("Annotations panel", list(AnnotationsPanel.BINDINGS)),
        ]

    def _dialog_binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        """The bindings of the dialogs and the compare view (imports them)."""
        from legreader.ui.category_picker import CategoryPicker
        from legreader.ui.compare_screen import CompareScreen
        from legreader.ui.corpus_search import CorpusSearchScreen
        from legreader.ui.dialogs.filter_dialog import FilterDialog
        from legreader.ui.dialogs.note_editor import NoteEditor
        from legreader.ui.dialogs.style_picker import StylePicker
        from legreader.ui.dialogs.tag_dialog import TagDialog
        from legreader.ui.side_by_side import ArticlePane, SideBySideScreen, SidePane

        return [
            ("Tags", list(TagDialog.BINDINGS)),
            ("Note editor", list(NoteEditor.BINDINGS)),
            ("Copy styles", list(StylePicker.BINDINGS)),
            ("Compare", list(CompareScreen.BINDINGS)),
            (
                "Side by side",
                list(SideBySideScreen.BINDINGS)
                + list(ArticlePane.BINDINGS)
                + list(SidePane.BINDINGS),
            ),
            ("Corpus search", list(CorpusSearchScreen.BINDINGS)),
            ("Filters", list(FilterDialog.BINDINGS)),
            ("Categories", list(CategoryPicker.BINDINGS)),
        ]

    def extra_binding_sections(self) -> list[tuple[str, list[BindingType]]]:
        return []

    def _start_background(self, corpus: Corpus) -> None:
        self._build_index(corpus)
        if (
            len(corpus.articles) <= BACKGROUND_COMPARE_LIMIT
            and _corpus_bytes(corpus) <= BACKGROUND_COMPARE_BYTES
        ):
            self._find_discrepancies(corpus)

    # ------------------------------------------------------------ sidebar filter

    @work(exclusive=True, group="discrepancies", exit_on_error=False)
    async def _find_discrepancies(self, corpus: Corpus) -> None:
        """The whole-corpus compare, in a child process (see :mod:`legreader.work.offload`): it
        never competes with the interface for the interpreter, and cancelling the worker
        (quitting) kills it."""
        from legreader.ui.background import run_in_daemon, run_in_process
        from legreader.work.cancel import Cancelled

        def prepare(cancelled: Callable[[], bool]) -> tuple[Any, ...]:
            # Off the UI thread: importing the compare engine (and its libraries) held the
            # event loop for a second on a loaded machine, and reading the articles' files.
            from legreader.compare import discrepant_articles, inputs_from_corpus

            return (discrepant_articles, *inputs_from_corpus(corpus))

        function, articles, primary = await run_in_daemon(prepare, "legreader-compare-inputs")
        try:
            found = await run_in_process(function, articles, primary)
        except Cancelled:
            return
        self._discrepancies_found(found)

    def _discrepancies_found(self, found: set[str]) -> None:
        if self.closing:
            return
        self.discrepant_articles = found
        self.discrepancies_known = True
        self.annotating.refresh_sidebar()

    @on(ArticleList.FilterRequested)
    def _filter_requested(self, event: ArticleList.FilterRequested) -> None:
        try:
            self._open_filter(event.kind)
        finally:
            if self.key_gate.waiting_for is None:
                self.release_keys_soon()  # after the focus moved to the filter box

    def _open_filter(self, kind: str) -> None:
        if kind == "titles":
            self.main.open_title_filter()
            return
        from legreader.ui.dialogs.filter_dialog import FilterDialog

        sidebar = self.main.sidebar
        tags = sorted(self.store.tags_with_counts(), key=str.casefold) if self.store else []
        outlets = sorted(
            {a.outlet for a in (self.corpus.articles if self.corpus else []) if a.outlet},
            key=str.casefold,
        )

        def chosen(criteria: FilterCriteria | None) -> None:
            if criteria is not None:
                criteria.text = sidebar.criteria.text
                sidebar.set_criteria(criteria)

        self.push_screen(
            FilterDialog(sidebar.criteria, tags, outlets, self.discrepancies_known), chosen
        )

    # ----------------------------------------------------------- corpus search

    @work(exclusive=True, group="index", exit_on_error=False)
    async def _build_index(self, corpus: Corpus) -> None:
        """The corpus search index, in a daemon thread (see :meth:`_find_discrepancies`).

        The annotations' notes and tags are indexed by :meth:`_index_annotations` once the
        store is open."""
        from legreader.ui.background import run_in_daemon

        index = self.corpus_index
        await run_in_daemon(
            lambda cancelled: index.build(corpus, cancelled=cancelled), "legreader-index"
        )
        freeze_long_lived()

    def action_corpus_search(self) -> None:
        from legreader.ui.corpus_search import CorpusSearchScreen, SearchTarget

        if self.corpus is None:
            return
        titles = {a.id: a.title for a in self.corpus.all_articles()}

        def chosen(target: SearchTarget | None) -> None:
            if target is None or self.corpus is None:
                return
            article = self.corpus.by_id(target.article_id)
            if article is None:
                return
            self.open_article_at(article, target.start, target.end, target.annotation_id)

        self.push_screen(CorpusSearchScreen(self.corpus_index, titles), chosen)

    def open_article_at(
        self,
        article: Article,
        start: int | None,
        end: int | None,
        annotation_id: str | None = None,
        *,
        center: bool = False,
    ) -> None:
        """Open an article and select a range (or an annotation) once its text is there
        (with ``center``, the range is scrolled to the middle of the view)."""
        body = self.main.body

        def place() -> None:
            if annotation_id is not None:
                self.annotating.jump(annotation_id)
            elif start is not None and end is not None:
                body.select_range(start, end, center=center)

        if body.article is article and body.loaded_article is article:
            place()
        else:
            self._pending_place = (article.id, place)
            self.open_article(article)
        body.focus()

    _pending_place: tuple[str, Callable[[], None]] | None = None

    # ----------------------------------------------------------- palette verbs

    def palette_context(self) -> PaletteContext:
        """What the command palette lists its commands from (see :mod:`legreader.ui.commands`)."""
        from legreader.ui.commands import PaletteContext

        store = self.store
        return PaletteContext(self.corpus, store.tags_with_counts() if store is not None else {})

    def show_skipped(self) -> None:
        from legreader.ui.dialogs.manual_copy import ManualCopyDialog

        if self.corpus is None:
            return
        lines = "\n".join(s.line() for s in self.corpus.skipped)
        self.push_screen(
            ManualCopyDialog(
                f"{plural(len(self.corpus.skipped), 'file')} could not be loaded:", lines
            )
        )

    def show_tag(self, tag: str) -> None:
        """Corpus search for a tag."""
        from legreader.ui.corpus_search import CorpusSearchScreen, SearchTarget

        if self.corpus is None:
            return
        titles = {a.id: a.title for a in self.corpus.all_articles()}

        def chosen(target: SearchTarget | None) -> None:
            if target is not None and self.corpus is not None:
                article = self.corpus.by_id(target.article_id)
                if article is not None:
                    self.open_article_at(article, target.start, target.end, target.annotation_id)

        self.push_screen(CorpusSearchScreen(self.corpus_index, titles, query=f'"{tag}"'), chosen)

    def rename_tag(self, tag: str) -> None:
        from legreader.ui.dialogs.text_prompt import TextPrompt

        store = self.store
        if store is None or store.read_only:
            self.notify("Annotations are read-only.", severity="warning")
            return

        def renamed(new: str | None) -> None:
            if not new or new == tag:
                return
            try:
                count = store.rename_tag(tag, new)
            except Exception as exc:  # StoreError / StoreWriteError: say so, keep going
                self.notify(f"Could not rename the tag: {exc}", severity="error", markup=False)
                return
            self._index_annotations()
            self.annotating.forget_facts()
            self.annotating.refresh_views()
            self.notify(f"Renamed the tag on {plural(count, 'passage')}", markup=False)

        self.push_screen(TextPrompt(f"Rename tag “{tag}” everywhere to:", tag), renamed)

    def export_annotations(self, fmt: ExportFormat) -> None:
        from legreader.cite.transfer import FILE_EXTENSIONS
        from legreader.ui.dialogs.text_prompt import TextPrompt

        suggestion = str(Path.cwd() / f"legreader-annotations.{FILE_EXTENSIONS[fmt]}")

        def chosen(path: str | None) -> None:
            if not path or self.store is None or self.corpus is None:
                return
            self._export_in_background(fmt, Path(path).expanduser())

        self.push_screen(TextPrompt(f"Export annotations as {fmt} to file:", suggestion), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_in_background(self, fmt: ExportFormat, target: Path) -> None:
        """Write an export off the UI thread (:func:`legreader.cite.transfer.export_to`): the CSV
        reads and analyses every annotated article, the report every annotated one's source.
        Says how it went in one notification."""
        from legreader.cite.transfer import TransferError, export_to

        store, corpus = self.store, self.corpus
        if store is None or corpus is None:
            return
        try:
            result = export_to(store, corpus, fmt, target)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        except Exception as exc:  # a bug in an export must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Export failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.notify(line, severity="error", markup=False)
            return
        self.notify(result.summary(), markup=False)

    def _notify_transfer_failure(self, exc: TransferError) -> None:
        """One error notification for a failed export or import (thread-safe)."""
        line = exc.line()
        self.notify(line[:1].upper() + line[1:], severity="error", markup=False)

    def import_annotations(self) -> None:
        from legreader.ui.dialogs.text_prompt import TextPrompt

        def chosen(path: str | None) -> None:
            if not path or self.store is None:
                return
            if self.store.read_only:
                self.notify("Annotations are read-only.", severity="warning")
                return
            self._read_import_in_background(Path(path).expanduser())

        self.push_screen(
            TextPrompt("Import annotations (JSON or W3C export) from file:", ""), chosen
        )

    @work(thread=True, group="import", exit_on_error=False)
    def _read_import_in_background(self, source: Path) -> None:
        """Read and check an export off the UI thread
        (:func:`legreader.cite.transfer.read_import_file`), then merge it on the UI thread, which
        owns the store (:meth:`_merge_import`)."""
        from legreader.cite.transfer import TransferError, read_import_file

        try:
            checked = read_import_file(source, corpus=self.corpus)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        except Exception as exc:  # a bug in an import must not end the session unseen
            from legreader.text.clean import clean_line

            line = f"Import failed: {type(exc).__name__}: {clean_line(str(exc))}"
            self.notify(line, severity="error", markup=False)
            return
        self._from_worker(self._merge_import, checked)

    def _merge_import(self, checked: ImportFile) -> None:
        """Merge a checked import into the store and say so in one notification (a warning
        when rows were refused)."""
        from legreader.cite.transfer import TransferError, merge_into

        store = self.store
        if store is None or store.read_only:
            self.notify("Annotations are read-only.", severity="warning")
            return
        try:
            summary = merge_into(store, checked)
        except TransferError as exc:
            self._notify_transfer_failure(exc)
            return
        severity: SeverityLevel = (
            "warning" if summary.refused or summary.duplicates else "information"
        )
        self.notify(summary.summary(), severity=severity, markup=False)
        self._index_annotations()
        self.annotating.forget_facts()
        self.annotating.reanchor_current()

    # ------------------------------------------------------- adding to the corpus

    _adding_cancel: threading.Event | None = None
    """Set to stop the fetch under way (the app is closing)."""

    def default_add_folder(self) -> Path:
        """Where new articles go: the corpus's (first) folder; for the bundled sample, a
        ``legreader-corpus`` folder in the working directory (the sample stays as shipped)."""
        from legreader.files.resources import sample_corpus_dir

        sample = sample_corpus_dir().resolve()
        for path in self.corpus_paths:
            folder = path if path.is_dir() else path.parent
            if folder.resolve() != sample:
                return folder
        return Path.cwd() / "legreader-corpus"

    def add_study(self) -> None:
        """Palette: the study's record from a DOI, PMID or reference file."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                self._show_adding("looking up the study…")
                self._add_study_in_background(request.source, request.folder)

        self.push_screen(
            AddSourceDialog(
                "Add the study",
                "DOI, PMID, PMCID, or a reference file (RIS, BibTeX, CSL-JSON, PubMed XML, JATS)",
                "10.3389/fnins.2018.00336 · 29875623 · ~/Downloads/study.ris",
                self.default_add_folder(),
            ),
            chosen,
        )

    def import_from_url(self) -> None:
        """Palette: fetch web pages into the corpus (a page imported before is updated)."""
        from legreader.ui.dialogs.add_source import AddRequest, AddSourceDialog

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                from legreader.study.adding import split_urls

                urls = split_urls(request.source)
                self._show_adding(f"importing 0/{len(urls)}…")
                self._import_in_background(urls, request.folder)

        self.push_screen(
            AddSourceDialog(
                "Import web pages",
                "Address(es) of the article pages, separated by spaces",
                "https://…",
                self.default_add_folder(),
            ),
            chosen,
        )

    def _show_adding(self, what: str) -> None:
        self.main.set_sidebar_title(what)

    def _from_worker(self, callback: Callable[..., object], *args: Any) -> None:
        """Run ``callback`` on the UI thread, unless the app has closed meanwhile."""
        if self._exit or not self.is_running:
            return
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app stopped between the check and the call

    def _new_cancel(self) -> threading.Event:
        self._adding_cancel = threading.Event()
        return self._adding_cancel

    @work(thread=True, group="add", exit_on_error=False)
    def _add_study_in_background(self, source: str, folder: Path, force: bool = False) -> None:
        from legreader.study.adding import AddFailed, PrimaryExists, find_study, save_study

        cancel = self._new_cancel()
        try:
            record = find_study(source, cancel=cancel)
            written = save_study(record, folder, force=force)
        except PrimaryExists as exc:
            self._from_worker(self._ask_replace_primary, source, folder, exc.path)
            return
        except AddFailed as exc:
            self._from_worker(self._add_failed, f"Could not add the study: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            self._from_worker(self._add_failed, f"Could not add the study: {_one_line(exc)}")
            return
        notes = "".join(f"\n{note}" for note in record.notes)
        verb = "Replaced" if written.replaced else "Added"
        self._from_worker(
            self._corpus_grew, [written.path], f"{verb} the study: {record.title}{notes}"
        )

    def _ask_replace_primary(self, source: str, folder: Path, existing: Path | None) -> None:
        from legreader.ui.dialogs.confirm import ConfirmDialog

        self.main.set_sidebar_title()
        name = existing.name if existing is not None else "a primary record"

        def answered(replace: bool | None) -> None:
            if replace:
                self._show_adding("replacing the study…")
                self._add_study_in_background(source, folder, force=True)

        self.push_screen(
            ConfirmDialog(f"The folder already holds the study ({name}). Replace it?"),
            answered,
        )

    @work(thread=True, group="add", exit_on_error=False)
    def _import_in_background(self, urls: list[str], folder: Path) -> None:
        from legreader.study.adding import AddFailed, import_pages

        cancel = self._new_cancel()

        def progress(done: int, total: int) -> None:
            self._from_worker(self._show_adding, f"importing {done}/{total}…")

        try:
            result = import_pages(urls, folder, progress=progress, cancel=cancel)
        except AddFailed as exc:
            self._from_worker(self._add_failed, f"Could not import: {exc}")
            return
        except Exception as exc:  # a bug must not end the session unseen
            self._from_worker(self._add_failed, f"Could not import: {_one_line(exc)}")
            return
        lines = [f"Imported {len(result.written)} of {len(urls)} page(s)."]
        lines += result.skipped[:5]
        if len(result.skipped) > 5:
            lines.append(f"… and {len(result.skipped) - 5} more not imported")
        if not result.written:
            self._from_worker(self._add_failed, "\n".join(lines))
            return
        self._from_worker(self._corpus_grew, result.written, "\n".join(lines))

    def _add_failed(self, message: str) -> None:
        self.main.set_sidebar_title()
        self.notify(message, severity="error", timeout=10, markup=False)

    def _corpus_grew(self, written: list[Path], message: str) -> None:
        """New files were written: make sure the corpus covers them, then list it again."""
        roots = [p.resolve() for p in self.corpus_paths if p.is_dir()]
        for path in written:
            resolved = path.resolve()
            if not any(resolved.is_relative_to(root) for root in roots):
                self.corpus_paths.append(path)
        self.notify(message, timeout=8, markup=False)
        self._show_adding("listing…")
        self._reload_corpus(written[0] if written else None)

    @work(thread=True, exclusive=True, group="corpus-reload", exit_on_error=False)
    def _reload_corpus(self, select: Path | None) -> None:
        try:
            corpus = load_corpus(self.corpus_paths)
        except Exception as exc:  # OSError, a bug: say so, keep the corpus shown
            self._from_worker(self._add_failed, f"Could not list the corpus: {_one_line(exc)}")
            return
        self._from_worker(self._corpus_reloaded, corpus, select)

    def _corpus_reloaded(self, corpus: Corpus, select: Path | None) -> None:
        """The corpus listed again after an addition; the new article is opened."""
        self.corpus = corpus
        self.animal_study = study_is_on_animals(corpus.primary.meta if corpus.primary else None)
        sidebar = self.main.sidebar
        self.main.set_sidebar_title()
        sidebar.set_articles(corpus.articles, corpus.primary)
        if self.store is not None:
            self.annotating.map_missing_articles()
            self.annotating.refresh_sidebar()
        self._start_background(corpus)
        wanted = select.resolve() if select is not None else None
        target = next((a for a in corpus.all_articles() if a.path.resolve() == wanted), None)
        if target is None and self.current is not None:
            target = corpus.by_id(self.current.id)
        if target is not None:
            self.open_article(target, focus_body=False)

    # ------------------------------------------------------------------ compare

    def action_compare(self) -> None:
        self.open_compare("all")

    def open_compare(self, view: str) -> None:
        from legreader.ui.compare_screen import CompareScreen

        if self.corpus is None or not self.corpus.articles:
            self.notify("No articles to compare", timeout=3)
            return
        self.push_screen(
            CompareScreen(
                self.corpus, self.store, view=view, result=self.cached_comparison(self.corpus)
            ),
            self._compare_done,
        )

    _comparison: tuple[Corpus, CompareResult] | None = None

    def compare_finished(self, result: CompareResult, corpus: Corpus | None = None) -> None:
        """A screen computed the comparison of ``corpus``: the sidebar's discrepancy filter
        can use it, and the compare and side-by-side views show it again without computing."""
        if corpus is not None:
            self._comparison = (corpus, result)
        self._discrepancies_found(
            {item.article for group in result.discrepancies for item in group.items}
        )

    def cached_comparison(self, corpus: Corpus) -> CompareResult | None:
        """The comparison of ``corpus`` computed earlier (a ``CompareResult``), or None."""
        cached = self._comparison
        return cached[1] if cached is not None and cached[0] is corpus else None

    def action_side_by_side(self) -> None:
        """The reader's article beside the study, the cursor on the reader's selection."""
        body = self.main.body
        selection = body.selection if body.loaded_article is self.current else None
        if selection is not None:
            self.open_side_by_side(self.current, start=selection[0], end=selection[1], claim=False)
        else:
            self.open_side_by_side(self.current)

    def open_side_by_side(
        self,
        article: Article | None,
        *,
        start: int | None = None,
        end: int | None = None,
        claim: bool = True,
    ) -> None:
        """Show ``article`` beside the primary record (at the claim, or with ``claim``
        false the passage, ``[start, end)``)."""
        from legreader.ui.side_by_side import SideBySideScreen, StartAt

        corpus = self.corpus
        if corpus is None or not corpus.articles:
            self.notify("No articles to compare.", timeout=3)
            return
        if corpus.primary is None:
            self.notify(
                "No primary record in this corpus (a file with kind: primary): "
                "there is no study to read the article beside.",
                severity="warning",
                timeout=5,
            )
            return
        if article is None:
            self.notify("Open an article first (enter in the list).", timeout=3)
            return
        if article.is_primary:
            self.notify(
                "This is the study itself: open an article to read it beside the study.",
                timeout=4,
            )
            return
        self.push_screen(
            SideBySideScreen(
                corpus,
                article,
                result=self.cached_comparison(corpus),
                start_at=StartAt(start, end if end is not None else start, claim)
                if start is not None
                else None,
                animal_study=self.animal_study,
            )
        )

    def _compare_done(self, target: CompareTarget | None) -> None:
        if target is None or self.corpus is None:
            return
        article = self.corpus.by_id(target.article_id)
        if article is not None:
            self.open_article_at(article, target.start, target.end, center=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The panel is on the main screen: from the compare view (a full screen, so the app's
        # keys reach it) `a` would change what is hidden beneath.
        if (
            action in ("toggle_annotations", "toggle_sidebar", "compare", "side_by_side")
            and not self.closing
        ):
            # (compare and side by side open from the reader, or from each other's keys)
            return self.screen is self.main
        return True

    def action_toggle_annotations(self) -> None:
        main = self.main
        if main.toggle_annotations():
            self.annotating.refresh_views()
            main.panel.focus()
        else:
            main.body.focus()

    def action_toggle_sidebar(self) -> None:
        """Hide or show the article list (see :meth:`MainScreen.toggle_sidebar`)."""
        self.main.toggle_sidebar()

    def on_resize(self, event: events.Resize) -> None:
        # After the breakpoint classes (and so the panes' widths) follow the new size.
        self.call_after_refresh(self.main.arrange_panes)


def _one_line(exc: BaseException) -> str:
    from legreader.text.clean import clean_line

    detail = clean_line(str(exc))[:200]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def freeze_long_lived() -> None:
    """Move every object alive now out of the cycle collector's way (``gc.freeze``).

    Called once a large structure that lives as long as the app is built (the search
    index over every annotation's notes and tags, the corpus index): otherwise each full
    collection walks all of it, holding the interpreter for a quarter of a second with
    10,000 annotations, and the keypress that runs into one waits that long for its frame.
    """
    import gc

    gc.freeze()


def make_app(
    paths: Sequence[Path | str] | None = None,
    db_path: Path | str | None = None,
    *,
    config: UserConfig | None = None,
    state_path: Path | str | None = None,
) -> LegreaderApp:
    """Build the app, for the CLI and for every test: no paths means the sample corpus.
    ``state_path``: where the session state is kept (default: the user state folder)."""
    from legreader.files.paths import default_db_path
    from legreader.files.resources import sample_corpus_dir

    corpus_paths = [Path(p) for p in paths] if paths else [sample_corpus_dir()]
    db = Path(db_path) if db_path is not None else default_db_path()
    state = Path(state_path) if state_path is not None else None
    return LegreaderApp(corpus_paths, db, config=config, state_path=state)
