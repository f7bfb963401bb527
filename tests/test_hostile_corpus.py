"""Hostile corpora, pages and config files (issue 15): one bad file never stops the rest.

Every input is generated here under ``tmp_path``. Cases: impossible dates and hostile YAML
in front matter (alias bombs, self-referencing aliases, deep nesting, huge blocks, huge
integers), a page whose canonical URL or charset breaks the standard library, a batch
import with a page that raises, a 10,000-deep folder tree, an unreadable folder, and
config files that are FIFOs, endless devices, too large, or wrong in every field.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

import legreader.corpus.importing as page_import_mod
import legreader.corpus.loader as corpus_mod
from legreader.cli.importing import run_import
from legreader.corpus.html import import_html
from legreader.corpus.loader import (
    MAX_FOLDER_DEPTH,
    MAX_FRONT_MATTER_CHARS,
    FrontMatterError,
    load_corpus,
    split_front_matter,
)
from legreader.settings.config import (
    COPY_STYLES,
    MAX_CONFIG_BYTES,
    UserConfig,
    load_config,
    normalise_keys,
    unknown_binding_problems,
)

T = TypeVar("T")

ESC = "\x1b"
WORDS = " ".join(f"word{i}" for i in range(120))


def within(seconds: float, fn: Callable[[], T]) -> T:
    """Run ``fn`` in a daemon thread; fail instead of hanging the suite."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"did not finish within {seconds} s")
    if "error" in result:
        raise result["error"]
    value: T = result["value"]
    return value


def article(folder: Path, name: str, front: str, body: str = "Some body text.\n") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


def page(head: str = "", body: str = WORDS, raw: bytes | None = None) -> bytes:
    html = (
        f"<html><head>{head}<title>A page</title></head>"
        f"<body><article><h1>A page</h1><p>{body}</p></article></body></html>"
    )
    return raw if raw is not None else html.encode("utf-8")


# --------------------------------------------------------------------------- front matter


def test_impossible_date_does_not_break_the_corpus(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "title: Good one\npublished: 2021-02-01")
    article(tmp_path, "b.md", "title: Impossible\npublished: 2021-02-30")
    article(tmp_path, "c.md", "title: Tagged\nupdated: !!timestamp 2021-13-01")
    corpus = load_corpus([tmp_path])
    assert not corpus.skipped
    by_title = {a.title: a for a in corpus.articles}
    assert by_title["Good one"].published == "2021-02-01"
    # kept as written: a string, never a ValueError
    assert by_title["Impossible"].published == "2021-02-30"
    assert by_title["Tagged"].updated == "2021-13-01"


def test_valid_timestamps_still_become_iso_dates() -> None:
    meta, _ = split_front_matter("---\nwhen: 2021-02-01 10:30:00\n---\nx\n")
    assert meta is not None and str(meta["when"]).startswith("2021-02-01")


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        # billion laughs: nine levels of nine aliases
        (
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
                for i in range(8)
            ),
            "aliases",
        ),
        ("a: &a [*a]", "aliases"),
        ("a: &a {b: *a}", "aliases"),
        ("deep: " + "[" * 30 + "]" * 30, "nested more than"),
        ("deep: " + "[" * 5000 + "]" * 5000, "front matter"),  # libyaml's own cap
        ("big: " + "1" * 5000, "broken front matter"),  # int() refuses 5,000 digits
        ("x: " + "y" * (MAX_FRONT_MATTER_CHARS + 10), "too long"),
    ],
    ids=["billion-laughs", "self-list", "self-map", "deep", "deeper", "huge-int", "huge-block"],
)
def test_hostile_yaml_skips_only_that_file(tmp_path: Path, front: str, reason: str) -> None:
    article(tmp_path, "bad.md", front)
    article(tmp_path, "good.md", "title: Good")
    corpus = within(5, lambda: load_corpus([tmp_path]))
    assert [a.title for a in corpus.articles] == ["Good"]
    [skipped] = corpus.skipped
    assert skipped.path.name == "bad.md"
    assert reason in skipped.reason
    assert "\n" not in skipped.line()


def test_split_front_matter_raises_only_front_matter_error() -> None:
    for front in ("a: &a [*a]", "n: " + "9" * 5000, "d: 2021-02-30", "b: !!binary '%%%'"):
        try:
            split_front_matter(f"---\n{front}\n---\nbody\n")
        except FrontMatterError:
            pass


