"""``legreader study``: the sample study in every offline format gives one and the same
primary record, equal to the hand-written sample's where a field exists; each format's
conventions (names, dates, article numbers, structured abstracts, full text) are read.
Hostile input is in ``test_study_hostile.py``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from legreader.cite import SourceInfo
from legreader.cli.program import main
from legreader.corpus.loader import load_corpus, split_front_matter
from legreader.study import PersonName, Section, StudyRecord, render_primary, write_primary
from legreader.study.dates import from_date_parts, iso_date, parse_date
from legreader.study.formats import FormatError, detect_format, parse_source, read_source
from legreader.study.formats._common import nlm_journal_title, split_inline_abstract
from legreader.study.formats.jats import sections_from_fragment
from legreader.study.write import author_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "study"
SAMPLE_PRIMARY = ROOT / "sample_corpus" / "primary.md"

SAMPLES = {
    "ris": "sample.ris",
    "bibtex": "sample.bib",
    "csl-json": "sample.json",
    "pubmed-xml": "sample-pubmed.xml",
    "medline": "sample.nbib",
    "jats": "sample-jats.xml",
}
#: Where the record came from: differs by format, by design.
PROVENANCE = {"source_format", "imported_from", "imported_at"}
#: What every format carries for the sample study.
CORE = {
    "kind",
    "title",
    "authors",
    "journal",
    "volume",
    "article_number",
    "published",
    "doi",
    "pmid",
    "url",
    "keywords",
}
#: The keys the hand-written sample has that a source can state.
SAMPLE_KEYS = (
    "title",
    "authors",
    "affiliations",
    "journal",
    "volume",
    "article_number",
    "published",
    "doi",
    "pmid",
    "url",
    "subjects",
    "study_type",
)


def _front_matter(text: str) -> dict[str, Any]:
    meta, _body = split_front_matter(text)
    assert meta is not None
    return meta


def _written(fmt: str) -> tuple[dict[str, Any], str]:
    records = read_source(FIXTURES / SAMPLES[fmt])
    assert len(records) == 1
    assert records[0].source_format == fmt
    text = render_primary(records[0], imported_at="2026-01-01T00:00:00+00:00")
    meta, body = split_front_matter(text)
    assert meta is not None
    return {k: v for k, v in meta.items() if k not in PROVENANCE}, body


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_each_format_detected_from_content_and_name(fmt: str) -> None:
    path = FIXTURES / SAMPLES[fmt]
    assert detect_format(path.read_bytes(), path.name) == fmt
    # The content decides, whatever the name says (a RIS file saved as .txt, XML as .dat).
    assert detect_format(path.read_bytes(), "download.dat") in (
        fmt,
        None if fmt == "bibtex" else fmt,
    )


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_each_format_has_the_core_fields(fmt: str) -> None:
    meta, _ = _written(fmt)
    assert CORE <= set(meta), CORE - set(meta)
    assert meta["kind"] == "primary"


def test_every_format_gives_the_same_front_matter() -> None:
    written = {fmt: _written(fmt)[0] for fmt in SAMPLES}
    for a in SAMPLES:
        for b in SAMPLES:
            shared = set(written[a]) & set(written[b])
            diff = {
                k: (written[a][k], written[b][k]) for k in shared if written[a][k] != written[b][k]
            }
            assert not diff, f"{a} vs {b}: {diff}"


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_each_format_round_trips_the_sample_record(fmt: str) -> None:
    sample = _front_matter(SAMPLE_PRIMARY.read_text(encoding="utf-8"))
    meta, _ = _written(fmt)
    compared = [k for k in SAMPLE_KEYS if k in meta]
    assert {
        "title",
        "authors",
        "journal",
        "volume",
        "article_number",
        "published",
        "doi",
        "pmid",
        "url",
    } <= set(compared)
    for key in compared:
        assert meta[key] == sample[key], key


def test_pubmed_formats_state_subjects_and_study_type() -> None:
    for fmt in ("pubmed-xml", "medline"):
        meta, _ = _written(fmt)
        assert meta["subjects"] == "mice"
        assert meta["study_type"] == "animal"
        assert "*Neural Stem Cells/physiology" in meta["mesh_terms"]


def test_the_abstract_is_the_body_in_every_format() -> None:
    bodies = {fmt: _written(fmt)[1] for fmt in SAMPLES}
    abstract = bodies["ris"]
    assert abstract.lstrip().startswith("# Reduction of Movement")
    assert "## Abstract" in abstract
    for fmt, body in bodies.items():
        if fmt == "jats":
            assert body.startswith(abstract.rstrip("\n")), fmt  # then the full text
        else:
            assert body == abstract, fmt


def test_jats_full_text_keeps_sections_and_leaves_floats_out() -> None:
    _, body = _written("jats")
    for heading in (
        "## Introduction",
        "## Materials and Methods",
        "### Animals",
        "### Cell Culture",
        "## Results",
    ):
        assert f"\n{heading}\n" in body
    assert "- proliferation was counted;\n- differentiation was scored." in body
    assert "(p < 0.05)" in body
    assert "28 days" in body  # &nbsp; from the (unread) DTD, as a space
    for left_out in ("figure caption", "not running text", "An invented reference"):
        assert left_out not in body
    meta, _ = _written("jats")
    assert meta["license"] == "CC BY 4.0"


def test_written_record_is_the_corpus_primary_and_cites_right(tmp_path: Path) -> None:
    record = read_source(FIXTURES / "sample-pubmed.xml")[0]
    written = write_primary(record, tmp_path, imported_at="2026-01-01T00:00:00+00:00")
    assert written.path == tmp_path / "primary.md" and not written.replaced
    corpus = load_corpus([tmp_path])
    assert corpus.primary is not None and not corpus.skipped
    assert corpus.primary.title.startswith("Reduction of Movement")
    assert corpus.primary.outlet == "Frontiers in Neuroscience"
    source = SourceInfo.from_article(corpus.primary)
    assert source.doi == "10.3389/fnins.2018.00336"
    assert [n.inverted for n in source.names][:2] == ["Adami, Raffaella", "Pagano, Jessica"]
    assert source.volume == "12" and source.number == "336"
    assert source.issued is not None and source.issued.iso() == "2018-05-23"


# ------------------------------------------------------------------ command line


def _run(*args: str) -> tuple[int, str, str]:
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["study", *args])
    return code, out.getvalue(), err.getvalue()


def test_cli_writes_refuses_then_replaces_with_force(tmp_path: Path) -> None:
    code, out, err = _run(str(FIXTURES / "sample.ris"), "--into", str(tmp_path))
    assert (code, err) == (0, "")
    assert "primary.md" in out
    first = (tmp_path / "primary.md").read_text(encoding="utf-8")
    code, out, err = _run(str(FIXTURES / "sample.bib"), "--into", str(tmp_path))
    assert code == 1 and out == ""
    assert err.startswith("legreader: ") and "--force" in err and err.count("\n") == 1
    assert (tmp_path / "primary.md").read_text(encoding="utf-8") == first
    code, out, err = _run(str(FIXTURES / "sample.bib"), "--into", str(tmp_path), "--force")
    assert code == 0 and out.startswith("replaced")
    assert (
        _front_matter((tmp_path / "primary.md").read_text(encoding="utf-8"))["source_format"]
        == "bibtex"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["primary.md"]


def test_cli_print_writes_nothing(tmp_path: Path) -> None:
    code, out, _ = _run(str(FIXTURES / "sample.nbib"), "--into", str(tmp_path / "new"), "--print")
    assert code == 0 and out.startswith("---\nkind: primary\n")
    assert not (tmp_path / "new").exists()


def test_a_free_name_when_primary_md_is_an_article(tmp_path: Path) -> None:
    (tmp_path / "primary.md").write_text(
        "---\ntitle: Not the study\n---\nA press article.\n", encoding="utf-8"
    )
    code, out, _ = _run(str(FIXTURES / "sample.json"), "--into", str(tmp_path))
    assert code == 0
    assert (
        (tmp_path / "primary.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: Not the study")
    )
    made = tmp_path / "reduction-of-movement-in-neurological-diseases-effects-on.md"
    assert made.exists() and made.name in out


def test_cli_several_records_need_pick(tmp_path: Path) -> None:
    two = tmp_path / "two.ris"
    other = "TY  - JOUR\nTI  - Another paper\nAU  - Doe, Jane\nDO  - 10.1000/other\nPY  - 2020\nER  - \n"
    two.write_text(
        (FIXTURES / "sample.ris").read_text(encoding="utf-8") + "\n" + other, encoding="utf-8"
    )
    code, out, err = _run(str(two), "--into", str(tmp_path / "c"))
    assert code == 2 and out == ""
    assert "2 records" in err and "  2. Another paper · 2020 · doi:10.1000/other" in err
    assert _run(str(two), "--into", str(tmp_path / "c"), "--pick", "2")[0] == 0
    assert "Another paper" in (tmp_path / "c" / "primary.md").read_text(encoding="utf-8")
    code, _, _ = _run(
        str(two), "--into", str(tmp_path / "d"), "--pick", "doi:10.3389/FNINS.2018.00336"
    )
    assert code == 0
    assert "Reduction of Movement" in (tmp_path / "d" / "primary.md").read_text(encoding="utf-8")
    code, _, err = _run(str(two), "--into", str(tmp_path / "e"), "--pick", "3")
    assert code == 1 and err == "legreader: --pick 3: the source holds 2 records\n"


def test_cli_identifier_without_the_online_part_is_one_line(tmp_path: Path) -> None:
    code, _, err = _run("10.3389/fnins.2018.00336", "--into", str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and err.startswith("legreader: ")
    code, _, err = _run(str(tmp_path / "missing.ris"), "--into", str(tmp_path))
    assert code == 1 and "no such file" in err


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (PersonName("Adami", "Raffaella"), "Raffaella Adami"),
        (PersonName("van der Berg", "Jan"), "Jan van der Berg"),
        (PersonName("García Márquez", "Gabriel"), "García Márquez, Gabriel"),
        (PersonName("King", "Martin Luther", "Jr."), "King, Martin Luther, Jr."),
        (PersonName(literal="ENIGMA Consortium"), "ENIGMA Consortium"),
        (PersonName("Smith", "R. J."), "R. J. Smith"),
    ],
)
def test_author_text_reads_back_to_the_same_name(name: PersonName, text: str) -> None:
    from legreader.cite.source import Name

    assert author_text(name) == text
    if not name.literal and not name.suffix:
        parsed = Name.parse(text)
        assert (parsed.family, parsed.given) == (name.family, name.given)


def test_bibtex_names_latex_particles_suffixes_groups() -> None:
    text = (
        "@article{k, title = {T{\\'e}st}, author = {Garc{\\'\\i}a M{\\'a}rquez, Gabriel and "
        "van der Berg, Jan and King, Jr, Martin Luther and {ENIGMA Consortium} and "
        'M{\\"u}ller, J{\\"o}rg and others}, year = 2019, month = may}'
    )
    record = parse_source(text.encode(), "bibtex")[0]
    assert record.title == "Tést"
    assert [a.inverted for a in record.authors] == [
        "García Márquez, Gabriel",
        "van der Berg, Jan",
        "King, Martin Luther, Jr",
        "ENIGMA Consortium",
        "Müller, Jörg",
    ]
    assert record.authors[3].literal == "ENIGMA Consortium"
    assert record.published == "2019-05"


def test_bibtex_url_and_doi_are_not_latex_decoded() -> None:
    text = "@misc{k, title={X}, url={https://example.org/a%20b_c}, doi={10.1000/a_b%c}}"
    record = parse_source(text.encode(), "bibtex")[0]
    assert record.url == "https://example.org/a%20b_c"
    assert record.doi == "10.1000/a_b%c"


def test_csl_json_particles_literals_crossref_dates_and_jats_abstract() -> None:
    item = {
        "type": "journal-article",
        "title": ["A <i>title</i>"],
        "container-title": ["Journal of Tests"],
        "author": [
            {
                "given": "Ludwig",
                "non-dropping-particle": "van",
                "family": "Beethoven",
                "ORCID": "http://orcid.org/0000-0002-1825-0097",
            },
            {"literal": "The Study Group"},
            {"given": "John", "family": "Smith", "suffix": "III"},
        ],
        "published-print": {"date-parts": [[2020, 6]]},
        "published-online": {"date-parts": [[2020, 5, 2]]},
        "issued": {"date-parts": [[2020, 5, 2]]},
        "abstract": "<jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title><jats:p>Why.</jats:p></jats:sec><jats:sec><jats:title>Methods</jats:title><jats:p>How.</jats:p></jats:sec>",
        "license": [{"URL": "https://creativecommons.org/licenses/by-nc/4.0/"}],
        "DOI": "10.1000/XYZ",
        "page": "101-109",
        "issue": "3",
    }
    import json

    record = parse_source(json.dumps({"status": "ok", "message": item}).encode(), "csl-json")[0]
    assert record.title == "A title"
    assert [a.display for a in record.authors] == [
        "Ludwig van Beethoven",
        "The Study Group",
        "John Smith III",
    ]
    assert record.authors[0].orcid == "0000-0002-1825-0097"
    assert (record.published_online, record.published_print, record.published) == (
        "2020-05-02",
        "2020-06",
        "2020-05-02",
    )
    assert [(s.heading, s.paragraphs) for s in record.abstract] == [
        ("Background", ("Why.",)),
        ("Methods", ("How.",)),
    ]
    assert record.license == "CC BY-NC 4.0"
    assert (record.pages, record.issue, record.article_number) == ("101-109", "3", None)


def test_pubmed_xml_structured_abstract_group_author_suffix_history() -> None:
    xml = b"""<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>123</PMID><Article>
