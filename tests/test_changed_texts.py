"""Changed texts never keep a stale verdict (issue 13, finding 4).

A verdict is evidence about particular words. When the article is edited under an annotation
("randomised 84 adults" becomes "randomised 48 adults"), re-anchoring says ``changed``, the
panel shows the old and new words, and the reader decides: accept the new text, or keep the
annotation orphaned. The header says the text is not the one last annotated; exports carry
the status and the text hash.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pilot_helpers import ready, store_of, wait_for

from legreader.cite.formats import export, parse_import
from legreader.store import AnnotationStore, make_annotation, reanchor
from legreader.store.model import STATUSES, Annotation, article_text_hash
from legreader.text.diff import Piece, as_plain, word_diff

OLD = (
    "A new trial randomised 84 adults to a daily walk or to usual care. "
    "After twelve weeks the walkers reported less pain than the others. "
    "The authors call the effect modest and ask for a larger study."
)
NEW = OLD.replace("randomised 84 adults", "randomised 48 adults")
PASSAGE = "A new trial randomised 84 adults to a daily walk or to usual care."
SIZE = (120, 40)


def annotation_of(app: Any, ann_id: str) -> Annotation:
    """The annotation ``ann_id`` in the app's store (the test expects it there)."""
    ann = store_of(app).get(ann_id)
    assert ann is not None, f"no annotation {ann_id}"
    return ann


def marked(text: str = OLD, passage: str = PASSAGE, **kw: Any) -> Annotation:
    start = text.index(passage)
    return make_annotation("art", text, start, start + len(passage), verdict="accurate", **kw)


# -- the domain --------------------------------------------------------------------------------


def test_statuses_are_a_closed_set_with_changed() -> None:
    assert set(STATUSES) == {"anchored", "changed", "ambiguous", "orphaned"}


def test_an_edited_number_is_changed_not_anchored() -> None:
    a = marked()
    anchor = reanchor(a, NEW)
    assert anchor.status == "changed" and anchor.method == "fuzzy"
    assert NEW[anchor.start : anchor.end] == PASSAGE.replace("84", "48")


def test_unchanged_moved_and_whitespace_only_passages_stay_anchored() -> None:
    a = marked()
    assert reanchor(a, OLD).status == "anchored"
    assert reanchor(a, "Update: corrected. " + OLD).status == "anchored"
    reflowed = OLD.replace("to a daily walk", "to a\ndaily  walk")
    assert reanchor(a, reflowed).status == "anchored"


def test_new_annotations_record_the_text_they_were_made_on() -> None:
    a = marked()
    assert a.text_hash == article_text_hash(OLD) != article_text_hash(NEW)
    assert a.text_hash.startswith("sha256:") and len(a.text_hash) == len("sha256:") + 16


def test_old_databases_without_a_text_hash_still_load(db_path: Path) -> None:
    doc = marked().to_dict()
    for key in ("text_hash", "detached"):
        doc.pop(key)
    db_path.write_text(json.dumps({"annotations": {"1": doc}}), encoding="utf-8")
    with AnnotationStore.open(db_path) as store:
        (ann,) = store.all()
        assert ann.text_hash is None and not ann.detached
        assert store.text_changed_since("art", NEW) is None  # nothing to compare with
        results = store.reanchor_article("art", NEW)
        assert results[0][0].status == "changed"  # the quote still tells the edit


