"""The reader's main screen: the sidebar of articles (with its title filter), the article
body with its search bar, legend and details line, the annotations panel and the footer.

The screen owns the layout and what only concerns the layout: which panes are shown and
how wide (the sidebar yields to the annotations panel on a narrow terminal), the focus
order of `tab`, the title filter box. It holds no data: the app owns the store and the
corpus and fills the widgets; the widgets' requests reach the app as typed messages
(:mod:`legreader.ui.messages`). Its widgets are typed attributes, so nothing has to query
for them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar, Unit
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from legreader.ui.article_body import ArticleBody
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_list import ArticleList
from legreader.ui.deferred_widgets import TITLE_FILTER_PLACEHOLDER
from legreader.ui.safe_text import plain

if TYPE_CHECKING:
    from textual.screen import ScreenResultCallbackType

    from legreader.ui.annotations_panel import AnnotationsPanel
    from legreader.ui.search_bar import SearchBar

#: The body keeps at least this many columns: the sidebar yields to the annotations panel.
MIN_BODY_WIDTH = 48


def _cells(width: Scalar | None) -> int:
    """A CSS width in cells (0 unless it is a fixed number of cells)."""
    if width is None or width.unit != Unit.CELLS:
        return 0
    return int(width.value)


class MainScreen(Screen[None]):
    """The reader: sidebar, article body, annotations panel and footer (the app's default
    screen: it is the first on the stack and stays under every dialog)."""

    sidebar_wanted = True
    """The reader's choice (`b`): the sidebar is shown unless it must yield (see
    :meth:`arrange_panes`)."""

    sidebar_box: Vertical
    """The sidebar and its filter box, shown and hidden together."""
    sidebar: ArticleList
    body: ArticleBody
    legend: Static
    """The counts of the claims highlighted, under the body."""
    details: Static
    """One line about the sentence or claim under the cursor."""

    def compose(self) -> ComposeResult:
        self._set_width_class()
        # The title filter, search bar and annotations panel are made and mounted just after
        # the first frame (or at the first key or use that needs them): see mount_hidden.
        self.sidebar = ArticleList(id="sidebar")
        self.body = ArticleBody(id="body")
        self.legend = Static("", id="legend", markup=False)
        self.details = Static("", id="details", markup=False)
        with Horizontal(id="panes") as self._panes:
            with Vertical(id="sidebar-box") as self.sidebar_box:
                yield self.sidebar
            with Vertical(id="main") as self._main_column:
                yield self.body
                yield self.legend
                yield self.details
        # The footer is mounted just after the first frame (see mount_footer).

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # (Runs before Textual's own handler, in Screen.) At the first resume every widget
        # was styled a moment ago, as it was mounted, with the width class already set (see
        # _set_width_class): styling them all again cost the first frame several ms. Later
        # resumes (a dialog closed) restyle as Textual does.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _set_width_class(self) -> None:
        """Give the screen its width class (``-narrow``, ``-medium``, ``-wide``: the app's
        ``HORIZONTAL_BREAKPOINTS``) for the terminal's size now, before its widgets are
        styled. Textual sets it at the first resize, which came after every widget had been
        styled once: all of them were styled again before the first frame (several ms). The
        same rule as Textual's: the class of the largest breakpoint the width reaches."""
        breakpoints = self.HORIZONTAL_BREAKPOINTS
        if breakpoints is None:
            breakpoints = self.app.HORIZONTAL_BREAKPOINTS
        if not breakpoints:
            return
        width = self.app.size.width
        chosen = next(
            (name for least, name in sorted(breakpoints, reverse=True) if width >= least), None
        )
        self.update_classes({name: name == chosen for _, name in breakpoints}, animate=False)

    # ---------------------------------------------------- hidden until asked for

    hidden_mounted = False
    """Whether the title filter box, the search bar and the annotations panel are mounted."""

    _filter_box: Input
    _search_bar: SearchBar
    _panel: AnnotationsPanel

    def _make_hidden(self) -> None:
        """Make the widgets hidden at start unless they are made (not mounted). Their
        modules are imported here too: the first frame neither needs nor pays for them."""
        if "_panel" in self.__dict__:
            return
        from legreader.ui.annotations_panel import AnnotationsPanel
        from legreader.ui.search_bar import SearchBar

        self._filter_box = Input(placeholder=TITLE_FILTER_PLACEHOLDER, id="title-filter")
        self._search_bar = SearchBar(id="search-bar")
        self._panel = AnnotationsPanel(id="annotations-panel")

    def mount_hidden(self) -> bool:
        """Mount the widgets hidden at start (the title filter box, the search bar, the
        annotations panel) unless they are; True once they are. Composing them cost the first
        frame about 15 ms of CPU (two text boxes' and an option list's default CSS, styles and
        component classes), so :meth:`LegreaderApp.after_first_frame` mounts them, or the
        first key or use that needs them if that comes sooner. Mounting registers a widget at
        once, so it can be used right after; each lands where ``compose`` would put it."""
        if self.hidden_mounted:
            return True
        if not self.is_attached or not self.is_mounted:
            return False
        from legreader.ui.deferred_widgets import load_screen_styles

        load_screen_styles(self.app)
        self._make_hidden()
        self.hidden_mounted = True
        self.sidebar_box.mount(self._filter_box, before=self.sidebar)
        self._main_column.mount(self._search_bar, after=self.body)
        self._panes.mount(self._panel)
        return True

    @property
    def title_filter(self) -> Input:
        """The sidebar's title filter box (`/`), hidden until asked for."""
        self.mount_hidden()
        self._make_hidden()
        return self._filter_box

    @property
    def search_bar(self) -> SearchBar:
        """The in-article search box (`/` in the body), hidden until asked for."""
        self.mount_hidden()
        self._make_hidden()
        return self._search_bar

    @property
    def panel(self) -> AnnotationsPanel:
        """The article's annotations (`a`), hidden until asked for."""
        self.mount_hidden()
        self._make_hidden()
        return self._panel

    @property
    def panel_open(self) -> bool:
        """Whether the annotations panel is shown (never before it is mounted)."""
        return self.hidden_mounted and bool(self._panel.display)

    @property
    def header(self) -> ArticleHeader:
        """The open article's title, source and date, at the top of the body."""
        return self.body.query_one(ArticleHeader)

    def open_dialog(
        self, dialog: Screen[Any], callback: ScreenResultCallbackType[Any] | None = None
    ) -> None:
        """Push ``dialog`` over this screen; ``callback`` gets its result."""
        self.app.push_screen(dialog, callback)

    # ----------------------------------------------------------------- content

    def show_status(self, text: str) -> None:
        """Say ``text`` in the details line, and show the body's claim counts in the legend."""
        self.details.update(plain(text))
        self.legend.update(self.body.legend())

    def show_details(self, text: str) -> None:
        """Say ``text`` (plain) in the details line under the body."""
        self.details.update(text)

    def set_sidebar_title(self, what: str | None = None) -> None:
        """Title the sidebar `Articles`, or `Articles (what)` while the corpus loads or grows."""
        self.sidebar.border_title = f"Articles ({what})" if what else "Articles"

    def toggle_category(self, category: str) -> None:
        """Show or hide one claim category's highlights (the palette's "highlight: toggle")."""
        body = self.body
        enabled = set(body.enabled)
        enabled.symmetric_difference_update({category})
        body.set_enabled_categories(enabled)
        self.notify(f"{category}: {'shown' if category in enabled else 'hidden'}", timeout=2)

    async def mount_footer(self) -> None:
        """Mount the footer (once): its key widgets are rebuilt whenever focus moves, as it
        does while the app starts; mounted after the first article is on screen, it costs
        nothing."""
        from legreader.ui.footer import FittingFooter  # (not imported before the first frame)

        if self.is_attached and not self.query(FittingFooter):
            # the app's own remappable `app.palette` binding is the one shown
            await self.mount(FittingFooter())
            self.refresh_bindings()  # the footer lists keys when bindings are announced

    # ----------------------------------------------------------- title filter

    def open_title_filter(self) -> None:
        self.title_filter.display = True
        self.title_filter.focus()

    @on(Input.Changed, "#title-filter")
    def _title_filter(self, event: Input.Changed) -> None:
        criteria = self.sidebar.criteria
        self.sidebar.set_criteria(dataclasses.replace(criteria, text=event.value))

    @on(Input.Submitted, "#title-filter")
    def _title_filter_done(self) -> None:
        self.sidebar.focus()

    def on_key(self, event: events.Key) -> None:
        if not self.hidden_mounted:  # (the box is not there to have the focus)
            return
        box = self._filter_box
        if event.key == "escape" and box.has_focus:
            box.value = ""
            box.display = False
            self.sidebar.focus()
            event.stop()

    # ------------------------------------------------------------------ panes

    def focus_next_pane(self) -> None:
        """`tab`: the sidebar (if shown), the body, the annotations panel (if open), round."""
        sidebar_shown = self.sidebar_box.display
        order: list[Widget] = [
            w
            for w in (self.sidebar, self.body)
            if w.display and (sidebar_shown or w is not self.sidebar)
        ]
        if self.panel_open:
            order.append(self.panel)
        focused = self.focused
        index = next(
            (
                i
                for i, w in enumerate(order)
                if focused is w or (focused is not None and w in focused.ancestors)
            ),
            -1,
        )
        order[(index + 1) % len(order)].focus()

    def toggle_annotations(self) -> bool:
        """Open or close the annotations panel (the sidebar may yield to it); True if it is
        open now. The caller fills it and moves the focus."""
        panel = self.panel
        panel.display = not panel.display
        self.arrange_panes()
        return bool(panel.display)

    def toggle_sidebar(self) -> None:
        """Hide or show the article list; shown, it takes the focus (and the annotations
        panel closes if the body would have no room left for both)."""
        box = self.sidebar_box
        self.sidebar_wanted = not box.display
        if self.sidebar_wanted and self.panel_open and not self.room_for_sidebar():
            self.panel.display = False
        self.arrange_panes()
        if box.display:
            self.sidebar.focus()
        else:
            focused = self.focused
            if focused is None or not self.panel_open and focused is self.__dict__.get("_panel"):
                self.body.focus()

    def room_for_sidebar(self) -> bool:
        """Whether the body keeps :data:`MIN_BODY_WIDTH` columns beside the sidebar and the
        annotations panel (if open)."""
        used = _cells(self.sidebar_box.styles.width) + (
            _cells(self._panel.styles.width) if self.panel_open else 0
        )
        return self.app.size.width - used >= MIN_BODY_WIDTH

    def arrange_panes(self) -> None:
        """Show the sidebar if the reader wants it and there is room for it (else it yields
        to the annotations panel until the panel closes or the terminal grows)."""
        if not self.is_mounted or not self.is_attached:
            return  # not composed yet (the app's first resize), or closing
        box = self.sidebar_box
        show = self.sidebar_wanted and self.room_for_sidebar()
        if box.display != show:
            box.display = show
            focused = self.focused
            if not show and focused is not None and box in focused.ancestors:
                self.body.focus()
