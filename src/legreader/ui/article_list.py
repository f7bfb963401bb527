"""The sidebar: the articles of the corpus, one option each."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from legreader.article_filter import ArticleFacts, FilterCriteria, filter_articles
from legreader.corpus import Article, sort_articles
from legreader.ui.stop_list import StopAtEndsOptionList

SORT_KEYS = ("date", "title", "outlet")

VERDICT_COLORS = {
    "false": "bold #ff5f5f",
    "misleading": "bold #ff875f",
    "overstated": "bold #ffaf00",
    "unsupported": "bold #d787ff",
    "promotional": "bold #87afaf",
    "accurate": "bold #5fd75f",
}

VERDICT_MARKS = {
    "false": "✗",
    "misleading": "!",
    "overstated": "↑",
    "unsupported": "?",
    "promotional": "$",
    "accurate": "✓",
}


class ArticleList(StopAtEndsOptionList):
    """The list of articles. Posts :class:`ArticleList.Opened` when one is opened."""

    BINDINGS = [
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

    class Opened(Message):
        """The reader opened an article from the list."""

        def __init__(self, article: Article) -> None:
            self.article = article
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self.primary: Article | None = None
        self.sort_key = "date"
        self.stats: dict[str, ArticleFacts] = {}
        self.criteria = FilterCriteria()
        self._ordered: list[Article] = []
        self.border_title = "Articles"

    def set_articles(self, articles: list[Article], primary: Article | None) -> None:
        """Show these articles (the primary record pinned on top)."""
        self.articles = list(articles)
        self.primary = primary
        self._rebuild()

    def set_stats(self, stats: dict[str, ArticleFacts]) -> None:
        """Update the annotation counts and worst verdicts, keeping the highlight."""
        self.stats = stats
        self._rebuild()

    def set_criteria(self, criteria: FilterCriteria) -> None:
        """Show only the articles that pass these filters (the primary stays pinned)."""
        self.criteria = criteria
        self._rebuild()

    def set_sort(self, key: str) -> None:
        self.sort_key = key
        self._rebuild()

    @property
    def ordered(self) -> list[Article]:
        """The articles in display order (primary first)."""
        return self._ordered

    def _rebuild(self) -> None:
        current = self.highlighted_article
        shown = filter_articles(self.articles, self.stats, self.criteria)
        ordered = ([self.primary] if self.primary else []) + sort_articles(shown, self.sort_key)
        self._ordered = ordered
        self.set_options(Option(self._prompt(a), id=a.id) for a in ordered)
        count = f"{len(shown)}/{len(self.articles)}" if self.criteria.active else f"{len(self.articles)}"
        self.border_subtitle = f"{count} · by {self.sort_key}"
        # The filter text and tag names are the reader's input: plain Content, never markup.
        self.border_title = Content(f"Articles · {self.criteria.describe()}") if self.criteria.active else "Articles"
        if ordered:
            # Start on the first article proper; the primary record is one key away.
            index = 1 if self.primary is not None and len(ordered) > 1 else 0
            if current is not None:
                for i, article in enumerate(ordered):
                    if article.id == current.id:
                        index = i
                        break
            self.highlighted = index

    def _prompt(self, article: Article) -> Text:
        # Built from plain strings: titles and outlets are untrusted text.
        stats = self.stats.get(article.id)
        text = Text(no_wrap=False, overflow="fold")
        if article.is_primary:
            text.append("PRIMARY ", style="bold reverse")
        text.append(article.title, style="bold")
        meta = " · ".join(p for p in (article.outlet or "", article.date or "") if p)
        text.append("\n")
        text.append(meta or "no outlet or date", style="dim" if meta else "dim italic")
        if stats and stats.count:
            text.append(f"  ✎{stats.count}", style="bold")
            if stats.worst:
                mark = VERDICT_MARKS.get(stats.worst, "")
                text.append(f" {mark} {stats.worst}", style=VERDICT_COLORS.get(stats.worst, "bold"))
        return text

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None:
            return None
        ordered = self.ordered
        if 0 <= self.highlighted < len(ordered):
            return ordered[self.highlighted]
        return None

    def select_article(self, article_id: str) -> None:
        for i, article in enumerate(self.ordered):
            if article.id == article_id:
                self.highlighted = i
                return

    def action_cycle_sort(self) -> None:
        self.set_sort(SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)])
        self.notify(f"Sorted by {self.sort_key}", timeout=2)

    class FilterRequested(Message):
        """The reader asked for the title filter (`/`) or the filter dialog (`F`)."""

        def __init__(self, kind: str) -> None:
            self.kind = kind
            super().__init__()

    def action_filter_titles(self) -> None:
        self.post_message(self.FilterRequested("titles"))

    def action_filters(self) -> None:
        self.post_message(self.FilterRequested("facets"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article = self.highlighted_article
        if article is not None:
            self.post_message(self.Opened(article))
