"""Unit tests for legreader.corpus.loader: listing, lazy bodies, ids, sorting, and every file
that must be skipped with a reason instead of crashing or hanging.

RELIABILITY cases 13-18. Everything happens under ``tmp_path``; the real user data
folder is never touched (see conftest).
"""

from __future__ import annotations

import codecs
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hang_guard import within

import legreader.corpus.loader as corpus_mod
from legreader.corpus.loader import (
    HEAD_BYTES,
    MAX_FILE_BYTES,
    Article,
    ArticleUnavailable,
    Corpus,
    CorpusPathError,
    FrontMatterError,
    SkippedFile,
    display_path,
    load_corpus,
    read_article_head,
    sort_articles,
    split_front_matter,
)
from legreader.text.clean import has_bidi_controls

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

ESC = "\x1b"
BEL = "\x07"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def only_article(corpus: Corpus) -> Article:
    assert corpus.skipped == [], [s.line() for s in corpus.skipped]
    assert len(corpus.all_articles()) == 1
    return corpus.all_articles()[0]


def skipped_reasons(corpus: Corpus) -> dict[str, str]:
    return {s.path.name: s.reason for s in corpus.skipped}


def forbidden_chars(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F]


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *all_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


# ---------------------------------------------------------------------------
# Markdown, front matter, plain text
# ---------------------------------------------------------------------------


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        "---\ntitle: The Title\noutlet: Daily Planet\nauthor: Lois Lane\n"
        "published: 2018-05-23\nurl: https://example.com/a\nkind: blog\ntags: [legs, brain]\n---\n"
        "Body first line.\n\nSecond paragraph.\n",
    )
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "The Title"
    assert article.title_derived is False
    assert article.outlet == "Daily Planet"
    assert article.author == "Lois Lane"
    assert article.published == "2018-05-23"  # a YAML date, shown as ISO text
    assert article.date == "2018-05-23"
    assert article.url == "https://example.com/a"
    assert article.kind == "blog"
    assert article.meta["tags"] == ["legs", "brain"]
    assert article.body == "Body first line.\n\nSecond paragraph.\n"
    assert article.byline() == "Daily Planet · Lois Lane · 2018-05-23"


