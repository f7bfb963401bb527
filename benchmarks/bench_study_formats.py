"""Study formats: how long each offline format takes to read, and the parsers chosen against
their alternatives, on the same generated files.

Run: ``PYTHONPATH=src python benchmarks/bench_study_formats.py [--records 2000] [--runs 5]
[--peers DIR]``.

Each file holds ``--records`` copies of the sample study (``tests/fixtures/study/``), each
with its own title and DOI. Printed, medians of ``--runs``:

1. ``parse_source`` per format (the whole path: decoding, cleaning, parsing, the records);
2. the raw parsers: rispy against a minimal hand-written RIS splitter; bibtexparser 2 against
   pybtex; lxml (the safe configuration of ``xmlsafe``) against the standard library's
   ElementTree and defusedxml. Peers that are not installed are named and skipped;
   ``--peers DIR`` adds a folder to ``sys.path`` (``pip install --target DIR pybtex
   defusedxml`` keeps them out of the project's environment).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "study"
sys.path.insert(0, str(ROOT / "src"))

from legreader.study.formats import parse_source  # noqa: E402
from legreader.study.formats.xmlsafe import parse_xml  # noqa: E402


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _copies(text: str, n: int, entry: re.Pattern[str], retitle: Callable[[str, int], str]) -> str:
    match = entry.search(text)
    assert match is not None, entry.pattern
    one = match.group(0)
    return (
        text[: match.start()] + "\n".join(retitle(one, i) for i in range(n)) + text[match.end() :]
    )


def build(n: int) -> dict[str, bytes]:
    def title(s: str, i: int) -> str:
        return s.replace("Reduction of Movement", f"Reduction {i} of Movement").replace(
            "fnins.2018.00336", f"fnins.2018.{i:05d}"
        )

    read = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("sample*")}
    out = {
        "ris": _copies(read["sample.ris"], n, re.compile(r"TY  - .*?ER  - \n", re.S), title),
        "bibtex": _copies(
            read["sample.bib"],
            n,
            re.compile(r"@article\{.*\n\}\n", re.S),
            lambda s, i: title(s, i).replace("{adami2018", f"{{adami{i}"),
        ),
        "csl-json": "["
        + ",".join(title(read["sample.json"].strip()[1:-1], i) for i in range(n))
        + "]",
        "pubmed-xml": _copies(
            read["sample-pubmed.xml"],
            n,
            re.compile(r"<PubmedArticle>.*</PubmedArticle>", re.S),
            title,
        ),
        "medline": _copies(read["sample.nbib"], n, re.compile(r"PMID- .*", re.S), title),
    }
    return {k: v.encode("utf-8") for k, v in out.items()}


def hand_ris(text: str) -> list[dict[str, list[str]]]:
    """A minimal RIS splitter: what we would keep if rispy went."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    last = ""
    for line in text.split("\n"):
        if len(line) >= 6 and line[2:6] == "  - ":
            tag, value = line[:2], line[6:].strip()
            if tag == "TY":
                current = {}
            elif tag == "ER":
                if current is not None:
                    records.append(current)
                current = None
                continue
            if current is not None:
                current.setdefault(tag, []).append(value)
                last = tag
        elif current is not None and last and line.strip():
            current[last][-1] += " " + line.strip()
    return records


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peers", metavar="DIR")
    ns = parser.parse_args()
    if ns.peers:
        sys.path.append(ns.peers)
    files = build(ns.records)
    print(f"{ns.records} records per file, medians of {ns.runs} runs")
    print("\n1. parse_source (decode, clean, parse, records)")
    for fmt, data in files.items():
        count = len(parse_source(data, fmt))  # type: ignore[arg-type]
        assert count == ns.records, (fmt, count)
        seconds = _median(lambda d=data, f=fmt: parse_source(d, f), ns.runs)  # type: ignore[misc]
        print(
            f"   {fmt:<11} {len(data) / 1e6:6.2f} MB  {seconds * 1000:8.1f} ms  "
            f"{ns.records / seconds:9.0f} records/s"
        )
    jats = (FIXTURES / "sample-jats.xml").read_bytes()
    seconds = _median(lambda: [parse_source(jats, "jats") for _ in range(100)], ns.runs)
    print(f"   jats        one full-text article: {seconds * 10:.2f} ms")

    print("\n2. parsers alone")
    ris = files["ris"].decode()
    import rispy

    print(
        f"   RIS   rispy.loads        {_median(lambda: rispy.loads(ris, skip_unknown_tags=True), ns.runs) * 1000:8.1f} ms"
    )
    print(f"   RIS   hand-written split {_median(lambda: hand_ris(ris), ns.runs) * 1000:8.1f} ms")
    bib = files["bibtex"].decode()
    import bibtexparser

    print(
        f"   BibTeX bibtexparser 2    {_median(lambda: bibtexparser.parse_string(bib), ns.runs) * 1000:8.1f} ms"
    )
    try:
        from pybtex.database import parse_string as pybtex_parse
    except ImportError:
        print("   BibTeX pybtex            not installed (--peers DIR)")
    else:
        print(
            f"   BibTeX pybtex            {_median(lambda: pybtex_parse(bib, 'bibtex'), ns.runs) * 1000:8.1f} ms"
        )
    xml = files["pubmed-xml"]
    import xml.etree.ElementTree as ElementTree

    print(f"   XML   lxml (safe config) {_median(lambda: parse_xml(xml), ns.runs) * 1000:8.1f} ms")
    print(
        f"   XML   ElementTree        {_median(lambda: ElementTree.fromstring(xml), ns.runs) * 1000:8.1f} ms"
    )
    try:
        import defusedxml.ElementTree as DefusedTree
    except ImportError:
        print("   XML   defusedxml         not installed (--peers DIR)")
    else:
        print(
            f"   XML   defusedxml         {_median(lambda: DefusedTree.fromstring(xml), ns.runs) * 1000:8.1f} ms"
        )


if __name__ == "__main__":
    main()
