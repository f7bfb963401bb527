"""``legreader study`` on hostile input: XML entities and DTDs (nothing expanded, read or
fetched), malformed and huge files, escape sequences and YAML/Markdown structure in fields,
awkward targets. Every failure is one line ``legreader: ...`` and exit 1, never a traceback."""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.cli.program import main
from legreader.corpus.loader import MAX_FRONT_MATTER_CHARS, load_corpus, split_front_matter
from legreader.study import PersonName, StudyRecord, render_primary, write_primary
from legreader.study.formats import MAX_SOURCE_BYTES, FormatError, parse_source, read_source

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "study"
ESCAPES = "\x1b]52;c;SGVsbG8=\x07\x1b[2J\x1b]0;pwned\x1b\\\x9b31m\x00\x7f"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["study", *args])
    return code, out.getvalue(), err.getvalue()


def _one_line_failure(tmp_path: Path, source: Path, *extra: str) -> str:
    code, out, err = _run(str(source), "--into", str(tmp_path / "corpus"), *extra)
    assert code == 1, err
    assert out == "" and err.startswith("legreader: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    assert not (tmp_path / "corpus" / "primary.md").exists()
    return err


# ------------------------------------------------------------------ XML


def _jats(doctype: str, title: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n<article><front><article-meta><title-group>'
        f"<article-title>{title}</article-title></title-group></article-meta></front></article>"
    ).encode()


def test_external_file_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    data = _jats(f'<!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>', "Title &x; end")
    record = parse_source(data, "jats")[0]
    assert "TOP-SECRET" not in record.title
    assert record.title == "Title end"


def test_billion_laughs_is_not_expanded() -> None:
    lol = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    data = _jats(f"<!DOCTYPE article [{lol}]>", "A &l9; B")
    try:
        record = parse_source(data, "jats")[0]
    except FormatError as exc:  # libxml2 refuses the declarations themselves
        assert "amplification" in str(exc)
    else:
        assert record.title == "A B"


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            hits.append(self.path)
            body = b'<!ENTITY x "FETCHED">'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_no_dtd_or_entity_is_fetched_over_the_network(http_server: tuple[str, list[str]]) -> None:
    base, hits = http_server
    for doctype in (
        f'<!DOCTYPE article SYSTEM "{base}/jats.dtd">',
        f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{base}/p.dtd"> %p;]>',
        f'<!DOCTYPE article [<!ENTITY x SYSTEM "{base}/x.txt">]>',
    ):
        try:
            records = parse_source(
                _jats(doctype, "T &x; U" if "ENTITY x" in doctype else "T"), "jats"
            )
        except FormatError:
            continue
        assert "FETCHED" not in records[0].title
    assert hits == []


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><MedlineCitation>",
        b"<article>" * 5000 + b"</article>" * 5000,
        b"<PubmedArticleSet><Other/></PubmedArticleSet>",
        b"<article><front><article-meta></article-meta></front></article>",
        b"\x00\x01\x02<article>",
    ],
    ids=["truncated", "deep", "no-article", "no-title", "binary"],
)
def test_malformed_xml_is_one_line(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "bad.xml"
    source.write_bytes(data)
    _one_line_failure(
        tmp_path, source, "--format", "jats" if b"Pubmed" not in data else "pubmed-xml"
    )


# ------------------------------------------------------------------ other formats


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bad.json", b'[{"title": "x", '),
        ("deep.json", b"[" * 200_000 + b"]" * 200_000),
        ("list.json", b"[1, 2, 3]"),
        ("bad.bib", b"@article{k, title = {never closed"),
        ("nokey.bib", b"@article{"),
        ("empty.ris", b"TY  - JOUR\nER  - \n"),
        ("png.ris", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10),
        ("empty.nbib", b"\n\n"),
        ("nothing.txt", b"hello world\n"),
        ("zero.ris", b""),
    ],
)
def test_malformed_files_are_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    _one_line_failure(tmp_path, source)


def test_folder_fifo_and_oversized_sources_are_refused_unread(tmp_path: Path) -> None:
    assert "is a folder" in _one_line_failure(tmp_path, FIXTURES)
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line_failure(tmp_path, fifo)  # and no hang
    huge = tmp_path / "huge.bib"
    with open(huge, "wb") as fh:
        fh.truncate(MAX_SOURCE_BYTES + 1)  # sparse: nothing is read
    assert "too large" in _one_line_failure(tmp_path, huge)


