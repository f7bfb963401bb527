"""The imported page (:class:`ImportedPage`), the error an import raises, its limits, and the
file-name stem a title makes (:func:`slugify`). No Textual import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

#: Pages larger than this are refused.
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: A page whose main text has fewer words than this has "no main text".
MIN_WORDS = 25
#: Debris kept aside is capped at this many characters.
MAX_DEBRIS_CHARS = 2_000_000
#: Metadata values are cut to this many characters.
MAX_META_CHARS = 300


class PageImportError(ValueError):
    """A page could not be imported; ``str(err)`` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class ImportedPage:
    """The article found in one HTML page."""

    source_name: str
    """Where the page came from (a file name), for ``imported_from``."""
    title: str
    body: str
    """Main text: paragraphs separated by blank lines, ``#`` headings, ``- `` list items."""
    debris: str = ""
    """Page text outside the main content (menus, comments, ads), one block a line."""
    authors: tuple[str, ...] = ()
    """The authors the page names (`legreader.corpus.bylines`): people and groups, in byline order;
    roles, honorifics and staff credits ("Staff writer") dropped."""
    outlet: str | None = None
    published: str | None = None
    """ISO date (``YYYY-MM-DD``)."""
    url: str | None = None
    language: str | None = None
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    """True when no BOM, meta charset or valid UTF-8 told the encoding."""
    imported_at: str = ""
    """ISO timestamp (UTC, seconds) of the import."""
    id: str | None = None
    """Article id to keep (an update of an imported article keeps its annotations)."""

    @property
    def author(self) -> str | None:
        """The authors as one line ("Ana Ruiz, Bo Chen"), or None."""
        return ", ".join(self.authors) or None

    def front_matter(self) -> dict[str, str | list[str]]:
        """The YAML front matter keys that have values, in a fixed order; ``author`` a list."""
        items: dict[str, str | list[str] | None] = {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "author": list(self.authors),
            "published": self.published,
            "url": self.url,
            "language": self.language,
            "kind": "article",
            "imported_from": self.source_name,
            "imported_at": self.imported_at,
        }
        return {k: v for k, v in items.items() if v}

    def to_markdown(self) -> str:
        """A Markdown file: YAML front matter between ``---`` lines, then the body."""
        front = self.front_matter()
        # libyaml's emitter (C) writes the same YAML as PyYAML's for printable text in the
        # Basic Multilingual Plane; beyond it (emoji) it writes escapes, so PyYAML's is used.
        texts = [t for v in front.values() for t in ([v] if isinstance(v, str) else v)]
        plain = all(t.isprintable() and max(t) < "\U00010000" for t in texts)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if plain else yaml.SafeDumper
        meta = yaml.dump(front, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{meta}---\n\n{self.body.strip()}\n"

    @property
    def slug(self) -> str:
        """A file-name stem made from the title (ASCII, lower case, hyphens)."""
        return slugify(self.title) or slugify(Path(self.source_name).stem) or "article"


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII, lower-case, hyphen-separated; cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug
