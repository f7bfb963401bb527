"""The import's typed API (:func:`legreader.corpus.importing.import_pages`): what the command and
the app both use; no printing, one outcome per page."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from legreader.corpus.importing import ImportTargetError, PageOutcome, import_pages

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGE = FIXTURES / "news_nav_comments_ads.html"


def test_each_page_has_one_outcome_in_the_order_given(tmp_path: Path) -> None:
    into = tmp_path / "corpus"
    into.mkdir()
    missing = tmp_path / "missing.html"
    seen: list[PageOutcome] = []
    run = import_pages([PAGE, missing, PAGE], into, update=False, jobs=1, on_outcome=seen.append)
    assert [o.kind for o in run.outcomes] == ["imported", "skipped", "repeat"]
    assert seen == run.outcomes
    imported, skipped, repeat = run.outcomes
    assert imported.path is not None and imported.path.parent == into
    assert run.written == [imported.path]
    assert imported.line().startswith(f"imported {PAGE} -> ")
    assert skipped.line() == f"skipped {missing}: no such file"
    assert repeat.line().startswith(f"{PAGE}: given twice, imported once")
    assert run.failures == [skipped]
    assert run.exit_code == 1


def test_a_second_run_says_unchanged_or_refuses_without_update(tmp_path: Path) -> None:
    import_pages([PAGE], tmp_path, update=False, jobs=1)
    import_pages([PAGE], tmp_path, update=True, jobs=1)  # writes the id it keeps
    again = import_pages([PAGE], tmp_path, update=True, jobs=1)
    assert [o.kind for o in again.outcomes] == ["unchanged"]
    assert again.exit_code == 0
    refused = import_pages([PAGE], tmp_path, update=False, jobs=1)
    assert [o.kind for o in refused.outcomes] == ["skipped"]
    assert "already imported as" in refused.outcomes[0].detail
    assert refused.exit_code == 2


def test_a_file_as_target_is_a_typed_error(tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ImportTargetError, match="not a folder"):
        import_pages([PAGE], target, update=False, jobs=1)


def test_cancel_stops_before_the_next_page(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    run = import_pages([PAGE, PAGE], tmp_path, update=False, jobs=1, cancel=cancel)
    assert [o.kind for o in run.outcomes] == ["stopped"]
    assert run.outcomes[0].line() == "stopped: 2 page(s) not imported"
    assert run.exit_code == 2