def test_markdown_without_front_matter_title_derived(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "\n\n# A Heading Title\n\nThe body.\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "A Heading Title"
    assert article.title_derived is True
    assert article.meta == {}
    assert article.body == "\n\n# A Heading Title\n\nThe body.\n"


def test_markdown_front_matter_without_title_derives_from_body(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nkind: article\n---\n• Not using legs: 20% fewer cells.\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Not using legs: 20% fewer cells."
    assert article.title_derived is True


def test_markdown_empty_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\n---\nJust a body.\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Just a body."
    assert article.body == "Just a body.\n"


def test_txt_title_is_first_non_empty_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "\n   \n  Leg Exercise Critical  \nsecond line\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Leg Exercise Critical"
    assert article.title_derived is True
    assert article.body == "\n   \n  Leg Exercise Critical  \nsecond line\n"


def test_txt_never_parses_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: not metadata\n---\nbody\n"
    write(tmp_path / "a.txt", text)
    article = only_article(load_corpus([tmp_path]))
    assert article.meta == {}
    assert article.title_derived is True
    assert article.body == text


def test_markdown_suffixes_case_insensitive(tmp_path: Path) -> None:
    write(tmp_path / "a.MD", "A\n")
    write(tmp_path / "b.markdown", "B\n")
    write(tmp_path / "c.TXT", "C\n")
    corpus = load_corpus([tmp_path])
    assert sorted(a.title for a in corpus.articles) == ["A", "B", "C"]


def test_derived_title_capped_and_one_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "word " * 500 + "\nnext")
    article = only_article(load_corpus([tmp_path]))
    assert len(article.title) <= 200
    assert "\n" not in article.title


def test_metadata_aliases_and_primary(tmp_path: Path) -> None:
    write(
        tmp_path / "primary.md",
        "---\nkind: Primary\ntitle: The Paper\nauthors: [A One, B Two]\njournal: Frontiers\n"
        "date: 2018-05-23\ndoi: 10.1/x\n---\nAbstract.\n",
    )
    write(
        tmp_path / "news.md",
        "---\ntitle: News\nauthors: [C Three, D Four]\ndate: 2019-01-02\n---\nx\n",
    )
    corpus = load_corpus([tmp_path])
    assert corpus.primary is not None
    assert corpus.primary.is_primary and corpus.primary.kind == "primary"
    assert corpus.primary.outlet == "Frontiers"
    assert corpus.primary.published == "2018-05-23"
    assert corpus.primary.meta["doi"] == "10.1/x"
    (news,) = corpus.articles
    assert news.author == "C Three, D Four"
    assert news.published == "2019-01-02"
    assert corpus.all_articles()[0] is corpus.primary
    assert len(corpus) == 1
    assert corpus.by_id(news.id) is news
    assert corpus.by_id("no-such-id") is None


def test_second_primary_is_listed_as_an_article(tmp_path: Path) -> None:
    write(tmp_path / "p1.md", "---\nkind: primary\ntitle: P1\n---\nx\n")
    write(tmp_path / "p2.md", "---\nkind: primary\ntitle: P2\n---\ny\n")
    corpus = load_corpus([tmp_path])
    assert corpus.primary is not None and corpus.primary.title == "P1"
    assert [a.title for a in corpus.articles] == ["P2"]


def test_updated_used_as_date_when_no_published(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: A\nupdated: 2021-06-24\n---\nx\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.published is None
    assert article.date == "2021-06-24"


# ---------------------------------------------------------------------------
# split_front_matter
# ---------------------------------------------------------------------------


def test_split_front_matter_keeps_body_exactly() -> None:
    meta, body = split_front_matter("---\na: 1\n---\n\n  body\n---\nnot a second block\n")
    assert meta == {"a": 1}
    assert body == "\n  body\n---\nnot a second block\n"


def test_split_front_matter_none() -> None:
    assert split_front_matter("no front matter\n---\n") == (None, "no front matter\n---\n")
    assert split_front_matter("") == (None, "")


def test_split_front_matter_at_end_of_text() -> None:
    assert split_front_matter("---\na: 1\n---") == ({"a": 1}, "")


def test_split_front_matter_dashes_line_prefix_is_not_the_end() -> None:
    meta, body = split_front_matter("---\ntitle: x\n---not-end: 1\n---\nbody")
    assert meta == {"title": "x", "---not-end": 1}
    assert body == "body"


def test_split_front_matter_closing_line_with_trailing_spaces() -> None:
    meta, body = split_front_matter("---\ntitle: x\n---  \nbody\n")
    assert meta == {"title": "x"}
    assert body == "body\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("---\ntitle: [unclosed\n---\nbody", "broken front matter"),
        ("---\ntitle: a: b: c\n---\nbody", "broken front matter"),
        ("---\n- a list\n- not a mapping\n---\nbody", "not a mapping"),
        ("---\njust a string\n---\nbody", "not a mapping"),
        ("---\ntitle: never closed\nbody\n", "no closing"),
    ],
)
def test_split_front_matter_errors(text: str, fragment: str) -> None:
    with pytest.raises(FrontMatterError, match=fragment):
        split_front_matter(text)


# ---------------------------------------------------------------------------
# Broken front matter at loader level: skipped with a one-line reason
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param(
            "---\ntitle: [unclosed\nauthor: {x\n---\nbody\n",
            "broken front matter",
            id="invalid-yaml",
        ),
        pytest.param(
            "---\n\tbad: indent\n  - x\n---\nbody\n", "front matter", id="invalid-yaml-tabs"
        ),
        pytest.param("---\n- one\n- two\n---\nbody\n", "not a mapping", id="yaml-list"),
        pytest.param("---\n42\n---\nbody\n", "not a mapping", id="yaml-scalar"),
        pytest.param("---\ntitle: x\nbody that never closes\n", "no closing", id="unterminated"),
    ],
)
def test_broken_front_matter_skipped_with_one_line_reason(
    tmp_path: Path, text: str, fragment: str
) -> None:
    write(tmp_path / "bad.md", text)
    write(tmp_path / "good.md", "Good\n")
    corpus = load_corpus([tmp_path])
    assert [a.title for a in corpus.articles] == ["Good"]
    (skipped,) = corpus.skipped
    assert skipped.path.name == "bad.md"
    assert fragment in skipped.reason
    assert "\n" not in skipped.reason
    assert "\n" not in skipped.line()
    assert skipped.line().startswith("skipped ") and "bad.md" in skipped.line()


