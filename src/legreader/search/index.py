"""Corpus-wide full-text search, and incremental search inside one article.

:class:`SearchIndex` is an inverted index over (document, field, text) entries. Tokens are
letters/digits, case-folded and stripped of accents, so ``universita`` finds "Università".
A query is words (all must match in one field), the last word a prefix while the user types,
and ``"quoted phrases"``. Hits are ranked (BM25 with field weights) and carry offsets into the
original text plus a snippet, so the UI can open the article at the match.

Each indexed text keeps its token sequence as packed term ids; postings hold (entry, count)
pairs in compact arrays. Phrases are checked by searching the packed sequence, at C speed.
Removal marks entries dead; postings are cleaned lazily. Thread-safe (one lock); meant to be
built in a worker thread while the UI queries it. No Textual import.

Work and memory are bounded per item: a text longer than its field's cap
(:data:`MAX_ITEM_CHARS`, or :data:`MAX_TEXT_CHARS` for article text) is indexed, kept and
shown in snippets by its first part only. A 200 MB note costs 64 KB, not gigabytes.

One module over 500 lines because the index and the in-article find share one tokenizer and one
query language, which must agree on what a word is.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import sys
import threading
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from legreader.claims.numbers import ONES, PERCENT_WORDS, TENS, small_number_word

#: The fields a document's texts can be indexed under, and their ranking weights.
FIELD_WEIGHTS: dict[str, float] = {"title": 3.0, "tag": 2.5, "note": 1.5, "text": 1.0}
FIELDS = tuple(FIELD_WEIGHTS)
_FIELD_INDEX = {name: i for i, name in enumerate(FIELDS)}

#: A token: a letter or digit, then letters, digits and combining accents; or a number below
#: 100 in hyphenated words ("twenty-five", one token like "25"); or "%" (the same term as
#: "percent"). Numbers in words and per cent are normalised by :func:`normalise_token`, with
#: the claim engine's tables (:mod:`legreader.claims.numbers`): "70%", "70 percent" and
#: "seventy percent" are the same two terms, so each finds the others.
_TOKEN = re.compile(
    r"(?i:\b(?:"
    + "|".join(TENS)
    + r")-(?:"
    + "|".join(word for word, value in ONES.items() if 0 < value < 10)
    + r")\b)|[^\W_](?:[^\W_]|[\u0300-\u036f])*|%"
)
#: Texts are tokenized this many characters at a time (cut at a space): one regex call over
#: a 700 KB article held the interpreter lock for 0.1-0.2 s, and the reader's keys with it.
TOKENIZE_CHUNK = 32 * 1024
_SPACE = re.compile(r"\s")


def tokens_of(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, in pieces of about :data:`TOKENIZE_CHUNK` characters cut at
    white space (never inside a token), so no single call holds the interpreter for long."""
    if len(text) <= TOKENIZE_CHUNK:
        return _TOKEN.findall(text)
    found: list[str] = []
    start, end = 0, len(text)
    while start < end:
        space = _SPACE.search(text, min(start + TOKENIZE_CHUNK, end))
        cut = space.start() if space else end
        found.extend(_TOKEN.findall(text, start, cut))
        start = cut
    return found


#: At most this many terms stand for a prefix (the most frequent ones)...
MAX_PREFIX_TERMS = 64
#: ...and at most this many postings are read for one prefix.
MAX_PREFIX_POSTINGS = 150_000
#: Snippet size around a match, in characters.
SNIPPET_BEFORE = 60
SNIPPET_LENGTH = 160

#: The longest title, tag or note indexed, in characters: a longer one is indexed (and its
#: snippets cut) from its first part only. Notes are read by people; 64 KB is pages of them.
MAX_ITEM_CHARS = 64 * 1024
#: The same cap for an article's text (the corpus loader already refuses files over 5 MB).
MAX_TEXT_CHARS = 8 * 1024 * 1024


def capped(field: str, text: str) -> str:
    """``text`` cut to its field's cap (at a space near the end when there is one)."""
    cap = MAX_TEXT_CHARS if field == "text" else MAX_ITEM_CHARS
    if len(text) <= cap:
        return text
    space = text.rfind(" ", cap - 200, cap)
    return text[: space if space != -1 else cap]


