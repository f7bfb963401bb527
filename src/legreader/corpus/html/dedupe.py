"""Is this page already in the corpus? Same URL (normalised) or nearly the same text (MinHash
LSH over word shingles, checked exactly): :class:`DuplicateIndex`. No Textual import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from legreader.corpus.html.page import ImportedPage

# --------------------------------------------------------------------- duplicates

_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "_ga")


def normalise_url(url: str | None) -> str | None:
    """A comparable form: no scheme, no ``www.``, no trailing slash, fragment or utm params."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PARAMS)
    )
    path = re.sub(r"/+$", "", parts.path) or ""
    path = re.sub(r"/index\.html?$", "", path)
    return urlunsplit(("", host, path, urlencode(query), "")).lstrip("/")


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """An existing article the imported page is a copy of."""

    article_id: str
    reason: str
    """``"same URL"`` or ``"near-identical text"``."""
    score: float
    """1.0 for the same URL; the share of shared word 5-grams for text."""


#: Share of shared word 5-grams from which two texts are "near-identical".
TEXT_DUPLICATE_THRESHOLD = 0.85
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 5) -> set[int]:
    """Hashes of the text's overlapping k-word sequences (case and punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {hash(tuple(words))} if words else set()
    return {hash(gram) for gram in zip(*(words[i:] for i in range(k)), strict=False)}


def text_similarity(a: AbstractSet[int], b: AbstractSet[int]) -> float:
    """Containment of the smaller shingle set in the larger, if their sizes are comparable."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) < 0.5 * len(large):
        return len(a & b) / len(a | b)  # very different lengths: plain Jaccard
    return len(small & large) / len(small)


#: MinHash size and LSH banding: 64 bands of 2 rows. Two texts become candidates with
#: probability 1 - (1 - J**2)**64 (J their Jaccard similarity): > 0.9999 from J = 0.35, the
#: lowest Jaccard at which :func:`text_similarity` can reach the threshold (containment 0.85
#: of a text half the size of the other); 0.47 at J = 0.1, and next to nothing for unrelated
#: articles (J < 0.02). Candidates are then scored exactly, so the index only saves work.
_NUM_PERM = 128
#: The lowest Jaccard similarity of two texts that :func:`text_similarity` can call duplicates:
#: containment 0.85 of a text half the size of the other (0.85 * 0.5 / (1 + 0.5 - 0.425)).
_MIN_DUPLICATE_JACCARD = 0.395
_NUM_BANDS = 64
_MINHASH_SEED = 14


class DuplicateIndex:
    """Articles indexed for the duplicate check: each new page costs about the same however
    many articles are indexed (no pairwise comparison with every article).

    URLs go in a dict (normalised form). Texts go in a MinHash LSH index (``rensa``) of their
    word 5-grams; only the candidates it returns are scored with :func:`text_similarity`.

    rensa (Rust, no dependencies) rather than datasketch, measured on 1,000 page bodies with
    their shingles made: MinHash + LSH insert and query 0.09 s against 3.0 s, and the import
    1.5 ms against 0.87 s (datasketch brings numpy and scipy), which alone would have cost a
    50-page import more than trafilatura's own time.
    """

    def __init__(self) -> None:
        import rensa

        self._rensa = rensa
        self._by_url: dict[str, str] = {}
        self._lsh = rensa.RMinHashLSH(0.35, _NUM_PERM, _NUM_BANDS)
        self._ids: list[str] = []
        self._shingles: list[AbstractSet[int]] = []
        self._sketches: list[Any] = []
        self._last: tuple[str, AbstractSet[int], Any] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def _sketch(self, body: str) -> tuple[AbstractSet[int], Any]:
        """The text's shingles and their MinHash (shingle hashes fed as 8-byte tokens).

        The last one is kept: a page is looked up, then added, with the same text.
        """
        if self._last is not None and self._last[0] is body:
            return self._last[1], self._last[2]
        grams = shingles(body)  # kept as is, never changed
        mh = self._rensa.RMinHash(_NUM_PERM, _MINHASH_SEED)
        mh.update([g.to_bytes(8, "little", signed=True) for g in grams])
        self._last = (body, grams, mh)
        return grams, mh

    def add(self, article_id: str, url: str | None, body: str) -> None:
        """Index an article (for a URL indexed twice, the first article is kept)."""
        key = normalise_url(url)
        if key:
            self._by_url.setdefault(key, article_id)
        if not body:
            return
        grams, mh = self._sketch(body)
        if not grams:
            return
        self._lsh.insert(len(self._ids), mh)
        self._ids.append(article_id)
        self._shingles.append(grams)
        self._sketches.append(mh)

    def find(self, url: str | None, body: str) -> DuplicateMatch | None:
        """The indexed article that a page with this URL and text duplicates, if any.

        The same URL wins at once; otherwise the most similar text at or above
        :data:`TEXT_DUPLICATE_THRESHOLD` (the earliest indexed among equals).
        """
        key = normalise_url(url)
        if key and key in self._by_url:
            return DuplicateMatch(self._by_url[key], "same URL", 1.0)
        if not body or not self._ids:
            return None
        grams, mh = self._sketch(body)
        if not grams:
            return None
        best: DuplicateMatch | None = None
        for n in sorted(self._lsh.query(mh)):
            other = self._shingles[n]
            # Cheap refusals before the exact score (texts written from a shared pool of
            # sentences are all LSH candidates of each other): a pair can only reach the
            # threshold with sizes within 2:1, and then its Jaccard is >= 0.39
            # (:data:`_MIN_DUPLICATE_JACCARD`), which the MinHash estimate misses by more
            # than 0.19 with odds of about 1 in 100,000 (128 permutations).
            if min(len(grams), len(other)) < 0.5 * max(len(grams), len(other)):
                continue
            if mh.jaccard(self._sketches[n]) < _MIN_DUPLICATE_JACCARD - 0.19:
                continue
            score = text_similarity(grams, other)
            if score >= TEXT_DUPLICATE_THRESHOLD and (best is None or score > best.score):
                best = DuplicateMatch(self._ids[n], "near-identical text", round(score, 3))
        return best


def find_duplicate(
    page: ImportedPage, existing: Iterable[tuple[str, str | None, str]]
) -> DuplicateMatch | None:
    """The existing article ``(article_id, url, body)`` that ``page`` duplicates, if any.

    The same canonical URL wins at once; otherwise the most similar text above
    :data:`TEXT_DUPLICATE_THRESHOLD`. Compares with every article (the reference the index is
    tested against); for many pages, use one :class:`DuplicateIndex`.
    """
    page_url = normalise_url(page.url)
    page_shingles = shingles(page.body)
    best: DuplicateMatch | None = None
    for article_id, url, body in existing:
        if page_url and normalise_url(url) == page_url:
            return DuplicateMatch(article_id, "same URL", 1.0)
        if not body:
            continue
        score = text_similarity(page_shingles, shingles(body))
        if score >= TEXT_DUPLICATE_THRESHOLD and (best is None or score > best.score):
            best = DuplicateMatch(article_id, "near-identical text", round(score, 3))
    return best
