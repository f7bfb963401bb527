"""The corpus: the articles a reader opens, found in folders and files, bodies loaded lazily.

No Textual import. Listing reads only the head of each file (front matter and title);
the body is read, decoded and cleaned on first use.

Article ids never depend on load order (:func:`article_id`): the front-matter ``id``, else the
canonical URL, else ``<text>.<path>``: a hash of the normalised opening of the text and a
hash of the file's path relative to its corpus folder. Two files with the same title or text
have different ids, and adding files never changes the id of another. When two files claim
the same front-matter id or URL, the one whose path sorts first keeps it; the others get
``~`` and a hash of their path. The id the old, load-order scheme gave each file is kept in
:attr:`Article.legacy_id` so old databases can be mapped (:mod:`legreader.corpus.ids`).

Every file that cannot be used is
skipped with a one-line reason, never an exception: an unexpected error in one file
skips that file only (with the error's one-line summary as its reason).

Front matter is untrusted YAML: a file whose block uses aliases (alias bombs,
self-referencing structures), nests deeper than :data:`MAX_FRONT_MATTER_DEPTH` or is
larger than :data:`MAX_FRONT_MATTER_CHARS` is skipped with its reason (never loaded
without its front matter: its title, id and kind would silently change); an impossible
date (``2021-02-30``) is kept as the text it was written as. Folders are walked
iteratively down to :data:`MAX_FOLDER_DEPTH` levels; deeper folders, and folders that
cannot be read, are reported in ``Corpus.skipped``.

One module over 500 lines because listing and reading articles (walking folders, bounded reads,
front matter, ids) share one path check and the read limits that keep a hostile corpus out.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import os
import re
import stat
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from legreader.corpus.decoding import BinaryContent, Decoded, decode_bytes
from legreader.text.clean import clean_line, clean_text

#: File name endings read as articles.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
#: Saved web pages: their main text is extracted when they are listed.
HTML_SUFFIXES = (".html", ".htm")
#: Files larger than this are skipped (a 2 MB article froze naive UIs; 5 MB is generous).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Saved web pages carry much markup around their text: a larger cap.
MAX_HTML_BYTES = 20 * 1024 * 1024
#: How much of a file listing reads to find its front matter and title.
HEAD_BYTES = 32 * 1024
#: How much of the cleaned body (whitespace folded) goes into a content-derived id: edits
#: further down keep the id (and the annotations re-anchor), a new opening makes a new article.
ID_BODY_CHARS = 2000
#: What the ids of legreader before issue 13 hashed (title and this much of the body).
LEGACY_ID_BODY_CHARS = 1000


class ArticleUnavailable(Exception):
    """The article's file can no longer be read (deleted, changed to binary, ...)."""


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not loaded, and why."""

    path: Path
    reason: str

    def line(self) -> str:
        return f"skipped {display_path(self.path)}: {self.reason}"


def display_path(path: Path | str) -> str:
    """A file name safe to print: control characters shown as escapes."""
    text = str(path)
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass(eq=False)
class Article:
    """One article of the corpus. ``body`` is read on first access."""

    id: str
    path: Path
    title: str
    outlet: str | None = None
    author: str | None = None
    """The byline as the file gives it (a list joined with ", "), for display."""
    published: str | None = None
    updated: str | None = None
    url: str | None = None
    kind: str = "article"
    meta: dict[str, Any] = field(default_factory=dict)
    title_derived: bool = False
    """True when the file gave no title and it was taken from the first line."""
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    legacy_base: str = ""
    """The id legreader gave this file before issue 13, before load-order suffixes."""
    legacy_id: str = ""
    """That id with the ``-2``, ``-3``... the old scheme would add in this corpus's load order."""
    _body: str | None = field(default=None, repr=False)
    _authors: tuple[str, ...] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def is_primary(self) -> bool:
        return self.kind == "primary"

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors the front matter names (`legreader.corpus.bylines`), parsed on first use.

        ``author`` (or ``authors``) may be a byline string or a list; people and group
        authors are kept, roles, honorifics and staff credits dropped.
        """
        if self._authors is None:
            meta = self.meta
            if self.is_primary:
                value = meta.get("authors") or meta.get("author") or self.author
            else:
                value = meta.get("author", meta.get("authors")) or self.author
            self._authors = _authors(value, self.outlet)
        return self._authors

    @property
    def body_loaded(self) -> bool:
        return self._body is not None

    @property
    def body(self) -> str:
        """The cleaned article text (after front matter). Raises ArticleUnavailable."""
        if self._body is None:
            with self._lock:
                if self._body is None:
                    self._body = self._read_body()
        return self._body

    def set_body(self, text: str) -> None:
        """Replace the body (tests, imports); the text is cleaned."""
        self._body = clean_text(text)

    def reload(self) -> None:
        """Forget the cached body so the next access reads the file again."""
        self._body = None

    def _read_body(self) -> str:
        if self.path.suffix.lower() in HTML_SUFFIXES:
            item = read_html_article(self.path)
            if isinstance(item, SkippedFile):
                raise ArticleUnavailable(item.line())
            return item.body
        try:
            data = _read_regular_file(self.path, MAX_FILE_BYTES)
            decoded = decode_bytes(data)
        except (OSError, BinaryContent, _Refused) as exc:
            raise ArticleUnavailable(f"{display_path(self.path)}: {_reason(exc)}") from exc
        self.encoding, self.encoding_guessed = decoded.encoding, decoded.guessed
        text = clean_text(decoded.text)
        if self.path.suffix.lower() in (".md", ".markdown"):
            # Only the body is needed here: the front matter was parsed when listing.
            try:
                parts = _split_block(text)
            except FrontMatterError:
                parts = None
            return parts[1] if parts else text
        return text

    @property
    def date(self) -> str | None:
        """The date to show and sort by: published, else updated."""
        return self.published or self.updated

    def byline(self) -> str:
        parts = [p for p in (self.outlet, self.author, self.date) if p]
        return " · ".join(parts)


@dataclass
class Corpus:
    """The loaded corpus: articles (without the primary record), the primary, what was skipped."""

    articles: list[Article]
    primary: Article | None
    skipped: list[SkippedFile]
    roots: list[Path]

    def all_articles(self) -> list[Article]:
        """The primary record first (if any), then the articles."""
        return ([self.primary] if self.primary else []) + self.articles

    def by_id(self, article_id: str) -> Article | None:
        for article in self.all_articles():
            if article.id == article_id:
                return article
        return None

    def __len__(self) -> int:
        return len(self.articles)


_FM_OPEN = re.compile(r"---[ \t]*\n")
_FM_CLOSE = re.compile(r"\n---[ \t]*(?:\n|\Z)")
#: A front-matter block larger than this is not parsed (real ones are a few hundred bytes).
MAX_FRONT_MATTER_CHARS = 16 * 1024
#: Deepest nesting of lists and mappings allowed in front matter (real ones use 2 or 3).
MAX_FRONT_MATTER_DEPTH = 20


class FrontMatterError(ValueError):
    pass


class _Refused(Exception):
    pass


_yaml_lock = threading.Lock()
_yaml_loaders: tuple[Any, Any] | None = None


def _loaders() -> tuple[Any, Any]:
    """``(parser's loader, front matter loader)``, made at first use: PyYAML is imported only
    when a block is not in :mod:`legreader.corpus.front_matter_cache` (8 ms off a warm launch).

    The parser's is libyaml's safe loader when PyYAML was built with it (about 10x faster),
    else the Python one; the front matter loader is that one with one change: an impossible
    date (``2021-02-30``) stays the string it was written as instead of raising
    ``ValueError`` from the constructor."""
    global _yaml_loaders
    with _yaml_lock:
        if _yaml_loaders is None:
            import yaml

            base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

            class _FrontMatterLoader(base):  # type: ignore[misc]
                def construct_yaml_timestamp(self, node: Any) -> Any:
                    try:
                        return super().construct_yaml_timestamp(node)
                    except (ValueError, OverflowError):
                        return self.construct_scalar(node)

            _FrontMatterLoader.add_constructor(
                "tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp
            )
            _yaml_loaders = (base, _FrontMatterLoader)
        return _yaml_loaders


def _check_yaml_shape(block: str) -> None:
    """Refuse aliases and deep nesting before anything is built.

    Aliases are how "billion laughs" grows memory without bound and how ``&a [*a]`` makes
    a structure that contains itself (RecursionError downstream); front matter never needs
    them. Runs on the parser's events (libyaml's parser keeps its own stack: no recursion).
    """
    import yaml

    depth = 0
    for event in yaml.parse(block, Loader=_loaders()[0]):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError("front matter uses YAML aliases (not allowed)")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                raise FrontMatterError(
                    f"front matter nested more than {MAX_FRONT_MATTER_DEPTH} levels deep"
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _split_block(text: str) -> tuple[str, str] | None:
    """``(yaml block, body)`` when the text opens with ``---`` front matter, else None.

    Raises FrontMatterError when the block is never closed.
    """
    first = _FM_OPEN.match(text)
    if first is None:
        return None
    closing = _FM_CLOSE.search(text, first.end() - 1)
    if closing is None:
        raise FrontMatterError("front matter has no closing '---' line")
    return text[first.end() : closing.start() + 1], text[closing.end() :]


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Split ``---`` YAML front matter from a Markdown text. Body kept exactly.

    Returns ``(None, text)`` when there is no front matter; raises FrontMatterError when
    there is a block that is not a valid YAML mapping, or one that is hostile: larger than
    :data:`MAX_FRONT_MATTER_CHARS`, nested deeper than :data:`MAX_FRONT_MATTER_DEPTH`, or
    using aliases. No other exception escapes (a value the YAML constructors reject, such
    as a 5,000-digit integer, is a FrontMatterError too).
    """
    parts = _split_block(text)
    if parts is None:
        return None, text
    block, body = parts
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            f"front matter too long ({len(block) // 1024} KB; the cap is "
            f"{MAX_FRONT_MATTER_CHARS // 1024} KB)"
        )
    import yaml

    try:
        if block.strip():
            _check_yaml_shape(block)
            data = yaml.load(block, Loader=_loaders()[1])
        else:
            data = {}
    except FrontMatterError:
        raise
    except yaml.YAMLError as exc:
        summary = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise FrontMatterError(f"broken front matter ({clean_line(summary)})") from exc
    except Exception as exc:  # the constructors raise ValueError, OverflowError...
        summary = clean_line(str(exc))[:120] or "invalid value"
        raise FrontMatterError(f"broken front matter ({type(exc).__name__}: {summary})") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values")
    return data, body


