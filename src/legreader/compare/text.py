"""Words and key terms: the small text toolkit alignment is built on (no NLP library)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: Function words and reporting verbs that say nothing about what is measured.
STOPWORDS = frozenset(
    """a an the of in on at to for from by with without and or but nor than as that which who
    whom whose this these those their its his her our your my was were is are be been being have
    has had do does did will would could should may might can must not no also only just about
    into over under between among out up down off when where while if then there here it they we
    he she you i me us them him what how why so very such same each every all some any most more
    less much many other another said says say according study studies researchers researcher
    scientists team found find shows show showed new one two per cent percent""".split()
)

_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "ed", "es", "s", "ly")


#: Reporting verbs that name the same act in a study ("tracked 1,200 adults" = "followed").
_SYNONYMS = {"track": "follow", "monito": "follow", "observ": "follow", "studi": "follow"}


def stem(word: str) -> str:
    """A crude, predictable stem: lower case, common suffix off, at most six letters.

    "reduced", "reduction", "reduces" -> "reduc"; "cells" -> "cell"; "sleeping" -> "sleep".
    """
    word = word.lower().replace("’", "'")
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return _SYNONYMS.get(word[:6], word[:6])


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for every word of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def content_terms(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order."""
    return [stem(w) for _, _, w in words(text) if w.lower() not in STOPWORDS and len(w) > 2]


class TermWeights:
    """Inverse document frequency over sentences: rare terms identify a claim, common ones do not."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        self._df: Counter[str] = Counter()
        self._idf: dict[str, float] = {}
        self._mass: dict[int, tuple[dict[str, float], float]] = {}
        self._n = 0
        for doc in documents:
            self._n += 1
            self._df.update(set(doc))

    #: Sentences of background assumed beside the compared ones: with only a handful of
    #: sentences (one article beside its abstract) every shared word would look common.
    PRIOR = 20

    def idf(self, term: str) -> float:
        known = self._idf.get(term)
        if known is None:
            prior = self.PRIOR
            known = math.log((1 + self._n + prior) / (1 + self._df.get(term, 0) + prior)) + 1.0
            self._idf[term] = known
        return known

    def mass(self, terms: dict[str, float]) -> float:
        """Sum of weight times rarity over ``terms`` (kept per profile: profiles are not
        changed once built, and a mention is compared with many)."""
        known = self._mass.get(id(terms))
        if known is None or known[0] is not terms:
            known = (terms, sum(w * self.idf(t) for t, w in terms.items()))
            self._mass[id(terms)] = known
        return known[1]

    def shared(self, a: dict[str, float], b: dict[str, float]) -> float:
        """Weight times rarity the two profiles share (each term at its smaller weight)."""
        if len(b) < len(a):
            a, b = b, a
        return sum(min(w, b[t]) * self.idf(t) for t, w in a.items() if t in b)

    def top(self, terms: Iterable[str], k: int) -> list[str]:
        """The ``k`` rarest distinct terms."""
        return sorted(set(terms), key=lambda t: (-self.idf(t), t))[:k]


def weighted_overlap(a: dict[str, float], b: dict[str, float], weights: TermWeights) -> float:
    """How much of ``a``'s weight ``b`` shares, 0..1 (weights times rarity)."""
    total = sum(w * weights.idf(t) for t, w in a.items())
    if total <= 0:
        return 0.0
    shared = sum(min(w, b[t]) * weights.idf(t) for t, w in a.items() if t in b)
    return shared / total


def norm_words(text: str) -> list[str]:
    """Lower-case words without punctuation, for quote comparison."""
    return [w.lower().replace("’", "'") for _, _, w in words(text)]
