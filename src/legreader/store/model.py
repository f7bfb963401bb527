"""Annotations and article notes, after the W3C Web Annotation data model.

Plain data, no Textual and no TinyDB import. Offsets are code-point offsets into the article body.

One module over 500 lines because it is one data model: the annotation and article-note records
and their W3C reading and writing, which must mirror each other's fields.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from legreader.text.clean import clean_field, clean_field_line

AnnotationVerdict = Literal[
    "accurate",
    "misleading",
    "overstated",
    "unsupported",
    "false",
    "promotional",
]
"""The reader's verdict on a passage or an article (stored and exported as this string)."""

#: The verdict vocabulary, in display order (the order keys and menus use).
VERDICTS: tuple[AnnotationVerdict, ...] = get_args(AnnotationVerdict)

#: The same verdicts, worst first. :func:`worst_verdict` ranks by this order.
SEVERITY_ORDER: tuple[AnnotationVerdict, ...] = (
    "false",
    "misleading",
    "overstated",
    "unsupported",
    "promotional",
    "accurate",
)

Status = Literal["anchored", "changed", "ambiguous", "orphaned"]
"""Where an annotation stands after re-anchoring (see :mod:`legreader.store.anchoring`):

- ``anchored``: its exact quote is in the text (at its place, or moved);
- ``changed``: the exact quote is gone but a close match is where it was: the passage was
  edited, and the verdict was given on the old words (``exact`` keeps them; ``start..end``
  point at the new words until the reader accepts them or keeps the annotation orphaned);
- ``ambiguous``: several places match about equally well;
- ``orphaned``: nothing matches (or the reader chose to keep it off the changed text).
"""

#: Annotation statuses after re-anchoring, in the order the panel lists them.
STATUSES: tuple[Status, ...] = get_args(Status)

#: Hex digits kept of the sha256 of an article's text (:func:`article_text_hash`): 64 bits, plenty to
#: tell two versions of one article apart, short enough to read in an export.
TEXT_HASH_DIGITS = 16

#: Characters of context kept on each side of the quote (TextQuoteSelector prefix/suffix).
CONTEXT_CHARS = 32

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: W3C export: the annotation's re-anchoring status (a legreader extension property).
STATUS_PROPERTY = "legreader:status"
#: W3C export: set (true) on an annotation the reader kept orphaned after its text changed.
DETACHED_PROPERTY = "legreader:detached"
#: W3C export: ``target.state`` type holding the :func:`article_text_hash` of the annotated text.
TEXT_STATE_TYPE = "legreader:TextHashState"
_URN = "urn:uuid:"
#: Largest text offset accepted from a file: far past any article the corpus loads (it caps
#: a file at a few MB), small enough that an absurd position (1e30) is refused, not stored.
MAX_OFFSET = 1 << 31
#: Namespace of the ids derived from content for W3C annotations that carry no id of their own.
W3C_ID_NAMESPACE = uuid.UUID("b4f3c0de-6c1a-4e8e-9d57-1a2e0f6c3b71")


def article_text_hash(body: str) -> str:
    """A short fingerprint of an article's cleaned text: ``"sha256:"`` and the first
    :data:`TEXT_HASH_DIGITS` hex digits of the SHA-256 of its UTF-8 bytes."""
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    return "sha256:" + digest[:TEXT_HASH_DIGITS]


def now_iso() -> str:
    """The current time as an ISO 8601 UTC string with milliseconds, e.g. ``2024-05-01T12:00:00.000Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def severity(verdict: str) -> int:
    """Rank of ``verdict``: 0 is the worst (``"false"``). Raises ``ValueError`` if unknown."""
    try:
        return SEVERITY_ORDER.index(verdict)
    except ValueError:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {VERDICTS}") from None


def worst_verdict(verdicts: Iterable[str | None]) -> str | None:
    """The most severe verdict in ``verdicts`` (``None`` items ignored), or ``None`` if there is none."""
    found = [v for v in verdicts if v is not None]
    return min(found, key=severity) if found else None


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags cleaned to one line, empty ones dropped, duplicates removed (first spelling kept).

    Cleaning removes escape sequences and control characters: tags come from databases and
    imports, and are drawn on the terminal.
    """
    out: list[str] = []
    for tag in tags:
        tag = clean_field_line(str(tag))
        if tag and tag not in out:
            out.append(tag)
    return out