<Journal><JournalIssue><Volume>5</Volume><Issue>2</Issue><PubDate><MedlineDate>2019 Mar-Apr</MedlineDate></PubDate></JournalIssue>
<Title>The Journal of neuroscience : the official journal of the Society for Neuroscience</Title></Journal>
<ArticleTitle>Does <i>it</i> work?</ArticleTitle>
<Pagination><MedlinePgn>101-9</MedlinePgn></Pagination>
<ELocationID EIdType="pii">S0000-0000(19)00001-1</ELocationID>
<Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Why.</AbstractText>
<AbstractText Label="METHODS AND RESULTS">How and what.</AbstractText>
<AbstractText Label="CONCLUSIONS">So.</AbstractText></Abstract>
<AuthorList><Author><LastName>King</LastName><ForeName>Martin L</ForeName><Suffix>Jr</Suffix>
<Identifier Source="ORCID">0000-0002-1825-0097</Identifier></Author>
<Author><CollectiveName>The Trial Group</CollectiveName></Author>
<Author><LastName>Doe</LastName><Initials>JA</Initials></Author></AuthorList>
<PublicationTypeList><PublicationType>Randomized Controlled Trial</PublicationType></PublicationTypeList>
</Article><MeshHeadingList><MeshHeading><DescriptorName>Humans</DescriptorName></MeshHeading>
<MeshHeading><DescriptorName>Mice, Inbred C57BL</DescriptorName></MeshHeading></MeshHeadingList>
</MedlineCitation><PubmedData><History>
<PubMedPubDate PubStatus="received"><Year>2018</Year><Month>11</Month><Day>2</Day></PubMedPubDate>
<PubMedPubDate PubStatus="accepted"><Year>2019</Year><Month>1</Month><Day>20</Day></PubMedPubDate>
</History><ArticleIdList><ArticleId IdType="pmc">PMC42</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle></PubmedArticleSet>"""
    record = parse_source(xml, "pubmed-xml")[0]
    assert record.title == "Does it work?"
    assert record.journal == "The Journal of Neuroscience"
    assert [a.inverted for a in record.authors] == [
        "King, Martin L, Jr",
        "The Trial Group",
        "Doe, J. A.",
    ]
    assert record.authors[0].orcid == "0000-0002-1825-0097"
    assert (record.pages, record.article_number) == ("101-9", None)
    assert (record.received, record.accepted, record.published) == (
        "2018-11-02",
        "2019-01-20",
        "2019-03",
    )
    assert record.pmcid == "PMC42"
    assert [s.heading for s in record.abstract] == [
        "Background",
        "Methods and results",
        "Conclusions",
    ]
    assert record.subjects == "humans, mice"
    assert record.study_type == "randomized controlled trial"
    body = render_primary(record)
    assert "\n## Background\n\nWhy.\n\n## Methods and results\n\nHow and what.\n" in body
    assert "## Abstract" not in body


def test_medline_inline_labels_become_sections() -> None:
    text = (
        "PMID- 1\nTI  - A trial.\nAB  - BACKGROUND: Why it matters. METHODS: We did\n"
        "      things. RESULTS: It worked (P < .05). CONCLUSIONS: Good.\nFAU - Doe, Jane\n"
        "AU  - Doe J\nCN  - The Group\nDP  - 2020 Spring\nPHST- 2019/12/01 00:00 [received]\n"
    )
    record = parse_source(text.encode(), "medline")[0]
    assert record.title == "A trial"
    assert [(s.heading, s.paragraphs) for s in record.abstract] == [
        ("Background", ("Why it matters.",)),
        ("Methods", ("We did things.",)),
        ("Results", ("It worked (P < .05).",)),
        ("Conclusions", ("Good.",)),
    ]
    assert [a.display for a in record.authors] == ["Jane Doe", "The Group"]
    assert record.published == "2020" and record.received == "2019-12-01"


def test_plain_abstract_with_a_colon_stays_one_section() -> None:
    text = "We asked one question: does it work? Note: it does. Results: fine."
    assert [s.heading for s in split_inline_abstract(text)] == [""]


def test_jats_structured_abstract_collab_unreferenced_affiliations() -> None:
    xml = b"""<article><front><journal-meta><journal-title>J Test</journal-title></journal-meta>
