"""``render_compare``: the comparison as JSON or as plain text (discrepancies first)."""

from __future__ import annotations

import json
import textwrap
from collections import Counter

from legreader.compare.engine import CompareResult
from legreader.compare.model import ClaimGroup, Item
from legreader.compare.quotes import diff_text

_TITLE_WIDTH = 28
_SHORT_TITLE = 24
_PASSAGE_WIDTH = 76
_MARK = {"agrees": "=", "differs": "≠", "not_in_study": "○", "extra": "+", "missing": " "}


def render_compare(result: CompareResult, fmt: str = "text") -> str:
    """``fmt`` is "json" (machine-readable, see :meth:`CompareResult.to_json`) or "text"."""
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r} (json or text)")
    return _text(result)


def _passage(result: CompareResult, item: Item, width: int = 200) -> str:
    """The item in its sentence, the item itself between »«, cut to ``width`` around it."""
    body = result.bodies.get(item.article, "")
    s_start, s_end = item.sentence if item.sentence != (0, 0) else (item.start, item.end)
    s_start, s_end = min(s_start, item.start), max(s_end, item.end)
    before = " ".join(body[s_start : item.start].split())
    inner = " ".join(body[item.start : item.end].split())
    after = " ".join(body[item.end : s_end].split())
    room = max(0, width - len(inner) - 4) // 2
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    return f"{before}»{inner}«{after}".strip()


def _title(result: CompareResult, article: str) -> str:
    title = next((c.title for c in result.columns if c.id == article), article) or article
    title = " ".join(title.split())
    text = f"{title} [{article}]" if article not in title else title
    return text if len(text) <= _TITLE_WIDTH else text[: _TITLE_WIDTH - 1] + "…"


def short_titles(result: CompareResult) -> dict[str, str]:
    """Column id -> a short title (first words of the title; the id added when two collide)."""
    out: dict[str, str] = {}
    for column in result.columns:
        words = " ".join(column.title.split()).split(" ")
        short = ""
        for word in words:
            if len(short) + len(word) + 1 > _SHORT_TITLE and short:
                short += "…"
                break
            short = f"{short} {word}".strip()
        out[column.id] = "the study" if column.is_primary else (short or column.id)
    seen = Counter(out.values())
    return {k: (f"{v} [{k}]" if seen[v] > 1 else v) for k, v in out.items()}


def _named(text: str, names: dict[str, str]) -> str:
    for key in sorted(names, key=len, reverse=True):
        text = text.replace(key, names[key]) if key and key in text else text
    return text


def _group_block(result: CompareResult, group: ClaimGroup) -> list[str]:
    flag = "DIFFERS" if group.discrepancy else "agrees"
    names = short_titles(result)
    lines = [f"[{group.id}] {group.kind}: {group.label or group.measure}  — {flag}"]
    if group.reasons:
        lines.append("    " + _named(" vs ".join(group.reasons), names))
    if group.study_silent and group.reference_source == "primary":
        lines.append(f"    not in the study; its design allows at most: {group.reference}")
    elif group.study_silent:
        said = f"; most articles say {group.reference}" if group.reference else ""
        lines.append(f"    not in the study: the primary states nothing comparable{said}")
    elif group.reference:
        where = "the study" if group.reference_source == "primary" else "majority"
        lines.append(f"    reference: {group.reference} ({where})")
    if group.internal:
        lines.append(
            f"    contradicts itself: {', '.join(names.get(a, a) for a in group.internal)}"
        )
    for item in group.items:
        cell = group.cells.get(item.article)
        mark = _MARK.get(cell.item_state(item) if cell else "missing", "?")
        passage = textwrap.wrap(_passage(result, item), _PASSAGE_WIDTH) or [""]
        lines.append(f"  {mark} {_title(result, item.article):<{_TITLE_WIDTH}} │ {passage[0]}")
        lines += [f"    {'':<{_TITLE_WIDTH}} │ {more}" for more in passage[1:]]
    for diff in group.diffs:
        a, b = names.get(diff["a"], diff["a"]), names.get(diff["b"], diff["b"])
        lines.append(f"    words {a} → {b}: {diff_text(diff['ops'])}")
    return lines


def _value(value: object) -> str:
    """A signal's value for people: yes/no, n/a, never ``None`` or ``True``."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _text(result: CompareResult) -> str:
    out: list[str] = ["SOURCES (named below by short title)"]
    for column in result.columns:
        out.append(f"  {column.id:<14} {' '.join(column.title.split())}")
    out.append("")
    discrepancies = result.discrepancies
    out.append(f"DISCREPANCIES ({len(discrepancies)})")
    out.append("")
    for group in discrepancies:
        out += _group_block(result, group) + [""]
    shared = [g for g in result.groups if not g.discrepancy and len(g.articles) > 1]
    out.append(f"AGREEMENT ({len(shared)} claims reported alike by several sources)")
    for group in shared:
        who = ", ".join(short_titles(result).get(a, a) for a in group.articles)
        out.append(
            f"  [{group.id}] {group.kind}: {group.label or group.measure}"
            + (f" — {group.reference}" if group.reference else "")
            + f" ({who})"
        )
    extras = [g for g in result.groups if not g.discrepancy and len(g.articles) == 1]
    out.append("")
    out.append(f"ONLY IN ONE ARTICLE: {len(extras)} claims")
    out.append("")
    out.append("ARTICLES")
    for column in result.columns:
        if column.is_primary:
            continue
        out.append(f"  {_title(result, column.id)}")
        for name, signal in result.signals.get(column.id, {}).items():
            evidence = "; ".join(signal["evidence"][:4])
            more = f" (+{len(signal['evidence']) - 4})" if len(signal["evidence"]) > 4 else ""
            value = _value(signal["value"])
            out.append(f"    {name}: {value}" + (f" — {evidence}{more}" if evidence else ""))
    return "\n".join(out) + "\n"