def _plain_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(front matter made plain, body)``: :func:`split_front_matter` then
    :func:`_plain_meta`, or the value kept from an earlier run for the same block (see
    :mod:`legreader.corpus.front_matter_cache`: a launch over files read before needs no YAML)."""
    from legreader.corpus import front_matter_cache

    parts = _split_block(text)
    if parts is None:
        return {}, text
    block, body = parts
    kept = front_matter_cache.load(block) if len(block) <= MAX_FRONT_MATTER_CHARS else None
    if kept is not None:
        return kept, body
    data, body = split_front_matter(text)
    meta = _plain_meta(data or {})
    front_matter_cache.store(block, meta)
    return meta, body


def _meta_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = clean_line(str(value))
    return text or None


def _authors(value: Any, outlet: str | None) -> tuple[str, ...]:
    """`author` as a byline string or a list (strings, or CSL-style mappings), parsed."""
    from legreader.corpus.bylines import authors_from_meta  # (its tables: 2.5 ms, not for start-up)

    try:
        return tuple(clean_line(a) for a in authors_from_meta(value, outlet) if clean_line(a))
    except (TypeError, ValueError, RecursionError):  # front matter of an odd shape
        return ()


def _plain_meta(value: Any) -> Any:
    """Front matter values made JSON-friendly and safe to show."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_plain_meta(v) for v in value]
    if isinstance(value, dict):
        return {clean_line(str(k)): _plain_meta(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # bytes (!!binary), sets, tuples...: shown as text, never passed on raw.
    return clean_line(str(value))[:1000]


def derive_title(body: str) -> str:
    """First non-empty line, without Markdown heading or bullet markers."""
    for line in body.splitlines():
        stripped = line.strip().lstrip("#").strip()
        for marker in ("•", "- ", "* ", "+ "):
            if stripped.startswith(marker):
                stripped = stripped[len(marker) :].strip()
        if stripped:
            return clean_line(stripped)[:200]
    return "(untitled)"


def _sha1(text: str, digits: int) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:digits]


def url_id(url: str) -> str:
    """The id of an article with a canonical URL (scheme, ``www.``, case, final ``/`` ignored)."""
    norm = url.strip().casefold().rstrip("/")
    for scheme in ("https://", "http://"):
        norm = norm.removeprefix(scheme)
    return _sha1("url:" + norm.removeprefix("www."), 12)


def text_id(body_head: str) -> str:
    """12 hex digits for the opening of a text: its first :data:`ID_BODY_CHARS` characters
    with whitespace folded (line endings, re-wrapping and indentation do not count)."""
    return _sha1(" ".join(body_head[: ID_BODY_CHARS * 2].split())[:ID_BODY_CHARS], 12)


def path_key(path: Path, root: Path | None) -> str:
    """The file's path relative to its corpus folder, with ``/``; the name for a lone file."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def article_id(
    front_matter_id: str | None, url: str | None, body_head: str, path: Path, root: Path | None
) -> str:
    """The article's id: front-matter id, else canonical URL, else ``<text>.<path>``
    (:func:`text_id` and 6 hex digits of :func:`path_key`). Never depends on load order."""
    if front_matter_id:
        return front_matter_id
    if url:
        return url_id(url)
    return f"{text_id(body_head)}.{_sha1(path_key(path, root), 6)}"


def content_id(title: str, body_head: str, url: str | None = None) -> str:
    """The id legreader gave an article before issue 13 (kept to map old databases): from the
    URL, else the title and the first :data:`LEGACY_ID_BODY_CHARS` characters of the body."""
    if url:
        return url_id(url)
    norm = " ".join(f"{title}\n{body_head[:LEGACY_ID_BODY_CHARS]}".casefold().split())
    return _sha1(norm, 12)


def _is_loop(exc: OSError) -> bool:
    """A symlink loop: ``ELOOP`` (``Path.resolve(strict=True)`` raises it from Python 3.13;
    before, a ``RuntimeError``: callers catch both)."""
    return exc.errno == errno.ELOOP


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "unreadable (permission denied)"
    if isinstance(exc, FileNotFoundError):
        return "file not found (deleted?)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, BinaryContent):
        return "binary file, not text"
    if isinstance(exc, OSError):
        return f"unreadable ({exc.strerror or exc.__class__.__name__})"
    return str(exc)


def _unexpected(exc: BaseException) -> str:
    """A one-line summary of an exception nobody planned for (for a skip reason)."""
    detail = clean_line(str(exc))[:120]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _read_regular_file(path: Path, limit: int) -> bytes:
    """Read up to ``limit`` bytes of a regular file, refusing FIFOs, devices and sockets."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Refused("not a regular file")
        if st.st_size > limit and limit >= MAX_FILE_BYTES:
            raise _Refused(f"too large ({st.st_size // 1024} KB; the cap is {limit // 1024} KB)")
        chunks = []
        remaining = limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode_head(data: bytes, truncated: bool) -> Decoded:
    if truncated:
        # Do not let a multibyte character cut at the end push strict UTF-8 into guessing.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 3 and "unexpected end" in exc.reason:
                data = data[: exc.start]
    return decode_bytes(data)


def _check_path(path: Path, root: Path | None) -> str | None:
    """Why this path cannot be an article (None when it can)."""
    try:
        st_link = os.lstat(path)
    except OSError as exc:
        return _reason(exc)
    if stat.S_ISLNK(st_link.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 and 3.12 on a symlink loop
            return "symlink loop"
        except OSError as exc:  # Python 3.13 on a loop: OSError(ELOOP)
            if _is_loop(exc):
                return "symlink loop"
            return "broken symlink" if isinstance(exc, FileNotFoundError) else _reason(exc)
        if root is not None:
            try:
                target.relative_to(root)
            except ValueError:
                return "symlink leads outside the corpus folder"
    try:
        st = os.stat(path)
    except RuntimeError:
        return "symlink loop"
    except OSError as exc:
        return "symlink loop" if _is_loop(exc) else _reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return "is a folder"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (FIFO, socket or device)"
    if st.st_size == 0:
        return "empty file"
    if st.st_size > MAX_FILE_BYTES:
        return f"too large ({st.st_size // 1024} KB; the cap is {MAX_FILE_BYTES // 1024} KB)"
    return None


def read_html_article(path: Path, root: Path | None = None) -> Article | SkippedFile:
    """A saved web page, opened directly: main text and metadata extracted now."""
    from legreader.corpus.html import PageImportError, import_html

    try:
        data = _read_regular_file(path, MAX_HTML_BYTES)
        page = import_html(data, path.name)
    except (OSError, _Refused) as exc:
        return SkippedFile(path, _reason(exc))
    except PageImportError as exc:
        return SkippedFile(path, str(exc))
    except Exception as exc:  # a page that breaks the extractor skips only itself
        return SkippedFile(path, f"could not read the page ({_unexpected(exc)})")
    meta = _plain_meta(page.front_matter())
    title = _meta_str(meta.get("title"))
    given = clean_line(str(meta["id"])) if meta.get("id") else None
    article = Article(
        id=article_id(given, page.url, page.body, path, root),
        legacy_base=given or content_id(title or "", page.body, page.url),
        path=path,
        title=title or derive_title(page.body),
        outlet=_meta_str(meta.get("outlet")),
        author=_meta_str(meta.get("author")),
        published=_meta_str(meta.get("published")),
        url=_meta_str(meta.get("url")),
        kind=(_meta_str(meta.get("kind")) or "article").lower(),
        meta=meta,
        title_derived=title is None,
        encoding=page.encoding or "utf-8",
        encoding_guessed=bool(page.encoding_guessed),
    )
    article.set_body(page.body)
    return article


def read_article_head(path: Path, root: Path | None = None) -> Article | SkippedFile:
    """List one file: its metadata from the head only. Never raises."""
    why = _check_path(path, root)
    if why and not (why.startswith("too large") and path.suffix.lower() in HTML_SUFFIXES):
        return SkippedFile(path, why)
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_article(path, root)
    try:
        size = os.stat(path).st_size
        data = _read_regular_file(path, HEAD_BYTES)
        decoded = _decode_head(data, truncated=size > len(data))
    except (OSError, BinaryContent, _Refused) as exc:
        return SkippedFile(path, _reason(exc))
    text = clean_text(decoded.text)
    if not text.strip():
        return SkippedFile(path, "no text (only whitespace)")
    meta: dict[str, Any] = {}
    body_head = text
    if path.suffix.lower() in (".md", ".markdown"):
        try:
            meta, body_head = _plain_front_matter(text)
        except FrontMatterError as exc:
            if size > len(data) and "no closing" in str(exc):
                return SkippedFile(path, "front matter too long or unterminated")
            return SkippedFile(path, str(exc))
    title = _meta_str(meta.get("title"))
    derived = title is None
    if title is None:
        title = derive_title(body_head)
    raw_id = meta.get("id")
    given = clean_line(str(raw_id)) if raw_id else None
    url = _meta_str(meta.get("url"))
    kind = (_meta_str(meta.get("kind")) or "article").lower()
    author = meta.get("author", meta.get("authors") if kind != "primary" else None)
    outlet = _meta_str(meta.get("outlet") or (meta.get("journal") if kind == "primary" else None))
    published = _meta_str(meta.get("published") or meta.get("date"))
    return Article(
        id=article_id(given, url, body_head, path, root),
        legacy_base=given or content_id(title, body_head, url),
        path=path,
        title=title,
        outlet=outlet,
        author=_meta_str(author),
        published=published,
        updated=_meta_str(meta.get("updated")),
        url=_meta_str(meta.get("url")),
        kind=kind,
        meta=meta,
        title_derived=derived,
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
    )


def _is_article_name(name: str) -> bool:
    lower = name.lower()
    return (
        lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES)
        and not lower.endswith(".debris.txt")
        and not name.startswith(".")
    )


#: Folders deeper than this below a corpus folder are not read (a 10,000-deep tree made a
#: recursive walk crash); the cut is reported once per corpus folder.
MAX_FOLDER_DEPTH = 64


def walk_candidates(
    paths: Sequence[Path], skipped: list[SkippedFile] | None = None
) -> Iterable[tuple[Path, Path | None]]:
    """(file, root) pairs: folders walked iteratively, links not followed into folders.

    Folders that cannot be read, and folders deeper than :data:`MAX_FOLDER_DEPTH`, are
    appended to ``skipped`` with their reason (the depth cut once per given folder).
    Hidden names (``.x``) are passed over; a folder named like an article (``x.md``) is a
    folder, never read as one.
    """
    for given in paths:
        if not given.is_dir():
            yield given, None
            continue
        # A folder named on the command line may itself be a link: walk what it names.
        root = given.resolve()
        too_deep: list[Path] = []
        stack: list[tuple[Path, int]] = [(root, 0)]
        while stack:
            folder, depth = stack.pop()
            try:
                files, folders = _list_folder(folder)
            except OSError as exc:
                if skipped is not None:
                    skipped.append(SkippedFile(folder, f"folder {_reason(exc)}"))
                continue
            for name in files:
                yield folder / name, root
            if depth >= MAX_FOLDER_DEPTH:
                too_deep.extend(folder / name for name in folders)
                continue
            # Reversed on the stack, so folders are walked in name order.
            stack.extend((folder / name, depth + 1) for name in reversed(folders))
        if too_deep and skipped is not None:
            more = f" (and {len(too_deep) - 1} more)" if len(too_deep) > 1 else ""
            skipped.append(
                SkippedFile(
                    too_deep[0],
                    f"folders deeper than {MAX_FOLDER_DEPTH} levels are not read{more}",
                )
            )


def _list_folder(folder: Path) -> tuple[list[str], list[str]]:
    """Sorted article file names and sub-folder names (not links to folders) in a folder."""
    files: list[str] = []
    folders: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                if not is_link:
                    folders.append(name)
            elif _is_article_name(name):
                files.append(name)
    return sorted(files), sorted(folders)


def iter_candidates(paths: Sequence[Path]) -> Iterable[tuple[Path, Path | None]]:
    """(file, root) pairs, as :func:`walk_candidates`, with skipped folders not kept."""
    return walk_candidates(paths)


class CorpusPathError(Exception):
    """A corpus path given on the command line does not exist."""


def load_corpus(paths: Sequence[Path | str]) -> Corpus:
    """List the articles in the given folders and files. Bodies stay on disk until used.

    Raises CorpusPathError when a named path does not exist; every other problem is a
    :class:`SkippedFile` in ``corpus.skipped``.
    """
    resolved = [Path(p) for p in paths]
    for p in resolved:
        if not os.path.lexists(p):
            raise CorpusPathError(f"no such file or folder: {display_path(p)}")
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    primary: Article | None = None
    found: list[tuple[Article, Path | None]] = []
    for path, root in walk_candidates(resolved, skipped):
        try:
            item = read_article_head(path, root)
        except Exception as exc:  # one bad file never stops the listing
            item = SkippedFile(path, f"could not be read ({_unexpected(exc)})")
        if isinstance(item, SkippedFile):
            skipped.append(item)
            continue
        found.append((item, root))
    _make_ids_unique(found)
    for item, _root in found:
        if item.is_primary and primary is None:
            primary = item
        else:
            articles.append(item)
    return Corpus(articles=articles, primary=primary, skipped=skipped, roots=resolved)


def _make_ids_unique(found: list[tuple[Article, Path | None]]) -> None:
    """Files claiming one id: the path that sorts first keeps it, the others get ``~`` and a
    hash of their full path. Also fills in :attr:`Article.legacy_id` (the old, load-order
    suffixes) for mapping old databases."""
    claims: dict[str, list[tuple[str, str, Article]]] = {}
    for item, root in found:
        key = (path_key(item.path, root), str(item.path))
        claims.setdefault(item.id, []).append((*key, item))
    for base, group in claims.items():
        group.sort(key=lambda entry: (entry[0], entry[1]))
        for _rel, full, item in group[1:]:
            item.id = f"{base}~{_sha1(full, 8)}"
    used: set[str] = set()
    for item, _root in found:  # exactly what the old scheme did, in load order
        legacy = item.legacy_base or item.id
        if legacy in used:
            number = 2
            while f"{legacy}-{number}" in used:
                number += 1
            legacy = f"{legacy}-{number}"
        used.add(legacy)
        item.legacy_id = legacy


SortKey = Literal["date", "title", "outlet"]
"""How the article list is sorted (see :func:`sort_articles`)."""
#: The sort orders, in the order the sidebar's ``s`` cycles through them.
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)


def sort_articles(articles: list[Article], key: SortKey) -> list[Article]:
    """Sort by ``date`` (newest first, undated last), ``title`` or ``outlet``."""
    if key == "date":
        dated = sorted((a for a in articles if a.date), key=lambda a: a.date or "", reverse=True)
        return dated + [a for a in articles if not a.date]
    if key == "outlet":
        return sorted(
            articles, key=lambda a: ((a.outlet or "\uffff").casefold(), a.title.casefold())
        )
    return sorted(articles, key=lambda a: a.title.casefold())
