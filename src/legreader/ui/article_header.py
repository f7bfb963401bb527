"""The header above an article: title, outlet, author, dates, link; the primary record's facts."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from legreader.corpus.loader import Article, display_path
from legreader.ui.safe_text import plain, safe


class ArticleHeader(Static):
    """Title and byline of the article shown. All text is plain (never parsed as markup)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"header--text-changed"}
    """The look of the "text changed" warning line (styles/app.tcss)."""

    text_changed_since: str | None = None
    """When the article's last annotation was made on a text other than the one shown (its
    ``modified`` time), else ``None``; the header then says so on its first line."""

    def show(self, article: Article) -> None:
        self._article = article
        self.text_changed_since = None
        self._draw()

    def set_text_changed(self, since: str | None) -> None:
        """Say (or stop saying) that the text is not the one last annotated; ``since`` is
        when that annotation was last changed (ISO 8601)."""
        article = getattr(self, "_article", None)
        if article is None or since == getattr(self, "text_changed_since", None):
            return
        self.text_changed_since = since
        self.set_class(since is not None, "-text-changed")
        self._draw()

    def notify_style_update(self) -> None:
        """A new theme: the warning line is drawn again in its colours."""
        super().notify_style_update()
        if self.text_changed_since is not None and self._warning_style() != self._drawn_warning:
            self._draw()

    _drawn_warning: Style | None = None

    def _draw(self) -> None:
        article = getattr(self, "_article", None)
        if article is None:
            return
        self._drawn_warning = self._warning_style()
        self.update(render_header(article, self.text_changed_since, self._drawn_warning))

    def _warning_style(self) -> Style:
        try:
            return self.get_component_rich_style("header--text-changed", partial=True)
        except KeyError:  # the stylesheet is not applied yet
            return Style(bold=True, reverse=True)


def render_header(
    article: Article, text_changed_since: str | None = None, warning: Style | None = None
) -> Group:
    """The header's lines; ``warning`` is the look of the "text changed" line."""
    lines: list[Text] = []
    if text_changed_since is not None:
        lines.append(
            Text(
                "⚠ TEXT CHANGED since it was last annotated "
                f"({text_changed_since[:10]}): check the annotations panel (a)",
                style=warning or Style(bold=True, reverse=True),
            )
        )
    if article.is_primary:
        lines.append(Text("PRIMARY SOURCE · the study the articles report", style="bold reverse"))
    # Every field comes from the article's file: drawn through plain()/safe().
    title = plain(article.title, style="bold")
    if article.title_derived:
        title.append("  (no title in the file: first line shown)", style="dim italic")
    lines.append(title)
    byline = Text()
    fields = [
        ("outlet", article.outlet),
        ("by", article.author),
        ("published", article.published),
        ("updated", article.updated),
    ]
    for label, value in fields:
        if value:
            if byline.plain:
                byline.append("  ·  ", style="dim")
            byline.append(f"{label} ", style="dim")
            byline.append(safe(value))
    if not byline.plain:
        byline.append("no outlet, author or date given", style="dim italic")
    lines.append(byline)
    if article.url:
        # One line: a link folded in two is harder to read (and to copy) than a shortened one.
        lines.append(plain(article.url, style="underline dim", no_wrap=True, overflow="ellipsis"))
    if article.is_primary:
        meta = article.meta
        authors = meta.get("authors")
        if isinstance(authors, list) and authors:
            # The header sits above the text: three names, then how many (all are in citations).
            names = ", ".join(str(a) for a in authors[:3])
            if len(authors) > 3:
                names += f" et al. ({len(authors)} authors)"
            lines.append(plain("Authors: " + names))
        facts = []
        for key, label in (
            ("doi", "DOI"),
            ("pmid", "PMID"),
            ("volume", "vol."),
            ("article_number", "art."),
        ):
            if meta.get(key):
                facts.append(f"{label} {meta[key]}")
        if facts:
            lines.append(plain(" · ".join(facts), style="dim"))
        if meta.get("design"):
            lines.append(plain("Design: " + str(meta["design"])))
    notes = []
    if article.kind not in ("article", "primary"):
        notes.append(f"kind: {article.kind}")
    if article.encoding_guessed:
        notes.append(f"encoding guessed: {article.encoding}")
    elif article.encoding != "utf-8":
        notes.append(f"encoding: {article.encoding}")
    name = display_path(article.path.name)
    lines.append(plain(name + ("  ·  " + "  ·  ".join(notes) if notes else ""), style="dim"))
    return Group(*lines)