def test_unterminated_front_matter_longer_than_head(tmp_path: Path) -> None:
    write(tmp_path / "bad.md", "---\n" + "key: value\n" * (HEAD_BYTES // 8) + "body\n")
    corpus = load_corpus([tmp_path])
    assert skipped_reasons(corpus) == {"bad.md": "front matter too long or unterminated"}


def test_article_body_falls_back_when_front_matter_breaks_after_listing(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: A\n---\nbody\n")
    article = only_article(load_corpus([tmp_path]))
    write(path, "---\ntitle: [broken\n---\nbody\n")
    assert "body" in article.body  # no exception; the whole text is shown


# ---------------------------------------------------------------------------
# Encodings (case 15), at loader level
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_files_with_front_matter(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "---\r\ntitle: Café “naïve”\r\n---\r\nBody – text 运动\r\n"
    (tmp_path / "a.md").write_bytes(bom + text.encode(codec))
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Café “naïve”"
    assert article.encoding_guessed is False
    assert article.body == "Body – text 运动\n"
    assert article.encoding == codec


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("latin-1", "café naïve résumé\nsecond line\n"),
        ("cp1252", "café naïve – “quoted”\nsecond line\n"),
    ],
)
def test_short_legacy_western_file_loads_and_is_marked_guessed(
    tmp_path: Path, codec: str, text: str
) -> None:
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    article = only_article(load_corpus([tmp_path]))
    assert article.encoding_guessed is True
    assert article.title.startswith("caf")
    assert article.body.endswith("second line\n")


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        (
            "gb18030",
            "运动对大脑健康非常重要。研究人员发现，限制小鼠后腿的活动会使神经干细胞减少百分之七十。\n"
            * 4,
        ),
        (
            "shift_jis",
            "脚の運動は脳と神経系の健康に欠かせません。神経幹細胞が七十パーセント減少しました。\n"
            * 4,
        ),
    ],
)
def test_cjk_legacy_file_loads(tmp_path: Path, codec: str, text: str) -> None:
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    article = only_article(load_corpus([tmp_path]))
    assert article.encoding_guessed is True
    assert article.body == text or "\ufffd" in article.body


def test_invalid_utf8_file_loads_guessed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title line\nbad \xff\xfe bytes \xc3 here\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Title line"
    assert article.encoding_guessed is True
    assert "bytes" in article.body


def test_multibyte_character_cut_at_head_boundary_is_not_a_guess(tmp_path: Path) -> None:
    # 'a' then 2-byte 'é's: the HEAD_BYTES cut falls inside a character.
    (tmp_path / "a.txt").write_bytes(("a" + "é" * HEAD_BYTES).encode("utf-8"))
    article = only_article(load_corpus([tmp_path]))
    assert article.encoding == "utf-8"
    assert article.encoding_guessed is False


def test_encoding_attributes_refreshed_on_body_load(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title\nbody\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.body == "Title\nbody\n"
    assert (article.encoding, article.encoding_guessed) == ("utf-8", False)


# ---------------------------------------------------------------------------
# Line endings (case 16)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"Title\r\none\r\ntwo\r\n", id="crlf"),
        pytest.param(b"Title\rone\rtwo\r", id="lone-cr"),
        pytest.param(b"Title\r\none\rtwo\n", id="mixed"),
    ],
)
def test_line_endings_normalised_lines_kept(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(raw)
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Title"
    assert article.body == "Title\none\ntwo\n"
    assert article.body.split("\n")[:3] == ["Title", "one", "two"]


def test_crlf_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"---\r\ntitle: CRLF\r\n---\r\nline1\r\nline2\rline3\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "CRLF"
    assert article.body == "line1\nline2\nline3\n"


# ---------------------------------------------------------------------------
# Files that must be skipped (case 17, 18)
# ---------------------------------------------------------------------------


def test_png_named_md_skipped_as_binary(tmp_path: Path) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    corpus = load_corpus([tmp_path])
    assert corpus.articles == [] and corpus.primary is None
    assert skipped_reasons(corpus) == {"image.md": "binary file, not text"}


def test_empty_file_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert skipped_reasons(load_corpus([tmp_path])) == {"empty.md": "empty file"}


@pytest.mark.parametrize(
    "content", [b"   \n\t\n  ", b"\r\n\r\n", b"\xef\xbb\xbf  \n", b"\x1b[2J\n\x07\x1bc\n"]
)
def test_whitespace_only_file_skipped(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "blank.txt").write_bytes(content)
    reasons = skipped_reasons(load_corpus([tmp_path]))
    assert set(reasons) == {"blank.txt"}
    assert "no text" in reasons["blank.txt"]


def test_unreadable_file_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.md", "secret\n")
    write(tmp_path / "ok.md", "ok\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        corpus = load_corpus([tmp_path])
        assert [a.title for a in corpus.articles] == ["ok"]
        assert skipped_reasons(corpus) == {"secret.md": "unreadable (permission denied)"}
    finally:
        path.chmod(0o644)


def test_permission_denied_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same case as above, with the PermissionError simulated so it also runs as root.
    write(tmp_path / "secret.md", "secret\n")
    write(tmp_path / "ok.md", "ok\n")
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)  # (the os module the corpus loader uses)
    corpus = load_corpus([tmp_path])
    assert [a.title for a in corpus.articles] == ["ok"]
    assert skipped_reasons(corpus) == {"secret.md": "unreadable (permission denied)"}


def test_sparse_file_over_cap_skipped_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    corpus = within(5, lambda: load_corpus([tmp_path]))  # never reads the hole (bench_listing)
    reasons = skipped_reasons(corpus)
    assert set(reasons) == {"huge.md"}
    assert reasons["huge.md"].startswith("too large")


def test_ten_megabytes_on_one_line_skipped_fast(tmp_path: Path) -> None:
    (tmp_path / "one-line.txt").write_bytes(b"x" * (10 * 1024 * 1024))
    corpus = within(5, lambda: load_corpus([tmp_path]))  # stops at the cap (bench_listing)
    assert skipped_reasons(corpus)["one-line.txt"].startswith("too large")


def test_large_single_line_under_cap_lists_fast_from_head(tmp_path: Path) -> None:
    text = "word " * (800 * 1024)  # 4 MB, one line
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    article = only_article(within(5, lambda: load_corpus([tmp_path])))  # (bench_listing)
    assert article.body_loaded is False
    assert len(article.title) <= 200
    assert article.body == text


def test_file_grown_over_cap_after_listing_is_unavailable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "A\n")
    article = only_article(load_corpus([tmp_path]))
    with open(path, "ab") as f:
        f.truncate(MAX_FILE_BYTES + 10)
    with pytest.raises(ArticleUnavailable, match="too large"):
        _ = article.body