def test_binary_and_set_values_are_shown_as_text(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "title: T\nblob: !!binary aGVsbG8=\ntags: !!set {x, y}")
    [item] = load_corpus([tmp_path]).articles
    assert isinstance(item.meta["blob"], str)
    assert isinstance(item.meta["tags"], (str, dict))


def test_unexpected_error_in_one_file_skips_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        article(tmp_path, f"a{n}.md", f"title: T{n}")
    original = corpus_mod.read_article_head

    def flaky(path: Path, root: Path | None = None) -> Any:
        if path.name == "a2.md":
            raise RuntimeError(f"boom {ESC}]0;title{ESC}\\")
        return original(path, root)

    monkeypatch.setattr(corpus_mod, "read_article_head", flaky)
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 4
    [skipped] = corpus.skipped
    assert skipped.path.name == "a2.md"
    assert "RuntimeError: boom" in skipped.reason and ESC not in skipped.reason


@pytest.mark.asyncio
async def test_background_listing_survives_a_bad_file(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More files than the app lists on the UI thread: the worker's listing completes."""
    from pilot_helpers import NoticeRecorder, wait_for

    import legreader.ui.app as app_mod
    from legreader.ui.app import make_app
    from legreader.ui.article_list import ArticleList

    monkeypatch.setattr(app_mod, "SYNC_LISTING_LIMIT", 2)
    for n in range(4):
        article(tmp_path, f"a{n}.md", f"title: Article {n}")
    article(tmp_path, "bad.md", "title: Bad\npublished: 2021-02-30\nx: &x [*x]")
    app = make_app([tmp_path], db_path)
    seen = NoticeRecorder(app).messages
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.corpus is not None)
        assert app.corpus is not None
        assert len(app.corpus.articles) == 4
        assert app.query_one(ArticleList).border_title == "Articles"
        await wait_for(pilot, lambda: any("bad.md" in m for m in seen))
        assert any("aliases" in m for m in seen)


# --------------------------------------------------------------------------- HTML pages


def test_bad_canonical_url_is_dropped_not_fatal() -> None:
    imported = import_html(page('<link rel=canonical href="http://[oops/">'), "p.html")
    assert imported.url is None
    assert "word5" in imported.body


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "zlib", "uu", "bz2"])
def test_non_text_charset_falls_back_to_detection(charset: str) -> None:
    html = page(f"<meta charset={charset}>", body=WORDS + " caf\u00e9 na\u00efve")
    imported = import_html(html.decode("utf-8").encode("cp1252"), "p.html")
    assert "café" in imported.body
    assert imported.encoding_guessed


