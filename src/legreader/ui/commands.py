"""The command palette (ctrl+p): commands named "category: verb …", built from the app's state."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message

from legreader.claims.model import CATEGORIES
from legreader.corpus.loader import SORT_KEYS
from legreader.ui import messages
from legreader.ui.safe_text import safe
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from legreader.corpus.loader import Corpus

Command = tuple[str, Callable[[], object], str]


@dataclass(frozen=True)
class PaletteContext:
    """What the palette lists commands from (read when it opens, and as the reader types)."""

    corpus: Corpus | None = None
    tag_counts: Mapping[str, int] = field(default_factory=dict)
    """Every tag in the annotation database and how many passages carry it (empty while the
    database is not open)."""


@runtime_checkable
class PaletteSource(Protocol):
    """An app the palette can list commands for (the legreader app)."""

    def palette_context(self) -> PaletteContext: ...


class LegreaderCommands(Provider):
    """Articles to open, tags, highlight toggles, compare, export and corpus commands.

    A picked command posts a typed request to the app (:mod:`legreader.ui.messages`): the
    palette changes nothing itself."""

    def _context(self) -> PaletteContext:
        source = self.app
        return source.palette_context() if isinstance(source, PaletteSource) else PaletteContext()

    def _ask(self, request: Callable[[], Message]) -> Callable[[], object]:
        """A palette callback that posts a fresh ``request()`` to the app."""
        return lambda: self.app.post_message(request())

    def commands(self) -> list[Command]:
        context = self._context()
        ask = self._ask
        out: list[Command] = []
        corpus = context.corpus
        if corpus is not None:
            for article in corpus.all_articles():
                label = "primary" if article.is_primary else (article.outlet or article.date or "")
                out.append(
                    (
                        f"article: open {safe(article.title)}",
                        ask(partial(messages.OpenArticle, article)),
                        f"{label} · {article.path.name}",
                    )
                )
            if corpus.skipped:
                out.append(
                    (
                        "corpus: skipped files",
                        ask(messages.ShowSkipped),
                        f"{plural(len(corpus.skipped), 'file')} not loaded",
                    )
                )
        for key in SORT_KEYS:
            out.append(
                (
                    f"sort: articles by {key}",
                    ask(partial(messages.SortArticles, key)),
                    "sidebar order",
                )
            )
        for category in CATEGORIES:
            out.append(
                (
                    f"highlight: toggle {category}",
                    ask(partial(messages.ToggleCategory, category)),
                    "show or hide these claims",
                )
            )
        out.append(
            (
                "highlight: toggle all",
                ask(messages.ToggleHighlights),
                "all claim highlighting on or off (h)",
            )
        )
        out.append(
            (
                "annotations: show panel",
                ask(messages.ToggleAnnotations),
                "this article's annotations (a)",
            )
        )
        for tag, count in sorted(
            context.tag_counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())
        ):
            out.append(
                (
                    f"tag: {safe(tag)} ({count})",
                    ask(partial(messages.ShowTag, tag)),
                    "list passages with this tag",
                )
            )
            out.append(
                (
                    f"tag: rename {safe(tag)}",
                    ask(partial(messages.RenameTag, tag)),
                    f"rename everywhere ({plural(count, 'passage')})",
                )
            )
        out.append(
            (
                "compare: all articles",
                ask(lambda: messages.OpenCompare("all")),
                "the same claims lined up across articles (c)",
            )
        )
        out.append(
            (
                "compare: this article side by side with the study",
                ask(messages.OpenSideBySide),
                "its claims beside the primary record, with the verdicts (p)",
            )
        )
        out.append(
            (
                "compare: discrepancies only",
                ask(lambda: messages.OpenCompare("discrepancies")),
                "where articles disagree",
            )
        )
        out.append(
            (
                "compare: quantities only",
                ask(lambda: messages.OpenCompare("quantities")),
                "numbers across articles",
            )
        )
        out.append(
            (
                "compare: quotes only",
                ask(lambda: messages.OpenCompare("quotes")),
                "quotes across articles",
            )
        )
        out.append(
            ("search: whole corpus", ask(messages.SearchCorpus), "text, notes and tags (ctrl+f)")
        )
        from legreader.cite.transfer import FORMAT_NAMES

        for fmt, what in FORMAT_NAMES.items():
            out.append(
                (
                    f"export: annotations as {fmt}",
                    ask(partial(messages.ExportAnnotations, fmt)),
                    what,
                )
            )
        out.append(
            (
                "study: add from DOI/PMID/file",
                ask(messages.AddStudy),
                "the study's record into the corpus (Crossref, PubMed; or RIS, BibTeX, …)",
            )
        )
        out.append(
            (
                "import: add from URL",
                ask(messages.ImportFromUrl),
                "fetch web pages into the corpus as articles",
            )
        )
        out.append(
            (
                "import: annotations from a file",
                ask(messages.ImportAnnotations),
                "merge a JSON or W3C export",
            )
        )
        return out

    async def discover(self) -> Hits:
        for name, callback, help_text in self.commands():
            if name.startswith(("article:", "compare:", "search:", "annotations:")):
                yield DiscoveryHit(
                    Content(name), callback, text=name, help=markup_literal(help_text)
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                # Titles and tags are untrusted: built as plain Content, never parsed as markup.
                display = Content(name)
                for offset in offsets:
                    if not name[offset].isspace():
                        display = display.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, display, callback, text=name, help=markup_literal(help_text))


def markup_literal(text: str) -> str:
    """Text that Textual will parse as markup (the palette's help line) shown literally."""
    return text.replace("[", "\\[")
