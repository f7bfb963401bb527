"""The legreader Textual app: sidebar of articles, the article body, and the keys around them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from legreader import __version__
from legreader.config import UserConfig
from legreader.corpus import Article, Corpus, load_corpus
from legreader.resources import styles_dir
from legreader.ui.article_body import ArticleBody
from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.article_list import ArticleList
from legreader.ui.search_bar import SearchBar

ANIMAL_WORDS = ("mice", "mouse", "rat", "rats", "animal", "zebrafish", "primates", "monkeys", "cell", "cells", "in vitro")


def study_is_on_animals(primary: Article | None) -> bool:
    """Whether the primary record says the study was on animals or cells."""
    if primary is None:
        return False
    meta = primary.meta
    kind = str(meta.get("study_type", "")).casefold()
    if kind in ("animal", "cell", "in vitro", "in-vitro"):
        return True
    if kind in ("human", "clinical", "observational"):
        return False
    subjects = str(meta.get("subjects", "")).casefold()
    return any(word in subjects.split() or word == subjects for word in ANIMAL_WORDS)


class LegreaderApp(App[int]):
    """Read a corpus of articles about one study; see its claims; mark them up."""

    TITLE = "legreader"
    CSS_PATH: ClassVar[list[str | Path]] = [styles_dir() / "app.tcss"]  # type: ignore[misc]

    BINDINGS: ClassVar[list[Any]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Palette", id="app.palette", priority=True),
        Binding("tab", "switch_pane", "Switch pane", id="app.switch_pane", priority=True),
        Binding("c", "compare", "Compare", id="app.compare"),
        Binding("ctrl+f", "corpus_search", "Find in corpus", id="app.corpus_search"),
        Binding("a", "toggle_annotations", "Annotations", id="app.annotations"),
    ]

    def __init__(
        self,
        corpus_paths: Sequence[Path],
        db_path: Path,
        *,
        config: UserConfig | None = None,
        corpus: Corpus | None = None,
    ) -> None:
        super().__init__()
        self.corpus_paths = list(corpus_paths)
        self.db_path = db_path
        self.config = config or UserConfig()
        self.corpus: Corpus | None = corpus
        self.keymap: dict[str, str] = dict(self.config.keymap)
        self.current: Article | None = None
        self.animal_study = False
        self.store: Any = None
        """The AnnotationStore (opened at mount); None until then or if the reader quit."""
        from legreader.ui.annotation_controller import AnnotationController

        self.annotating = AnnotationController(self)
        from legreader.ui.copying import QuoteCopier

        self.copier = QuoteCopier(self)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="sidebar")
            with Vertical(id="main"):
                yield ArticleBody(id="body")
                yield SearchBar(id="search-bar")
                yield Static("", id="details", markup=False)
            yield AnnotationsPanel(id="annotations-panel")
        yield Footer()

    @property
    def annotations_panel(self) -> AnnotationsPanel | None:
        panels = self.query(AnnotationsPanel)
        return panels.first() if panels else None

    def on_mount(self) -> None:
        self.sub_title = f"v{__version__}"
        if self.config.theme:
            try:
                self.theme = self.config.theme
            except Exception as exc:  # textual raises InvalidThemeError; keep running
                self.notify(f"Unknown theme {self.config.theme!r} in config: {exc}", severity="warning", markup=False)
        if self.keymap:
            self.set_keymap(self.keymap)
        for problem in self.config.problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        self.query_one(ArticleList).focus()
        self.open_store("normal")
        if self.corpus is not None:
            self._corpus_ready(self.corpus)
        else:
            self.query_one(ArticleList).border_title = "Articles (loading…)"
            self._load_corpus()

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
            self.notify(f"Could not load the corpus: {event.worker.error}", severity="error", markup=False)

    def _corpus_ready(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.animal_study = study_is_on_animals(corpus.primary)
        sidebar = self.query_one(ArticleList)
        sidebar.border_title = "Articles"
        sidebar.set_articles(corpus.articles, corpus.primary)
        self.annotating.refresh_sidebar()
        if corpus.skipped:
            lines = [s.line() for s in corpus.skipped[:5]]
            more = len(corpus.skipped) - len(lines)
            if more > 0:
                lines.append(f"… and {more} more (palette: “corpus: skipped files”)")
            self.notify("\n".join(lines), title=f"{len(corpus.skipped)} file(s) skipped", severity="warning", timeout=10, markup=False)
        if not corpus.all_articles():
            self.query_one("#details", Static).update("No article could be loaded from this corpus.")
            return
        first = sidebar.highlighted_article
        if first is not None:
            self.open_article(first, focus_body=False)

    # ------------------------------------------------------------------ store

    def open_store(self, mode: str) -> None:
        """Open the annotation database; a damaged one is never written over."""
        from legreader.store import AnnotationStore, DatabaseDamaged, DatabaseLocked, StoreError
        from legreader.ui.dialogs.damaged_db import DamagedDatabaseDialog

        try:
            self.store = AnnotationStore.open(self.db_path, mode=mode)
        except DatabaseDamaged as exc:
            def chosen(choice: str | None) -> None:
                if choice in ("read_only", "fresh"):
                    self.open_store(choice)
                else:
                    self.exit(1, message=f"legreader: {exc}")

            self.push_screen(DamagedDatabaseDialog(str(exc)), chosen)
            return
        except DatabaseLocked as exc:
            self.notify(f"{exc}. Opened read-only: annotations will not be saved.", severity="warning", timeout=12, markup=False)
            self.store = AnnotationStore.open(self.db_path, mode="read_only")
        except (StoreError, OSError) as exc:
            self.notify(f"Cannot open the annotation database: {exc}. Opened read-only.", severity="error", timeout=12, markup=False)
            try:
                self.store = AnnotationStore.open(self.db_path, mode="read_only")
            except (StoreError, OSError):
                self.store = None
                return
        if self.store.read_only and mode == "normal":
            self.notify(f"Annotations are read-only: {self.store.read_only_reason}.", severity="warning", timeout=10, markup=False)
        for notice in self.store.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        if self.corpus is not None:
            self.annotating.reanchor_current() if self.current else self.annotating.refresh_sidebar()

    def on_unmount(self) -> None:
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
        self.store = None

    async def action_quit(self) -> None:
        store = self.store
        if store is not None and store.pending:
            from legreader.ui.dialogs.confirm import ConfirmDialog

            try:
                store.retry_pending()
            except Exception:  # StoreWriteError: still failing; ask before losing anything
                def answered(quit_anyway: bool | None) -> None:
                    if quit_anyway:
                        self.exit(1)

                self.push_screen(
                    ConfirmDialog(
                        f"{len(store.pending)} change(s) could not be saved to {self.db_path}. Quit and lose them?",
                        yes="Quit anyway",
                        no="Stay",
                    ),
                    answered,
                )
                return
        self.exit(0)

    # --------------------------------------------------------------- articles

    def open_article(self, article: Article, *, focus_body: bool = True) -> None:
        """Show an article in the body (and highlight it in the sidebar)."""
        self.current = article
        self.query_one(ArticleList).select_article(article.id)
        body = self.query_one(ArticleBody)
        body.show_article(article, animal_study=self.animal_study and not article.is_primary)
        if focus_body:
            body.focus()

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article)

    @on(ArticleBody.Loaded)
    def _article_loaded(self, event: ArticleBody.Loaded) -> None:
        self.annotating.reanchor_current()

    @on(ArticleBody.AnnotateRequest)
    def _annotate(self, event: ArticleBody.AnnotateRequest) -> None:
        handlers = {
            "verdict": lambda: self.annotating.verdict(event.value or ""),
            "tag": self.annotating.edit_tags,
            "note": self.annotating.edit_note,
            "article_note": self.annotating.edit_article_note,
            "delete": self.annotating.delete,
            "undo": self.annotating.undo,
            "copy": lambda: self.copy_quote(styled=False),
            "copy_styled": lambda: self.copy_quote(styled=True),
        }
        handler = handlers.get(event.kind)
        if handler is not None:
            handler()

    @on(AnnotationsPanel.Request)
    def _panel_request(self, event: AnnotationsPanel.Request) -> None:
        if event.kind == "jump":
            self.annotating.jump(event.annotation_id)
        elif event.kind == "delete":
            self.annotating.delete(event.annotation_id)
        elif event.kind == "undo":
            self.annotating.undo()
        elif event.kind == "reattach":
            self.annotating.reattach(event.annotation_id)

    def copy_quote(self, *, styled: bool) -> None:
        self.copier.copy(styled=styled)

    @on(ArticleBody.Status)
    def _status(self, event: ArticleBody.Status) -> None:
        self.query_one("#details", Static).update(Text(event.text))

    # ----------------------------------------------------------------- actions

    def action_switch_pane(self) -> None:
        if self.screen is not self.screen_stack[0]:
            self.screen.focus_next()
            return
        order = [w for w in (self.query_one(ArticleList), self.query_one(ArticleBody)) if w.display]
        panel = self.query("#annotations-panel")
        if panel and panel.first().display:
            order.append(panel.first())
        focused = self.focused
        index = next((i for i, w in enumerate(order) if focused is w or (focused and w in focused.ancestors)), -1)
        order[(index + 1) % len(order)].focus()

    def action_help(self) -> None:
        from legreader.paths import config_path
        from legreader.ui.help_screen import HelpScreen
        from legreader.ui.keys import key_rows

        rows = key_rows(self.binding_sections(), self.keymap)
        note = f"Remap any key by its binding id in {config_path()} under [keys], e.g.  \"body.next_sentence\" = \"j,down\""
        self.push_screen(HelpScreen(rows, note))

    def binding_sections(self) -> list[tuple[str, list[Any]]]:
        """Every binding, grouped by where it works (for help and docs)."""
        from legreader.ui.category_picker import CategoryPicker
        from legreader.ui.help_screen import HelpScreen

        sections: list[tuple[str, list[Any]]] = [
            ("Anywhere", list(type(self).BINDINGS)),
            ("Sidebar", list(ArticleList.BINDINGS)),
            ("Body", list(ArticleBody.BINDINGS)),
            ("Search", list(SearchBar.BINDINGS)),
            ("Help", list(HelpScreen.BINDINGS)),
            ("Annotations panel", list(AnnotationsPanel.BINDINGS)),
            ("Categories", list(CategoryPicker.BINDINGS)),
        ]
        sections.extend(self.extra_binding_sections())
        return sections

    def extra_binding_sections(self) -> list[tuple[str, list[Any]]]:
        return []

    def action_compare(self) -> None:
        self.notify("Compare view is not available yet.", timeout=3)

    def action_corpus_search(self) -> None:
        self.notify("Corpus search is not available yet.", timeout=3)

    def action_toggle_annotations(self) -> None:
        panel = self.query_one(AnnotationsPanel)
        panel.display = not panel.display
        if panel.display:
            self.annotating.refresh_views()
            panel.focus()
        else:
            self.query_one(ArticleBody).focus()


def make_app(
    paths: Sequence[Path | str] | None = None,
    db_path: Path | str | None = None,
    *,
    config: UserConfig | None = None,
) -> LegreaderApp:
    """Build the app, for the CLI and for every test: no paths means the sample corpus."""
    from legreader.paths import default_db_path
    from legreader.resources import sample_corpus_dir

    corpus_paths = [Path(p) for p in paths] if paths else [sample_corpus_dir()]
    db = Path(db_path) if db_path is not None else default_db_path()
    return LegreaderApp(corpus_paths, db, config=config)
