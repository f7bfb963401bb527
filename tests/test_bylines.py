"""Bylines into authors (legreader.corpus.bylines), the loader's author lists, and the citations of
every article of the test corpus: no role, honorific, credential or staff credit as a name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legreader.cite import QuoteStyle, SourceInfo, cite_quote
from legreader.corpus.bylines import Author, authors_from_meta, classify, parse_byline
from legreader.corpus.html import import_html
from legreader.corpus.loader import Article, load_corpus

ROOT = Path(__file__).parents[1]
CASES = ROOT / "tests" / "fixtures" / "bylines.tsv"
CORPORA = [
    ROOT / "sample_corpus",
    ROOT / "tests" / "fixtures" / "compare_corpus2",
    ROOT / "tests" / "fixtures" / "heldout_corpus",
    ROOT / "tests" / "fixtures" / "html",
]


def _cases() -> list[tuple[str, str, list[Author]]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        byline, outlet, expected = (line.split("\t") + ["", ""])[:3]
        authors = []
        for item in filter(None, (x.strip() for x in expected.split(" ; "))):
            if item.startswith("="):
                authors.append(Author(literal=item[1:]))
            else:
                family, given, suffix = (item.split("|") + ["", ""])[:3]
                authors.append(Author(family=family, given=given, suffix=suffix))
        rows.append((byline, outlet, authors))
    return rows


@pytest.mark.parametrize(("byline", "outlet", "expected"), _cases(), ids=lambda v: str(v)[:40])
def test_byline_cases(byline: str, outlet: str, expected: list[Author]) -> None:
    assert parse_byline(byline, outlet or None) == expected


@pytest.mark.parametrize(("byline", "outlet", "expected"), _cases(), ids=lambda v: str(v)[:40])
def test_parsed_authors_read_back_the_same(
    byline: str, outlet: str, expected: list[Author]
) -> None:
    """What import writes (display strings) parses back to the same authors."""
    written = authors_from_meta(byline, outlet or None)
    assert [a for s in written for a in parse_byline(s, outlet or None)] == expected


def test_classify_groups_and_people() -> None:
    assert classify("Reuters").is_group
    assert classify("NHS Choices").is_group
    assert classify("Study Finds", outlet="Study Finds").is_group
    assert not classify("Ann Lee").is_group
    assert classify("Dr. Ann Lee, PhD") == Author(family="Lee", given="Ann")


def test_authors_from_meta_accepts_strings_lists_and_mappings() -> None:
    assert authors_from_meta("By Ann Lee and Bo Chen") == ("Ann Lee", "Bo Chen")
    assert authors_from_meta(["Ann Lee", "Dr. Bo Chen, PhD", "Staff writer"]) == (
        "Ann Lee",
        "Bo Chen",
    )
    assert authors_from_meta(
        [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}, {"literal": "Reuters"}]
    ) == ("Martin Luther King Jr.", "Reuters")
    assert authors_from_meta(None) == () and authors_from_meta("") == ()
    assert authors_from_meta(["Ann Lee", "Ann Lee"]) == ("Ann Lee",)


def test_loader_accepts_author_as_string_or_list(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\nauthor: By Dr. Ann Lee, Health Editor, and Bo Chen\n---\nText.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: B\nauthor:\n  - Ann Lee\n  - Staff writer\n  - literal: Reuters\n---\nText.\n",
        encoding="utf-8",
    )
    (tmp_path / "c.md").write_text(
        "---\ntitle: C\nauthors: [C Three, D Four]\n---\nText.\n", encoding="utf-8"
    )
    corpus = load_corpus([tmp_path])
    by_title = {a.title: a for a in corpus.articles}
    assert by_title["A"].authors == ("Ann Lee", "Bo Chen")
    assert by_title["B"].authors == ("Ann Lee", "Reuters")
    assert by_title["C"].authors == ("C Three", "D Four")
    assert by_title["C"].author == "C Three, D Four"  # the display line is unchanged
    assert SourceInfo.from_article(by_title["C"]).authors == ("C Three", "D Four")


def test_import_writes_author_as_a_list() -> None:
    data = (ROOT / "tests" / "fixtures" / "html" / "byline_honorifics.html").read_bytes()
    page = import_html(data, "byline_honorifics.html")
    assert page.authors == ("Lena Ortiz", "Tomas Wren Jr.")
    assert page.front_matter()["author"] == ["Lena Ortiz", "Tomas Wren Jr."]
    assert "author:\n- Lena Ortiz\n- Tomas Wren Jr.\n" in page.to_markdown()


def test_citations_of_names_with_suffixes_and_groups() -> None:
    src = SourceInfo(
        title="T", outlet="O", authors=("Martin Luther King Jr.", "Reuters"), date="2020"
    )
    apa = cite_quote("Q.", src, "apa")
    assert "King, M. L., Jr., & Reuters. (2020)" in apa
    assert "King, Martin Luther, Jr., and Reuters." in cite_quote("Q.", src, "mla")
    assert "Martin Luther King Jr. and Reuters" in cite_quote("Q.", src, "chicago")
    assert "author = {King, Jr., Martin Luther and {Reuters}}" in cite_quote("Q.", src, "bibtex")
    assert '"suffix": "Jr."' in cite_quote("Q.", src, "csl-json")


# ------------------------------------------------- every citation of the test corpus

#: Words that name a role or a staff credit, never a person.
ROLE_OR_STAFF = {
    "writer", "writers", "correspondent", "editor", "editors", "reporter", "reporters",
    "staff", "office", "desk", "newsroom", "redazione", "redaktion", "team", "columnist",
    "contributor", "journalist",
}  # fmt: skip
HONORIFICS = {"dr", "prof", "professor", "sir", "rev", "mr", "mrs", "ms", "dame"}
CREDENTIALS = {"phd", "md", "mph", "rn", "msc"}


def _corpus_articles() -> list[tuple[Article, Article | None]]:
    out: list[tuple[Article, Article | None]] = []
    for folder in CORPORA:
        corpus = load_corpus([folder])
        out.extend((a, corpus.primary) for a in corpus.all_articles())
    return out


def _raw_byline(article: Article) -> str:
    """The byline as the file has it (a page's author tags, not the imported list)."""
    if article.path.suffix == ".html":
        html = article.path.read_text(encoding="utf-8", errors="replace")
        found = re.findall(r"<meta name=\"?author\"? content=\"?([^\">]+)", html)
        found += re.findall(r'"author":\s*\[?(.{0,200})', html)
        return " ".join(found)
    meta = article.meta or {}
    values = [article.author, meta.get("author"), meta.get("authors")]
    return " ".join(str(v) for v in values if v)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


ARTICLES = _corpus_articles()


def test_the_test_corpus_has_the_bylines_this_checks() -> None:
    bylines = " ".join(_raw_byline(a) for a, _ in ARTICLES).casefold()
    for needle in ("staff writer", "correspondent", "redazione", "press office", "dr.", "md"):
        assert needle in bylines


@pytest.mark.parametrize("style", list(QuoteStyle))
@pytest.mark.parametrize(
    ("article", "primary"),
    ARTICLES,
    ids=[f"{a.path.parent.name}/{a.path.name}" for a, _ in ARTICLES],
)
def test_no_citation_prints_a_role_honorific_or_staff_credit_as_a_name(
    article: Article, primary: Article | None, style: QuoteStyle
) -> None:
    src = SourceInfo.from_article(article)
    study = SourceInfo.from_article(primary) if primary and primary is not article else None
    text = cite_quote("A quoted passage.", src, style, study=study, accessed="2026-01-02")
    # Words of the byline that are roles, honorifics, credentials or staff credits never show
    # (unless the title, outlet or URL has them: a headline may say "editor").
    own = _words(" ".join(filter(None, (src.title, src.outlet, src.url))))
    if study:
        own |= _words(" ".join(filter(None, (study.title, study.outlet, study.url))))
    own |= _words(" ".join(n.literal for n in src.names))  # "Frontiers Press Office"
    banned = _words(_raw_byline(article)) & (ROLE_OR_STAFF | HONORIFICS | CREDENTIALS)
    assert not (banned - own) & _words(text), text
    for name in src.names:
        parts = _words(f"{name.given} {name.family}")
        assert not parts & (ROLE_OR_STAFF | HONORIFICS | CREDENTIALS), name
    # An honorific never becomes an initial ("Adami, D. R."), a role never a family name
    # ("writer, S.").
    assert not re.search(r"\b(?:[Ww]riter|[Ss]taff|[Oo]ffice|[Cc]orrespondent), [A-Z]\.", text)
    if style is QuoteStyle.APA:
        for name in src.names:
            if name.given:
                assert f"{name.family}, {name.initials()}" in text


def test_nameparser_is_not_imported_at_start_up() -> None:
    """nameparser loads on the first name split (a citation), not with the corpus loader."""
    import subprocess
    import sys

    code = "import sys, legreader.corpus.loader, legreader.corpus.html; print('nameparser' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


def test_huge_author_values_are_capped() -> None:
    from legreader.corpus.bylines import MAX_AUTHORS

    many = [f"Ann Lee{i:04d}" for i in range(5_000)]
    assert len(authors_from_meta(many)) == MAX_AUTHORS
    assert len(authors_from_meta(", ".join(f"Ann Lee{i}" for i in range(5_000)))) <= MAX_AUTHORS
    assert authors_from_meta("x" * 100_000)  # one long word: a group, read, not hanging