_BM25_K1 = 1.2
_BM25_B = 0.75
_TF_MAX = 65_535


def normalise_token(token: str) -> str:
    """Case-folded, accents stripped (``"Università"`` -> ``"universita"``); a number below
    100 in words as digits (``"Seventy"`` -> ``"70"``), ``%`` and ``pct`` as ``percent``."""
    folded = token.casefold()
    if folded.isascii():
        if folded in PERCENT_WORDS:
            return "percent"
        if folded[0].isalpha():
            value = small_number_word(folded)
            if value is not None:
                return str(value)
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(normalised token, start, end)`` for each token; offsets index ``text``."""
    return [(normalise_token(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: where in which document field the query matched."""

    doc_id: str
    field: str
    start: int
    """Offset of the match in the original text (``text[start:end]`` is what matched)."""
    end: int
    snippet: str
    """A one-line excerpt around the match (newlines shown as spaces, cuts marked ``…``)."""
    snippet_match_ranges: tuple[tuple[int, int], ...]
    """Where query matches are inside ``snippet`` (to highlight them)."""
    score: float


@dataclass(frozen=True, slots=True)
class _Clause:
    terms: tuple[str, ...]
    """Normalised terms; more than one means a phrase."""
    prefix: bool
    """The last term is a prefix (the user is still typing it)."""


def parse_query(query: str) -> list[_Clause]:
    """Words and ``"quoted phrases"``; the last word is a prefix unless followed by a space."""
    clauses: list[_Clause] = []
    pos = 0
    parts: list[tuple[str, bool, bool]] = []  # (text, quoted, closed)
    for m in re.finditer(r'"([^"]*)("|$)', query):
        parts.append((query[pos : m.start()], False, True))
        parts.append((m.group(1), True, bool(m.group(2))))
        pos = m.end()
    parts.append((query[pos:], False, True))
    ends_open = bool(query) and not query[-1].isspace() and not query.endswith('"')
    for index, (text, quoted, closed) in enumerate(parts):
        is_last_part = index == len(parts) - 1 or not any(p[0].strip() for p in parts[index + 1 :])
        if quoted:
            terms = tuple(t for t, _, _ in tokenize(text))
            if terms:
                open_phrase = not closed and not text[-1:].isspace() and is_last_part
                clauses.append(_Clause(terms, prefix=open_phrase))
            continue
        words = text.split()
        for w_index, word in enumerate(words):
            terms = tuple(t for t, _, _ in tokenize(word))
            if not terms:
                continue
            last = is_last_part and w_index == len(words) - 1 and ends_open
            # A number typed in words ("seventy") is a whole number, not the prefix of 70x.
            in_words = terms[-1].isdigit() and not word[-1:].isdigit()
            clauses.append(_Clause(terms, prefix=last and text.rstrip() == text and not in_words))
    return clauses


class _Entry:
    __slots__ = ("doc_id", "field", "text", "tids", "length")

    def __init__(self, doc_id: str, field: str, text: str, tids: bytes, length: int) -> None:
        self.doc_id = doc_id
        self.field = field
        self.text = text
        self.tids = tids
        self.length = length


