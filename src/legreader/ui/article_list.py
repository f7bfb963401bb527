"""The sidebar: the articles of the corpus, drawn line by line (only the visible rows).

A corpus of 10,000 articles costs nothing to show or to move through: rows are rendered on
demand (Textual's line API) and cached, never measured all at once.

One module over 500 lines because it is one widget: the line-API sidebar, whose row cache,
sorting and filtering share its state.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from legreader.corpus.filters import ArticleFacts, FilterCriteria, filter_articles, matches
from legreader.corpus.loader import SORT_KEYS, Article, SortKey, sort_articles
from legreader.ui.key_gate import hold_keys
from legreader.ui.marks import VERDICT_GLYPHS, VERDICT_KEYS
from legreader.ui.safe_text import safe

FilterKind = Literal["titles", "facets"]
"""Which filter :class:`ArticleList.FilterRequested` asks for: the title filter (``/``) or the
filter dialog (``F``)."""

#: Each article shows at most this many title lines, then its outlet/date line (and a line of
#: verdicts when it has any).
TITLE_LINES = 2


def verdict_line_forms(
    article: str | None, passage: str | None
) -> list[list[tuple[str, str | None]]]:
    """The verdict line's forms, longest first: pieces of text, each with the verdict whose
    colour it takes (None: a dim label)."""

    def named(verdict: str) -> str:
        return f"{VERDICT_GLYPHS.get(verdict, '')} {verdict}"

    def glyph(verdict: str) -> str:
        return VERDICT_GLYPHS.get(verdict, "")

    if article and passage:
        return [
            [
                ("article ", None),
                (named(article), article),
                (" · worst passage ", None),
                (named(passage), passage),
            ],
            [
                ("article ", None),
                (named(article), article),
                (" · worst ", None),
                (named(passage), passage),
            ],
            [
                ("article ", None),
                (named(article), article),
                (" · worst ", None),
                (glyph(passage), passage),
            ],
            [
                ("article ", None),
                (glyph(article), article),
                (" · worst passage ", None),
                (glyph(passage), passage),
            ],
            [
                ("art ", None),
                (glyph(article), article),
                (" · worst ", None),
                (glyph(passage), passage),
            ],
        ]
    if article:
        return [
            [("article ", None), (named(article), article)],
            [("article ", None), (glyph(article), article)],
        ]
    assert passage is not None
    return [
        [("worst passage ", None), (named(passage), passage)],
        [("worst ", None), (named(passage), passage)],
        [("worst ", None), (glyph(passage), passage)],
    ]


class ArticleList(ScrollView, can_focus=True):
    """The list of articles. Posts :class:`ArticleList.Opened` when one is opened."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        *(f"verdict--{v}" for v in VERDICT_KEYS),
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
    }
    ArticleList > .article-list--cursor {
        background: $block-cursor-blurred-background;
    }
    ArticleList:focus > .article-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("g,home", "first", "Top", show=False, id="sidebar.top"),
        Binding("G,end", "last", "Bottom", show=False, id="sidebar.bottom"),
        Binding("pageup", "page_up", "Page up", show=False, id="sidebar.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="sidebar.page_down"),
        Binding("enter", "select", "Open", id="sidebar.open"),
        Binding("s", "cycle_sort", "Sort", id="sidebar.sort"),
        Binding("slash", "filter_titles", "Filter titles", id="sidebar.filter_titles"),
        Binding("F", "filters", "Filters", id="sidebar.filters"),
    ]
    FOOTER_ORDER: ClassVar[tuple[str, ...]] = (
        "sidebar.open",
        "sidebar.filter_titles",
        "sidebar.filters",
        "sidebar.sort",
    )
    """The sidebar's keys in the footer, most useful first (see :mod:`legreader.ui.footer`)."""

    highlighted: reactive[int | None] = reactive(None, init=False)
    """Index (in :attr:`ordered`) of the highlighted article."""

    class Opened(Message):
        """The reader opened an article from the list."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    class FilterRequested(Message):
        """The reader asked for the title filter (`/`) or the filter dialog (`F`)."""

        def __init__(self, kind: FilterKind) -> None:
            self.kind = kind
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self.primary: Article | None = None
        self.sort_key: SortKey = "date"
        self.stats: dict[str, ArticleFacts] = {}
        self.criteria = FilterCriteria()
        self._ordered: list[Article] = []
        self._tops: list[int] = []  # first row of each article
        self._heights: list[int] = []
        self._layout_width = -1
        self._rows: dict[tuple[int, int, bool], list[Strip]] = {}
        self._rows_of: dict[str, list[int]] = {}
        """Display indexes of each article id (see :meth:`update_stats`)."""
        self._shown_ids: set[str] = set()
        """Ids of the articles that passed the filters (the primary aside)."""
        self._by_id: dict[str, Article] = {}
        self.border_title = "Articles"

    # ------------------------------------------------------------------- data

    def set_articles(self, articles: list[Article], primary: Article | None) -> None:
        """Show these articles (the primary record pinned on top)."""
        self.articles = list(articles)
        self._by_id = {a.id: a for a in self.articles}
        self.primary = primary
        self._rebuild()

    def set_stats(self, stats: dict[str, ArticleFacts]) -> None:
        """Update the annotation counts and verdicts, keeping the highlight."""
        if stats == self.stats:
            return
        self.stats = dict(stats)  # (kept: :meth:`update_stats` changes it in place)
        if self.criteria.active:
            self._rebuild()
        else:
            self._rows.clear()
            self._relayout()  # (verdict lines come and go)
            self.refresh()

    def update_stats(self, changed: Mapping[str, ArticleFacts | None]) -> None:
        """Update the counts and verdicts of a few articles (``None``: no facts any more).

        Costs what changed: only their rows are drawn again, and the list is filtered again
        only when one of them enters or leaves the active filters.
        """
        really = {k: v for k, v in changed.items() if self.stats.get(k) != v}
        if not really:
            return
        for key, item in really.items():
            if item is None:
                self.stats.pop(key, None)
            else:
                self.stats[key] = item
        if self.criteria.active:
            for key in really:
                article = self._by_id.get(key)
                if article is None:
                    continue
                passes = matches(article, self.stats.get(key), self.criteria)
                if passes != (key in self._shown_ids):
                    self._rebuild()
                    return
        width = self._layout_width
        for key in really:
            for index in self._rows_of.get(key, ()):
                if 0 <= index < len(self._heights) and self._heights[index] != self._height(
                    self._ordered[index], width
                ):
                    # A verdict line came or went: the rows below move.
                    self._rows.clear()
                    self._relayout()
                    self.refresh()
                    return
        for key in really:
            for index in self._rows_of.get(key, ()):
                self._refresh_row(index)

    def set_criteria(self, criteria: FilterCriteria) -> None:
        """Show only the articles that pass these filters (the primary stays pinned)."""
        self.criteria = criteria
        self._rebuild()

    def set_sort(self, key: SortKey) -> None:
        self.sort_key = key
        self._rebuild()

    @property
    def ordered(self) -> list[Article]:
        """The articles in display order (primary first)."""
        return self._ordered

    @property
    def option_count(self) -> int:
        return len(self._ordered)

    def _rebuild(self) -> None:
        current = self.highlighted_article
        shown = filter_articles(self.articles, self.stats, self.criteria)
        self._ordered = ([self.primary] if self.primary else []) + sort_articles(
            shown, self.sort_key
        )
        self._shown_ids = {a.id for a in shown}
        self._rows_of = {}
        for i, article in enumerate(self._ordered):
            self._rows_of.setdefault(article.id, []).append(i)
        self._layout_width = -1
        self._rows.clear()
        self._relayout()
        count = (
            f"{len(shown)}/{len(self.articles)}"
            if self.criteria.active
            else f"{len(self.articles)}"
        )
        self.border_subtitle = f"{count} · by {self.sort_key}"
        # The filter text and tag names are the reader's input: plain Content, never markup.
        self.border_title = (
            Content(f"Articles · {self.criteria.describe()}")
            if self.criteria.active
            else "Articles"
        )
        index: int | None = None
        if self._ordered:
            # Start on the first article proper; the primary record is one key away.
            index = 1 if self.primary is not None and len(self._ordered) > 1 else 0
            if current is not None:
                for i, article in enumerate(self._ordered):
                    if article.id == current.id:
                        index = i
                        break
        self.highlighted = index
        self.refresh()

    # ----------------------------------------------------------------- layout

    def _width(self) -> int:
        return max(8, self.scrollable_content_region.width or self.size.width or 30)

    def _relayout(self) -> None:
        """Row offsets of every article for the current width (cheap: no wrapping)."""
        width = self._width()
        heights = [self._height(article, width) for article in self._ordered]
        tops, row = [], 0
        for height in heights:
            tops.append(row)
            row += height
        self._heights, self._tops = heights, tops
        self._layout_width = width
        self.virtual_size = Size(width, row)

    def _height(self, article: Article, width: int) -> int:
        """Rows of one article: its title (one or two), the outlet and date, and a line of
        verdicts when it has any."""
        title_cells = cell_len(article.title) + (8 if article.is_primary else 0)
        stats = self.stats.get(article.id)
        verdicts = bool(stats and (stats.article_verdict or stats.worst_passage))
        return min(TITLE_LINES, 1 + (title_cells > width)) + 1 + verdicts

    def on_resize(self) -> None:
        if self._width() != self._layout_width:
            heights = self._heights
            self._relayout()
            if self._heights == heights:
                # Rows already drawn at the new width with these heights stay good (at start
                # the first frame draws at the new width before this event): keep them.
                width = self._layout_width
                self._rows = {key: rows for key, rows in self._rows.items() if key[1] == width}
            else:
                self._rows.clear()
            self._scroll_to_highlight()

    # ----------------------------------------------------------------- render

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width or self.size.width
        if not self._tops or row >= (self._tops[-1] + self._heights[-1]):
            return Strip.blank(width, self._base())
        index = bisect_right(self._tops, row) - 1
        lines = self._article_rows(index, width)
        offset = row - self._tops[index]
        return lines[offset] if offset < len(lines) else Strip.blank(width, self._base())

    def _article_rows(self, index: int, width: int) -> list[Strip]:
        cursor = index == self.highlighted
        key = (index, width, cursor)
        cached = self._rows.get(key)
        if cached is not None:
            return cached
        article = self._ordered[index]
        base = self._base()
        if cursor:
            base = base + self.get_component_rich_style("article-list--cursor")
        console = self.app.console
        title = Text(overflow="ellipsis", no_wrap=False, style=base)
        if article.is_primary:
            title.append("PRIMARY ", style="bold reverse")
        # Built from plain strings: titles and outlets are untrusted text.
        title.append(safe(article.title), style="bold")
        height = self._heights[index]
        stats = self.stats.get(article.id)
        has_verdicts = bool(stats and (stats.article_verdict or stats.worst_passage))
        title_rows = height - 1 - has_verdicts  # (the meta line, and the verdicts' line)
        wrapped = list(title.wrap(console, width))
        title_lines = wrapped[:title_rows]
        if len(wrapped) > title_rows and title_lines:
            last = title_lines[-1]
            last.rstrip()
            last.truncate(max(1, width - 1), overflow="crop")  # (its own "…" would double)
            last.append("…")
        meta_text = Text(no_wrap=True, overflow="ellipsis", style=base)
        meta = " · ".join(p for p in (article.outlet or "", article.date or "") if p)
        meta_text.append(safe(meta) or "no outlet or date", style="dim" if meta else "dim italic")
        if stats and stats.count:
            meta_text.append(f"  ✎{stats.count}", style="bold")
        meta_text.truncate(width, overflow="ellipsis")
        lines = [*title_lines, meta_text]
        if stats and has_verdicts:
            lines.append(
                self._verdict_line(
                    stats.article_verdict, stats.worst_passage, width, base, cursor=cursor
                )
            )
        rows = []
        for line in lines:
            segments = list(line.render(console))
            strip = Strip(segments).extend_cell_length(width, base).crop(0, width)
            rows.append(strip)
        while len(rows) < height:
            rows.insert(len(title_lines), Strip([Segment(" " * width, base)], width))
        self._rows[key] = rows
        return rows

    def _verdict_line(
        self,
        article: str | None,
        passage: str | None,
        width: int,
        base: Style,
        *,
        cursor: bool = False,
    ) -> Text:
        """The article's own verdict and its worst passage's, in the longest form that fits:
        ``article ! misleading · worst passage ? unsupported`` down to ``art ! · worst ?``.
        Each verdict in its colour, except under the cursor (its colours are the cursor's:
        a verdict's colour is readable on the sidebar, not on the cursor bar)."""
        shapes = verdict_line_forms(article, passage)
        parts = next((p for p in shapes if sum(cell_len(t) for t, _ in p) <= width), shapes[-1])
        line = Text(no_wrap=True, overflow="ellipsis", style=base)
        for text, verdict in parts:
            if verdict is None:
                line.append(text, style="dim")
            elif cursor:
                line.append(text, style="bold")
            else:
                try:
                    colour = self.get_component_rich_style(f"verdict--{verdict}", partial=True)
                except KeyError:  # styles not applied yet, or a verdict this version lacks
                    colour = Style(bold=True)
                line.append(text, style=colour)
        line.truncate(width, overflow="ellipsis")
        return line

    def row_text(self, index: int) -> str:
        """The plain text the sidebar shows for article ``index`` (title lines and meta line)."""
        width = self._layout_width if self._layout_width > 0 else self._width()
        return "\n".join(strip.text.rstrip() for strip in self._article_rows(index, width))

    # ----------------------------------------------------------------- cursor

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self._refresh_row(index)
        self._scroll_to_highlight()

    def _refresh_row(self, index: int) -> None:
        """Draw the rows of the article at display ``index`` again (and only those)."""
        if not 0 <= index < len(self._tops):
            return
        for cursor in (True, False):
            self._rows.pop((index, self._layout_width, cursor), None)
        top = self._tops[index] - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, self._heights[index]))

    def _scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._tops):
            return
        region = Region(0, self._tops[index], 1, self._heights[index])
        self.scroll_to_region(region, animate=False, immediate=True)

    def _move(self, index: int) -> None:
        if self._ordered:
            self.highlighted = min(max(index, 0), len(self._ordered) - 1)

    def action_cursor_down(self) -> None:
        """Down, stopping at the last article (no wrap-around)."""
        self._move((self.highlighted if self.highlighted is not None else -1) + 1)

    def action_cursor_up(self) -> None:
        """Up, stopping at the first article."""
        self._move((self.highlighted if self.highlighted is not None else 1) - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._ordered) - 1)

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height or self.size.height)

    def action_page_down(self) -> None:
        if self.highlighted is None or not self._tops:
            return
        target = self._tops[self.highlighted] + self._page_rows()
        self._move(bisect_right(self._tops, target) - 1)

    def action_page_up(self) -> None:
        if self.highlighted is None or not self._tops:
            return
        target = self._tops[self.highlighted] - self._page_rows()
        self._move(max(0, bisect_right(self._tops, max(target, 0)) - 1))

    def action_select(self) -> None:
        article = self.highlighted_article
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: Click) -> None:
        row = self.scroll_offset.y + event.y
        if not self._tops or row < 0 or row >= self._tops[-1] + self._heights[-1]:
            return
        index = bisect_right(self._tops, row) - 1
        self.highlighted = index
        if event.chain >= 2:
            self.action_select()

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None:
            return None
        if 0 <= self.highlighted < len(self._ordered):
            return self._ordered[self.highlighted]
        return None

    def select_article(self, article_id: str) -> None:
        for i, article in enumerate(self._ordered):
            if article.id == article_id:
                self.highlighted = i
                return

    def action_cycle_sort(self) -> None:
        self.set_sort(SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)])
        self.notify(f"Sorted by {self.sort_key}", timeout=2)

    def action_filter_titles(self) -> None:
        hold_keys(self)  # what is typed next is for the filter box
        self.post_message(self.FilterRequested("titles"))

    def action_filters(self) -> None:
        hold_keys(self)  # ... or for the filter dialog
        self.post_message(self.FilterRequested("facets"))

    _base_style: Style | None = None

    def _base(self) -> Style:
        """This widget's colours (``rich_style`` walks every ancestor: worth keeping)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._rows.clear()