def test_html_in_a_corpus_with_bad_url_and_charset(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(page('<link rel=canonical href="http://[oops/">'))
    (tmp_path / "b.html").write_bytes(page("<meta charset=rot13>"))
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 2 and not corpus.skipped
    for item in corpus.articles:
        assert "word5" in item.body


def test_batch_import_skips_a_page_that_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for n, head in enumerate(['<link rel=canonical href="http://[oops/">', "", ""]):
        path = tmp_path / f"p{n}.html"
        words = " ".join(f"p{n}w{i}" for i in range(120))
        path.write_bytes(page(head + f"<title>Page {n}</title>", body=words))
        files.append(path)
    weird = tmp_path / f"weird{ESC}[2J.html"
    weird.write_bytes(page())
    files.insert(1, weird)
    original = import_html

    def exploding(data: bytes, name: str, **kwargs: Any) -> Any:
        if name.startswith("weird"):
            raise RuntimeError("unexpected")
        return original(data, name, **kwargs)

    monkeypatch.setattr(page_import_mod, "import_html", exploding)
    out, err = io.StringIO(), io.StringIO()
    code = run_import(files, tmp_path / "corpus", update=False, out=out, err=err)
    assert code == 1  # some imported, one skipped
    assert len(out.getvalue().splitlines()) == 3
    [line] = err.getvalue().splitlines()
    assert line.startswith("skipped ") and "RuntimeError: unexpected" in line
    assert ESC not in line and "\\x1b" in line  # the name shown escaped


def test_batch_import_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_bytes(page())
    out, err = io.StringIO(), io.StringIO()
    assert run_import([good], tmp_path / "c", update=False, out=out, err=err) == 0
    assert run_import([tmp_path / "nope.html"], tmp_path / "c", update=False, out=out, err=err) == 2


# --------------------------------------------------------------------------- folder trees


#: Deeper than Python's recursion limit: the recursive os.walk of Python 3.11 raised
#: RecursionError here, as on the 10,000-deep tree of the report (which takes 10-30 s to
#: make and remove on a busy disk: every level is a metadata write).
DEEP = 1200


def _make_deep_tree(root: Path, depth: int, files_at: dict[int, str]) -> None:
    """``root/d/d/.../d`` with ``depth`` levels, made through folder descriptors (the full
    path would pass PATH_MAX long before the bottom)."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for level in range(1, depth + 1):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
            if level in files_at:
                made = os.open(files_at[level], os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(made, f"# At level {level}\n\nText.\n".encode())
                os.close(made)
    finally:
        os.close(fd)


def _remove_deep_tree(root: Path, depth: int, files_at: dict[int, str]) -> None:
    """Remove it bottom up (shutil.rmtree recurses and would fail on it, in pytest's
    clean-up too), through descriptors kept every 100 levels."""
    step = 100
    fds = [os.open(root, os.O_RDONLY)]
    try:
        for _ in range(depth // step):
            fds.append(os.open("/".join(["d"] * step), os.O_RDONLY, dir_fd=fds[-1]))

        def rel(level: int) -> tuple[str, int]:
            base = (level - 1) // step
            return "/".join(["d"] * (level - base * step)), fds[base]

        for level, name in files_at.items():
            folder, fd = rel(level)
            os.unlink(f"{folder}/{name}", dir_fd=fd)
        for level in range(depth, 0, -1):
            folder, fd = rel(level)
            os.rmdir(folder, dir_fd=fd)
    finally:
        for fd in fds:
            os.close(fd)


def test_very_deep_tree_is_walked_with_a_depth_cap(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    files = {3: "near.md", MAX_FOLDER_DEPTH: "edge.md", MAX_FOLDER_DEPTH + 1: "far.md"}
    _make_deep_tree(root, DEEP, files)
    try:
        (root / "top.md").write_text("# Top\n\nText.\n", encoding="utf-8")
        corpus = within(10, lambda: load_corpus([root]))
        assert sorted(a.title for a in corpus.articles) == sorted(
            ["Top", "At level 3", f"At level {MAX_FOLDER_DEPTH}"]
        )
        [cut] = corpus.skipped  # reported once, not once per level
        assert f"deeper than {MAX_FOLDER_DEPTH} levels" in cut.reason
        assert len(cut.path.relative_to(root.resolve()).parts) == MAX_FOLDER_DEPTH + 1
    finally:
        _remove_deep_tree(root, DEEP, files)


def test_folders_walked_in_name_order_files_first(tmp_path: Path) -> None:
    for rel in ("b/x.md", "a/z/y.md", "a/w.md", "top.md", ".hidden/h.md", "c.md/inner.md"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {rel}\n", encoding="utf-8")
    names = [
        p.relative_to(tmp_path.resolve()).as_posix()
        for p, _ in corpus_mod.iter_candidates([tmp_path])
    ]
    assert names == ["top.md", "a/w.md", "a/z/y.md", "b/x.md", "c.md/inner.md"]


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article(tmp_path, "ok.md", "title: OK")
    article(tmp_path / "locked", "hidden.md", "title: Hidden")
    real_scandir = os.scandir
    locked = (tmp_path / "locked").resolve()

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # (the os module the corpus loader uses)
    corpus = load_corpus([tmp_path])
    assert [a.title for a in corpus.articles] == ["OK"]
    [skipped] = corpus.skipped
    assert skipped.path == locked
    assert skipped.reason == "folder unreadable (permission denied)"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_for_real(tmp_path: Path) -> None:
    article(tmp_path, "ok.md", "title: OK")
    article(tmp_path / "locked", "hidden.md", "title: Hidden")
    (tmp_path / "locked").chmod(0)
    try:
        corpus = load_corpus([tmp_path])
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert [a.title for a in corpus.articles] == ["OK"]
    assert "permission denied" in corpus.skipped[0].reason


# --------------------------------------------------------------------------- config


def test_config_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    config = within(3, lambda: load_config(fifo))
    [problem] = config.problems
    assert "not a regular file" in problem


def test_config_dev_zero_and_folder(tmp_path: Path) -> None:
    if Path("/dev/zero").exists():
        [problem] = within(3, lambda: load_config(Path("/dev/zero"))).problems
        assert "not a regular file" in problem
    [problem] = load_config(tmp_path).problems
    assert "folder" in problem


def test_config_size_cap_and_symlink_to_device(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    [problem] = load_config(big).problems
    assert "too large" in problem
    if Path("/dev/zero").exists():
        link = tmp_path / "link.toml"
        link.symlink_to("/dev/zero")
        assert "not a regular file" in within(3, lambda: load_config(link)).problems[0]


def test_config_missing_is_empty_and_silent(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert config.problems == [] and config.keymap == {}


def test_config_every_problem_listed_once(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
theme = 42
colour = "red"
[keys]
"body.next_sentence" = "j, down"
"app.help" = "?"
"app.quit" = "ctrl+, q"
"app.compare" = 5
"not an id" = "x"
"app.annotations" = "foo"
"app.palette" = "\\u001b]52;c;cm0gLXJmIH4=\\u0007"
[copy]
style = "harvard"
with_study = "yes"
colour = 1
""",
        encoding="utf-8",
    )
    config = load_config(path)
    problems = config.problems
    text = "\n".join(problems)
    assert ESC not in text and "\x07" not in text
    assert all("\n" not in p for p in problems)
    expected = [
        "setting 'colour' = 'red'",  # unknown top-level setting
        "theme = 42",
        "keys.'app.quit'",
        "keys.'app.compare' = 5",
        "keys.'not an id'",
        "keys.'app.annotations'",
        "keys.'app.palette'",
        "copy.style = 'harvard'",
        "copy.with_study = 'yes'",
        "copy.'colour'",
    ]
    for fragment in expected:
        assert sum(fragment in p for p in problems) == 1, (fragment, problems)
    assert len(problems) == len(expected)
    # good entries are kept, normalised to the names Textual matches
    assert config.keymap == {"body.next_sentence": "j,down", "app.help": "question_mark"}
    assert config.theme is None and config.copy_style == "plain" and config.copy_with_study