class SearchIndex:
    """An incremental inverted index over document fields. See the module docstring."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._raw_ids: dict[str, int] = {}
        self._post_entries: list[array[int]] = []
        self._post_tfs: list[array[int]] = []
        self._post_dirty: bytearray = bytearray()
        self._entries: list[_Entry | None] = []
        self._lengths: array[int] = array("I")
        self._fields: bytearray = bytearray()
        self._alive: bytearray = bytearray()
        self._doc_entries: dict[str, list[int]] = {}
        self._field_len = [0] * len(FIELDS)
        self._field_count = [0] * len(FIELDS)
        self._vocab_sorted: list[str] = []
        self._vocab_pending: list[str] = []
        self._dead_postings = 0
        self._live_postings = 0

    # ------------------------------------------------------------------ building

    def add(self, doc_id: str, field: str, text: str) -> None:
        """Index ``text`` under ``doc_id``/``field`` (a document may have several of each)."""
        if field not in _FIELD_INDEX:
            raise ValueError(f"unknown field {field!r}; use one of {', '.join(FIELDS)}")
        text = capped(field, text)
        raw = tokens_of(text)
        get = self._raw_ids.get
        found = [get(tok) for tok in raw]
        with self._lock:
            if None in found:
                ids: list[int] = [
                    self._term_id(tok) if tid is None else tid
                    for tid, tok in zip(found, raw, strict=True)
                ]
            else:
                ids = cast(list[int], found)
            entry_id = len(self._entries)
            packed = array("I", ids).tobytes()
            self._entries.append(_Entry(doc_id, field, text, packed, len(ids)))
            self._lengths.append(len(ids))
            f = _FIELD_INDEX[field]
            self._fields.append(f)
            self._alive.append(1)
            self._field_len[f] += len(ids)
            self._field_count[f] += 1
            self._doc_entries.setdefault(doc_id, []).append(entry_id)
            post_entries, post_tfs = self._post_entries, self._post_tfs
            counts = Counter(ids)
            for tid, tf in counts.items():
                post_entries[tid].append(entry_id)
                post_tfs[tid].append(tf if tf < _TF_MAX else _TF_MAX)
            self._live_postings += len(counts)

    def add_many(self, items: Iterable[tuple[str, str, str]]) -> int:
        """Index many ``(doc_id, field, text)``; returns how many. Queries may run meanwhile."""
        n = 0
        for doc_id, field, text in items:
            self.add(doc_id, field, text)
            n += 1
        with self._lock:
            self._sorted_vocab()
        return n

    def remove(self, doc_id: str) -> bool:
        """Forget every text of ``doc_id``; False when it was not indexed."""
        with self._lock:
            entry_ids = self._doc_entries.pop(doc_id, None)
            if not entry_ids:
                return False
            for entry_id in entry_ids:
                entry = self._entries[entry_id]
                if entry is None:
                    continue
                f = _FIELD_INDEX[entry.field]
                self._field_len[f] -= entry.length
                self._field_count[f] -= 1
                unique = set(array("I", entry.tids))
                for tid in unique:
                    self._post_dirty[tid] = 1
                self._dead_postings += len(unique)
                self._live_postings -= len(unique)
                self._alive[entry_id] = 0
                self._entries[entry_id] = None
            return True

    def update(self, doc_id: str, fields: Iterable[tuple[str, str]]) -> None:
        """Replace everything indexed for ``doc_id`` with the given ``(field, text)`` pairs."""
        with self._lock:
            self.remove(doc_id)
            for field, text in fields:
                self.add(doc_id, field, text)

    def update_field(self, doc_id: str, field: str, texts: Iterable[str]) -> None:
        """Replace one field of ``doc_id`` (e.g. its notes), keeping its other fields."""
        with self._lock:
            keep = [
                (e.field, e.text)
                for i in self._doc_entries.get(doc_id, [])
                if (e := self._entries[i]) is not None and e.field != field
            ]
            self.update(doc_id, keep + [(field, t) for t in texts])

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._doc_entries

    def __len__(self) -> int:
        """Number of documents indexed."""
        return len(self._doc_entries)

    def _term_id(self, raw: str) -> int:
        term = normalise_token(raw)
        tid = self._term_ids.get(term)
        if tid is None:
            tid = len(self._terms)
            self._term_ids[term] = tid
            self._terms.append(term)
            self._post_entries.append(array("I"))
            self._post_tfs.append(array("H"))
            self._post_dirty.append(0)
            self._vocab_pending.append(term)
        if len(self._raw_ids) < 2_000_000:
            self._raw_ids[raw] = tid
        return tid

    def _postings(self, tid: int) -> tuple[array[int], array[int]]:
        """Postings of a term, without dead entries (cleaned on first use after a removal)."""
        if self._post_dirty[tid]:
            alive = self._alive
            docs, tfs = self._post_entries[tid], self._post_tfs[tid]
            keep = [i for i, e in enumerate(docs) if alive[e]]
            self._dead_postings -= len(docs) - len(keep)
            self._post_entries[tid] = array("I", [docs[i] for i in keep])
            self._post_tfs[tid] = array("H", [tfs[i] for i in keep])
            self._post_dirty[tid] = 0
        return self._post_entries[tid], self._post_tfs[tid]

    def _sorted_vocab(self) -> list[str]:
        pending = self._vocab_pending
        if pending:
            if len(pending) > 1000:
                self._vocab_sorted = sorted(self._terms)
            else:
                for term in pending:
                    bisect.insort(self._vocab_sorted, term)
            self._vocab_pending = []
        return self._vocab_sorted

    def _expand(self, prefix: str) -> list[int]:
        """Term ids that start with ``prefix``, most frequent first, within the caps."""
        vocab = self._sorted_vocab()
        lo = bisect.bisect_left(vocab, prefix)
        hi = bisect.bisect_left(vocab, prefix + "\U0010ffff")
        tids = [self._term_ids[t] for t in vocab[lo:hi]]
        exact = self._term_ids.get(prefix)
        if len(tids) > MAX_PREFIX_TERMS:
            tids.sort(key=lambda t: len(self._post_entries[t]), reverse=True)
        chosen: list[int] = [exact] if exact is not None else []
        total = len(self._post_entries[exact]) if exact is not None else 0
        for tid in tids:
            if len(chosen) >= MAX_PREFIX_TERMS:
                break
            if tid == exact:
                continue
            n = len(self._post_entries[tid])
            if chosen and total + n > MAX_PREFIX_POSTINGS:
                continue
            chosen.append(tid)
            total += n
        return chosen

    # ------------------------------------------------------------------ searching

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """Ranked hits for ``query`` (best first), at most ``limit``."""
        clauses = parse_query(query)
        if not clauses or limit <= 0:
            return []
        with self._lock:
            resolved = [self._resolve(c) for c in clauses]
            if any(not r[0] and not r[1] for r in resolved):
                return []
            scores = self._score(clauses, resolved)
            best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
            return [self._hit(e, s, clauses, resolved) for e, s in best]

    def _resolve(self, clause: _Clause) -> tuple[list[int], list[int]]:
        """(exact term ids of the clause's fixed terms, term ids allowed for its last term)."""
        ids = self._term_ids
        fixed_terms = clause.terms[:-1]
        fixed = [ids.get(t, -1) for t in fixed_terms]
        if -1 in fixed:
            return [], []
        last = clause.terms[-1]
        if clause.prefix:
            last_ids = self._expand(last)
        else:
            last_ids = [ids[last]] if last in ids else []
        if not last_ids:
            return [], []
        return fixed, last_ids

    def _score(
        self, clauses: list[_Clause], resolved: list[tuple[list[int], list[int]]]
    ) -> dict[int, float]:
        n_entries = max(1, sum(self._field_count))
        avg = [self._field_len[f] / c if c else 1.0 for f, c in enumerate(self._field_count)]
        weights = [FIELD_WEIGHTS[f] for f in FIELDS]
        lengths, fields, alive = self._lengths, self._fields, self._alive
        k1, b = _BM25_K1, _BM25_B
        # Cheapest clause first: its matches bound the candidates of the others.
        order = sorted(
            range(len(clauses)),
            key=lambda i: sum(len(self._post_entries[t]) for t in resolved[i][1]),
        )
        candidates: set[int] | None = None
        total: dict[int, float] = {}
        for i in order:
            clause, (fixed, last_ids) = clauses[i], resolved[i]
            if fixed:
                tf_by_entry = self._phrase_tfs(fixed, last_ids, candidates)
            else:
                tf_by_entry = {}
                for tid in last_ids:
                    docs, tfs = self._postings(tid)
                    if candidates is None:
                        for e, tf in zip(docs, tfs, strict=True):
                            tf_by_entry[e] = tf_by_entry.get(e, 0) + tf
                    else:
                        for e, tf in zip(docs, tfs, strict=True):
                            if e in candidates:
                                tf_by_entry[e] = tf_by_entry.get(e, 0) + tf
            if not tf_by_entry:
                return {}
            # Document frequency before narrowing to the candidates, so idf stays fair.
            df = len(tf_by_entry) if fixed else sum(len(self._post_entries[t]) for t in last_ids)
            idf = math.log(1 + (n_entries - df + 0.5) / (df + 0.5)) * len(clause.terms)
            new_total: dict[int, float] = {}
            for e, tf in tf_by_entry.items():
                if not alive[e]:
                    continue
                f = fields[e]
                norm = k1 * (1 - b + b * lengths[e] / avg[f])
                s = weights[f] * idf * tf * (k1 + 1) / (tf + norm)
                new_total[e] = total.get(e, 0.0) + s
            total = new_total
            candidates = set(new_total)
            if not candidates:
                return {}
        return total

    def _phrase_tfs(
        self, fixed: list[int], last_ids: list[int], candidates: set[int] | None
    ) -> dict[int, int]:
        """Entries where the phrase occurs, with its number of occurrences."""
        sets = [set(self._postings(t)[0]) for t in dict.fromkeys(fixed)]
        sets.sort(key=len)
        found = sets[0] if candidates is None else sets[0] & candidates
        for s in sets[1:]:
            found &= s
        if not found:
            return {}
        last_entries: set[int] = set()
        for tid in last_ids:
            last_entries.update(self._postings(tid)[0])
        found &= last_entries
        pattern = array("I", fixed).tobytes()
        last_set = set(last_ids)
        width = len(fixed)
        result: dict[int, int] = {}
        for e in found:
            entry = self._entries[e]
            if entry is None:
                continue
            count = 0
            for pos in _aligned_finds(entry.tids, pattern):
                nxt = pos + width
                if nxt < entry.length and _tid_at(entry.tids, nxt) in last_set:
                    count += 1
            if count:
                result[e] = count
        return result

    # ------------------------------------------------------------------- hits

    def _hit(
        self,
        entry_id: int,
        score: float,
        clauses: list[_Clause],
        resolved: list[tuple[list[int], list[int]]],
    ) -> Hit:
        entry = self._entries[entry_id]
        assert entry is not None
        tids = array("I")
        tids.frombytes(entry.tids)
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(entry.text)]
        matches = _clause_matches(tids, resolved)
        if not matches:  # pragma: no cover - a scored entry always matches
            return Hit(entry.doc_id, entry.field, 0, 0, _one_line(entry.text[:80]), (), score)
        first = _best_window(matches, len(clauses))
        start, end = spans[first[0]][0], spans[first[1] - 1][1]
        return _make_hit(entry, start, end, spans, matches, score)


