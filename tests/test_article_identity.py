"""Stable article identity (issue 13, finding 5).

An article's id is its front-matter id, else its canonical URL, else a hash of its text's
opening plus its path in the corpus: never the order files load in. Adding copies never moves
an annotation onto another file; databases written with the old title-and-load-order ids are
mapped onto the right files, or reported when no single file fits.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import NoticeRecorder, ready, store_of, wait_for

from legreader.corpus.ids import resolve_missing_ids
from legreader.corpus.loader import content_id, load_corpus
from legreader.store import AnnotationStore, ArticleNote, make_annotation

TITLE = "Exercise cuts knee pain, study finds"
BODIES = {
    "a.md": "Walking cut pain by 70% in the trial. The authors urge caution.",
    "m.md": "Walking cut pain by 61% in the trial. Experts were not convinced.",
    "z.md": "A smaller study found no effect on pain at all. More work is needed.",
}


def write(path: Path, body: str, title: str = TITLE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\n---\n{body}\n", encoding="utf-8")


def corpus_folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name, body in BODIES.items():
        write(root / name, body)
    return root


def annotate_each(store: AnnotationStore, root: Path) -> dict[str, str]:
    """One annotation on the first sentence of each file; annotation id -> file name."""
    owner: dict[str, str] = {}
    for article in load_corpus([root]).articles:
        body = article.body
        end = body.index(".") + 1
        ann = store.add(make_annotation(article.id, body, 0, end, verdict="misleading"))
        owner[ann.id] = article.path.name
    return owner


def add_copies(root: Path, count: int = 40, *, twins: bool = True) -> None:
    """Same-title copies, some sorting first; with ``twins``, some with a text identical to
    an annotated file."""
    for i in range(count):
        folder = root / ("0-early" if i % 2 else "zz-late") / f"batch{i % 3}"
        twin = twins and i % 4 == 0
        body = BODIES["m.md"] if twin else f"Copy {i}: walking helped some people."
        write(folder / f"{i:02d}.md", body)
    write(root / "0.md", BODIES["a.md"] if twins else "An early copy with its own text.")


def test_forty_same_title_copies_never_move_an_annotation(tmp_path: Path) -> None:
    root = corpus_folder(tmp_path)
    with AnnotationStore.open(tmp_path / "db.json") as store:
        owner = annotate_each(store, root)
        before = {a.id: a.article_id for a in store.all()}
    add_copies(root)
    corpus = load_corpus([root])
    assert len(corpus.articles) == 3 + 41
    assert len({a.id for a in corpus.articles}) == len(corpus.articles)
    with AnnotationStore.open(tmp_path / "db.json") as store:
        for ann in store.all():
            assert ann.article_id == before[ann.id]  # the ids in the database still name...
            article = corpus.by_id(ann.article_id)
            assert article is not None and article.path == root / owner[ann.id]  # ...its file
            ((placed, _),) = [
                r for r in store.reanchor_article(article.id, article.body) if r[0].id == ann.id
            ]
            assert placed.status == "anchored" and article.body.startswith(placed.exact)


def test_ids_do_not_depend_on_the_order_of_the_folders_given(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write(one / "x.md", "Same text.")
    write(two / "x.md", "Same text.")
    forward = {str(a.path): a.id for a in load_corpus([one, two]).articles}
    backward = {str(a.path): a.id for a in load_corpus([two, one]).articles}
    assert forward == backward and len(set(forward.values())) == 2


def _legacy_ids(root: Path) -> dict[str, str]:
    """File name -> the id legreader gave it before issue 13 (title, opening, load order)."""
    used: set[str] = set()
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        base = legacy = content_id(TITLE, body)
        number = 2
        while legacy in used:
            legacy, number = f"{base}-{number}", number + 1
        used.add(legacy)
        out[path.name] = legacy
    return out


def test_old_title_derived_ids_are_mapped_onto_their_files(tmp_path: Path) -> None:
    root = corpus_folder(tmp_path)
    write(root / "twin1.md", BODIES["z.md"])  # an identical copy, there from the start
    old = _legacy_ids(root)
    quotes = {old[name]: [body.split(".")[0]] for name, body in BODIES.items()}
    quotes[old["twin1.md"]] = [BODIES["z.md"].split(".")[0]]
    add_copies(root, twins=False)  # the old scheme would now give these ids to other files
    corpus = load_corpus([root])
    assert corpus.by_id(old["a.md"]) is None  # no old id names a file now
    found = resolve_missing_ids(corpus, quotes)
    for name in ("a.md", "m.md"):  # the quote tells which same-title file it was
        article = corpus.by_id(found.moves[old[name]])
        assert article is not None and article.path == root / name
    # z.md and twin1.md are identical: which one an old id meant cannot be known.
    assert sorted(found.unresolved) == sorted([old["z.md"], old["twin1.md"]])


def test_a_renamed_file_keeps_its_annotations(tmp_path: Path) -> None:
    root = corpus_folder(tmp_path)
    with AnnotationStore.open(tmp_path / "db.json") as store:
        owner = annotate_each(store, root)
        (root / "m.md").rename(root / "renamed.md")
        corpus = load_corpus([root])
        quotes = {i: [a.exact for a in store.annotations_for(i)] for i in store.article_ids()}
        found = resolve_missing_ids(corpus, quotes)
        assert len(found.moves) == 1 and not found.unresolved
        store.set_article_note(ArticleNote(next(iter(found.moves)), note="kept"))
        assert store.move_article(found.moves) == 1
        moved = [a for a in store.all() if owner[a.id] == "m.md"]
        assert corpus.by_id(moved[0].article_id).path == root / "renamed.md"  # type: ignore[union-attr]
        assert store.article_note(moved[0].article_id).note == "kept"  # type: ignore[union-attr]


async def test_the_app_moves_old_ids_and_reports_what_it_cannot_place(tmp_path: Path) -> None:
    from legreader.ui.app import make_app

    root = corpus_folder(tmp_path)
    write(root / "twin1.md", BODIES["z.md"])
    old = _legacy_ids(root)
    db = tmp_path / "db.json"
    with AnnotationStore.open(db) as store:
        for name in ("a.md", "m.md", "z.md"):
            body = BODIES[name] + "\n"
            store.add(make_annotation(old[name], body, 0, body.index(".") + 1, verdict="false"))
    app = make_app([root], db)
    seen = NoticeRecorder(app).messages
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.store is not None)
        await wait_for(
            pilot, lambda: any(m.startswith("Moved ") and "to the new ids of" in m for m in seen)
        )
        ids = {a.article_id for a in store_of(app).all()}
        assert app.corpus is not None
        found = [app.corpus.by_id(i) for i in ids]
        paths = {a.path.name for a in found if a is not None}
        assert paths == {"a.md", "m.md"}
        assert old["z.md"] in ids  # kept, not dropped
        assert any("match no file in this corpus" in m for m in seen)


def test_an_edited_opening_keeps_its_annotations_and_shows_the_change(tmp_path: Path) -> None:
    """A stealth edit near the top changes the text part of the id; the path part finds the
    file again, and re-anchoring reports the edited passage as changed (never hidden)."""
    root = corpus_folder(tmp_path)
    with AnnotationStore.open(tmp_path / "db.json") as store:
        owner = annotate_each(store, root)
        write(root / "m.md", BODIES["m.md"].replace("61%", "16%"))
        corpus = load_corpus([root])
        quotes = {i: [a.exact for a in store.annotations_for(i)] for i in store.article_ids()}
        found = resolve_missing_ids(corpus, quotes)
        assert len(found.moves) == 1 and not found.unresolved
        assert store.move_article(found.moves) == 1
        (moved,) = [a for a in store.all() if owner[a.id] == "m.md"]
        article = corpus.by_id(moved.article_id)
        assert article is not None and article.path == root / "m.md"
        (result,) = store.reanchor_article(article.id, article.body)
        assert result[0].status == "changed"
