"""The typed export/import API (legreader.cite.transfer) that the CLI and the app share, and the
app's palette export/import going through it (one-line notifications)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

import pytest
from pilot_helpers import NoticeRecorder, answer_prompt, ready, wait_for
from test_export import ARTICLES, FakeCorpus, FakeStore, sample

from legreader.cite.formats import export
from legreader.cite.transfer import (
    EXPORT_FORMATS,
    DamagedDatabase,
    ExportResult,
    ImportFileError,
    ImportSaveFailed,
    UnknownFormat,
    WriteFailed,
    export_to,
    import_from,
    read_import_file,
)
from legreader.store.annotation_store import AnnotationStore, MergeCounts
from legreader.store.model import Annotation, ArticleNote


def test_export_to_a_file_gives_counts_and_a_one_line_summary(tmp_path: Path) -> None:
    anns, notes = sample()
    target = tmp_path / "out.json"
    result = export_to(FakeStore(anns, notes), FakeCorpus(), "json", target)
    assert result == ExportResult("json", len(anns), len(notes), target)
    assert result.text is None and result.warnings == ()
    assert json.loads(target.read_text(encoding="utf-8"))["annotations"]
    assert result.summary() == f"Exported {len(anns)} annotations as json to {target}"
    assert "\n" not in result.summary()


def test_export_to_no_path_returns_the_text() -> None:
    anns, notes = sample()
    result = export_to(FakeStore(anns, notes), FakeCorpus(), "md", None, exported_on="2024-01-01")
    assert result.path is None
    assert result.text == export("md", anns, ARTICLES, notes, exported_on="2024-01-01")


def test_export_errors_are_typed_and_name_the_file(tmp_path: Path) -> None:
    store = FakeStore(*sample())
    with pytest.raises(UnknownFormat) as unknown:
        export_to(store, None, "pdf", None)
    assert unknown.value.exit_code == 2 and all(f in str(unknown.value) for f in EXPORT_FORMATS)
    target = tmp_path / "missing" / "x.csv"
    with pytest.raises(WriteFailed) as failed:
        export_to(store, None, "csv", target)
    assert failed.value.where == target and failed.value.exit_code == 1
    assert failed.value.line().startswith("cannot write the export: ")
    assert failed.value.line().endswith(f"({target})")
    damaged = SimpleNamespace(
        all=store.all,
        article_notes=store.article_notes,
        damage=SimpleNamespace(path=tmp_path / "db.json", reason="truncated"),
        path=tmp_path / "db.json",
    )
    with pytest.raises(DamagedDatabase, match="damaged .truncated.; nothing exported"):
        export_to(damaged, None, "json", tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_import_from_counts_and_warns_of_refused_rows(tmp_path: Path) -> None:
    anns, notes = sample()
    data = json.loads(export("json", anns, ARTICLES, notes))
    data["annotations"].append({"id": "broken", "start": "x"})
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = FakeStore([], [])
    summary = import_from(store, path)
    assert (summary.annotations, summary.counts.added, summary.unchanged) == (len(anns), 3, 0)
    assert len(summary.refused) == 1 and summary.duplicates == 0
    (warning,) = summary.warnings()
    assert "1 row refused" in warning
    line = summary.summary()
    assert "\n" not in line and line.startswith(f"Imported {len(anns)} annotations from ")
    assert "3 added, 0 updated, 0 unchanged" in line and "1 row refused" in line
    again = import_from(store, path)
    assert (again.counts.added, again.unchanged) == (0, len(anns))


def test_import_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="not a regular file") as missing:
        read_import_file(tmp_path / "missing.json")
    assert missing.value.where == tmp_path / "missing.json"
    only_bad = tmp_path / "bad.json"
    only_bad.write_text(
        json.dumps({"format": "legreader-annotations", "annotations": [{"id": 1}]}),
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as nothing:
        read_import_file(only_bad)
    assert nothing.value.warnings  # the refused row's reason, said before the failure

    class FailingStore(FakeStore):
        closed = False

        def merge_import(
            self, annotations: Iterable[Annotation], notes: Iterable[ArticleNote]
        ) -> MergeCounts:
            raise OSError(28, "No space left on device")

        def close(self, *, force: bool = False) -> None:
            self.closed = force

    good = tmp_path / "good.json"
    good.write_text(export("json", *sample()[:1], ARTICLES, []), encoding="utf-8")
    store = FailingStore([], [])
    with pytest.raises(ImportSaveFailed, match="No space left on device"):
        import_from(store, good)
    assert store.closed  # the failed import is dropped, not retried at close


# ---------------------------------------------------------------- the app


async def test_palette_export_and_import_notify_one_line(tmp_path: Path) -> None:
    """The app's export writes through export_to in a worker and says the result's summary;
    a failed export is one error line; an import merges and says its summary."""
    from legreader.ui.app import make_app

    db = tmp_path / "db.json"
    app = make_app(db_path=db)
    target = tmp_path / "out.json"
    async with app.run_test(size=(120, 40)) as pilot:
        notices = NoticeRecorder(app)
        await ready(pilot)
        await pilot.press("tab", "j", "2")  # a sentence, marked misleading
        await wait_for(pilot, lambda: app.store is not None and len(app.store.all()) == 1)
        app.export_annotations("json")
        await answer_prompt(pilot, str(target))
        await wait_for(pilot, lambda: notices.matching("Exported"))
        assert notices.matching("Exported") == [f"Exported 1 annotation as json to {target}"]
        assert json.loads(target.read_text(encoding="utf-8"))["annotations"]

        app.export_annotations("json")
        await answer_prompt(pilot, str(tmp_path / "no" / "such" / "dir.json"))
        await wait_for(pilot, lambda: notices.errors())
        (error,) = notices.errors()
        assert error.startswith("Cannot write the export: ") and "\n" not in error

        assert app.store is not None
        (mark,) = app.store.all()
        app.store.delete(mark.id)
        assert app.store.all() == []
        app.import_annotations()
        await answer_prompt(pilot, str(target))
        await wait_for(pilot, lambda: notices.matching("Imported"))
        (imported,) = notices.matching("Imported")
        assert imported.startswith("Imported 1 annotation from ") and "1 added" in imported
        assert [a.id for a in app.store.all()] == [mark.id]
        assert app.crash_message is None
    with AnnotationStore.open(db, mode="read_only") as store:
        assert [a.id for a in store.all()] == [mark.id]