def test_a_huge_abstract_is_capped(tmp_path: Path) -> None:
    source = tmp_path / "big.ris"
    words = "word " * 1_000_000  # 5 MB on one line
    source.write_text(f"TY  - JOUR\nTI  - Big\nAB  - {words}\nER  - \n", encoding="utf-8")
    record = read_source(source)[0]
    assert sum(len(p) for s in record.abstract for p in s.paragraphs) <= 2_000_000
    written = write_primary(record, tmp_path / "c")
    corpus = load_corpus([tmp_path / "c"])
    assert corpus.primary is not None and corpus.primary.path == written.path


# ------------------------------------------------------------------ fields


def test_escape_sequences_are_cleaned_in_every_format(tmp_path: Path) -> None:
    # A real file around them: a few escape sequences do not make a file look binary.
    title = f"Evil{ESCAPES} title"
    filler = "An ordinary abstract sentence. " * 200
    sources = {
        "a.ris": f"TY  - JOUR\nTI  - {title}\nAU  - Doe{ESCAPES}, Jane\nAB  - Text{ESCAPES}. {filler}\nER  - \n",
        "a.bib": f"@article{{k, title = {{{title}}}, author = {{Doe{ESCAPES}, Jane}}, abstract = {{Text{ESCAPES}. {filler}}}}}",
        "a.json": json.dumps(
            [
                {
                    "title": title,
                    "author": [{"family": f"Doe{ESCAPES}", "given": "Jane"}],
                    "abstract": f"Text{ESCAPES}. {filler}",
                }
            ]
        ),
        "a.nbib": f"PMID- 1\nTI  - {title}\nFAU - Doe{ESCAPES}, Jane\nAB  - Text{ESCAPES}. {filler}\n",
    }
    for name, text in sources.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        record = read_source(path)[0]
        assert record.title == "Evil title", name
        assert record.authors[0].family == "Doe", name
        rendered = render_primary(record)
        assert not any(ch in rendered for ch in "\x1b\x07\x9b\x00\x7f"), name


def test_xml_character_references_to_controls_are_cleaned() -> None:
    # XML 1.0 forbids &#27; (lxml refuses it); C1 controls are allowed and must go.
    data = _jats("", "A&#x9b;31m&#x9d;0;x&#x9c; B")
    record = parse_source(data, "jats")[0]
    assert not any("\x80" <= ch <= "\x9f" for ch in record.title)


@pytest.mark.parametrize(
    "title",
    [
        "---\nkind: article\n---",
        "Title: with colon and 'quotes' and \"double\" #hash",
        "[bold]x[/] [@click=app.quit]q[/] :warning:",
        "- a list item? & *star* {braces} !tag",
        "null",
        "2018-05-23",
    ],
)
def test_structure_in_fields_round_trips_as_text(tmp_path: Path, title: str) -> None:
    record = StudyRecord(
        title=title,
        authors=(PersonName(literal="---"), PersonName("O'Brien: Jr", "#1")),
        abstract=(),
    )
    written = write_primary(record, tmp_path)
    corpus = load_corpus([tmp_path])
    assert corpus.primary is not None and corpus.primary.path == written.path
    meta, _ = split_front_matter(written.path.read_text(encoding="utf-8"))
    assert meta is not None and meta["kind"] == "primary"
    assert meta["title"] == " ".join(title.split())
    assert meta["authors"] == ["---", "O'Brien: Jr, #1"]


def test_paragraph_that_looks_like_a_heading_stays_a_paragraph() -> None:
    from legreader.study import Section

    record = StudyRecord(title="T", abstract=(Section("", ("# Not a heading", "--- not a rule")),))
    body = render_primary(record).split("---\n\n", 1)[1]
    assert "\n\\# Not a heading\n" in body and "\n\\--- not a rule\n" in body


