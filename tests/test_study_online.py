"""A study's record from a DOI / PMID / PMCID, against a local server that answers in each
API's real format (Crossref ``/works``, Europe PMC ``/search`` core JSON, E-utilities
``esearch`` JSON and ``efetch`` PubMed XML; fixtures in ``fixtures/api``, written from the
APIs' documentation), including errors, rate limiting, redirects, malformed payloads and
slow answers. No test touches the network."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from localhttp import LocalServer, Reply, Request, sequence

from legreader.corpus.loader import load_corpus
from legreader.net import HttpClient, NetPolicy, NotFound, Offline
from legreader.study.identifiers import Identifier, parse_identifier
from legreader.study.markup import sections_from_html, sections_from_jats
from legreader.study.online import Endpoints, look_up
from legreader.study.record import StudyRecord
from legreader.study.write import write_primary

API = Path(__file__).parent / "fixtures" / "api"
SAMPLE = Path(__file__).resolve().parents[1] / "sample_corpus" / "primary.md"
DOI = "10.3389/fnins.2018.00336"
PMID = "29875623"
FAST = NetPolicy(connect_timeout=2, read_timeout=0.5, deadline=5, retries=2, backoff=0.001)
JSON = "application/json;charset=UTF-8"
XML = "text/xml; charset=UTF-8"

CROSSREF = (API / "crossref_work.json").read_bytes()
EUROPEPMC = (API / "europepmc_search.json").read_bytes()
EFETCH = (API / "efetch_29875623.xml").read_bytes()
ESEARCH = (API / "esearch_doi.json").read_bytes()
EMPTY_EPMC = json.dumps(
    {"version": "6.9", "hitCount": 0, "request": {}, "resultList": {"result": []}}
)
EMPTY_EFETCH = b'<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n'


def europepmc_route(request: Request) -> Reply:
    query = request.arg("query") or ""
    assert request.arg("resultType") == "core" and request.arg("format") == "json"
    known = (f'DOI:"{DOI}"', f"EXT_ID:{PMID} AND SRC:MED", "PMCID:PMC5974248")
    return Reply(body=EUROPEPMC if query in known else EMPTY_EPMC, content_type=JSON)


def efetch_route(request: Request) -> Reply:
    assert request.arg("db") == "pubmed" and request.arg("tool") == "legreader"
    return Reply(body=EFETCH if request.arg("id") == PMID else EMPTY_EFETCH, content_type=XML)


def esearch_route(request: Request) -> Reply:
    found = request.arg("term") == f"{DOI}[doi]"
    body = ESEARCH if found else json.dumps({"esearchresult": {"count": "0", "idlist": []}})
    return Reply(body=body, content_type=JSON)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        srv.route(f"/crossref/works/{DOI}", Reply(body=CROSSREF, content_type=JSON))
        srv.route("/epmc/search", europepmc_route)
        srv.route("/eutils/efetch.fcgi", efetch_route)
        srv.route("/eutils/esearch.fcgi", esearch_route)
        yield srv


def endpoints(server: LocalServer) -> Endpoints:
    return Endpoints(
        crossref=server.url("/crossref"),
        eutils=server.url("/eutils"),
        europepmc=server.url("/epmc"),
    )


def look(server: LocalServer, text: str, policy: NetPolicy = FAST) -> StudyRecord:
    ident = parse_identifier(text)
    assert ident is not None
    with HttpClient(policy, sleep=lambda s: None) as client:
        return look_up(ident, client=client, endpoints=endpoints(server))


def check_sample_paper(record: StudyRecord) -> None:
    assert record.title == (
        "Reduction of Movement in Neurological Diseases: Effects on Neural Stem Cells "
        "Characteristics"
    )
    assert [a.display for a in record.authors][:2] == ["Raffaella Adami", "Jessica Pagano"]
    assert len(record.authors) == 9 and record.authors[-1].orcid == "0000-0002-1825-0097"
    assert (record.journal, record.volume, record.article_number) == (
        "Frontiers in Neuroscience",
        "12",
        "336",
    )
    assert record.published == "2018-05-23"
    assert (record.doi, record.pmid, record.pmcid) == (DOI, PMID, "PMC5974248")
    assert (record.received, record.accepted) == ("2018-01-16", "2018-05-04")
    assert [s.heading for s in record.abstract] == [
        "Background",
        "Methods",
        "Results",
        "Conclusions",
    ]
    assert record.abstract[0].paragraphs[0].endswith("to neural stem cells is less studied.")


# ------------------------------------------------------------------ identifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DOI, Identifier("doi", DOI)),
        (f"doi:{DOI}", Identifier("doi", DOI)),
        (f"DOI: {DOI}", Identifier("doi", DOI)),
        (f"https://doi.org/{DOI}", Identifier("doi", DOI)),
        (f"http://dx.doi.org/{DOI}", Identifier("doi", DOI)),
        (PMID, Identifier("pmid", PMID)),
        (f"PMID: {PMID}", Identifier("pmid", PMID)),
        (f"pmid{PMID}", Identifier("pmid", PMID)),
        (f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/", Identifier("pmid", PMID)),
        ("PMC5974248", Identifier("pmcid", "PMC5974248")),
        ("study.ris", None),
        ("refs/export.bib", None),
        ("10.1234", None),
        ("0000", None),
        ("", None),
    ],
)
def test_identifier_forms(text: str, expected: Identifier | None) -> None:
    assert parse_identifier(text) == expected


# ----------------------------------------------------------------- happy paths


def test_doi_to_record_asks_crossref_and_europepmc(server: LocalServer) -> None:
    record = look(server, DOI)
    check_sample_paper(record)
    # from Europe PMC: MeSH -> who was studied, the kind of study; affiliations filled in
    assert (record.subjects, record.study_type) == ("mice", "animal")
    assert record.authors[0].affiliations == (
        "Department of Health Science, University of Milan, Milan, Italy",
    )
    assert record.license == "CC BY 4.0"
    assert record.notes == ()
    assert len(server.hits(f"/crossref/works/{DOI}")) == 1
    assert server.hits("/eutils/efetch.fcgi") == []  # Europe PMC was enough
    ua = server.hits("/epmc/search")[0].headers["user-agent"]
    assert ua.startswith("legreader/")


def test_pmid_to_record_asks_pubmed_then_crossref(server: LocalServer) -> None:
    record = look(server, f"PMID: {PMID}")
    check_sample_paper(record)
    assert record.journal_abbrev == "Front Neurosci"
    assert record.keywords[:1] == ("Hindlimb unloading",)
    assert [r.path for r in server.requests] == ["/eutils/efetch.fcgi", f"/crossref/works/{DOI}"]


def test_pmcid_goes_through_europepmc(server: LocalServer) -> None:
    check_sample_paper(look(server, "PMC5974248"))


def test_written_record_matches_the_sample_primary(server: LocalServer, tmp_path: Path) -> None:
    written = write_primary(look(server, f"https://doi.org/{DOI}"), tmp_path)
    ours = load_corpus([tmp_path]).primary
    sample = load_corpus([SAMPLE]).primary
    assert ours is not None and sample is not None
    for key in (
        "title",
        "authors",
        "journal",
        "volume",
        "article_number",
        "published",
        "doi",
        "pmid",
        "url",
        "subjects",
        "study_type",
    ):
        assert ours.meta.get(key) == sample.meta.get(key), key
    text = written.path.read_text(encoding="utf-8")
    assert "## Background" in text and "## Conclusions" in text


def test_pubmed_mesh_gives_subjects_and_study_type(server: LocalServer) -> None:
    mesh = (
        b"<MeshHeadingList><MeshHeading><DescriptorName UI='D000818'>Animals</DescriptorName>"
        b"</MeshHeading><MeshHeading><DescriptorName UI='D051379'>Mice</DescriptorName>"
        b"</MeshHeading></MeshHeadingList>\n    <KeywordList"
    )
    server.route(
        "/eutils/efetch.fcgi",
        Reply(body=EFETCH.replace(b"<KeywordList", mesh, 1), content_type=XML),
    )
    record = look(server, PMID)
    assert (record.subjects, record.study_type) == ("mice", "animal")


# ------------------------------------------------------------ failures, fallbacks


def test_unknown_doi_is_not_found_in_one_line(server: LocalServer) -> None:
    with pytest.raises(NotFound) as caught:
        look(server, "10.9999/nothing.here")
    assert str(caught.value) == "DOI 10.9999/nothing.here not found in Crossref or Europe PMC"
    assert caught.value.url == "https://doi.org/10.9999/nothing.here"


def test_unknown_pmid_is_not_found(server: LocalServer) -> None:
    with pytest.raises(NotFound, match="PMID 12345 not found in PubMed"):
        look(server, "12345")
    # an empty set from efetch is an answer: Europe PMC is not asked in vain
    assert server.hits("/epmc/search") == []


def test_europepmc_down_falls_back_to_pubmed(server: LocalServer) -> None:
    server.route("/epmc/search", Reply(500, "Internal error", "text/plain"))
    record = look(server, DOI)
    check_sample_paper(record)
    assert len(server.hits("/epmc/search")) == 1 + FAST.retries
    assert server.hits("/eutils/esearch.fcgi") and server.hits("/eutils/efetch.fcgi")
    assert record.notes == ()


def test_crossref_rate_limited_then_answers(server: LocalServer) -> None:
    waits: list[float] = []
    server.route(
        f"/crossref/works/{DOI}",
        sequence(Reply(429, headers={"Retry-After": "1"}), Reply(body=CROSSREF, content_type=JSON)),
    )
    with HttpClient(FAST, sleep=waits.append) as client:
        record = look_up(Identifier("doi", DOI), client=client, endpoints=endpoints(server))
    assert waits == [1.0] and record.article_number == "336" and record.notes == ()


def test_crossref_malformed_keeps_europepmc_and_says_so(server: LocalServer) -> None:
    server.route(f"/crossref/works/{DOI}", Reply(body=b'{"status": "ok", "mess', content_type=JSON))
    record = look(server, DOI)
    assert record.pmid == PMID and record.journal == "Frontiers in Neuroscience"
    assert len(record.notes) == 1 and record.notes[0].startswith("Crossref could not be asked")
    assert "not valid JSON" in record.notes[0]


def test_crossref_wrong_shape_is_a_bad_payload(server: LocalServer) -> None:
    server.route(
        f"/crossref/works/{DOI}",
        Reply(body=b'{"status": "ok", "message": [1, 2]}', content_type=JSON),
    )
    record = look(server, DOI)
    assert "no work record" in record.notes[0]


def test_crossref_slow_times_out_and_europepmc_is_kept(server: LocalServer) -> None:
    server.route(f"/crossref/works/{DOI}", Reply(body=CROSSREF, content_type=JSON, delay=1.5))
    record = look(server, DOI, NetPolicy(read_timeout=0.3, retries=0))
    assert record.pmid == PMID and "timed out" in record.notes[0]


def test_crossref_redirect_is_followed(server: LocalServer) -> None:
    server.route(
        f"/crossref/works/{DOI.upper()}", Reply(301, headers={"Location": f"/crossref/works/{DOI}"})
    )
    ident = Identifier("doi", DOI.upper())
    server.route("/epmc/search", Reply(body=EMPTY_EPMC, content_type=JSON))
    with HttpClient(FAST) as client:
        record = look_up(ident, client=client, endpoints=endpoints(server))
    assert record.article_number == "336" and record.pmid is None


def test_malformed_efetch_falls_back_to_europepmc(server: LocalServer) -> None:
    server.route(
        "/eutils/efetch.fcgi", Reply(body=b"<PubmedArticleSet><PubmedArt", content_type=XML)
    )
    record = look(server, PMID)
    check_sample_paper(record)


def test_efetch_html_error_page_is_wrong_content_type(server: LocalServer) -> None:
    server.route("/eutils/efetch.fcgi", Reply(body=b"<html>Service unavailable</html>"))
    record = look(server, PMID)  # Europe PMC answers instead
    assert record.pmid == PMID


def test_offline_is_one_line() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    base = f"http://127.0.0.1:{port}"
    with HttpClient(FAST, sleep=lambda s: None) as client, pytest.raises(Offline) as caught:
        look_up(Identifier("doi", DOI), client=client, endpoints=Endpoints(base, base, base))
    assert "cannot reach 127.0.0.1" in str(caught.value) and "\n" not in str(caught.value)


def test_endpoints_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGREADER_CROSSREF_URL", "http://127.0.0.1:9/cr/")
    monkeypatch.delenv("LEGREADER_EUTILS_URL", raising=False)
    ep = Endpoints.from_env()
    assert ep.crossref == "http://127.0.0.1:9/cr"
    assert ep.eutils == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


# --------------------------------------------------------------- abstract markup


def test_jats_abstract_sections() -> None:
    jats = (
        "<jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title>"
        "<jats:p>Legs <jats:italic>matter</jats:italic>.</jats:p></jats:sec>"
        "<jats:sec><jats:title>Results</jats:title><jats:p>Cells fell by 70%.</jats:p>"
        "<jats:p>Second &amp; last.</jats:p></jats:sec>"
    )
    sections = sections_from_jats(jats)
    assert [(s.heading, s.paragraphs) for s in sections] == [
        ("Background", ("Legs matter.",)),
        ("Results", ("Cells fell by 70%.", "Second & last.")),
    ]
    plain = sections_from_jats("<jats:p>One paragraph only.</jats:p>")
    assert [(s.heading, s.paragraphs) for s in plain] == [("", ("One paragraph only.",))]
    broken = sections_from_jats("<jats:p>Unclosed <jats:bold>text")
    assert broken and "Unclosed" in broken[0].paragraphs[0]


def test_html_abstract_sections() -> None:
    html = "<h4>Objective</h4>To see.<h4>Results</h4>It <i>was</i> seen.<p>Twice.</p>"
    assert [(s.heading, s.paragraphs) for s in sections_from_html(html)] == [
        ("Objective", ("To see.",)),
        ("Results", ("It was seen.", "Twice.")),
    ]
    assert [s.heading for s in sections_from_html("Just text.")] == [""]


# ------------------------------------------------------------------ command line


@pytest.fixture
def api_env(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> LocalServer:
    monkeypatch.setenv("LEGREADER_CROSSREF_URL", server.url("/crossref"))
    monkeypatch.setenv("LEGREADER_EUTILS_URL", server.url("/eutils"))
    monkeypatch.setenv("LEGREADER_EUROPEPMC_URL", server.url("/epmc"))
    return server


def test_cli_study_doi_writes_the_primary_record(
    api_env: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legreader.cli import program as cli

    into = tmp_path / "corpus"
    assert cli.main(["study", f"doi:{DOI}", "--into", str(into)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"wrote the primary record {into / 'primary.md'} (crossref: ")
    assert captured.err == ""
    primary = load_corpus([into]).primary
    assert primary is not None and primary.meta["pmid"] == int(PMID)
    # a second time: the folder has its primary record; --force replaces it in place
    assert cli.main(["study", PMID, "--into", str(into)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("legreader: the folder already holds a primary record; --force")
    assert cli.main(["study", PMID, "--into", str(into), "--force"]) == 0
    assert capsys.readouterr().out.startswith(f"replaced the primary record {into / 'primary.md'}")


def test_cli_study_unknown_doi_is_one_line_exit_1(
    api_env: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legreader.cli import program as cli

    assert cli.main(["study", "10.9999/nope", "--into", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "legreader: DOI 10.9999/nope not found in Crossref or Europe PMC "
        "(https://doi.org/10.9999/nope)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_cli_study_notes_a_failed_source(
    api_env: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legreader.cli import program as cli

    api_env.route(f"/crossref/works/{DOI}", Reply(400, "bad", "text/plain"))
    assert cli.main(["study", DOI, "--into", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("legreader: note: Crossref could not be asked: ") and "400" in err


def test_cli_study_offline_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from legreader.cli import program as cli

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    for name in ("CROSSREF", "EUTILS", "EUROPEPMC"):
        monkeypatch.setenv(f"LEGREADER_{name}_URL", f"http://127.0.0.1:{port}")
    assert cli.main(["study", DOI, "--into", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"legreader: cannot reach 127.0.0.1:{port}")


def test_crossref_abstract_used_when_europepmc_has_none(server: LocalServer) -> None:
    work = json.loads(CROSSREF)
    work["message"]["abstract"] = (
        "<jats:title>Abstract</jats:title><jats:sec><jats:title>Aims</jats:title>"
        "<jats:p>To test.</jats:p></jats:sec>"
    )
    hit = json.loads(EUROPEPMC)
    del hit["resultList"]["result"][0]["abstractText"]
    server.route(f"/crossref/works/{DOI}", Reply(body=json.dumps(work), content_type=JSON))
    server.route("/epmc/search", Reply(body=json.dumps(hit), content_type=JSON))
    record = look(server, DOI)
    assert [(s.heading, s.paragraphs) for s in record.abstract] == [("Aims", ("To test.",))]
    assert record.pmid == PMID
