"""Bylines into authors: how many bylines of tests/fixtures/bylines.tsv come out exactly right.

Run: PYTHONPATH=src python benchmarks/bylines_eval.py [--show]

Two name splitters under the same byline segmentation (lead-ins, roles, staff credits,
several authors: legreader.corpus.bylines): nameparser's HumanName (what legreader uses), and the
splitter legreader had before (last word the family name, lower-case particles kept with it,
an honorific or credential left in place). Prints the count right for each, and with --show
the bylines each gets wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

from legreader.corpus import bylines
from legreader.corpus.bylines import Author

CASES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bylines.tsv"
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le"}


def load_cases() -> list[tuple[str, str, list[Author]]]:
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


def old_split(text: str) -> Author:
    """legreader's splitter before nameparser (citations/source.py, issue 16)."""
    text = " ".join(text.split())
    if "," in text:
        family, _, given = text.partition(",")
        return Author(family=family.strip(), given=given.strip())
    words = text.split(" ")
    if len(words) < 2:
        return Author(literal=text)
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return Author(family=" ".join(words[i:]), given=" ".join(words[:i]))


def score(show: bool) -> dict[str, int]:
    cases = load_cases()
    results = {}
    for label, splitter in (("nameparser", None), ("old splitter", old_split)):
        right = 0
        patch = (
            mock.patch.object(bylines, "person_name", splitter)
            if splitter
            else mock.patch.object(bylines, "person_name", bylines.person_name)
        )
        bylines._parse_byline.cache_clear()  # parse_byline caches its answers
        with patch:
            for byline, outlet, expected in cases:
                got = bylines.parse_byline(byline, outlet or None)
                if got == expected:
                    right += 1
                elif show:
                    print(f"  [{label}] {byline!r}: {[a.display for a in got]} ({got})")
        results[label] = right
        print(f"{label}: {right} of {len(cases)} bylines right")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the bylines got wrong")
    args = parser.parse_args(argv)
    score(args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
