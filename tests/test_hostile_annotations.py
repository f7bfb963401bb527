"""Hostile text in annotations (issue 15, findings 1 and 14): notes, tags, quotes and article
notes arrive from a shared database file or an import, and are as untrusted as article text.

No escape sequence or control character from them may reach the terminal (the annotations
panel, corpus search, notifications, exports printed to stdout), and bidirectional controls
are drawn as a visible glyph instead of reordering the screen.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for
from test_injection_app import FORBIDDEN_CHARS, assert_clean_terminal, screen_text

from legreader.cli.annotations import run_export, run_import_annotations
from legreader.corpus.loader import load_corpus
from legreader.store import AnnotationStore, ArticleNote, make_annotation
from legreader.store.model import Annotation
from legreader.text.clean import BIDI_GLYPH, clean_field, clean_field_line, displayable
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.corpus_search import CorpusSearchScreen

SIZE = (120, 40)
ESC = "\x1b"
#: The sequences of the adversarial report, and their 8-bit and unterminated forms.
OSC52 = ESC + "]52;c;cm0gLXJmIH4=" + "\x07"  # clipboard := "rm -rf ~"
TITLE = ESC + "]0;pwned" + "\x07"
HOSTILE = [
    OSC52,
    TITLE,
    ESC + "]8;;https://e.vil" + ESC + "\\",
    ESC + "[2J",
    ESC + "c",
    "\x9b2J",
    "\x9d0;pwned\x9c",
    ESC + "]52;c;unterminated",
    "\x00",
    "\x7f",
]
RLO = "\u202e"


def hostile(word: str) -> str:
    """``word`` wrapped in every hostile sequence (the visible text must survive)."""
    return f"{word} " + " ".join(f"{seq}{word}{i}" for i, seq in enumerate(HOSTILE)) + " end"


def assert_no_controls(text: str) -> None:
    assert not FORBIDDEN_CHARS.search(text.replace("\n", "").replace("\t", "")), repr(text)


# ----------------------------------------------------------------------- the domain boundary


@pytest.mark.parametrize("seq", HOSTILE)
def test_clean_field_removes_each_sequence_and_keeps_the_words(seq: str) -> None:
    cleaned = clean_field(f"before {seq}after")
    assert_no_controls(cleaned)
    assert cleaned.startswith("before ") and "after" in cleaned or cleaned == "before "


def test_clean_field_is_the_identity_on_ordinary_text() -> None:
    for text in ["", "plain", "two\nlines\tand tab", "ünïcödé “quotes” — dash", "a  b"]:
        assert clean_field(text) == text
    assert clean_field_line("  a \n b ") == "a b"


def test_annotation_from_a_database_row_is_cleaned() -> None:
    row = make_annotation("art", "Some passage here.", 0, 4).to_dict()
    row |= {"note": hostile("note"), "tags": [hostile("tag"), OSC52 + "x"], "exact": "S" + TITLE}
    ann = Annotation.from_dict(row)
    for text in [ann.note or "", *ann.tags, ann.exact, ann.prefix, ann.suffix]:
        assert_no_controls(text)
    assert "note" in (ann.note or "") and ann.tags[0].startswith("tag ")
    assert ann.exact == "S"


def test_w3c_import_is_cleaned() -> None:
    data = {
        "id": "urn:uuid:1" + ESC + "[2J",
        "target": {
            "source": "art" + TITLE,
            "selector": [{"type": "TextQuoteSelector", "exact": "q" + OSC52}],
        },
        "body": [
            {"purpose": "tagging", "value": hostile("t")},
            {"purpose": "commenting", "value": hostile("n")},
        ],
    }
    ann = Annotation.from_w3c(data)
    for text in [ann.id, ann.article_id, ann.exact, ann.note or "", *ann.tags]:
        assert_no_controls(text)
    assert ann.article_id == "art"


def test_article_note_is_cleaned() -> None:
    note = ArticleNote.from_dict({"article_id": "a" + ESC + "c", "note": hostile("n")})
    assert_no_controls(note.note or "")
    assert note.article_id == "a"


def test_bidi_controls_are_shown_as_a_glyph_of_the_same_length() -> None:
    text = f"abc{RLO}def\u2066g\u2069"
    shown = displayable(text)
    assert RLO not in shown and len(shown) == len(text)
    assert shown.count(BIDI_GLYPH) == 3


# ------------------------------------------------------------- import, export, the terminal


def hostile_import_file(tmp_path: Path, article: Any) -> Path:
    row = make_annotation(article.id, article.body, 0, 20).to_dict()
    row |= {"note": hostile("note"), "tags": [hostile("tag")]}
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"annotations": [row]}), encoding="utf-8")
    return path


def test_import_then_export_to_stdout_carries_no_escape(
    tmp_path: Path, sample_corpus: Path
) -> None:
    corpus = load_corpus([sample_corpus])
    source = hostile_import_file(tmp_path, corpus.articles[0])
    db = tmp_path / "db.json"
    out, err = io.StringIO(), io.StringIO()
    with AnnotationStore.open(db) as store:
        assert run_import_annotations(store, source, out, err) == 0, err.getvalue()
    raw = db.read_text(encoding="utf-8")
    assert "\\u001b" not in raw and "\\u009b" not in raw  # nothing hostile was stored
    for fmt in ("md", "json", "csv", "w3c"):
        out = io.StringIO()
        with AnnotationStore.open(db, mode="read_only") as store:
            assert run_export(store, corpus, fmt, None, out) == 0
        text = out.getvalue()
        assert "note" in text or fmt == "csv"
        assert ESC not in text and "\x9b" not in text and "\x9d" not in text, fmt


# ------------------------------------------------------------------------- the running app


def write_hostile_database(db: Path, article: Any, *, note: str, tags: list[str]) -> None:
    """A database written by another program: the hostile text is in the file itself."""
    with AnnotationStore.open(db) as store:
        store.add(make_annotation(article.id, article.body, 0, 20, note="n", tags=["t"]))
        store.set_article_note(ArticleNote(article.id, note="x", verdict="false"))
    data = json.loads(db.read_text(encoding="utf-8"))
    (row,) = data["annotations"].values()
    row["note"], row["tags"] = note, tags
    (article_note,) = data["article_notes"].values()
    article_note["note"] = note
    db.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    assert "\\u001b" in db.read_text(encoding="utf-8")


@pytest.fixture
def hostile_db(tmp_path: Path, sample_corpus: Path) -> tuple[Path, Any]:
    corpus = load_corpus([sample_corpus])
    article = corpus.articles[0]
    db = tmp_path / "db.json"
    write_hostile_database(
        db, article, note="zebranote" + RLO + hostile("x"), tags=[hostile("zebratag")]
    )
    return db, article


async def test_annotations_panel_draws_a_hostile_note_cleanly(
    hostile_db: tuple[Path, Any], sample_corpus: Path
) -> None:
    db, article = hostile_db
    app = make_app([sample_corpus], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_article(article)
        await pilot.press("tab", "a")
        await wait_for(pilot, lambda: "zebranote" in screen_text(app), timeout=5)
        screen = screen_text(app)
        assert "zebratag" in screen
        assert RLO not in screen and BIDI_GLYPH in screen
        assert_clean_terminal(app)


async def test_corpus_search_draws_hostile_notes_and_tags_cleanly(
    hostile_db: tuple[Path, Any], sample_corpus: Path
) -> None:
    db, _ = hostile_db
    app = make_app([sample_corpus], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, CorpusSearchScreen))
        assert isinstance(app.screen, CorpusSearchScreen)
        await wait_for(pilot, app.screen.corpus_index.ready.is_set, timeout=10)
        await pilot.press(*"zebranote")
        await wait_for(pilot, lambda: "· note" in screen_text(app), timeout=5)
        assert_clean_terminal(app)
        await pilot.press(*["backspace"] * 4, *"tag")
        await wait_for(pilot, lambda: "· tag" in screen_text(app), timeout=5)
        assert_clean_terminal(app)


async def test_a_hostile_notification_is_cleaned(tmp_path: Path, sample_corpus: Path) -> None:
    app = make_app([sample_corpus], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        app.notify("tool said: " + hostile("toolmsg"), markup=False)
        await wait_for(pilot, lambda: "toolmsg" in screen_text(app))
        assert_clean_terminal(app)


async def test_bidi_controls_in_an_article_are_shown_and_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "b.md").write_text(
        f"---\ntitle: Bidi {RLO}title\n---\nThe file name is evil{RLO}gpj.exe here. Second.\n",
        encoding="utf-8",
    )
    app = make_app([folder], db_path=tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.query_one(ArticleBody)
        assert body.has_bidi
        screen = screen_text(app)
        assert RLO not in screen
        assert f"evil{BIDI_GLYPH}gpj.exe" in screen and f"Bidi {BIDI_GLYPH}title" in screen
        await pilot.press("tab", "j")
        await wait_for(pilot, lambda: "bidi controls" in screen_text(app))
        assert_clean_terminal(app)
