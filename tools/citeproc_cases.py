"""Write tests/fixtures/citeproc/cases.json: the sources whose citations are checked against
citeproc-js (the reference CSL processor), each with the CSL-JSON item citeproc-js is given.

Run from the repository root (offline): PYTHONPATH=src python tools/citeproc_cases.py
Then make the expected strings with tools/citeproc_expected.js (see tests/fixtures/citeproc/
README.md). The sources: every article of the test corpus (sample_corpus and the corpora and
pages in tests/fixtures), and invented ones for the cases those lack (prepositions in titles,
titles ending in ? or !, no author, no outlet, suffixes, group authors, many authors).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from legreader.cite import SourceInfo, csl_item
from legreader.cite.styles import short_title
from legreader.corpus.loader import load_corpus

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "citeproc" / "cases.json"
CORPORA = ["sample_corpus", "tests/fixtures/compare_corpus2", "tests/fixtures/heldout_corpus",
           "tests/fixtures/html"]  # fmt: skip
ACCESSED = "2026-01-02"

INVENTED: list[dict[str, Any]] = [
    dict(
        title="Exercise without weights: a guide through the evidence about legs",
        outlet="Motion Weekly",
        authors=("Ann Lee",),
        date="2020-02-03",
        url="https://motion.example/a",
    ),
    dict(
        title="Why your brain needs your legs, according to scientists",
        outlet="Daily Planet",
        date="2019-11",
        url="https://planet.example/legs",
    ),
    dict(
        title="Is sitting the new smoking? Experts say no",
        outlet="HealthBuzz",
        date="2021-04-01",
        url="https://healthbuzz.example/sitting",
    ),
    dict(
        title="Stop skipping leg day!",
        outlet="Gym Talk",
        authors=("Bo Chen", "Cy Dee"),
        date="2022-07-09",
        url="https://gymtalk.example/legs",
    ),
    dict(
        title="Don't skip leg day!",
        outlet="Gym Talk",
        date="2022-07-10",
        url="https://gymtalk.example/legs2",
    ),
    dict(
        title="What happens to the brain when mice stop walking?",
        date="2018-06-01",
        url="https://blog.example/mice",
        kind="blog",
    ),
    dict(
        title="Running between the lines: how movement shapes the mind",
        outlet="Mind Matters",
        authors=("Martin Luther King Jr.", "Reuters"),
        date="2018-05-30",
        url="https://mind.example/run",
    ),
    dict(
        title="Leg muscles talk to the brain through signals we barely understand",
        outlet="Science Wire",
        authors=("Ann Lee", "Bo Chen", "Cy Dee", "Di Eve"),
        date="2018-05-24",
        url="https://wire.example/legs",
    ),
    dict(
        title="Mice with idle legs make fewer neural stem cells",
        outlet="Lab Notes",
        authors=("Juan de la Vega III",),
        date="2018",
        url="https://labnotes.example/mice",
    ),
    dict(
        title="Walking as medicine: out of the gym and into daily life",
        outlet="NHS Choices",
        authors=("NHS Choices",),
        date="2017-03-02",
        url="https://nhs.example/walk",
    ),
    dict(
        title="Undated advice on legs and brains",
        outlet="Wellness Daily",
        url="https://wellness.example/undated",
    ),
    dict(title="A page with no outlet and no date", url="https://nowhere.example/page"),
]


def main() -> int:
    cases: list[dict[str, Any]] = []
    seen: set[str] = set()
    for folder in CORPORA:
        corpus = load_corpus([ROOT / folder])
        for article in corpus.all_articles():
            src = SourceInfo.from_article(article)
            if src.title_derived or not src.title:
                continue  # an untitled article: no CSL equivalent of "[Untitled article]"
            name = f"{Path(folder).name}/{article.path.name}"
            cases.append(_case(name, src))
    for i, fields in enumerate(INVENTED, 1):
        cases.append(_case(f"invented/{i:02d}", SourceInfo(**fields)))
    for case in cases:
        assert case["id"] not in seen, case["id"]
        seen.add(case["id"])
    OUT.write_text(json.dumps(cases, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(cases)} sources -> {OUT.relative_to(ROOT)}")
    return 0


def _case(case_id: str, src: SourceInfo) -> dict[str, Any]:
    source = {
        f.name: getattr(src, f.name)
        for f in dataclasses.fields(src)
        if getattr(src, f.name) not in (None, (), False, "article") and f.name != "id"
    }
    source["authors"] = list(src.authors)
    item = csl_item(src, item_id=case_id, accessed=ACCESSED)
    if not src.names and src.title:
        # CSL leaves the short title of an authorless source to the data; APA and MLA want
        # the title up to its colon, a few words (legreader's short_title).
        item["title-short"] = short_title(src.title)
    return {"id": case_id, "source": source, "accessed": ACCESSED, "csl": item}


if __name__ == "__main__":
    sys.exit(main())