def test_symlink_outside_corpus_skipped(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    outside = write(tmp_path / "outside" / "secret.md", "SECRET CONTENT\n")
    write(corpus_dir / "ok.md", "ok\n")
    (corpus_dir / "leak.md").symlink_to(outside)
    corpus = load_corpus([corpus_dir])
    assert [a.title for a in corpus.articles] == ["ok"]
    assert skipped_reasons(corpus) == {"leak.md": "symlink leads outside the corpus folder"}


def test_relative_symlink_escaping_with_dotdot_skipped(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    write(tmp_path / "secret.txt", "SECRET\n")
    write(corpus_dir / "ok.md", "ok\n")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "leak.txt").symlink_to(Path("..") / ".." / "secret.txt")
    corpus = load_corpus([corpus_dir])
    assert skipped_reasons(corpus) == {"leak.txt": "symlink leads outside the corpus folder"}


def test_symlink_inside_corpus_allowed(tmp_path: Path) -> None:
    write(tmp_path / "real.md", "---\ntitle: Real\n---\nbody\n")
    (tmp_path / "alias.md").symlink_to(tmp_path / "real.md")
    corpus = load_corpus([tmp_path])
    assert corpus.skipped == []
    assert sorted(a.path.name for a in corpus.articles) == ["alias.md", "real.md"]
    assert len({a.id for a in corpus.articles}) == 2


def test_symlinked_folder_inside_corpus_not_followed(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    write(tmp_path / "outside" / "secret.md", "SECRET\n")
    write(corpus_dir / "ok.md", "ok\n")
    (corpus_dir / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    corpus = load_corpus([corpus_dir])
    assert [a.title for a in corpus.all_articles()] == ["ok"]
    assert all("secret" not in str(a.path) for a in corpus.all_articles())


def test_symlink_to_dev_zero_inside_corpus_skipped_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    write(tmp_path / "ok.md", "ok\n")
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert [a.title for a in corpus.articles] == ["ok"]
    assert set(skipped_reasons(corpus)) == {"zero.md"}


def test_symlink_to_dev_zero_given_directly_skipped_without_hanging(tmp_path: Path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    corpus = within(5, lambda: load_corpus([link]))
    assert corpus.all_articles() == []
    assert skipped_reasons(corpus) == {"zero.md": "not a regular file (FIFO, socket or device)"}


def test_symlink_loop_skipped(tmp_path: Path) -> None:
    (tmp_path / "loop1.md").symlink_to(tmp_path / "loop2.md")
    (tmp_path / "loop2.md").symlink_to(tmp_path / "loop1.md")
    (tmp_path / "self.md").symlink_to(tmp_path / "self.md")
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert skipped_reasons(corpus) == {
        "loop1.md": "symlink loop",
        "loop2.md": "symlink loop",
        "self.md": "symlink loop",
    }


@pytest.mark.parametrize("python", ["this", "3.13"])
def test_symlink_loop_skipped_on_every_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python: str
) -> None:
    """Python 3.11/3.12 raise RuntimeError from ``resolve(strict=True)`` on a loop, 3.13 an
    OSError (ELOOP): both are "symlink loop", given in a folder or by name."""
    import errno

    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "ok.md").write_text("# Fine\n\nText.\n", encoding="utf-8")
    if python == "3.13":
        real_resolve = Path.resolve

        def resolve_313(self: Path, strict: bool = False) -> Path:
            if strict and self.name in ("a.md", "b.md"):
                raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(self))
            return real_resolve(self, strict=strict)

        monkeypatch.setattr(Path, "resolve", resolve_313)
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert skipped_reasons(corpus) == {"a.md": "symlink loop", "b.md": "symlink loop"}
    assert [a.title for a in corpus.articles] == ["Fine"]
    alone = within(5, lambda: load_corpus([tmp_path / "a.md"]))
    assert skipped_reasons(alone) == {"a.md": "symlink loop"}


def test_broken_symlink_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    assert skipped_reasons(load_corpus([tmp_path])) == {"dangling.md": "broken symlink"}


def test_fifo_skipped_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    write(tmp_path / "ok.md", "ok\n")
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert [a.title for a in corpus.articles] == ["ok"]
    assert skipped_reasons(corpus) == {"pipe.md": "not a regular file (FIFO, socket or device)"}


def test_fifo_given_directly_skipped_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    corpus = within(5, lambda: load_corpus([fifo]))
    assert skipped_reasons(corpus) == {"pipe.txt": "not a regular file (FIFO, socket or device)"}


def test_symlink_to_fifo_inside_corpus_skipped_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "pipe.md").symlink_to(tmp_path / "pipe")
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert skipped_reasons(corpus) == {"pipe.md": "not a regular file (FIFO, socket or device)"}


