"""Unit and property tests of the claim engine (pure domain, no Textual)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.claims import CATEGORIES, STRENGTHS, analyze, analyze_cached, sentences
from legreader.claims.quantities import parse_quantities
from legreader.claims.report import render_claims


def _q(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 70% decrease", [("70%", 70.0, "%")]),
        ("fell by seventy percent", [("seventy percent", 70.0, "%")]),
        ("rose 12 per cent", [("12 per cent", 12.0, "%")]),
        ("for twenty eight days", [("twenty eight days", 28.0, "days")]),
        ("a gene involved in", [("a gene", 1.0, "genes")]),
        ("affects two genes", [("two genes", 2.0, "genes")]),
        ("1,200 adults", [("1,200 adults", 1200.0, "participants")]),
        ("1.2 million people", [("1.2 million people", 1_200_000.0, "participants")]),
        ("a 6-week trial", [("6-week", 6.0, "weeks")]),
        ("half of the patients", [("half", 50.0, "%")]),
        ("aged 4 months", [("4 months", 4.0, "months")]),
        ("2.4kg", [("2.4kg", 2.4, "kg")]),
    ],
)
def test_parse_quantities(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert _q(text) == expected


def test_ranges_approx_and_bounds() -> None:
    (q,) = parse_quantities("between 50 and 70 percent")
    assert (q.low, q.high, q.value, q.unit) == (50.0, 70.0, 60.0, "%")
    (q,) = parse_quantities("50 to 70 %")
    assert (q.low, q.high) == (50.0, 70.0)
    (q,) = parse_quantities("roughly 300 calories")
    assert q.approx and q.unit == "calories"
    (q,) = parse_quantities("more than 3.5 kg")
    assert q.bound == ">" and not q.approx


def test_dates_ids_and_years_are_not_quantities() -> None:
    text = "Retrieved May 25, 2018. Published on the 23rd of May. Gene ABC5x1, doi 10.1000/xy-123."
    assert [q for q in parse_quantities(text) if q.unit] == []
    assert _q("in 2018 researchers found") == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Dr. Smith et al. found that 3.5 percent of U.S. adults were affected.", 1),
        ("The trial ran for 6 weeks. Results were published in 2020.", 2),
        ("See Fig. 2 (p. 14) for details. The St. Louis team agreed.", 2),
        ("Heading\nA sentence here. Another one!\n\n• A bullet\n• Another bullet", 5),
        ("Smith et al. (2019) reported it. Jones et al. did not.", 2),
    ],
)
def test_sentences(text: str, count: int) -> None:
    assert len(sentences(text)) == count


def test_no_sentence_crosses_a_blank_line() -> None:
    text = "First line without stop\n\nsecond paragraph continues"
    for start, end in sentences(text):
        assert "\n\n" not in text[start:end]


def test_categories_and_strength() -> None:
    spans = analyze("“Sleep matters,” says Dr. Lee. Poor sleep may raise blood pressure.")
    cats = {sp.category for sp in spans}
    assert {"quote", "attribution", "hedge", "causal"} <= cats
    causal = [sp for sp in spans if sp.category == "causal"]
    assert causal[0].strength == "conditional"
    direct = [sp for sp in analyze("Smoking causes cancer.") if sp.category == "causal"]
    assert direct[0].strength == "direct"
    corr = [sp for sp in analyze("Tea is linked to lower risk.") if sp.category == "causal"]
    assert corr[0].strength == "correlational"


def test_statistic_spans_carry_value_and_unit() -> None:
    stats = [sp for sp in analyze("Sales fell seventy percent.") if sp.category == "statistic"]
    assert (stats[0].value, stats[0].unit) == (70.0, "%")


def test_debris_is_promotional() -> None:
    text = "Advertisement\n\nClick here to subscribe!\n\nLeave a Reply\n\nThe study found a drop."
    promo = [sp.text for sp in analyze(text) if sp.category == "promotional"]
    assert promo == ["Advertisement", "Click here to subscribe!", "Leave a Reply"]


def test_animal_to_human_flag() -> None:
    text = "Skipping exercise reduces your brain power."
    flagged = [sp for sp in analyze(text, animal_study=True) if sp.flags]
    assert flagged and flagged[0].flags == ("animal-to-human",)
    assert not [sp for sp in analyze(text) if sp.flags]


def test_cached_returns_same_result() -> None:
    text = "Coffee may reduce risk by 10%."
    assert analyze_cached(text) == tuple(analyze(text))
    assert analyze_cached(text) is analyze_cached(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "word " * 20_000,
        "12 3.4 5,600 " * 2_000,
        "Ελληνικά 70% κείμενο. 中文句子。 مرحبا بالعالم “quote ‘open « unclosed",
        'He said "it may cause harm. And then nothing',
        "İİİ 50 percent ǅ 3 days",
    ],
)
def test_bad_input_no_crash(text: str) -> None:
    for sp in analyze(text):
        assert text[sp.start : sp.end] == sp.text


_categories = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        ".",
        " ",
        "\n",
        "\n\n",
        "%",
        "7",
        "Dr.",
        "may",
        "causes",
        " seventy percent",
        "said",
        "İ",
        "中",
        "study",
        "-",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_categories, st.text(max_size=6)), max_size=40).map("".join))
def test_spans_are_valid(text: str) -> None:
    spans = analyze(text)
    assert spans == sorted(spans, key=lambda sp: (sp.start, sp.end, sp.category))
    for sp in spans:
        assert 0 <= sp.start < sp.end <= len(text)
        assert text[sp.start : sp.end] == sp.text
        assert sp.category in CATEGORIES
        assert sp.strength is None or sp.strength in STRENGTHS
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.text
    prev_end = 0
    for start, end in sentences(text):
        assert prev_end <= start < end <= len(text)
        prev_end = end


def test_render_json_and_text() -> None:
    arts = [("a1", "T", "p.md", "Coffee may cause a 5% rise, says Dr. Ode.")]
    data = json.loads(render_claims(arts, "json"))
    claims = data["articles"][0]["claims"]
    assert data["articles"][0]["id"] == "a1" and claims
    assert {"start", "end", "text", "category", "reason"} <= set(claims[0])
    assert "causal:conditional" in render_claims(arts, "text")
    with pytest.raises(ValueError):
        render_claims(arts, "xml")


def test_engine_does_not_import_textual() -> None:
    code = "import sys, legreader.claims, legreader.claims.report; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the single-pass scanner equals the sentence-by-sentence reference ---------------------------

_cue_words = st.sampled_from([
    " ", " ", "\n", "\n\n", ".", ",", ":", "“", '"', "?", "!", "-", "İ", "may", "May", "MAY", "causes",
    "the", "results in", "linked to", "researchers", "said", "according to", "study", "if", "keep",
    "you should", "Without", "can", "mean more", "responsible", "Sign in", "%s", "20% off", "top of page",
    "Advertisement", "x" * 2100, "w " * 1100, "Dr.", "et al.", "3", "seventy percent", "it's best to", "in a statement", "would", "appears to",
    "further research is", "are needed", "associated with", "13% more", "higher in", "than", "reduces",
])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_cue_words, st.text(max_size=4)), max_size=40).map("".join))
def test_fast_cues_equal_reference(text: str) -> None:
    from legreader.claims import engine

    sents = sentences(text)
    assert engine._cues_fast(text, sents) == [engine._cues_slow(text, s, e) for s, e in sents]


def test_fast_cues_equal_reference_on_gold_articles() -> None:
    from pathlib import Path

    from legreader.claims import engine

    gold = Path(__file__).parent / "gold" / "claims_own_articles.json"
    texts = [a["text"] for a in json.loads(gold.read_text(encoding="utf-8"))]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted((Path(__file__).parent.parent / "sample_corpus").glob("*.md"))
    ]
    for text in texts:
        sents = sentences(text)
        assert engine._cues_fast(text, sents) == [engine._cues_slow(text, s, e) for s, e in sents]


def _strength(text: str) -> str | None:
    causal = [sp for sp in analyze(text) if sp.category == "causal"]
    return causal[0].strength if causal else None


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Can regular walks have a lasting impact on mood?", None),  # a question is not a claim
        (
            "People who can swim were, on average, affected less.",
            "direct",
        ),  # modal in another clause
        ("Without enough light, plants struggle to grow.", "direct"),
        ("They walked without stopping, then rested.", None),
        ("Higher prices mean fewer buyers.", "direct"),
        ("Air pollution is responsible for many deaths.", "direct"),
        ("The results in the second group were similar.", None),  # a noun after a determiner
        ("Noise is associated with poor sleep.", "correlational"),
        ("Warm weather tied to more hikers.", "correlational"),
        ("Salt intake leads to higher blood pressure.", "direct"),
    ],
)
def test_causal_rules(text: str, strength: str | None) -> None:
    assert _strength(text) == strength


def test_researchers_alone_is_not_a_study_cue() -> None:
    assert not [sp for sp in analyze("The researchers agreed.") if sp.category == "study"]
    assert [sp for sp in analyze("The research was small.") if sp.category == "study"]


@pytest.mark.parametrize(
    "text",
    [
        '"' * 3000 + " x",  # overlapping quote/\W branches once backtracked exponentially
        "word " * 20_000,
        "12 3.4 5,600 " * 8_000,
        ("Ελληνικά 70% κείμενο. 中文句子。 مرحبا “quote " * 2_500),
        'He said "it may cause harm. ' * 4_000,
        "Label:\n" * 10_000,
    ],
)
def test_bad_inputs_stay_fast(text: str) -> None:
    import time

    t0 = time.perf_counter()
    analyze(text)
    assert time.perf_counter() - t0 < 3.0  # ~0.1 s expected; only a blow-up fails this


def _reference_blocks_by_line(text: str) -> list[tuple[int, int]]:
    """The plain reference: every line searched for every reference shape."""
    from legreader.claims import cues

    out, pos, size = [], 0, len(text)
    while pos < size:
        nl = text.find("\n", pos)
        end = size if nl < 0 else nl
        if 0 < end - pos <= 600 and any(rx.search(text, pos, end) for rx in cues.REFERENCE_RES):
            out.append((pos, end))
        pos = end + 1
    return out


_reference_bits = st.sampled_from(
    [
        "Smith, A. B., ",
        "Lee, J. & ",
        " (2017). ",
        "( 2019a ) ",
        "Retrieved from ",
        '"A Study of Sleep in Adults." Sleep Journal, 2018, ',
        "“Salt and the Heart.” Times, 2019.",
        "30 Apr. 2018, ",
        "https://example.org/x ",
        "\n",
        "\n\n",
        " ",
        ", ",
        "2018",
        "x" * 300,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_reference_bits, st.text(max_size=6)), max_size=30).map("".join))
def test_reference_blocks_equal_line_by_line_reference(text: str) -> None:
    from legreader.claims import engine

    assert engine._reference_blocks(text) == _reference_blocks_by_line(text)
