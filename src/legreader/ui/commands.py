"""The command palette (ctrl+p): commands named "category: verb …", built from the app's state."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from legreader.claims.model import CATEGORIES
from legreader.corpus.loader import SORT_KEYS
from legreader.ui.safe_text import safe
from legreader.ui.wording import plural

if TYPE_CHECKING:
    from legreader.ui.app import LegreaderApp

Command = tuple[str, Callable[[], object], str]


class LegreaderCommands(Provider):
    """Articles to open, tags, highlight toggles, compare, export and corpus commands."""

    @property
    def legreader(self) -> LegreaderApp:
        return self.app  # type: ignore[return-value]

    def commands(self) -> list[Command]:
        app = self.legreader
        out: list[Command] = []
        corpus = app.corpus
        if corpus is not None:
            for article in corpus.all_articles():
                label = "primary" if article.is_primary else (article.outlet or article.date or "")
                out.append(
                    (
                        f"article: open {safe(article.title)}",
                        partial(app.open_article, article),
                        f"{label} · {article.path.name}",
                    )
                )
            if corpus.skipped:
                out.append(
                    (
                        "corpus: skipped files",
                        app.show_skipped,
                        f"{plural(len(corpus.skipped), 'file')} not loaded",
                    )
                )
        for key in SORT_KEYS:
            out.append(
                (f"sort: articles by {key}", partial(app.sort_articles, key), "sidebar order")
            )
        for category in CATEGORIES:
            out.append(
                (
                    f"highlight: toggle {category}",
                    partial(app.toggle_category, category),
                    "show or hide these claims",
                )
            )
        out.append(
            ("highlight: toggle all", app.toggle_highlights, "all claim highlighting on or off (h)")
        )
        out.append(
            (
                "annotations: show panel",
                app.action_toggle_annotations,
                "this article's annotations (a)",
            )
        )
        store = app.store
        if store is not None:
            for tag, count in sorted(
                store.tags_with_counts().items(), key=lambda kv: (-kv[1], kv[0].casefold())
            ):
                out.append(
                    (
                        f"tag: {safe(tag)} ({count})",
                        partial(app.show_tag, tag),
                        "list passages with this tag",
                    )
                )
                out.append(
                    (
                        f"tag: rename {safe(tag)}",
                        partial(app.rename_tag, tag),
                        f"rename everywhere ({plural(count, 'passage')})",
                    )
                )
        out.append(
            (
                "compare: all articles",
                app.action_compare,
                "the same claims lined up across articles (c)",
            )
        )
        out.append(
            (
                "compare: this article side by side with the study",
                app.action_side_by_side,
                "its claims beside the primary record, with the verdicts (p)",
            )
        )
        out.append(
            (
                "compare: discrepancies only",
                partial(app.open_compare, "discrepancies"),
                "where articles disagree",
            )
        )
        out.append(
            (
                "compare: quantities only",
                partial(app.open_compare, "quantities"),
                "numbers across articles",
            )
        )
        out.append(
            ("compare: quotes only", partial(app.open_compare, "quotes"), "quotes across articles")
        )
        out.append(
            ("search: whole corpus", app.action_corpus_search, "text, notes and tags (ctrl+f)")
        )
        from legreader.cite.transfer import FORMAT_NAMES

        for fmt, what in FORMAT_NAMES.items():
            out.append(
                (f"export: annotations as {fmt}", partial(app.export_annotations, fmt), what)
            )
        out.append(
            (
                "study: add from DOI/PMID/file",
                app.add_study,
                "the study's record into the corpus (Crossref, PubMed; or RIS, BibTeX, …)",
            )
        )
        out.append(
            (
                "import: add from URL",
                app.import_from_url,
                "fetch web pages into the corpus as articles",
            )
        )
        out.append(
            (
                "import: annotations from a file",
                app.import_annotations,
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