def test_config_theme_name_and_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "[bold red]x[/]"\n', encoding="utf-8")
    [problem] = load_config(path).problems
    assert "not a theme name" in problem
    path.write_text('theme = "gruvbox"\n[copy]\nstyle = "APA"\n', encoding="utf-8")
    config = load_config(path)
    assert config.problems == [] and config.theme == "gruvbox" and config.copy_style == "apa"
    path.write_bytes(b"theme = \xff\n")
    assert "not UTF-8" in load_config(path).problems[0]
    path.write_text("x = " + "[" * 100_000, encoding="utf-8")
    assert "not valid TOML" in load_config(path).problems[0]


def test_unknown_binding_ids_are_reported_and_dropped(tmp_path: Path) -> None:
    config = UserConfig(keymap={"app.quit": "ctrl+q", "app.nope": "x"}, path=tmp_path / "c")
    keymap, problems = unknown_binding_problems(config, {"app.quit", "app.help"})
    assert keymap == {"app.quit": "ctrl+q"}
    [problem] = problems
    assert "keys.'app.nope'" in problem and "no such binding id" in problem


def test_every_textual_key_name_is_accepted() -> None:
    from textual.keys import Keys

    for key in Keys:
        if key.value.startswith("<") or key.value == "ctrl-at":  # a typo in Textual
            continue
        expected = key.value.replace("ctrl+@", "ctrl+at")  # Textual's name for "@"
        assert normalise_keys(key.value) == (expected, None), key.value
    for char, name in {
        "?": "question_mark",
        "/": "slash",
        "-": "minus",
        "[": "left_square_bracket",
    }.items():
        assert normalise_keys(char) == (name, None)


def test_copy_styles_match_the_citation_styles() -> None:
    from legreader.cite.cite import QuoteStyle

    assert set(COPY_STYLES) == {s.value for s in QuoteStyle}


@pytest.mark.asyncio
async def test_app_shows_config_problems_once(tmp_path: Path, db_path: Path) -> None:
    from pilot_helpers import NoticeRecorder, ready

    from legreader.ui.app import make_app

    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "no-such-theme"\n[keys]\n"app.nope" = "x"\n"app.help" = "f1"\n'
        '[copy]\nstyle = "[/]"\n',
        encoding="utf-8",
    )
    app = make_app(db_path=db_path, config=load_config(path))
    recorder = NoticeRecorder(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        notices = [n for n in recorder.notices if "config" in n.message]
        assert len(notices) == 1
        message, _, markup = notices[0]
        assert markup is False
        assert "'app.nope'" in message and "copy.style = '[/]'" in message
        assert "no-such-theme" in message
        assert app.keymap == {"app.help": "f1"}