def test_file_replaced_by_fifo_after_listing_is_unavailable_without_hanging(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "A\n")
    article = only_article(load_corpus([tmp_path]))
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(ArticleUnavailable):
        within(5, lambda: article.body)


def test_unix_socket_skipped(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.md"
    if len(os.fsencode(sock_path)) > 100:
        pytest.skip("temporary path too long for a unix socket")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(sock_path))
        corpus = within(5, lambda: load_corpus([tmp_path]))
        assert skipped_reasons(corpus) == {"s.md": "not a regular file (FIFO, socket or device)"}
    finally:
        sock.close()


def test_folder_named_like_an_article_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    write(tmp_path / "x.md" / "inner.txt", "Inner\n")
    corpus = load_corpus([tmp_path])
    assert corpus.skipped == []
    # Recursed into like any folder, never opened as a file.
    assert [a.path.name for a in corpus.articles] == ["inner.txt"]


def test_folder_given_as_file_path_reports_folder(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    item = read_article_head(folder)
    assert isinstance(item, SkippedFile)
    assert item.reason == "is a folder"


def test_read_article_head_never_raises_for_missing_file(tmp_path: Path) -> None:
    item = read_article_head(tmp_path / "gone.md")
    assert isinstance(item, SkippedFile)
    assert "not found" in item.reason


def test_deleted_after_listing_raises_article_unavailable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: A\n---\nbody\n")
    article = only_article(load_corpus([tmp_path]))
    path.unlink()
    with pytest.raises(ArticleUnavailable, match="a.md"):
        _ = article.body
    assert article.body_loaded is False
    with pytest.raises(ArticleUnavailable):  # still a clean error the second time
        _ = article.body


def test_replaced_by_binary_after_listing_raises_article_unavailable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "A\n")
    article = only_article(load_corpus([tmp_path]))
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(ArticleUnavailable, match="binary"):
        _ = article.body


def test_hidden_and_debris_files_ignored(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.md", "hidden\n")
    write(tmp_path / ".git" / "notes.md", "in a hidden folder\n")
    write(tmp_path / "page.debris.txt", "debris\n")
    write(tmp_path / "PAGE.DEBRIS.TXT", "debris\n")
    write(tmp_path / "notes.pdf", "not an article suffix\n")
    write(tmp_path / "article.txt", "Article\n")
    corpus = load_corpus([tmp_path])
    assert [a.path.name for a in corpus.articles] == ["article.txt"]
    assert corpus.skipped == []


def test_recursion_into_subfolders_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.md", "B\n")
    write(tmp_path / "a" / "z.txt", "AZ\n")
    write(tmp_path / "a" / "deeper" / "still" / "c.md", "C\n")
    write(tmp_path / "c" / "a.md", "CA\n")
    corpus = load_corpus([tmp_path])
    names = [str(a.path.relative_to(tmp_path)) for a in corpus.articles]
    assert sorted(names) == sorted(["b.md", "a/z.txt", "a/deeper/still/c.md", "c/a.md"])
    # Deterministic order: loading twice gives the same listing.
    assert [a.path for a in load_corpus([tmp_path]).articles] == [a.path for a in corpus.articles]


def test_several_paths_files_and_folders(tmp_path: Path) -> None:
    one = write(tmp_path / "one.md", "One\n")
    write(tmp_path / "folder" / "two.md", "Two\n")
    corpus = load_corpus([one, tmp_path / "folder"])
    assert [a.title for a in corpus.articles] == ["One", "Two"]


def test_missing_path_raises_corpus_path_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusPathError, match="no such file or folder"):
        load_corpus([tmp_path / "missing"])


def test_missing_path_error_message_escaped(tmp_path: Path) -> None:
    with pytest.raises(CorpusPathError) as exc:
        load_corpus([tmp_path / "bad\x1b]0;x\x07name"])
    assert "\x1b" not in str(exc.value) and "\x07" not in str(exc.value)


