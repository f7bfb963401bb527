"""The legreader Textual app: sidebar of articles, the article body, and the keys around them.

The core (construction, config, screens, start-up, help, quitting) is here; each flow the app
runs lives in its own module of :mod:`legreader.ui.flows` (see :class:`LegreaderApp`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widget import AwaitMount

from legreader import __version__
from legreader.corpus.loader import load_corpus
from legreader.files.resources import styles_dir
from legreader.settings.config import UserConfig
from legreader.ui import messages
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_list import ArticleList
from legreader.ui.flows.adding import AddingFlows
from legreader.ui.flows.annotating import AnnotationRequests
from legreader.ui.flows.compare import CompareFlows
from legreader.ui.flows.corpus import CorpusFlows
from legreader.ui.flows.keys import KeyRouting
from legreader.ui.flows.palette import PaletteFlows
from legreader.ui.flows.reading import ReadingFlows
from legreader.ui.flows.state import AppState
from legreader.ui.flows.state import freeze_long_lived as freeze_long_lived
from legreader.ui.flows.store import StoreFlows
from legreader.ui.screens.main import MIN_BODY_WIDTH as MIN_BODY_WIDTH
from legreader.ui.screens.main import MainScreen
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver


#: How often the annotation database is checked for changes made by another program.
DB_WATCH_SECONDS = 3.0
#: Corpora with at most this many files are listed on the UI thread (it takes milliseconds).
SYNC_LISTING_LIMIT = 300


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


class LegreaderApp(
    KeyRouting,
    StoreFlows,
    ReadingFlows,
    AnnotationRequests,
    CorpusFlows,
    PaletteFlows,
    AddingFlows,
    CompareFlows,
    AppState,
):
    """Read a corpus of articles about one study; see its claims; mark them up.

    This class is the app's core: its keys, config (theme, keymap), screens, start-up and
    quitting. Its flows are mixins by concern, in :mod:`legreader.ui.flows` (key routing,
    the store, the article read, annotation requests, the corpus, palette verbs, adding,
    comparing), all on :class:`~legreader.ui.flows.state.AppState`, the shared state."""

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

    def get_default_screen(self) -> MainScreen:
        """The reader's main screen, first on the stack (see :mod:`legreader.ui.screens.main`)."""
        return self.main

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

    def on_unmount(self) -> None:
        self.stop_adding()  # a fetch under way stops at once
        self.save_session()
        self.close_store()

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
        """The bindings of the main screen's widgets and of help."""
        from legreader.ui.annotations_panel import AnnotationsPanel
        from legreader.ui.help_screen import HelpScreen
        from legreader.ui.search_bar import SearchBar

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