def test_store_keeps_the_old_words_until_the_reader_accepts(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(marked())
        assert store.text_changed_since("art", OLD) is None
        ((ann, _),) = store.reanchor_article("art", NEW)
        assert ann.status == "changed" and ann.exact == PASSAGE
        assert store.text_changed_since("art", NEW) is not None
    with AnnotationStore.open(db_path) as store:  # the status is saved
        again = store.get(a.id)
        assert again is not None and again.status == "changed" and again.exact == PASSAGE
        accepted = store.accept_change(a.id, NEW)
        assert accepted.status == "anchored" and "48 adults" in accepted.exact
        assert accepted.text_hash == article_text_hash(NEW) and accepted.verdict == "accurate"
        assert store.text_changed_since("art", NEW) is None
        ((ann, _),) = store.reanchor_article("art", NEW)
        assert ann.status == "anchored"


def test_kept_orphaned_stays_orphaned_until_its_exact_words_return(db_path: Path) -> None:
    with AnnotationStore.open(db_path) as store:
        a = store.add(marked())
        store.reanchor_article("art", NEW)
        kept = store.keep_orphaned(a.id)
        assert (kept.status, kept.detached) == ("orphaned", True)
        ((ann, _),) = store.reanchor_article("art", NEW)  # not "changed" again: no nagging
        assert (ann.status, ann.detached) == ("orphaned", True)
        ((ann, _),) = store.reanchor_article("art", OLD)  # the edit was reverted
        assert (ann.status, ann.detached) == ("anchored", False)


def test_word_diff_shows_old_and_new_words() -> None:
    pieces = word_diff("randomised 84 adults to walk", "randomised  48 adults to walk")
    assert pieces == [
        Piece("same", "randomised"),
        Piece("removed", "84"),
        Piece("added", "48"),
        Piece("same", "adults to walk"),
    ]
    assert as_plain(pieces) == "randomised [-84-] {+48+} adults to walk"
    assert word_diff("a b", "a b") == [Piece("same", "a b")]


def test_exports_carry_status_and_text_hash_losslessly() -> None:
    a = marked()
    a.status = "changed"
    b = marked(passage="The authors call the effect modest")
    b.status, b.detached = "orphaned", True
    anns = [a, b]
    rows = list(csv.DictReader(io.StringIO(export("csv", anns, {}))))
    assert {r["status"] for r in rows} == {"changed", "orphaned"}
    assert {r["text_hash"] for r in rows} == {article_text_hash(OLD)}
    data = json.loads(export("json", anns, {}))
    assert {r["status"] for r in data["annotations"]} == {"changed", "orphaned"}
    w3c = json.loads(export("w3c", anns, {}))
    items = w3c["first"]["items"]
    assert {i["legreader:status"] for i in items} == {"changed", "orphaned"}
    assert all(i["target"]["state"]["value"] == article_text_hash(OLD) for i in items)
    for fmt in ("json", "w3c"):
        back = {x.id: x.to_dict() for x in parse_import(export(fmt, anns, {}))}
        assert back == {x.id: x.to_dict() for x in anns}, fmt
    assert "Status: changed" in export("md", anns, {})


# -- the app -----------------------------------------------------------------------------------


def _edited_corpus(tmp_path: Path, db_path: Path) -> tuple[Path, str]:
    """A one-article corpus annotated on OLD, whose file now says NEW."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    file = folder / "trial.md"
    file.write_text("---\ntitle: Walking trial\nid: art\n---\n" + OLD, encoding="utf-8")
    with AnnotationStore.open(db_path) as store:
        ann = store.add(marked())
    file.write_text("---\ntitle: Walking trial\nid: art\n---\n" + NEW, encoding="utf-8")
    return folder, ann.id


async def _open_panel(pilot: Any) -> Any:
    from legreader.ui.annotations_panel import AnnotationsPanel

    await ready(pilot)
    app = pilot.app
    await wait_for(pilot, lambda: app.store is not None)
    await pilot.press("a")
    panel = app.query_one(AnnotationsPanel)
    await wait_for(pilot, lambda: panel.display and panel.option_count == 1)
    return panel


async def test_panel_shows_the_edit_and_e_accepts_the_new_text(
    tmp_path: Path, db_path: Path
) -> None:
    from legreader.ui.app import make_app
    from legreader.ui.article_header import ArticleHeader

    folder, ann_id = _edited_corpus(tmp_path, db_path)
    app = make_app([folder], db_path)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open_panel(pilot)
        prompt = str(panel.get_option_at_index(0).prompt)
        assert "Δ changed" in prompt and "[-84-]" in prompt and "{+48+}" in prompt
        assert "1 changed" in str(panel.border_subtitle)
        header = app.query_one(ArticleHeader)
        assert header.text_changed_since is not None and header.has_class("-text-changed")
        ids = {b.id for _, b, enabled, _ in _active_bindings(app) if enabled}
        assert {"panel.accept_change", "panel.keep_orphaned"} <= ids
        await pilot.press("e")
        await wait_for(pilot, lambda: annotation_of(app, ann_id).status == "anchored")
        ann = annotation_of(app, ann_id)
        assert "48 adults" in ann.exact and ann.text_hash == article_text_hash(NEW)
        assert header.text_changed_since is None  # the last annotation is on this text now
        await pilot.press("u")  # undo brings the changed state back
        await wait_for(pilot, lambda: annotation_of(app, ann_id).status == "changed")


async def test_o_keeps_a_changed_annotation_orphaned(tmp_path: Path, db_path: Path) -> None:
    from legreader.ui.app import make_app

    folder, ann_id = _edited_corpus(tmp_path, db_path)
    app = make_app([folder], db_path)
    async with app.run_test(size=SIZE) as pilot:
        panel = await _open_panel(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: annotation_of(app, ann_id).status == "orphaned")
        assert annotation_of(app, ann_id).detached and annotation_of(app, ann_id).exact == PASSAGE
        await wait_for(pilot, lambda: "[orphaned]" in str(panel.get_option_at_index(0).prompt))
        # Neither key applies to an orphan: both are greyed out.
        enabled = {b.id for _, b, on, _ in _active_bindings(app) if on}
        assert "panel.accept_change" not in enabled


def _active_bindings(app: Any) -> list[tuple[Any, Any, bool, str]]:
    return list(app.screen.active_bindings.values())