def test_corpus_folder_given_through_a_symlink_is_read(tmp_path: Path) -> None:
    write(tmp_path / "real" / "a.md", "A\n")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "real", target_is_directory=True)
    corpus = load_corpus([link])
    assert [a.title for a in corpus.articles] == ["A"]


# ---------------------------------------------------------------------------
# File names shown escaped (case 18)
# ---------------------------------------------------------------------------


def test_escape_bytes_in_file_name_shown_escaped(tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\x1b[2J.md"
    write(tmp_path / name, "Title\n")
    (tmp_path / "empty\x1bc.md").write_bytes(b"")
    corpus = load_corpus([tmp_path])
    (article,) = corpus.articles
    shown = display_path(article.path)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.endswith("evil\\x1b]0;pwned\\x07\\x1b[2J.md")
    (skipped,) = corpus.skipped
    assert "\x1b" not in skipped.line()
    assert "empty\\x1bc.md" in skipped.line()


def test_display_path_escapes_bidi_newline_and_undecodable_bytes(tmp_path: Path) -> None:
    assert display_path("a\u202etxt.md") == "a\\u202etxt.md"
    assert display_path("two\nlines.md") == "two\\nlines.md"
    assert display_path("tab\there.md") == "tab\\there.md"
    assert display_path("\x9bc1.md") == "\\x9bc1.md"
    assert display_path(Path("plain/café – 运动.md")) == "plain/café – 运动.md"
    assert display_path("[bold]x[/].md") == "[bold]x[/].md"


def test_undecodable_file_name_loaded_and_shown_escaped(tmp_path: Path) -> None:
    raw_name = os.fsencode(tmp_path) + b"/bad\xff\xfename.md"
    try:
        fd = os.open(raw_name, os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    os.write(fd, b"Title\n")
    os.close(fd)
    corpus = load_corpus([tmp_path])
    (article,) = corpus.articles
    assert article.title == "Title"
    shown = display_path(article.path)
    assert shown.endswith("bad\\udcff\\udcfename.md")
    shown.encode("utf-8")  # printable without surrogate errors


# ---------------------------------------------------------------------------
# Injection at loader level (cases 13, 14)
# ---------------------------------------------------------------------------


def test_loaded_title_body_and_meta_come_out_clean(tmp_path: Path) -> None:
    raw = (
        "---\n"
        'title: "\\e]0;pwned\\a [bold red]Evil[/] \\e]52;c;SGVsbG8=\\e\\\\title :warning:"\n'
        'outlet: "\\e[2JOutlet\\x9b31m"\n'
        'author: "Name\\x00\\x7f"\n'
        'tags: ["\\e]8;;http://x\\e\\\\tag\\e]8;;\\e\\\\", "[@click=app.quit]x[/]"]\n'
        'nested: {key: "\\e[31mvalue"}\n'
        "---\n"
        f"Body {ESC}]52;c;SGVsbG8gY2xpcGJvYXJk{BEL}text{ESC}[2J and {ESC}c more\n"
        f"8-bit \x9b2J csi \x9d0;title\x9c osc\n"
        f"unterminated {ESC}]0;rest of the line\n"
        "next line [link=x]y[/] :warning: back\\slash\x01 SOH \x7f DEL \x85 C1\n"
    )
    write(tmp_path / "evil.md", raw)
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "[bold red]Evil[/] title :warning:"
    assert article.outlet == "Outlet"
    assert article.author == "Name"
    for text in [
        article.title,
        article.outlet or "",
        article.author or "",
        *all_strings(article.meta),
    ]:
        assert forbidden_chars(text) == [], repr(text)
    assert article.meta["tags"] == ["tag", "[@click=app.quit]x[/]"]
    body = article.body
    assert forbidden_chars(body) == []
    assert "SGVsbG8" not in body
    assert body == (
        "Body text and  more\n"
        "8-bit  csi  osc\n"
        "unterminated \n"
        "next line [link=x]y[/] :warning: back\\slash SOH  DEL  C1\n"
    )


def test_stray_nul_in_text_file_removed_visible_text_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(
        b"Title\nThe study\x00 found a 70% drop.\x7f\n" + b"More text.\n" * 50
    )
    article = only_article(load_corpus([tmp_path]))
    assert article.title == "Title"
    assert article.body.startswith("Title\nThe study found a 70% drop.\n")


def test_raw_escape_bytes_in_front_matter_and_derived_title(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"---\ntitle: Raw{ESC}]0;x{BEL} title{ESC}[0m\n---\nbody\n")
    write(tmp_path / "b.txt", f"{ESC}]52;c;AAAA{BEL}{ESC}[1mDerived [b]title[/b]{ESC}[0m\nbody\n")
    corpus = load_corpus([tmp_path])
    assert corpus.skipped == []
    titles = sorted(a.title for a in corpus.articles)
    assert titles == ["Derived [b]title[/b]", "Raw title"]


def test_bidi_controls_kept_for_flagging(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Title\naccess \u202enimda\u202c ok\n")
    article = only_article(load_corpus([tmp_path]))
    assert has_bidi_controls(article.body)


def test_set_body_cleans(tmp_path: Path) -> None:
    article = Article(id="x", path=tmp_path / "x.md", title="x")
    article.set_body(f"a{ESC}[2Jb\r\nc")
    assert article.body_loaded
    assert article.body == "ab\nc"


# ---------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------


def test_same_content_under_renamed_path_keeps_id(tmp_path: Path) -> None:
    text = "---\ntitle: Stable\n---\nThe same body.\n"
    write(tmp_path / "one" / "first-name.md", text)
    write(tmp_path / "two" / "deeper" / "renamed.md", text)
    first = only_article(load_corpus([tmp_path / "one"]))
    second = only_article(load_corpus([tmp_path / "two"]))
    # The id is "<text>.<path>" (issue 13): the text part survives the rename, and the
    # annotations follow it (legreader.corpus.ids maps the old id onto the renamed file).
    assert first.id.split(".")[0] == second.id.split(".")[0] and first.id != second.id


def test_id_survives_whitespace_changes(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.txt", "Title\nsome   body text\n")
    write(tmp_path / "b" / "x.txt", "Title\r\nsome body\ttext\r\n\r\n")
    assert (
        only_article(load_corpus([tmp_path / "a"])).id
        == only_article(load_corpus([tmp_path / "b"])).id
    )


def test_different_content_different_ids(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: Same title\n---\nbody one\n")
    write(tmp_path / "b.md", "---\ntitle: Same title\n---\nbody two\n")
    ids = [a.id for a in load_corpus([tmp_path]).articles]
    assert len(set(ids)) == 2


def test_id_stable_across_loads(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "A\n")
    assert load_corpus([tmp_path]).articles[0].id == load_corpus([tmp_path]).articles[0].id


def test_front_matter_id_wins(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nid: my-article\ntitle: A\n---\nbody\n")
    write(tmp_path / "b.md", "---\nid: 42\ntitle: B\n---\nbody\n")
    write(tmp_path / "c.md", f'---\nid: "clean{ESC}[2J id"\n---\nbody\n')
    ids = sorted(a.id for a in load_corpus([tmp_path]).articles)
    assert ids == ["42", "clean id", "my-article"]


def test_duplicates_get_distinct_ids(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        write(tmp_path / name, "---\ntitle: Copy\n---\nidentical body\n")
    corpus = load_corpus([tmp_path])
    ids = [a.id for a in corpus.articles]
    assert len(set(ids)) == 3  # the path is part of a content-derived id: no suffixes
    assert [a.legacy_id for a in corpus.articles] == [
        corpus.articles[0].legacy_base,
        corpus.articles[0].legacy_base + "-2",
        corpus.articles[0].legacy_base + "-3",
    ]


def test_duplicate_front_matter_ids_made_distinct(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nid: same\n---\none\n")
    write(tmp_path / "b.md", "---\nid: same\n---\ntwo\n")
    ids = [a.id for a in load_corpus([tmp_path]).articles]
    assert ids[0] == "same" and ids[1].startswith("same~")  # the first path keeps it
    write(tmp_path / "0.md", "---\nid: same\n---\nzero\n")  # sorts first: takes "same"
    assert [a.id for a in load_corpus([tmp_path]).articles][0] == "same"


def test_primary_and_articles_share_id_space(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nid: x\nkind: primary\n---\np\n")
    write(tmp_path / "b.md", "---\nid: x\n---\na\n")
    corpus = load_corpus([tmp_path])
    ids = [a.id for a in corpus.all_articles()]
    assert len(set(ids)) == 2


def test_dedup_suffix_never_collides_with_an_existing_id(tmp_path: Path) -> None:
    write(tmp_path / "1.md", "---\nid: a\n---\none\n")
    write(tmp_path / "2.md", "---\nid: a\n---\ntwo\n")
    write(tmp_path / "3.md", "---\nid: a-2\n---\nthree\n")
    ids = [a.id for a in load_corpus([tmp_path]).all_articles()]
    assert len(set(ids)) == 3, ids


# ---------------------------------------------------------------------------
# Lazy bodies
# ---------------------------------------------------------------------------


def test_body_not_loaded_until_used(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: A\n---\nbody\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.body_loaded is False
    assert article.body == "body\n"
    assert article.body_loaded is True


def test_body_cached_until_reload(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "A\nfirst\n")
    article = only_article(load_corpus([tmp_path]))
    assert article.body == "A\nfirst\n"
    write(path, "A\nsecond\n")
    assert article.body == "A\nfirst\n"
    article.reload()
    assert article.body_loaded is False
    assert article.body == "A\nsecond\n"


def test_listing_reads_only_the_head(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "big.txt", "Title\n" + "x" * (HEAD_BYTES * 8) + "\n")
    write(tmp_path / "small.md", "---\ntitle: S\n---\nbody\n")
    limits: list[int] = []
    real = corpus_mod._read_regular_file

    def spy(path: Path, limit: int) -> bytes:
        limits.append(limit)
        data = real(path, limit)
        assert len(data) <= HEAD_BYTES
        return data

    monkeypatch.setattr(corpus_mod, "_read_regular_file", spy)
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 2
    assert limits == [HEAD_BYTES, HEAD_BYTES]
    assert not any(a.body_loaded for a in corpus.articles)


def test_concurrent_body_access_reads_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.txt", "A\n" + "body line\n" * 1000)
    article = only_article(load_corpus([tmp_path]))
    calls: list[int] = []
    real = corpus_mod._read_regular_file

    def slow(path: Path, limit: int) -> bytes:
        calls.append(limit)
        time.sleep(0.05)
        return real(path, limit)

    monkeypatch.setattr(corpus_mod, "_read_regular_file", slow)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(article.body)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert len(results) == 8 and len(set(results)) == 1
    assert len(calls) == 1


def test_generated_corpus_listing_loads_no_body(tmp_path: Path) -> None:
    for i in range(2000):
        sub = tmp_path / f"d{i % 20:02d}"
        if i < 20:
            sub.mkdir()
        if i % 2:
            (sub / f"a{i:05d}.md").write_text(
                f"---\ntitle: Article {i}\npublished: 2020-01-{i % 28 + 1:02d}\n---\nBody {i}.\n",
                encoding="utf-8",
            )
        else:
            (sub / f"a{i:05d}.txt").write_text(f"Article {i}\nBody {i}.\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])  # how fast: benchmarks/bench_listing.py
    assert len(corpus.articles) == 2000
    assert corpus.skipped == []
    assert not any(a.body_loaded for a in corpus.articles)
    assert len({a.id for a in corpus.articles}) == 2000


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------


def _art(
    title: str, date: str | None = None, outlet: str | None = None, updated: str | None = None
) -> Article:
    return Article(
        id=title,
        path=Path(f"{title}.md"),
        title=title,
        published=date,
        outlet=outlet,
        updated=updated,
    )


def test_sort_by_date_newest_first_undated_last() -> None:
    arts = [
        _art("undated-1"),
        _art("old", "2018-05-23"),
        _art("new", "2021-06-24"),
        _art("by-updated", updated="2019-01-01"),
        _art("undated-2"),
        _art("mid", "2019-06-01"),
    ]
    result = [a.title for a in sort_articles(arts, "date")]
    assert result == ["new", "mid", "by-updated", "old", "undated-1", "undated-2"]


def test_sort_by_title_case_insensitive() -> None:
    arts = [_art("banana"), _art("Apple"), _art("cherry"), _art("apricot")]
    assert [a.title for a in sort_articles(arts, "title")] == [
        "Apple",
        "apricot",
        "banana",
        "cherry",
    ]


def test_sort_by_outlet_missing_last_then_title() -> None:
    arts = [
        _art("z", outlet="Nature"),
        _art("a", outlet="nature"),
        _art("none-b"),
        _art("m", outlet="BBC"),
        _art("none-a"),
    ]
    assert [a.title for a in sort_articles(arts, "outlet")] == ["m", "a", "z", "none-a", "none-b"]


def test_sort_does_not_mutate_input() -> None:
    arts = [_art("b"), _art("a")]
    sort_articles(arts, "title")
    assert [a.title for a in arts] == ["b", "a"]


# ---------------------------------------------------------------------------
# The bundled sample corpus
# ---------------------------------------------------------------------------


def test_sample_corpus_loads() -> None:
    corpus = load_corpus([SAMPLE])
    assert corpus.skipped == []
    assert len(corpus.articles) == 5
    assert corpus.primary is not None
    assert corpus.primary.kind == "primary"
    assert corpus.primary.meta["doi"] == "10.3389/fnins.2018.00336"
    assert not any(a.body_loaded for a in corpus.all_articles())
    assert len({a.id for a in corpus.all_articles()}) == 6


def test_sample_corpus_bodies_equal_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder not present")
    seeds = sorted(SEEDS.glob("00[0-9]_*.txt"))
    assert len(seeds) == 5
    articles = sorted(load_corpus([SAMPLE]).articles, key=lambda a: a.path.name)
    for article, seed in zip(articles, seeds, strict=True):
        assert article.body == seed.read_text(encoding="utf-8"), (article.path.name, seed.name)
