"""`y` / `Y`: copy the selection as a cited quote, checking it against the file first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from legreader.cite import (
    STYLE_LABELS,
    QuoteStyle,
    SourceInfo,
    article_cites_primary,
    cite_quote,
    paragraph_number,
    quote_from_body,
    quote_integrity,
)
from legreader.cite.clipboard import CopyResult, copy_text
from legreader.corpus.loader import Article, ArticleUnavailable
from legreader.ui.article_body import ArticleBody
from legreader.ui.views import DialogViews

if TYPE_CHECKING:
    pass


def read_fresh_body(article: Article) -> str:
    """The article's text as it is in its file now (not the copy on screen)."""
    fresh = Article(id=article.id, path=article.path, title=article.title, kind=article.kind)
    return fresh.body


class CopyViews(DialogViews, Protocol):
    """Where the quote is taken from and the copy reported (the main screen)."""

    @property
    def body(self) -> ArticleBody: ...


@dataclass(frozen=True)
class CopySettings:
    """What a copy needs besides the views, handed in by the app."""

    primary: Article | None
    """The corpus's primary record (the study), named after the quote when the article
    cites it."""
    default_style: str
    """The style `y` copies in: `Y`'s last choice, else the config file's."""
    with_study: bool
    """Whether the study line is added by default."""
    remember: Callable[[str, bool], None]
    """Keeps `Y`'s choice (style, study line) as `y`'s default."""
    call_from_thread: Callable[..., object]
    """Runs a callable on the UI thread and waits for it (from a worker thread)."""
    copy_to_terminal: Callable[[str], None]
    """Sends text to the terminal's clipboard (OSC 52); UI thread only."""


class QuoteCopier:
    """Builds the cited quote and sends it to the clipboard off the UI thread."""

    def __init__(self, views: CopyViews, settings: CopySettings) -> None:
        self.views = views
        self.settings = settings

    def copy(self, *, styled: bool) -> None:
        body = self.views.body
        article, selection = body.loaded_article, body.selection
        if article is None or selection is None:
            return
        settings = self.settings
        primary = settings.primary
        study = SourceInfo.from_article(primary) if primary and not article.is_primary else None
        cites = study is not None and article_cites_primary(
            body.body, primary.meta if primary else None
        )
        source = SourceInfo.from_article(article)
        start, end = selection
        quote = quote_from_body(body.body, start, end)
        accessed = dt.date.today().isoformat()
        text = body.body
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        paragraph = paragraph_number(text, start + lead, article.title)

        def render(style: str, with_study: bool) -> str:
            return cite_quote(
                quote,
                source,
                style,
                study=study if with_study and cites else None,
                accessed=accessed,
                paragraph=paragraph,
            )

        known = {s.value for s in QuoteStyle}
        default_style, with_study = settings.default_style, settings.with_study
        if default_style not in known:
            default_style = "plain"
        if not styled:
            self._check_and_copy(
                article,
                body.body,
                start,
                end,
                render(default_style, with_study),
                default_style,
            )
            return
        from legreader.ui.dialogs.style_picker import StyleChoice, StylePicker

        def chosen(choice: StyleChoice | None) -> None:
            if choice is not None:
                # (the study line could not be chosen here: the preference stays as it was)
                settings.remember(choice.style, choice.with_study if cites else with_study)
                self._check_and_copy(
                    article,
                    body.body,
                    start,
                    end,
                    render(choice.style, choice.with_study),
                    choice.style,
                )

        styles = [(style.value, STYLE_LABELS[style]) for style in QuoteStyle]
        self.views.open_dialog(
            StylePicker(
                styles,
                render,
                current=default_style,
                with_study=with_study,
                can_add_study=cites,
            ),
            chosen,
        )

    def _check_and_copy(
        self, article: Article, shown: str, start: int, end: int, text: str, style: str
    ) -> None:
        exact = shown[start:end]
        self.views.run_worker(
            lambda: self._integrity_worker(article, exact, start, end, text, style),
            thread=True,
            group="copy",
            exit_on_error=False,
        )

    def _integrity_worker(
        self, article: Article, exact: str, start: int, end: int, text: str, style: str
    ) -> None:
        try:
            current = read_fresh_body(article)
        except ArticleUnavailable as exc:
            self.settings.call_from_thread(
                self._ask, f"The article's file cannot be read now ({exc}).", text, style
            )
            return
        result = quote_integrity(exact, current, start, end)
        if result.ok:
            self._send(text, style)
        else:
            message = (
                "The article's file has changed since it was opened: the passage is not there "
                f"word for word any more.\n\n{result.diff_text}\n\nCopy the quote as shown on screen?"
            )
            self.settings.call_from_thread(self._ask, message, text, style)

    def _ask(self, message: str, text: str, style: str) -> None:
        from legreader.ui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.views.run_worker(
                    lambda: self._send(text, style), thread=True, group="copy", exit_on_error=False
                )

        self.views.open_dialog(ConfirmDialog(message, yes="Copy anyway", no="Cancel"), answered)

    def _send(self, text: str, style: str) -> None:
        """In a worker thread: try the clipboards, then report on the UI thread."""
        settings = self.settings

        def osc52(copied: str) -> None:
            settings.call_from_thread(settings.copy_to_terminal, copied)

        result = copy_text(text, osc52=osc52)
        settings.call_from_thread(self._report, result, style)

    def _report(self, result: CopyResult, style: str) -> None:
        if result.ok:
            self.views.notify(copied_notice(style, result), timeout=4, markup=False)
            return
        if result.refused:
            self.views.notify(result.message, severity="warning", timeout=6, markup=False)
            return
        from legreader.ui.dialogs.manual_copy import ManualCopyDialog

        self.views.open_dialog(
            ManualCopyDialog(result.message or "No clipboard could be reached.", result.text)
        )


#: How a notice names each style: "Copied APA quote (OSC 52)".
SHORT_STYLE_NAMES: dict[str, str] = {
    QuoteStyle.PLAIN.value: "plain",
    QuoteStyle.MARKDOWN.value: "Markdown",
    QuoteStyle.APA.value: "APA",
    QuoteStyle.MLA.value: "MLA",
    QuoteStyle.CHICAGO.value: "Chicago",
    QuoteStyle.CSL_JSON.value: "CSL-JSON",
    QuoteStyle.BIBTEX.value: "BibTeX",
}


def copied_notice(style: str, result: CopyResult) -> str:
    """One short line for a copy that was sent: ``Copied APA quote (OSC 52)``, with a
    caution after a semicolon when there is one."""
    name = SHORT_STYLE_NAMES.get(style, style)
    via = result.via or result.method
    line = f"Copied {name} quote" + (f" ({via})" if via else "")
    return f"{line}; {result.caution}" if result.caution else line
