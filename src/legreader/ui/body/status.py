"""What the lines under the body say: the status line (search, the flags and the claim under
the cursor, the selection's size, modes) and the legend (claim categories with their counts,
verdict chips, flag, note and tag markers, in the styles the text uses)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from rich.style import Style
from rich.text import Text

from legreader.claims.model import CATEGORIES, ClaimSpan, flag_explanation
from legreader.text.clean import BIDI_GLYPH
from legreader.ui.marks import (
    FLAG_GLYPH,
    LEGEND_NAMES,
    NOTE_GLYPH,
    TAG_GLYPH,
    VERDICT_GLYPHS,
    VERDICT_KEYS,
    Legend,
)


def status_text(
    *,
    search: str,
    flags: list[str],
    claim: ClaimSpan | None,
    selection: tuple[int, int] | None,
    highlights_on: bool,
    has_bidi: bool,
) -> str:
    """The status line: ``search`` (the search's part, or empty), why the claim under the
    cursor is flagged (first: the line is cut at the right on a narrow screen), the claim
    under the cursor or the selection's size, then the modes worth knowing."""
    parts: list[str] = []
    if search:
        parts.append(search)
    for flag in flags:
        parts.append(f"{FLAG_GLYPH} {flag}: {flag_explanation(flag)}")
    if claim is not None:
        detail = f"{claim.category}"
        if claim.strength:
            detail += f" ({claim.strength})"
        detail += f": {claim.reason}"
        if claim.value is not None:
            value = f"{claim.value:g}"
            unit = (" " + claim.unit) if claim.unit and claim.unit != "%" else (claim.unit or "")
            detail += f" · value {value}{unit}"
        parts.append(detail)
    elif selection:
        start, end = selection
        parts.append(f"selected {end - start} characters")
    if not highlights_on:
        parts.append("highlighting off (h)")
    if has_bidi:
        parts.append(f"⚠ this text holds bidi controls (shown as {BIDI_GLYPH})")
    return "  │  ".join(parts)


def legend(
    *,
    counts: Mapping[str, int],
    styles: Mapping[str, Style],
    shown: Callable[[str], bool],
    chip_style: Callable[[str], Style],
) -> Legend:
    """Two lines under the text: one coloured word per claim category, with its count
    (hidden ones, ``shown`` False, struck out); then each verdict's chip and name, the flag,
    the note and tag markers, in the styles the text uses."""
    claims = Text(no_wrap=True, overflow="ellipsis")
    for category in CATEGORIES:
        style = styles.get(f"claim--{category}", Style())
        if not shown(category):
            style = Style(dim=True, strike=True)
        claims.append(f"{category} {counts.get(category, 0)}", style=style)
        claims.append("  ")
    claims.append("h all · H choose", style="dim")
    marks: list[tuple[str, Style, tuple[str, ...], Style]] = [
        (
            VERDICT_GLYPHS[v],
            chip_style(f"chip--{v}"),
            LEGEND_NAMES[v],
            styles.get(f"verdict--{v}", Style()),
        )
        for v in VERDICT_KEYS
    ]
    flag = styles.get("body--flag", Style(bold=True))
    marks.append((FLAG_GLYPH, flag, LEGEND_NAMES["flag"], flag))
    for glyph, name, key in (
        (NOTE_GLYPH, "mark--note", "note"),
        (TAG_GLYPH, "mark--tag", "tag"),
    ):
        style = styles.get(name, Style(bold=True))
        marks.append((glyph, style, LEGEND_NAMES[key], Style()))
    return Legend(claims, marks)


def shown_categories(highlights_on: bool, enabled: Collection[str]) -> Callable[[str], bool]:
    """Whether a category's claims are highlighted now."""
    return lambda category: highlights_on and category in enabled