def _aligned_finds(haystack: bytes, pattern: bytes) -> Iterable[int]:
    """Token positions where ``pattern`` (packed term ids) occurs in ``haystack``."""
    pos = haystack.find(pattern)
    while pos != -1:
        if pos % 4 == 0:
            yield pos // 4
            pos = haystack.find(pattern, pos + 4)
        else:
            pos = haystack.find(pattern, pos + 1)


def _tid_at(packed: bytes, index: int) -> int:
    return int.from_bytes(packed[index * 4 : index * 4 + 4], _BYTEORDER)


_BYTEORDER = sys.byteorder  # arrays are packed in the machine's order


def _clause_matches(
    tids: array[int], resolved: list[tuple[list[int], list[int]]]
) -> list[tuple[int, int, int]]:
    """``(first token, end token, clause index)`` of every match, in text order."""
    out: list[tuple[int, int, int]] = []
    n = len(tids)
    for ci, (fixed, last_ids) in enumerate(resolved):
        last_set = set(last_ids)
        width = len(fixed) + 1
        if not fixed:
            out.extend((i, i + 1, ci) for i, t in enumerate(tids) if t in last_set)
            continue
        head = fixed[0]
        for i, t in enumerate(tids):
            if t == head and i + width <= n:
                if list(tids[i : i + width - 1]) == fixed and tids[i + width - 1] in last_set:
                    out.append((i, i + width, ci))
    out.sort()
    return out


