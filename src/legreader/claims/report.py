"""Output of ``legreader claims PATH... --format json|text`` (the CLI wiring is the lead's)."""

from __future__ import annotations

import json

from .checkworthy import checkworthy_sentences
from .engine import analyze_cached
from .sentences import sentences

__all__ = ["render_claims"]


def render_claims(articles: list[tuple[str, str, str, str]], fmt: str) -> str:
    """Render the claims of ``(id, title, path, body)`` articles as ``"json"`` or ``"text"``.

    Each article's JSON also lists its check-worthy sentences (``checkworthy``: start, end,
    score and the signals that decided, see :mod:`legreader.claims.checkworthy`); the text
    format tags them ``check-worthy``."""
    if fmt == "json":
        payload = {
            "articles": [
                {
                    "id": aid,
                    "title": title,
                    "path": path,
                    "claims": [span.to_json() for span in analyze_cached(body)],
                    "checkworthy": [
                        {
                            "start": v.start,
                            "end": v.end,
                            "score": v.score,
                            "reasons": list(v.reasons),
                        }
                        for v in checkworthy_sentences(body, analyze_cached(body))
                        if v.checkworthy
                    ],
                }
                for aid, title, path, body in articles
            ]
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}: use 'json' or 'text'")
    lines: list[str] = []
    for aid, title, path, body in articles:
        spans = analyze_cached(body)
        worthy = {(v.start, v.end) for v in checkworthy_sentences(body, spans) if v.checkworthy}
        lines.append(f"# {aid}: {title} ({path})")
        for start, end in sentences(body):
            tags: list[str] = []
            for span in spans:
                if span.start < end and span.end > start:
                    tag = f"{span.category}:{span.strength}" if span.strength else span.category
                    if span.flags:
                        tag += "!" + ",".join(span.flags)
                    if tag not in tags:
                        tags.append(tag)
            if (start, end) in worthy:
                tags.append("check-worthy")
            sentence = " ".join(body[start:end].split())
            lines.append(f"[{' '.join(tags) or '-'}] {sentence}")
        lines.append("")
    return "\n".join(lines)