def test_thousands_of_authors_keep_the_front_matter_under_the_corpus_cap(tmp_path: Path) -> None:
    def n(i: int) -> str:  # letters, not digits: a name with digits reads as a group's
        return "".join("abcdefghij"[int(d)] for d in str(i))

    authors = tuple(
        PersonName(
            f"Family{n(i)}",
            f"Given{n(i)}",
            affiliations=(f"Department {i}, A Long University Name, City",),
        )
        for i in range(3000)
    )
    record = StudyRecord(
        title="Big collaboration", authors=authors, keywords=tuple(f"k{i}" for i in range(500))
    )
    text = render_primary(record)
    meta_block = text.split("\n---\n", 1)[0]
    assert len(meta_block) < MAX_FRONT_MATTER_CHARS
    meta, body = split_front_matter(text)
    assert meta is not None
    assert meta["authors_total"] == 3000
    assert meta["authors"][:2] == ["Givena Familya", "Givenb Familyb"]
    assert meta["authors"][-1] == "Givencjjj Familycjjj" and len(meta["authors"]) == 20
    assert "## Authors" in body and "Givenbfaa Familybfaa" in body and "## Affiliations" in body
    write_primary(record, tmp_path)
    assert load_corpus([tmp_path]).primary is not None


def test_into_a_file_or_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = _run(str(FIXTURES / "sample.ris"), "--into", str(target))
    assert code == 1 and "not a folder" in err and err.count("\n") == 1
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, _, err = _run(str(FIXTURES / "sample.ris"), "--into", str(locked))
        assert code == 1 and err.startswith("legreader: cannot write")


def test_source_name_with_escape_bytes_is_shown_escaped(tmp_path: Path) -> None:
    source = tmp_path / "bad\x1b]0;x\x07.ris"
    source.write_bytes(b"not ris at all")
    code, _, err = _run(str(source), "--into", str(tmp_path / "c"))
    assert code == 1 and "\x1b" not in err and "\x07" not in err


def test_broken_bibtex_entries_are_counted_not_printed(tmp_path: Path) -> None:
    source = tmp_path / "lib.bib"
    good = (FIXTURES / "sample.bib").read_text(encoding="utf-8")
    source.write_text("@article{broken, title = {never closed\n\n" + good, encoding="utf-8")
    code, out, err = _run(str(source), "--into", str(tmp_path / "c"))
    assert code == 0, err
    assert err == "legreader: note: 1 broken entry in the file skipped\n"


@pytest.mark.parametrize("fmt", ["ris", "medline"])
def test_many_continuation_lines_are_joined_whole(fmt: str) -> None:
    # rispy joined them in quadratic time (two minutes for 4.5 MB); now linear.
    lines = "".join(f"      word{i}\n" for i in range(50_000))
    if fmt == "ris":
        text = f"TY  - JOUR\nTI  - Long\nAB  - start\n{lines}AB  - again\nER  - \n"
    else:
        text = f"PMID- 1\nTI  - Long\nAB  - start\n{lines}FAU - Doe, Jane\n"
    record = parse_source(text.encode(), fmt)[0]  # type: ignore[arg-type]
    words = " ".join(record.abstract[0].paragraphs).split()
    assert words[:2] == ["start", "word0"] and words[50_000] == "word49999"


def test_records_beyond_the_cap_are_left_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    import legreader.study.formats._common as common
    import legreader.study.formats.ris as ris

    monkeypatch.setattr(common, "MAX_RECORDS", 3)
    monkeypatch.setattr(ris, "MAX_RECORDS", 3)
    text = "".join(f"TY  - JOUR\nTI  - Paper {i}\nER  - \n" for i in range(5))
    records = parse_source(text.encode(), "ris")
    assert [r.title for r in records] == ["Paper 0", "Paper 1", "Paper 2"]
    assert records[0].notes == ("the file holds 5 records; only the first 3 were read",)


_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)


@settings(max_examples=150, deadline=None)
@given(title=_TEXT, family=_TEXT, given_name=_TEXT, keyword=_TEXT)
def test_any_text_round_trips_through_the_front_matter(
    title: str, family: str, given_name: str, keyword: str
) -> None:
    record = StudyRecord(
        title=title,
        authors=(PersonName(family, given_name),),
        journal=keyword,
        keywords=(keyword,),
    )
    meta, _ = split_front_matter(render_primary(record))
    assert meta is not None and meta["kind"] == "primary"
    assert meta["title"] == record.title
    if record.journal:
        assert meta["journal"] == record.journal and meta["keywords"] == [record.journal]
    if record.authors:
        from legreader.study.write import author_text

        assert meta["authors"] == [author_text(record.authors[0])]
    text = render_primary(record)
    assert not any(ch in text for ch in "\x1b\x00\x7f\x9b")
