"""Online study and URL import against a local server (no network).

Run: ``.venv/bin/python benchmarks/bench_study_net.py [--runs 7] [--latency 0.1] [--pages 50]``.

1. DOI -> primary record: :func:`legreader.study.online.look_up` (Crossref and Europe PMC at
   once, merge) and :func:`legreader.study.write.write_primary` (``primary.md``) against a local server that answers
   in each API's format (the test fixtures) after ``--latency`` seconds per request (100 ms:
   a good connection to the real services). Each run uses a new client (new connections,
   as the command does). Also PMID -> record (PubMed efetch, then Crossref). Target: DOI
   <= 0.5 s with 100 ms latency.
2. ``import URL...`` of ``--pages`` generated news pages (``import_pages.py``) served by the
   local server with the same latency: :func:`legreader.cli.importing.run_import` in-process,
   fetching concurrently. Target: >= 20 pages/s.

Medians over ``--runs``; every figure printed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from import_pages import generate_pages  # noqa: E402
from localhttp import LocalServer, Reply, Request  # noqa: E402

from legreader.cli.importing import run_import  # noqa: E402
from legreader.study.identifiers import parse_identifier  # noqa: E402
from legreader.study.online import Endpoints, look_up  # noqa: E402
from legreader.study.write import write_primary  # noqa: E402

API = ROOT / "tests" / "fixtures" / "api"
DOI = "10.3389/fnins.2018.00336"
PMID = "29875623"
JSON = "application/json;charset=UTF-8"


def api_server(latency: float) -> LocalServer:
    server = LocalServer(latency=latency)
    crossref = (API / "crossref_work.json").read_bytes()
    epmc = (API / "europepmc_search.json").read_bytes()
    efetch = (API / "efetch_29875623.xml").read_bytes()
    server.route(f"/crossref/works/{DOI}", Reply(body=crossref, content_type=JSON))
    server.route("/epmc/search", Reply(body=epmc, content_type=JSON))

    def fetch(request: Request) -> Reply:
        return Reply(body=efetch, content_type="text/xml")

    server.route("/eutils/efetch.fcgi", fetch)
    return server


def bench_lookup(runs: int, latency: float) -> None:
    with api_server(latency) as server:
        endpoints = Endpoints(
            crossref=server.url("/crossref"),
            eutils=server.url("/eutils"),
            europepmc=server.url("/epmc"),
        )
        for label, text in (("DOI", DOI), ("PMID", PMID)):
            ident = parse_identifier(text)
            assert ident is not None
            times = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory() as tmp:
                    start = time.perf_counter()
                    record = look_up(ident, endpoints=endpoints)
                    written = write_primary(record, Path(tmp))
                    times.append(time.perf_counter() - start)
                    assert written.path.is_file() and not record.notes, record.notes
            print(
                f"{label} -> primary record, {latency * 1000:.0f} ms latency per request: "
                f"median {statistics.median(times) * 1000:.0f} ms "
                f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; target <= 500 ms)"
            )


def bench_import(runs: int, latency: float, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files, _dups = generate_pages(Path(tmp) / "pages", count)
        with LocalServer(latency=latency) as server:
            for file in files:
                server.route(f"/{file.name}", Reply(body=file.read_bytes()))
            urls = [server.url(f"/{f.name}") for f in files]
            rates = []
            for n in range(runs):
                out, err = io.StringIO(), io.StringIO()
                into = Path(tmp) / f"out{n}"
                start = time.perf_counter()
                run_import(urls, into, update=False, out=out, err=err)
                elapsed = time.perf_counter() - start
                rates.append(count / elapsed)
                imported = len(out.getvalue().splitlines())
            print(
                f"import of {count} URLs, {latency * 1000:.0f} ms latency per request: "
                f"median {statistics.median(rates):.0f} pages/s "
                f"(min {min(rates):.0f}, max {max(rates):.0f}; {imported} imported, "
                f"{count - imported} duplicates skipped; target >= 20 pages/s)"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    bench_lookup(args.runs, args.latency)
    bench_import(max(1, args.runs // 2), args.latency, args.pages)


if __name__ == "__main__":
    main()