def _best_window(matches: list[tuple[int, int, int]], n_clauses: int) -> tuple[int, int]:
    """The match that starts the shortest stretch of text holding every clause."""
    if n_clauses == 1 or not matches:
        return (matches[0][0], matches[0][1]) if matches else (0, 1)
    best: tuple[int, int, int] | None = None  # (width, first index in matches, _)
    have: dict[int, int] = {}
    lo = 0
    for hi, (_, end, ci) in enumerate(matches):
        have[ci] = have.get(ci, 0) + 1
        while len(have) == n_clauses:
            width = end - matches[lo][0]
            if best is None or width < best[0]:
                best = (width, lo, hi)
            lci = matches[lo][2]
            have[lci] -= 1
            if not have[lci]:
                del have[lci]
            lo += 1
    chosen = matches[best[1]] if best else matches[0]
    return chosen[0], chosen[1]


def _make_hit(
    entry: _Entry,
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    matches: list[tuple[int, int, int]],
    score: float,
) -> Hit:
    text = entry.text
    lo = max(0, start - SNIPPET_BEFORE)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), max(lo + SNIPPET_LENGTH, end))
    if hi < len(text):
        space = text.rfind(" ", max(end, lo), hi)
        hi = space if space != -1 else hi
    lead = "…" if lo > 0 else ""
    shown, where = _snippet_text(text[lo:hi], at_line_start=lo == 0 or text[lo - 1] == "\n")
    snippet = lead + shown + ("…" if hi < len(text) else "")
    shift = len(lead)
    ranges = tuple(
        (where[spans[a][0] - lo] + shift, where[spans[z - 1][1] - lo] + shift)
        for a, z, _ in matches
        if spans[a][0] >= lo and spans[z - 1][1] <= hi
    )
    return Hit(entry.doc_id, entry.field, start, end, snippet, ranges, round(score, 4))