def _check_verdict(verdict: str | None) -> None:
    if verdict is not None:
        severity(verdict)


def as_verdict(value: str | None) -> AnnotationVerdict | None:
    """``value`` as a verdict (``None`` stays ``None``). Raises ``ValueError`` if unknown."""
    if value is None:
        return None
    for verdict in VERDICTS:
        if verdict == value:
            return verdict
    raise ValueError(f"unknown verdict {value!r}; expected one of {VERDICTS}")


@dataclass(slots=True)
class Annotation:
    """One highlighted passage of an article with the reader's verdict, tags and note."""

    id: str
    """A uuid4 string; stable across edits, exports and imports."""
    article_id: str
    """The article the passage belongs to (the W3C target source)."""
    exact: str
    """The highlighted text, as it was when annotated (TextQuoteSelector ``exact``)."""
    prefix: str
    """Up to :data:`CONTEXT_CHARS` characters before the passage."""
    suffix: str
    """Up to :data:`CONTEXT_CHARS` characters after the passage."""
    start: int
    """Offset of the passage in the body (TextPositionSelector ``start``)."""
    end: int
    """Offset one past the passage (TextPositionSelector ``end``)."""
    verdict: AnnotationVerdict | None = None
    """One of :data:`VERDICTS`, or ``None``."""
    tags: list[str] = field(default_factory=list)
    """Free tags, order kept, no duplicates."""
    note: str | None = None
    """Free text note."""
    created: str = field(default_factory=now_iso)
    """ISO 8601 UTC creation time."""
    modified: str = field(default_factory=now_iso)
    """ISO 8601 UTC time of the last change."""
    status: Status = "anchored"
    """One of :data:`STATUSES` (see :data:`Status`)."""
    text_hash: str | None = None
    """:func:`article_text_hash` of the article text the passage was marked (or last accepted) on;
    ``None`` for annotations saved before legreader kept it."""
    detached: bool = False
    """True when the reader chose to keep this annotation orphaned after its passage changed:
    re-anchoring then only attaches it again where its exact quote is found."""

    def __post_init__(self) -> None:
        _check_verdict(self.verdict)
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        # The one cleaning boundary for annotation text: every way in (the database, an
        # import, the editor, `replace`) passes here, so no escape sequence or control
        # character held in a note, tag or quote can reach a terminal later.
        self.id = clean_field_line(self.id)
        self.article_id = clean_field_line(self.article_id)
        self.exact = clean_field(self.exact)
        self.prefix = clean_field(self.prefix)
        self.suffix = clean_field(self.suffix)
        if self.note is not None:
            self.note = clean_field(self.note)
        self.created = clean_field_line(self.created)
        self.modified = clean_field_line(self.modified)
        self.tags = normalise_tags(self.tags)
        if self.text_hash is not None:
            self.text_hash = clean_field_line(self.text_hash)

    def touched(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``modified`` set to now."""
        return replace(self, **changes, modified=now_iso())

    # -- flat form (what the store writes) -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The flat JSON-ready form, keys sorted."""
        return {
            "article_id": self.article_id,
            "created": self.created,
            "detached": self.detached,
            "end": self.end,
            "exact": self.exact,
            "id": self.id,
            "modified": self.modified,
            "note": self.note,
            "prefix": self.prefix,
            "start": self.start,
            "status": self.status,
            "suffix": self.suffix,
            "tags": list(self.tags),
            "text_hash": self.text_hash,
            "verdict": self.verdict,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation:
        """Build from :meth:`to_dict` output. Unknown keys are ignored; bad types raise ``ValueError``."""
        try:
            ann = cls(
                id=_req_str(data, "id"),
                article_id=_req_str(data, "article_id"),
                exact=_req_str(data, "exact"),
                prefix=_opt_str(data, "prefix") or "",
                suffix=_opt_str(data, "suffix") or "",
                start=_req_int(data, "start"),
                end=_req_int(data, "end", low=_req_int(data, "start")),
                verdict=as_verdict(_opt_str(data, "verdict")),
                tags=_str_list(data.get("tags") or []),
                note=_opt_str(data, "note"),
                created=_opt_str(data, "created") or now_iso(),
                modified=_opt_str(data, "modified") or _opt_str(data, "created") or now_iso(),
                status=_status(_opt_str(data, "status")),
                text_hash=_opt_str(data, "text_hash"),
                detached=data.get("detached") is True,
            )
        except (TypeError, AttributeError) as exc:
            raise ValueError(f"not an annotation: {exc}") from exc
        return ann

    # -- W3C Web Annotation (JSON-LD) ------------------------------------------------------------
    def to_w3c(self) -> dict[str, Any]:
        """A W3C Web Annotation (JSON-LD) dict."""
        body: list[dict[str, Any]] = []
        if self.verdict is not None:
            body.append({"type": "TextualBody", "purpose": "assessing", "value": self.verdict})
        for tag in self.tags:
            body.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
        if self.note:
            body.append(
                {
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": self.note,
                    "format": "text/plain",
                }
            )
        return {
            "@context": W3C_CONTEXT,
            "id": _URN + self.id,
            "type": "Annotation",
            "created": self.created,
            "modified": self.modified,
            "body": body,
            "target": {
                "source": self.article_id,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": self.exact,
                        "prefix": self.prefix,
                        "suffix": self.suffix,
                    },
                    {"type": "TextPositionSelector", "start": self.start, "end": self.end},
                ],
                **self._w3c_state(),
            },
            STATUS_PROPERTY: self.status,
            **({DETACHED_PROPERTY: True} if self.detached else {}),
        }

    def _w3c_state(self) -> dict[str, Any]:
        """The target's ``state``: the version of the article text the selectors were made on."""
        if self.text_hash is None:
            return {}
        return {"state": {"type": TEXT_STATE_TYPE, "value": self.text_hash}}

    @classmethod
    def from_w3c(cls, data: Mapping[str, Any]) -> Annotation:
        """Parse a W3C Web Annotation dict (as written by :meth:`to_w3c`, or by other tools).

        Tolerant of a single body or selector given as an object, and of a missing
        TextPositionSelector (start = end = 0: re-anchoring then searches by quote).
        Raises ``ValueError`` when there is no target source or no TextQuoteSelector.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a W3C annotation must be a JSON object")
        raw_id = data.get("id")
        ann_id = (
            raw_id[len(_URN) :] if isinstance(raw_id, str) and raw_id.startswith(_URN) else raw_id
        )
        target = data.get("target")
        if isinstance(target, list) and target:
            target = target[0]
        if not isinstance(target, Mapping) or not isinstance(target.get("source"), str):
            raise ValueError("annotation has no target source")
        selectors = target.get("selector") or []
        if isinstance(selectors, Mapping):
            selectors = [selectors]
        quote = next((s for s in selectors if _type_is(s, "TextQuoteSelector")), None)
        pos = next((s for s in selectors if _type_is(s, "TextPositionSelector")), None)
        if quote is None or not isinstance(quote.get("exact"), str):
            raise ValueError("annotation has no TextQuoteSelector")
        bodies = data.get("body") or []
        if isinstance(bodies, Mapping):
            bodies = [bodies]
        verdict: str | None = None
        tags: list[str] = []
        notes: list[str] = []
        for body in bodies:
            if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
                continue
            purpose = body.get("purpose")
            if purpose == "assessing":
                verdict = body["value"]
            elif purpose == "tagging":
                tags.append(body["value"])
            elif purpose in ("commenting", None):
                notes.append(body["value"])
        start = _req_int(pos, "start") if pos else 0
        end = _req_int(pos, "end", low=start) if pos else 0
        if not isinstance(ann_id, str) or not ann_id:
            ann_id = w3c_content_id(target["source"], quote["exact"], start, end, bodies)
        raw_created, raw_modified = data.get("created"), data.get("modified")
        status = data.get(STATUS_PROPERTY)
        created: str = raw_created if isinstance(raw_created, str) else now_iso()
        modified: str = raw_modified if isinstance(raw_modified, str) else created
        return cls(
            id=ann_id,
            article_id=target["source"],
            exact=quote["exact"],
            prefix=_opt_str(quote, "prefix") or "",
            suffix=_opt_str(quote, "suffix") or "",
            start=start,
            end=end,
            verdict=as_verdict(verdict),
            tags=tags,
            note="\n\n".join(notes) if notes else None,
            created=created,
            modified=modified,
            status=_status(status if isinstance(status, str) else None),
            text_hash=_w3c_text_hash(target.get("state")),
            detached=data.get(DETACHED_PROPERTY) is True,
        )


@dataclass(slots=True)
class ArticleNote:
    """The reader's overall note and verdict on one article (one per article)."""

    article_id: str
    """The article this note is about."""
    note: str | None = None
    """Free text note on the whole article."""
    verdict: AnnotationVerdict | None = None
    """Overall verdict, one of :data:`VERDICTS`, or ``None``."""
    modified: str = field(default_factory=now_iso)
    """ISO 8601 UTC time of the last change."""

    def __post_init__(self) -> None:
        _check_verdict(self.verdict)
        self.article_id = clean_field_line(self.article_id)  # cleaned as in Annotation
        if self.note is not None:
            self.note = clean_field(self.note)
        self.modified = clean_field_line(self.modified)

    def is_empty(self) -> bool:
        """True when there is neither a note nor a verdict."""
        return not self.note and self.verdict is None

    def to_dict(self) -> dict[str, Any]:
        """The flat JSON-ready form, keys sorted."""
        return {
            "article_id": self.article_id,
            "modified": self.modified,
            "note": self.note,
            "verdict": self.verdict,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleNote:
        """Build from :meth:`to_dict` output; bad types raise ``ValueError``."""
        return cls(
            article_id=_req_str(data, "article_id"),
            note=_opt_str(data, "note"),
            verdict=as_verdict(_opt_str(data, "verdict")),
            modified=_opt_str(data, "modified") or now_iso(),
        )


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``(exact, prefix, suffix)`` for ``text[start:end]`` with :data:`CONTEXT_CHARS` of context."""
    return (
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


def make_annotation(
    article_id: str,
    body_text: str,
    start: int,
    end: int,
    *,
    verdict: str | None = None,
    tags: Iterable[str] = (),
    note: str | None = None,
    id: str | None = None,
) -> Annotation:
    """A new annotation on ``body_text[start:end]``, with both selectors and the text's
    :func:`article_text_hash` filled in.

    Raises ``ValueError`` for an empty or out-of-range selection or an unknown verdict.
    """
    if not 0 <= start < end <= len(body_text):
        raise ValueError(f"bad selection {start}..{end} in a text of {len(body_text)} characters")
    exact, prefix, suffix = quote_selector(body_text, start, end)
    stamp = now_iso()
    return Annotation(
        text_hash=article_text_hash(body_text),
        id=id or str(uuid.uuid4()),
        article_id=article_id,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        verdict=as_verdict(verdict),
        tags=list(tags),
        note=note,
        created=stamp,
        modified=stamp,
    )


def w3c_content_id(source: str, exact: str, start: int, end: int, bodies: Any) -> str:
    """A stable id for a W3C annotation that has none: the same annotation imported twice
    gets the same id (so it is merged, not duplicated). A uuid5 over its content."""
    content = json.dumps(
        [source, exact, start, end, bodies], sort_keys=True, ensure_ascii=False, default=str
    )
    return str(uuid.uuid5(W3C_ID_NAMESPACE, content))


def _status(value: str | None) -> Status:
    """A stored status (``None``: ``"anchored"``); ``ValueError`` for an unknown one."""
    if value is None:
        return "anchored"
    for status in STATUSES:
        if value == status:
            return status
    raise ValueError(f"unknown status {value!r}")


def _w3c_text_hash(state: Any) -> str | None:
    """The text hash from a W3C target ``state`` (an object or a list of them), if any."""
    states = state if isinstance(state, list) else [state]
    for item in states:
        if _type_is(item, TEXT_STATE_TYPE) and isinstance(item.get("value"), str):
            value: str = item["value"]
            return value
    return None


def _type_is(selector: Any, name: str) -> bool:
    return isinstance(selector, Mapping) and selector.get("type") == name


def _req_str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string, got {type(value).__name__}")
    return value


def _opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string or null, got {type(value).__name__}")
    return value


def _req_int(data: Mapping[str, Any], key: str, *, low: int = 0, high: int = MAX_OFFSET) -> int:
    """A text offset: an integer (not a bool, float or string) from ``low`` to ``high``."""
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key!r} must be an integer, got {type(value).__name__}")
    if value < low:
        what = "negative" if value < 0 else f"before 'start' ({low})"
        raise ValueError(f"{key!r} is {what}")
    if value > high:
        raise ValueError(f"{key!r} is past {high:,}, larger than any article")
    return value


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("'tags' must be a list of strings")
    return value
