"""The annotation model: verdicts, selectors, flat and W3C forms; the store stays UI-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legreader.store.model import (
    CONTEXT_CHARS,
    SEVERITY_ORDER,
    VERDICTS,
    Annotation,
    ArticleNote,
    make_annotation,
    worst_verdict,
)

TEXT = "x" * 50 + "Coffee drinkers lived longer, the study found." + "y" * 50


def test_verdicts_and_severity_order_cover_the_same_words() -> None:
    assert set(VERDICTS) == set(SEVERITY_ORDER) and len(VERDICTS) == 6
    assert SEVERITY_ORDER[0] == "false" and SEVERITY_ORDER[-1] == "accurate"


@pytest.mark.parametrize(
    ("verdicts", "worst"),
    [
        ([], None),
        ([None, None], None),
        (["accurate", "promotional"], "promotional"),
        (["accurate", "overstated", "misleading", None], "misleading"),
        (["unsupported", "false", "misleading"], "false"),
        (["promotional", "unsupported"], "unsupported"),
    ],
)
def test_worst_verdict(verdicts: list[str | None], worst: str | None) -> None:
    assert worst_verdict(verdicts) == worst


def test_unknown_verdict_is_refused() -> None:
    with pytest.raises(ValueError):
        worst_verdict(["bogus"])
    with pytest.raises(ValueError):
        make_annotation("a", TEXT, 0, 5, verdict="meh")


def test_make_annotation_builds_both_selectors() -> None:
    a = make_annotation("art", TEXT, 50, 78, tags=[" t1", "t1", "", "t2"], note="n")
    assert a.exact == TEXT[50:78] == "Coffee drinkers lived longer"
    assert a.prefix == TEXT[50 - CONTEXT_CHARS : 50] and len(a.prefix) == 32
    assert a.suffix == TEXT[78 : 78 + CONTEXT_CHARS]
    assert (a.start, a.end, a.status) == (50, 78, "anchored")
    assert a.tags == ["t1", "t2"]
    assert a.created == a.modified and a.created.endswith("Z")
    near_start = make_annotation("art", TEXT, 3, 10)
    assert near_start.prefix == TEXT[:3]


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (10, 5), (0, len(TEXT) + 1)])
def test_make_annotation_refuses_bad_selections(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_annotation("art", TEXT, start, end)


def test_flat_round_trip_and_sorted_keys() -> None:
    a = make_annotation("art", TEXT, 50, 78, verdict="overstated", tags=["ü"], note="Ωmega\n[/]")
    d = a.to_dict()
    assert list(d) == sorted(d)
    assert Annotation.from_dict(d) == a


def test_from_dict_rejects_wrong_types() -> None:
    d = make_annotation("art", TEXT, 50, 78).to_dict()
    for key, bad in (("start", "3"), ("exact", 5), ("tags", "x"), ("verdict", 1), ("id", None)):
        with pytest.raises(ValueError):
            Annotation.from_dict({**d, key: bad})


def test_w3c_shape_and_round_trip() -> None:
    a = make_annotation(
        "art-7", TEXT, 50, 78, verdict="misleading", tags=["mice", "dose"], note="see p. 4"
    )
    w = a.to_w3c()
    assert w["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert w["type"] == "Annotation" and w["id"] == f"urn:uuid:{a.id}"
    assert w["target"]["source"] == "art-7"
    quote, pos = w["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": a.exact,
        "prefix": a.prefix,
        "suffix": a.suffix,
    }
    assert pos == {"type": "TextPositionSelector", "start": 50, "end": 78}
    purposes = [(b["purpose"], b["value"]) for b in w["body"]]
    assert purposes == [
        ("assessing", "misleading"),
        ("tagging", "mice"),
        ("tagging", "dose"),
        ("commenting", "see p. 4"),
    ]
    assert all(b["type"] == "TextualBody" for b in w["body"])
    assert Annotation.from_w3c(w) == a


def test_from_w3c_is_tolerant_of_single_objects_and_missing_position() -> None:
    w = {
        "type": "Annotation",
        "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "abc"}},
        "body": {"type": "TextualBody", "value": "plain note"},
    }
    a = Annotation.from_w3c(w)
    assert (a.article_id, a.exact, a.note, a.start, a.end) == ("s", "abc", "plain note", 0, 0)
    with pytest.raises(ValueError):
        Annotation.from_w3c({"target": {"source": "s", "selector": []}})
    with pytest.raises(ValueError):
        Annotation.from_w3c({"target": "nope"})


def test_article_note() -> None:
    n = ArticleNote("art", note="Überschrift", verdict="promotional")
    assert ArticleNote.from_dict(n.to_dict()) == n
    assert ArticleNote("art").is_empty()
    with pytest.raises(ValueError):
        ArticleNote("art", verdict="nah")  # type: ignore[arg-type]


def test_store_imports_neither_textual_nor_anything_ui() -> None:
    code = (
        "import sys, legreader.store, legreader.store.anchoring, legreader.store.model;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_store_imports_tinydb() -> None:
    src = Path(__file__).resolve().parent.parent / "src" / "legreader"
    offenders = [
        p
        for p in src.rglob("*.py")
        if "store" not in p.relative_to(src).parts[:1]
        and any(
            line.lstrip().startswith(("import tinydb", "from tinydb"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