def _one_line(text: str) -> str:
    """Whitespace controls as spaces, length unchanged (so match ranges stay right)."""
    return text.translate(_ONE_LINE)


#: Markdown that marks a line (a heading's ``##``, a quote's ``>``, a list's ``-``): left out
#: of snippets, which are one line of prose.
_LINE_MARKUP = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)")


def _snippet_text(text: str, *, at_line_start: bool) -> tuple[str, list[int]]:
    """``text`` on one line, without Markdown line markers and with runs of white space as
    one space; and where each offset of ``text`` (``0..len(text)``) went in it."""
    out: list[str] = []
    where = [0] * (len(text) + 1)
    i, n = 0, len(text)
    line_start = at_line_start
    while i < n:
        if line_start:
            marker = _LINE_MARKUP.match(text, i)
            if marker and marker.end() > i:
                for k in range(i, marker.end()):
                    where[k] = len(out)
                i = marker.end()
            line_start = False
            continue
        ch = text[i]
        where[i] = len(out)
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            line_start = ch == "\n"
        else:
            out.append(ch)
        i += 1
    where[n] = len(out)
    return "".join(out), where


_ONE_LINE = {ord(c): " " for c in "\n\r\t\v\f\x85\u2028\u2029"}


# ---------------------------------------------------------------- in-article search


def _build_variants() -> dict[str, str]:
    variants: dict[str, list[str]] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        decomposed = unicodedata.normalize("NFD", ch)
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            variants.setdefault(base, [base]).append(ch)
    return {base: "".join(chars) for base, chars in variants.items()}


_VARIANTS = _build_variants()


def find_in_text(text: str, query: str, limit: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each occurrence of ``query`` in ``text``, for incremental search.

    Case-insensitive unless the query has a capital letter (smart case). A letter without an
    accent also finds its accented forms (``universita`` finds "Università"); one typed with an
    accent finds only that accent. Spaces in the query match any run of white space.
    """
    if not query.strip():
        return []
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    parts: list[str] = []
    previous_space = False
    for ch in query:
        if ch.isspace():
            if not previous_space:
                parts.append(r"\s+")
            previous_space = True
            continue
        previous_space = False
        variants = _VARIANTS.get(ch)
        if variants:
            parts.append(f"[{variants}][\u0300-\u036f]*")
        else:
            parts.append(re.escape(ch))
    pattern = re.compile("".join(parts), flags)
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        out.append((m.start(), m.end()))
        if limit is not None and len(out) >= limit:
            break
    return out
