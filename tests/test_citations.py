"""Cited quotes: each style against hand-checked strings, with missing author/date/title."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from legreader.cite import (
    QuoteStyle,
    SourceInfo,
    cite_passage,
    cite_quote,
    format_reference,
    nest_quotes,
    quote_from_body,
    quote_integrity,
)
from legreader.cite.source import Name, PartialDate

SEEDS = (
    Path(__file__).resolve().parents[2] / "shared" / "seeds"
)  # beside the repository (skipped when absent)

# The seed articles' metadata (see the seeds README); 004's outlet and URL are made up.
SMIECHOWSKI = SourceInfo(
    title="Why using your legs generates brain power",
    outlet="Easy Health Options",
    authors=("Jenny Smiechowski",),
    date="2018-06-10",
    url="https://example.org/legs",
)
UPDATED_ONLY = SourceInfo(  # 000: only "Updated: Jun 24, 2021"
    title="Leg Exercise Critical to Brain and Nervous System Health",
    updated="2021-06-24",
    kind="blog",
)
NOTHING = SourceInfo(title="Researcher: Leg training is also healthy for the brain")  # 001
NO_TITLE = SourceInfo(  # 003: title derived from its first line
    title="• Not using legs results in 20% fewer stem cells produced.", title_derived=True
)
STUDY = SourceInfo(
    title="Reduction of Movement in Neurological Diseases: Effects on Neural Stem Cells "
    "Characteristics",
    outlet="Frontiers in Neuroscience",
    authors=(
        "Raffaella Adami",
        "Jessica Pagano",
        "Michela Colombo",
        "Natalia Platonova",
        "Deborah Recchia",
        "Raffaella Chiaramonte",
        "Roberto Bottinelli",
        "Monica Canepari",
        "Daniele Bottai",
    ),
    date="2018-05-23",
    kind="primary",
    volume="12",
    number="336",
    doi="10.3389/fnins.2018.00336",
    pmid="29875623",
)
Q = "Leg use matters."
ALL_SOURCES = [SMIECHOWSKI, UPDATED_ONLY, NOTHING, NO_TITLE, STUDY]

EXPECTED = {
    (QuoteStyle.PLAIN, "SMIECHOWSKI"): "“Leg use matters.” — Jenny Smiechowski, “Why using your "
    "legs generates brain power”, Easy Health Options, 10 June 2018. https://example.org/legs",
    (QuoteStyle.PLAIN, "UPDATED_ONLY"): "“Leg use matters.” — “Leg Exercise Critical to Brain and "
    "Nervous System Health”, updated 24 June 2021",
    (QuoteStyle.PLAIN, "NOTHING"): "“Leg use matters.” — “Researcher: Leg training is also "
    "healthy for the brain”",
    (QuoteStyle.PLAIN, "NO_TITLE"): "“Leg use matters.”",
    (QuoteStyle.APA, "SMIECHOWSKI"): "“Leg use matters” (Smiechowski, 2018).\n\n"
    "Smiechowski, J. (2018, June 10). Why using your legs generates brain power. "
    "Easy Health Options. https://example.org/legs",
    (QuoteStyle.APA, "UPDATED_ONLY"): "“Leg use matters” (Leg Exercise Critical, 2021).\n\n"
    "Leg Exercise Critical to Brain and Nervous System Health. (2021, June 24).",
    (QuoteStyle.APA, "NOTHING"): "“Leg use matters” (Researcher, n.d.).\n\n"
    "Researcher: Leg training is also healthy for the brain. (n.d.).",
    (QuoteStyle.APA, "NO_TITLE"): "“Leg use matters” ([Untitled article], n.d.).\n\n"
    "[Untitled article]. (n.d.).",
    (QuoteStyle.MLA, "SMIECHOWSKI"): "“Leg use matters” (Smiechowski).\n\n"
    "Smiechowski, Jenny. “Why Using Your Legs Generates Brain Power.” Easy Health Options, "
    "10 June 2018, https://example.org/legs.",
    (QuoteStyle.MLA, "UPDATED_ONLY"): "“Leg use matters” (Leg Exercise Critical).\n\n"
    "Leg Exercise Critical to Brain and Nervous System Health. 24 June 2021.",
    (QuoteStyle.MLA, "NOTHING"): "“Leg use matters” (Researcher).\n\n"
    "Researcher: Leg Training Is Also Healthy for the Brain. Accessed 3 May 2024.",
    (QuoteStyle.MLA, "NO_TITLE"): "“Leg use matters” (Untitled article).\n\n"
    "Untitled article. Accessed 3 May 2024.",
    (QuoteStyle.CHICAGO, "SMIECHOWSKI"): "“Leg use matters.”\n\nJenny Smiechowski, “Why Using "
    "Your Legs Generates Brain Power,” Easy Health Options, June 10, 2018, "
    "https://example.org/legs.",
    (QuoteStyle.CHICAGO, "UPDATED_ONLY"): "“Leg use matters.”\n\n“Leg Exercise Critical to Brain "
    "and Nervous System Health,” last modified June 24, 2021.",
    (QuoteStyle.CHICAGO, "NOTHING"): "“Leg use matters.”\n\n“Researcher: Leg Training Is Also "
    "Healthy for the Brain.”",
    (QuoteStyle.CHICAGO, "NO_TITLE"): "“Leg use matters.”\n\nUntitled article.",
    (QuoteStyle.MARKDOWN, "SMIECHOWSKI"): "> Leg use matters.\n>\n> — Jenny Smiechowski, "
    "[Why using your legs generates brain power](https://example.org/legs), "
    "*Easy Health Options*, 10 June 2018",
    (QuoteStyle.MARKDOWN, "NOTHING"): "> Leg use matters.\n>\n> — “Researcher: Leg training is "
    "also healthy for the brain”",
    (QuoteStyle.MARKDOWN, "NO_TITLE"): "> Leg use matters.\n>\n> — unknown source",
}


@pytest.mark.parametrize(("style", "name"), sorted(EXPECTED))
def test_style_against_hand_checked_string(style: QuoteStyle, name: str) -> None:
    src = globals()[name]
    assert cite_quote(Q, src, style, accessed="2024-05-03") == EXPECTED[(style, name)]


def test_study_references_hand_checked() -> None:
    assert format_reference(STUDY, "apa") == (
        "Adami, R., Pagano, J., Colombo, M., Platonova, N., Recchia, D., Chiaramonte, R., "
        "Bottinelli, R., Canepari, M., & Bottai, D. (2018). Reduction of Movement in "
        "Neurological Diseases: Effects on Neural Stem Cells Characteristics. Frontiers in "
        "Neuroscience, 12, Article 336. https://doi.org/10.3389/fnins.2018.00336"
    )
    assert format_reference(STUDY, "mla") == (
        "Adami, Raffaella, et al. “Reduction of Movement in Neurological Diseases: Effects on "
        "Neural Stem Cells Characteristics.” Frontiers in Neuroscience, vol. 12, May 2018, "
        "article 336, https://doi.org/10.3389/fnins.2018.00336."
    )
    assert format_reference(STUDY, "chicago") == (
        "Raffaella Adami et al., “Reduction of Movement in Neurological Diseases: Effects on "
        "Neural Stem Cells Characteristics,” Frontiers in Neuroscience 12 (May 2018): 336, "
        "https://doi.org/10.3389/fnins.2018.00336."
    )


def test_study_option_adds_a_second_line_with_the_doi() -> None:
    for style in (
        QuoteStyle.PLAIN,
        QuoteStyle.MARKDOWN,
        QuoteStyle.APA,
        QuoteStyle.MLA,
        QuoteStyle.CHICAGO,
    ):
        without = cite_quote(Q, SMIECHOWSKI, style)
        with_study = cite_quote(Q, SMIECHOWSKI, style, study=STUDY)
        assert with_study.startswith(without + "\n")
        assert with_study.splitlines()[-1].count("10.3389/fnins.2018.00336") == 1
    assert cite_quote(Q, SMIECHOWSKI, "plain", study=STUDY).splitlines()[1] == (
        "Study: Raffaella Adami et al., “Reduction of Movement in Neurological Diseases: "
        "Effects on Neural Stem Cells Characteristics”, Frontiers in Neuroscience 12: 336, "
        "23 May 2018. https://doi.org/10.3389/fnins.2018.00336"
    )


def test_author_counts_in_each_style() -> None:
    two = SourceInfo(title="T", authors=("Ann Lee", "Bo Chen"), date="2020")
    three = SourceInfo(title="T", authors=("Ann Lee", "Bo Chen", "Cy Dee"), date="2020")
    assert "(Lee & Chen, 2020)" in cite_quote(Q, two, "apa")
    assert "Lee, A., & Chen, B. (2020)." in cite_quote(Q, two, "apa")
    assert "(Lee et al., 2020)" in cite_quote(Q, three, "apa")
    assert "Lee, Ann, and Bo Chen." in cite_quote(Q, two, "mla")
    assert "Lee, Ann, et al." in cite_quote(Q, three, "mla")
    assert "Ann Lee, Bo Chen, and Cy Dee, “T,”" in cite_quote(Q, three, "chicago")


def test_apa_month_only_date_and_name_forms() -> None:
    src = SourceInfo(title="T", authors=("Smiechowski, Jenny-Lee",), date="2018-06")
    assert format_reference(src, "apa") == "Smiechowski, J.-L. (2018, June). T."
    assert Name.parse("Ludwig van Beethoven") == Name("van Beethoven", "Ludwig")
    assert Name.parse("By Reuters").literal == "Reuters"
    assert PartialDate.parse("2018-13-40") == PartialDate(2018)
    assert PartialDate.parse("not a date") is None


@pytest.mark.parametrize("style", list(QuoteStyle))
@pytest.mark.parametrize("src", ALL_SOURCES)
def test_never_none_and_machine_formats_parse(style: QuoteStyle, src: SourceInfo) -> None:
    text = cite_quote("She said “it works” here.", src, style, study=STUDY)
    assert "None" not in text and "null" not in text
    if style is QuoteStyle.CSL_JSON:
        items = json.loads(text)
        assert items[0]["annote"] == "She said “it works” here."
        assert items[1]["DOI"] == "10.3389/fnins.2018.00336"
    if style is QuoteStyle.BIBTEX:
        assert text.count("{") == text.count("}")
        want = "@article{" if src.is_journal else ("@online{" if src.url else "@misc{")
        assert text.startswith(want)


def test_csl_json_item_hand_checked() -> None:
    item = json.loads(cite_quote(Q, SMIECHOWSKI, "csl-json", accessed="2024-05-03"))[0]
    assert item == {
        "id": "smiechowski2018why",
        "type": "article-newspaper",
        "title": "Why using your legs generates brain power",
        "container-title": "Easy Health Options",
        "author": [{"family": "Smiechowski", "given": "Jenny"}],
        "issued": {"date-parts": [[2018, 6, 10]]},
        "accessed": {"date-parts": [[2024, 5, 3]]},
        "URL": "https://example.org/legs",
        "annote": "Leg use matters.",
    }


def test_biblatex_hand_checked_and_escaped() -> None:
    assert cite_quote(Q, SMIECHOWSKI, "bibtex", accessed="2024-05-03") == (
        "@online{smiechowski2018why,\n"
        "  author = {Smiechowski, Jenny},\n"
        "  title = {Why using your legs generates brain power},\n"
        "  organization = {Easy Health Options},\n"
        "  date = {2018-06-10},\n"
        "  url = {https://example.org/legs},\n"
        "  urldate = {2024-05-03},\n"
        "  annotation = {Leg use matters.}\n"
        "}"
    )
    nasty = SourceInfo(title="50% of R&D_costs {x} \\ $5 #1 ~ ^", url="https://x.org/a{b}")
    entry = format_reference(nasty, "bibtex")
    assert r"50\% of R\&D\_costs \{x\} \textbackslash{} \$5 \#1 \textasciitilde{} " in entry
    assert "url = {https://x.org/a%7Bb%7D}" in entry
    assert format_reference(NO_TITLE, "bibtex") == "@misc{source,\n}"  # no URL: not @online


def test_source_info_from_article_adapter() -> None:
    article = SimpleNamespace(
        id="004",
        title="Why using your legs generates brain power",
        outlet=None,
        author="Jenny Smiechowski",
        published=None,
        updated=None,
        url=None,
        kind="article",
        meta={},
        title_derived=False,
    )
    src = SourceInfo.from_article(article)
    assert src.authors == ("Jenny Smiechowski",) and src.issued is None
    primary = SimpleNamespace(
        id="p",
        title="x",
        kind="primary",
        url=None,
        meta={
            "authors": ["Raffaella Adami", "Daniele Bottai"],
            "journal": "Frontiers in Neuroscience",
            "volume": 12,
            "article_number": 336,
            "doi": "https://doi.org/10.3389/fnins.2018.00336",
            "pmid": 29875623,
            "published": "2018-05-23",
            "title": "Reduction",
        },
    )
    study = SourceInfo.from_article(primary)
    assert (study.title, study.volume, study.number, study.doi, study.pmid) == (
        "Reduction",
        "12",
        "336",
        "10.3389/fnins.2018.00336",
        "29875623",
    )
    assert study.is_journal and study.link == "https://doi.org/10.3389/fnins.2018.00336"


# ---------------------------------------------------------------- the quote itself


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are absent")
def test_quote_from_seed_whitespace_ellipses_and_nesting() -> None:
    body = (SEEDS / "000_abff358e191bd961.txt").read_text(encoding="utf-8")
    start = body.index("Limiting physical activity")
    end = body.index("control group of mice.") + len("control group of mice.")
    assert quote_from_body(body, start, end) == (
        "… Limiting physical activity resulted in a 70% decrease of neural stem cells when "
        "compared to the control group of mice."
    )  # "What researchers found: Limiting …": starts mid-sentence
    start = body.index("Ground-breaking")
    end = body.index("not only on signals") + len("not only on signals")
    assert quote_from_body(body, start, end).endswith("dependent not only on signals …")
    assert quote_from_body(body, start, end).startswith("Ground-breaking research")
    start = body.index("“Our study")
    end = body.index("Italy.") + len("Italy.")
    quote = quote_from_body(body, start, end)
    assert quote.startswith("‘Our study supports") and "impacted,’ says Dr." in quote
    assert "“" not in quote and "”" not in quote


def test_quote_edges() -> None:
    assert quote_from_body("One two.\n\n  Three\tfour\n five.", 9, 30) == "Three four five."
    assert quote_from_body("He said, and then left.", 0, 9) == "He said …"  # comma dropped
    assert quote_from_body("Heading\nNext line", 0, 7) == "Heading"
    assert quote_from_body("abc", 5, 9) == ""
    assert quote_from_body('say "hi" now.', 0, 13) == "say ‘hi’ now."
    assert nest_quotes('“a” and "b" don’t') == "‘a’ and ‘b’ don’t"


def test_cite_passage_runs_the_whole_chain() -> None:
    body = "First sentence. The   legs\nmatter “a lot” to brains. Last."
    start = body.index("The")
    end = body.index("brains.") + len("brains.")
    assert cite_passage(body, start, end, SMIECHOWSKI, "apa").splitlines()[0] == (
        "“The legs matter ‘a lot’ to brains” (Smiechowski, 2018, para. 1)."
    )  # APA: a quote from a page without page numbers names its paragraph


def test_integrity_exact_whitespace_moved_and_changed() -> None:
    body = "Alpha beta gamma delta. Epsilon zeta eta."
    s = body.index("beta")
    e = s + len("beta gamma")
    assert quote_integrity("beta gamma", body, s, e).ok
    assert quote_integrity("beta\n gamma", body, s, e).ok  # whitespace only
    moved = quote_integrity("zeta eta", body, 0, 8)
    assert moved.ok and body[moved.start : moved.end] == "zeta eta"
    changed = quote_integrity("beta GAMMA delta", body, s, s + len("beta gamma delta"))
    assert not changed.ok
    assert changed.diff_text == "beta [-GAMMA-] {+gamma+} delta"
    gone = quote_integrity("beta gamma", "", 0, 10)
    assert not gone.ok and "gone" in gone.diff_text


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import sys, legreader.cite, legreader.cite.clipboard, legreader.cite.formats, "
        "legreader.cli.annotations, legreader.cite.transfer; print([m for m in sys.modules if m.split('.')[0] == 'textual'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