<article-meta><article-id pub-id-type="pmcid">PMC7</article-id><title-group><article-title>T</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Doe</surname><given-names>Jane</given-names><suffix>Jr.</suffix></name>
<contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id></contrib>
<contrib contrib-type="author"><collab>The Group</collab></contrib>
<contrib contrib-type="editor"><name><surname>Ed</surname><given-names>Itor</given-names></name></contrib></contrib-group>
<aff><label>a</label>Only Institute, Town.</aff>
<pub-date date-type="pub" publication-format="electronic" iso-8601-date="2021-02-03"><year>2021</year></pub-date>
<fpage>10</fpage><lpage>20</lpage>
<history><date date-type="received"><day>1</day><month>12</month><year>2020</year></date></history>
<abstract><sec><title>OBJECTIVE</title><p>Aim.</p></sec><sec><title>Results</title><p>Found.</p></sec></abstract>
<abstract abstract-type="graphical"><p>Picture.</p></abstract>
</article-meta></front></article>"""
    record = parse_source(xml, "jats")[0]
    assert [a.display for a in record.authors] == ["Jane Doe Jr.", "The Group"]
    assert record.authors[0].affiliations == ("Only Institute, Town",)
    assert record.authors[0].orcid == "0000-0002-1825-0097"
    assert (record.pages, record.published, record.received, record.pmcid) == (
        "10-20",
        "2021-02-03",
        "2020-12-01",
        "PMC7",
    )
    assert [(s.heading, s.paragraphs) for s in record.abstract] == [
        ("Objective", ("Aim.",)),
        ("Results", ("Found.",)),
    ]


def test_crossref_plain_abstract_fragment() -> None:
    assert sections_from_fragment("Plain text.") == (Section("", ("Plain text.",)),)
    assert sections_from_fragment("<jats:p>One.</jats:p><jats:p>Two.</jats:p>") == (
        Section("", ("One.", "Two.")),
    )


# ------------------------------------------------------------------ dates, misc


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2018/05/23/", "2018-05-23"),
        ("2018/05//", "2018-05"),
        ("2018 May 23", "2018-05-23"),
        ("2018 May-Jun", "2018-05"),
        ("23 May 2018", "2018-05-23"),
        ("May 23, 2018", "2018-05-23"),
        ("2018-05-23T10:00:00Z", "2018-05-23"),
        ("2018-02-30", "2018-02"),
        ("2018 Spring", "2018"),
        ("0999", None),
        ("no date", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_parts_and_parts() -> None:
    assert from_date_parts([["2018", 5, 23]]) == "2018-05-23"
    assert from_date_parts([[2018]]) == "2018"
    assert from_date_parts("2018") is None
    assert iso_date(2018, "Sept", 31) == "2018-09"


@pytest.mark.parametrize(
    ("nlm", "title"),
    [
        ("Frontiers in neuroscience", "Frontiers in Neuroscience"),
        ("Lancet (London, England)", "Lancet"),
        ("PLoS ONE", "PLoS ONE"),
        ("mBio", "mBio"),
        ("Journal of cell science", "Journal of Cell Science"),
    ],
)
def test_nlm_journal_titles(nlm: str, title: str) -> None:
    assert nlm_journal_title(nlm) == title


def test_unknown_format_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="unknown format"):
        parse_source(b"just some words\n")
    with pytest.raises(FormatError, match="JATS"):
        parse_source(b"<html><body>x</body></html>", "jats")


def test_record_cleans_and_normalises() -> None:
    record = StudyRecord(
        title="  A\x1b[2J title\n on two lines ",
        doi="https://doi.org/10.1000/ABC.",
        pmid="PMID: 00123",
        pmcid="456",
        keywords=("a", "A", " ", "b"),
    )
    assert record.title == "A title on two lines"
    assert (record.doi, record.pmid, record.pmcid) == ("10.1000/ABC", "123", "PMC456")
    assert record.keywords == ("a", "b")


def test_ris_variants_old_tags_crlf_bom_no_end_tag() -> None:
    text = (
        "\ufeffTY  - JOUR\r\nT1  - Old style title\r\nA1  - Doe, Jane\r\nJO  - J Old\r\n"
        "Y1  - 2001/02/03/\r\nAN  - 12345\r\nDP  - NLM\r\nC2  - PMC999\r\nKW  - one; two\r\n"
        "SP  - 10\r\nEP  - 12\r\nUR  - javascript:alert(1)\r\n"
    )
    record = parse_source(text.encode("utf-8"), "ris")[0]
    assert (record.title, record.journal, record.published) == (
        "Old style title",
        "J Old",
        "2001-02-03",
    )
    assert (record.pmid, record.pmcid, record.pages) == ("12345", "PMC999", "10-12")
    assert record.keywords == ("one", "two")
    assert record.url is None  # only http(s) links are kept
    assert [a.inverted for a in record.authors] == ["Doe, Jane"]


def test_force_keeps_the_article_id_of_the_same_study(tmp_path: Path) -> None:
    import shutil

    # The sample's primary record has the DOI URL: the new record gets the same id anyway.
    shutil.copytree(ROOT / "sample_corpus", tmp_path / "sample")
    before = load_corpus([tmp_path / "sample"]).primary
    assert before is not None
    record = read_source(FIXTURES / "sample.ris")[0]
    assert write_primary(record, tmp_path / "sample", force=True).replaced
    after = load_corpus([tmp_path / "sample"]).primary
    assert after is not None and after.id == before.id and after.path == before.path
    assert "id" not in after.meta

    # A hand-written record without URL or DOI: its (text-derived) id is written down.
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "study.md").write_text(
        "---\nkind: primary\ntitle: The study\n---\nNotes.\n", encoding="utf-8"
    )
    old = load_corpus([bare]).primary
    assert old is not None
    write_primary(record, bare, force=True)
    new = load_corpus([bare]).primary
    assert new is not None and new.id == old.id and new.meta["id"] == old.id

    # Another study (another DOI): a new id.
    other = tmp_path / "other"
    other.mkdir()
    (other / "p.md").write_text(
        "---\nkind: primary\ntitle: X\ndoi: 10.1000/other\n---\nX.\n", encoding="utf-8"
    )
    old = load_corpus([other]).primary
    write_primary(record, other, force=True)
    new = load_corpus([other]).primary
    assert old is not None and new is not None and new.id != old.id and "id" not in new.meta


def test_full_text_opening_without_a_section_is_not_read_as_abstract() -> None:
    xml = b"""<article><front><article-meta><title-group><article-title>T</article-title></title-group>
<abstract><p>The abstract.</p></abstract></article-meta></front>
<body><p>Opening paragraph.</p><sec><title>Methods</title><p>How.</p></sec></body></article>"""
    body = render_primary(parse_source(xml, "jats")[0]).split("\n---\n", 1)[1]
    assert (
        "## Abstract\n\nThe abstract.\n\n## Main text\n\nOpening paragraph.\n\n## Methods\n\nHow.\n"
        in body
    )


def test_cli_reads_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "sample.nbib").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = _run("-", "--into", str(tmp_path))
    assert (code, err) == (0, "") and "medline" in out
    meta = _front_matter((tmp_path / "primary.md").read_text(encoding="utf-8"))
    assert meta["imported_from"] == "stdin" and meta["pmid"] == 29875623
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    code, _, err = _run("-", "--into", str(tmp_path / "x"))
    assert code == 1 and err == "legreader: nothing on standard input (stdin)\n"
