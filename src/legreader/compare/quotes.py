"""Quotes: who said it, whether two renderings are the same words, and a word diff when not."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from legreader.compare.meaning import terms as meaning_terms
from legreader.compare.model import DiffOp, Item, Mention
from legreader.compare.text import norm_words

if TYPE_CHECKING:
    from legreader.compare.mentions import Source

_NAME = r"(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+"
_TITLES = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+)?"
_ROLE = r"(?:(?:lead|study|senior|first|co-?)\s*author\s+|researcher\s+|co-?author\s+)?"
_VERBS = (
    r"(?:says|said|explains|explained|states|stated|told|adds|added|notes|noted|according\s+to)"
)
_AFTER_VERB_RE = re.compile(rf"\b{_VERBS}\s+{_ROLE}{_TITLES}(?P<name>{_NAME})")
_BEFORE_VERB_RE = re.compile(rf"(?P<name>{_NAME})\s+{_VERBS}\b")
_FROM_RE = re.compile(rf"(?:statement|words|quote)\s+(?:from|of|by)\s+{_TITLES}(?P<name>{_NAME})")
_NOT_NAMES = frozenset(
    "The This It He She They We Our Their His Her Researchers Scientists".split()
)
#: Words that make a name an institution or a place, never a speaker.
_INSTITUTION_RE = re.compile(
    r"\b(?:Universit\w*|Institut\w*|College|School|Hospital|Clinic|Cent(?:er|re)|Department|"
    r"Ministry|Foundation|Laborator\w*|Academy|Society|Association|Agency|Council|Trust|"
    r"Company|Inc|Ltd|Journal|Studi|Study)\b"
)
#: A name right after one of these is a place or an institution ("from the Università ... di
#: Milano states"): "from", "of", "at", "in" and the particles of names of places.
_PLACE_BEFORE_RE = re.compile(r"(?:\b(?:from|of|at|in|di|de|del|der|du|da|la|le)\s+)$", re.I)
#: A person named before an aside ("Dr. Daniele Bottai, also from X, states").
_PERSON_RE = re.compile(
    rf"(?:\b(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+(?P<titled>{_NAME}))|(?P<plain>{_NAME}),"
)
_QUOTE_CHARS = "\"“”„«»‘’'"


def speaker_near(body: str, start: int, end: int) -> str | None:
    """Surname of the person a quote at ``start:end`` is attributed to, if the text says."""
    after = body[end : end + 160]
    before = body[max(0, start - 160) : start]
    for text, pattern, pick_last in (
        (after, _AFTER_VERB_RE, False),
        (after, _BEFORE_VERB_RE, False),
        (before, _FROM_RE, True),
        (before, _AFTER_VERB_RE, True),
        (before, _BEFORE_VERB_RE, True),
    ):
        matches = [
            m for m in pattern.finditer(text) if m.group("name").split()[0] not in _NOT_NAMES
        ]
        if pattern is _AFTER_VERB_RE and text is after:
            matches = [m for m in matches if m.start() < 12]  # '..." says Adami', not further on
        if matches:
            chosen = matches[-1] if pick_last else matches[0]
            name = chosen.group("name")
            if _place(text, chosen.start("name"), name):
                person = _person_before(text[: chosen.start("name")])
                if person is None:
                    continue
                name = person
            return re.split(r"\s+", name.strip())[-1].strip("’'")
    return None


def _place(text: str, start: int, name: str) -> bool:
    """The name is an institution or a place: it holds an institution word, or stands after
    "from"/"of"/"at"/"in" or a particle of a place name ("di Milano")."""
    return bool(_INSTITUTION_RE.search(name) or _PLACE_BEFORE_RE.search(text[:start]))


def _person_before(text: str) -> str | None:
    """The last person named in ``text`` (titled, or followed by a comma), not a place."""
    for m in reversed(list(_PERSON_RE.finditer(text))):
        name = m.group("titled") or m.group("plain")
        at = m.start("titled") if m.group("titled") else m.start("plain")
        if name.split()[0] in _NOT_NAMES or _place(text, at, name):
            continue
        return name
    return None


def quote_mentions(src: Source) -> list[Mention]:
    """Quote spans of the claim engine, with speaker and key terms."""
    out: list[Mention] = []
    for span in src.spans:
        if span.category != "quote" or len(norm_words(span.text)) < 5 or _title_like(span.text):
            continue
        start, end = span.start, span.end
        while start < end and (src.body[start] in _QUOTE_CHARS or src.body[start].isspace()):
            start += 1
        while end > start and (src.body[end - 1] in _QUOTE_CHARS or src.body[end - 1].isspace()):
            end -= 1
        out.append(make_quote_mention(src, start, end))
    return out


def _title_like(text: str) -> bool:
    """A quoted title ("Reduction of Movement in Neurological Diseases"), not speech."""
    long_words = [w for w in text.split() if len(w.strip(_QUOTE_CHARS + ".,:;")) > 3]
    capital = [w for w in long_words if w.strip(_QUOTE_CHARS)[:1].isupper()]
    return bool(long_words) and len(capital) >= 0.7 * len(long_words)


def make_quote_mention(src: Source, start: int, end: int, speaker: str | None = None) -> Mention:

    text = src.body[start:end]
    item = Item(
        article=src.id, start=start, end=end, text=text, role="quote", label=text,
        speaker=speaker or speaker_near(src.body, start, end), sentence=src.sentence_at(start),
    )  # fmt: skip
    return Mention(item, {t: 1.0 for t in meaning_terms(text, src.defined)}, {})


def _core_ops(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of a word diff, without the ends where one quote simply quotes less."""
    ops: list[tuple[str, int, int, int, int]] = list(
        difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    )
    while ops and ops[0][0] != "equal" and (ops[0][1] == ops[0][2] or ops[0][3] == ops[0][4]):
        ops = ops[1:]
    while ops and ops[-1][0] != "equal" and (ops[-1][1] == ops[-1][2] or ops[-1][3] == ops[-1][4]):
        ops = ops[:-1]
    return ops


def same_words(a: Item, b: Item) -> bool:
    """True when the two renderings use the same words where they overlap."""
    ops = _core_ops(norm_words(a.text), norm_words(b.text))
    return bool(ops) and all(op[0] == "equal" for op in ops)


def word_diff(a: Item, b: Item) -> list[DiffOp]:
    """Word diff of two renderings: ``[{"op": "equal"|"replace"|"delete"|"insert", "a": .., "b": ..}]``."""
    wa, wb = norm_words(a.text), norm_words(b.text)
    return [
        {"op": tag, "a": " ".join(wa[i1:i2]), "b": " ".join(wb[j1:j2])}
        for tag, i1, i2, j1, j2 in _core_ops(wa, wb)
    ]


def diff_text(ops: list[DiffOp]) -> str:
    """``equal [-removed-] {+added+}`` rendering of :func:`word_diff` output."""
    parts: list[str] = []
    for op in ops:
        if op["op"] == "equal":
            words = op["a"].split()
            parts.append(
                " ".join(words) if len(words) <= 8 else " ".join([*words[:3], "…", *words[-3:]])
            )
        else:
            if op["a"]:
                parts.append(f"[-{op['a']}-]")
            if op["b"]:
                parts.append(f"{{+{op['b']}+}}")
    return " ".join(parts)
