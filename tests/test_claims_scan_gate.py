"""The cue scanner's gate stops at the literal starts of the cues (the non-word character before
a word, then the start); the fast cue pass must equal the plain per-sentence one where those
starts are near misses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

NEAR_MISS = [
    "is", "still", "needed", "be", "are", "required", "it's", "it’s", "it", "best", "to", "worth",
    "noting", "a", "good", "idea", "in", "an", "interview", "statement", "you", "should", "may",
    "can", "want", "at", "higher", "risk", "more", "likely", "than", "study", "studies", "said",
    "they", "wrote", "states", "United", "further", "research", "needs", "remains", "be", "seen",
    "according", "researchers", "found", "that", "If", "keep", "linked", "associated", "with",
]  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\n", ". ", ", ", "(", "“", "-", "—", "'", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NEAR_MISS), SPACES), max_size=25))
def test_fast_cues_equal_reference_on_near_misses(parts: list[tuple[str, str]]) -> None:
    from legreader.claims import load_engine, sentences

    engine = load_engine()
    text = "".join(w + s for w, s in parts)
    sents = sentences(text)
    assert engine._cues_fast(text, sents) == [engine._cues_slow(text, s, e) for s, e in sents]
