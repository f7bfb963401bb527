"""The cue scanner's gate stops at the literal starts of the cues, read through optional and
alternative groups (:func:`legreader.claims.prefixes.literal_prefixes`); the fast cue pass must
still equal the plain per-sentence one where those starts are near misses."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from legreader.claims.cues import SCAN_CUES, _literal_prefix
from legreader.claims.prefixes import literal_prefixes as _prefixes


def literal_prefixes(alt: str) -> tuple[str, ...]:
    return _prefixes(alt, _literal_prefix(alt))


def test_prefixes_read_through_groups() -> None:
    assert literal_prefixes(r"is\s+(?:still\s+)?(?:needed|required)\b") == (
        "is still n",
        "is still r",
        "is needed",
        "is require",
    )
    assert literal_prefixes(r"in\san?\s(?:interview|statement)\b") == ("in a inter", "in a state",
                                                                      "in an inte", "in an stat")  # fmt: skip
    assert literal_prefixes(r"it[’']s\s+best") == ("it’s best", "it's best")
    assert literal_prefixes(r"trials?") == ("trial", "trials")
    assert literal_prefixes(r"(?:x|)y") == ("xy", "y")
    assert literal_prefixes(r"research(?!er)") == ("research",)
    assert literal_prefixes(r"et\sal\b\.?") == ("et al",)
    assert literal_prefixes(r"x(?:a|b") == ("x",)  # unreadable: the plain literal start


def _as_gate(prefix: str) -> re.Pattern[str]:
    return re.compile(
        r"\s+".join(re.escape(w) for w in prefix.split(" ")) + ("\\s+" * prefix.endswith(" "))
    )


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_cue_match_starts_with_one_of_its_prefixes(data: st.DataObject) -> None:
    """Each scanned cue's matches in a text of its own words start with one of its prefixes."""
    name, cue = data.draw(st.sampled_from(SCAN_CUES))
    words = sorted({w for p in cue.prefixes for w in p.split()} | {"the", "a", "still", "not"})
    text = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    gates = [_as_gate(p) for p in cue.prefixes]
    for m in re.compile(cue).finditer(text):
        assert any(g.match(text, m.start()) for g in gates), (name, text, m.group())


NEAR_MISS = [
    "is", "still", "needed", "be", "are", "required", "it's", "it’s", "it", "best", "to", "worth",
    "noting", "a", "good", "idea", "in", "an", "interview", "statement", "you", "should", "may",
    "can", "want", "at", "higher", "risk", "more", "likely", "than", "study", "studies", "said",
    "they", "wrote", "states", "United", "further", "research", "needs", "remains", "be", "seen",
    "according", "researchers", "found", "that", "If", "keep", "linked", "associated", "with",
]  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\n", ". ", ", "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NEAR_MISS), SPACES), max_size=25))
def test_fast_cues_equal_reference_on_near_misses(parts: list[tuple[str, str]]) -> None:
    from legreader.claims import load_engine, sentences

    engine = load_engine()
    text = "".join(w + s for w, s in parts)
    sents = sentences(text)
    assert engine._cues_fast(text, sents) == [engine._cues_slow(text, s, e) for s, e in sents]
