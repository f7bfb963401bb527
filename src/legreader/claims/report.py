"""Output of ``legreader claims PATH... --format json|text`` (the CLI wiring is the lead's)."""

from __future__ import annotations

import json

from .engine import analyze_cached
from .sentences import sentences

__all__ = ["render_claims"]


def render_claims(articles: list[tuple[str, str, str, str]], fmt: str) -> str:
    """Render the claims of ``(id, title, path, body)`` articles as ``"json"`` or ``"text"``."""
    if fmt == "json":
        payload = {
            "articles": [
                {
                    "id": aid,
                    "title": title,
                    "path": path,
                    "claims": [span.to_json() for span in analyze_cached(body)],
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
            sentence = " ".join(body[start:end].split())
            lines.append(f"[{' '.join(tags) or '-'}] {sentence}")
        lines.append("")
    return "\n".join(lines)
