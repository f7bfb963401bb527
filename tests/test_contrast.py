"""WCAG contrast of every verdict and claim colour, in each shipped theme.

The colours are read from the running app (the real ``styles/*.tcss`` rules as Textual
resolves them for the theme: ``get_component_rich_style``), never from a copy of the values.
Each one must reach WCAG AA for text, 4.5:1, against every background it is drawn on:

- a claim colour on the body's background, on the legend's, on the primary record's, and on
  each verdict's tint (a claim inside a marked passage);
- the body's own text on each verdict's tint;
- a verdict's colour on the body's background (its chip is the same pair reversed), on the
  legend's, the sidebar's and the annotations panel's;
- the flag's text on the flag's background; the note and tag markers on the body;
- body text and claim colours on a search match;
- the annotations panel's status marks and word diff, the header's "text changed" banner,
  and every look of the compare screen (cell states, discrepancies, signals, word diff, the
  error message; the side-by-side screen shares its rules) on their backgrounds.

Also: the verdicts' colours differ from each other and from every claim colour (CIELAB
ΔE76 >= :data:`MIN_DELTA_E`), and each verdict has its own glyph.
"""

from __future__ import annotations

import itertools
import math
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import ready, wait_for
from rich.color import Color
from rich.style import Style

from legreader.claims.model import CATEGORIES
from legreader.store.model import VERDICTS
from legreader.ui.annotations_panel import AnnotationsPanel
from legreader.ui.app import make_app
from legreader.ui.article_body import ArticleBody
from legreader.ui.article_header import ArticleHeader
from legreader.ui.article_list import ArticleList
from legreader.ui.compare_screen import CompareScreen
from legreader.ui.marks import SHIPPED_THEMES, VERDICT_GLYPHS

#: WCAG 2 AA, normal text.
AA = 4.5
#: Two marks whose colours are closer than this (CIELAB ΔE76) would be told apart only by
#: their glyphs. About 2.3 is a just noticeable difference; 15 is clearly another colour.
MIN_DELTA_E = 15.0

RGB = tuple[int, int, int]


def _theme_is(app: Any, name: str) -> bool:
    return bool(app.current_theme.name == name)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _lab(rgb: RGB) -> tuple[float, float, float]:
    r, g, b = (_channel(v) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: RGB, b: RGB) -> float:
    la, lb = _lab(a), _lab(b)
    return math.dist(la, lb)


def test_the_formulas_match_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)
    assert delta_e((0, 0, 0), (255, 255, 255)) == pytest.approx(100, abs=0.1)


def _rgb(color: Color | None) -> RGB:
    assert color is not None, "no colour resolved"
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _pair(style: Style) -> tuple[RGB, RGB]:
    """(foreground, background) a fully resolved style draws with."""
    return _rgb(style.color), _rgb(style.bgcolor)


def _theme_colours(app: Any) -> dict[str, Any]:
    """Every colour the marks use in the current theme, as the app resolves it."""
    body = app.query_one(ArticleBody)
    sidebar = app.query_one(ArticleList)
    panel = app.query_one(AnnotationsPanel)
    legend = app.query_one("#legend")

    def component(widget: Any, name: str) -> tuple[RGB, RGB]:
        # Not partial: the colour over the background the widget draws it on (a mark with no
        # background of its own sits on the widget's).
        return _pair(widget.get_component_rich_style(name, partial=False))

    text_fg, text_bg = _pair(body.text.rich_style)
    return {
        "text": (text_fg, text_bg),
        "legend_bg": _rgb(legend.rich_style.bgcolor),
        "claims": {c: component(body, f"claim--{c}")[0] for c in CATEGORIES},
        "verdicts": {v: component(body, f"verdict--{v}") for v in VERDICTS},
        "tints": {v: component(body, f"passage--{v}")[1] for v in VERDICTS},
        "flag": component(body, "body--flag"),
        "match_bg": component(body, "body--match")[1],
        "note": component(body, "mark--note"),
        "tag": component(body, "mark--tag"),
        "sidebar": {v: component(sidebar, f"verdict--{v}") for v in VERDICTS},
        "panel": {v: component(panel, f"verdict--{v}") for v in VERDICTS},
        "looks": {
            **{
                f"panel {name}": component(panel, name)
                for name in sorted(AnnotationsPanel.COMPONENT_CLASSES)
                if not name.startswith("verdict--")
            },
            "header text changed": component(app.query_one(ArticleHeader), "header--text-changed"),
        },
    }


def _compare_looks(screen: CompareScreen) -> dict[str, tuple[RGB, RGB]]:
    """Every component class of the compare screen, over the screen's background."""
    return {
        f"compare {name}": _pair(screen.get_component_rich_style(name, partial=False))
        for name in sorted(CompareScreen.COMPONENT_CLASSES)
    }


async def _colours_by_theme(db_path: Path) -> dict[str, dict[str, Any]]:
    app = make_app(db_path=db_path)
    found: dict[str, dict[str, Any]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for theme in SHIPPED_THEMES:
            app.theme = theme
            await wait_for(pilot, partial(_theme_is, app, theme))
            await pilot.pause()
            found[theme] = _theme_colours(app)
        # The primary record is drawn on its own (slightly tinted) background.
        app.theme = SHIPPED_THEMES[0]
        await pilot.pause()
        body = app.query_one(ArticleBody)
        body.set_class(True, "-primary")
        await pilot.pause()
        for theme in SHIPPED_THEMES:
            app.theme = theme
            await wait_for(pilot, partial(_theme_is, app, theme))
            await pilot.pause()
            found[theme]["primary_bg"] = _pair(body.text.rich_style)[1]
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        for theme in SHIPPED_THEMES:
            app.theme = theme
            await wait_for(pilot, partial(_theme_is, app, theme))
            await pilot.pause()
            found[theme]["looks"].update(_compare_looks(screen))
    return found


@pytest.fixture(scope="module")
def colours(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    import asyncio

    db = tmp_path_factory.mktemp("contrast") / "annotations.json"
    return asyncio.run(_colours_by_theme(db))


def _failures(theme: dict[str, Any]) -> list[str]:
    failed: list[str] = []

    def check(what: str, fg: RGB, bg: RGB) -> None:
        ratio = contrast(fg, bg)
        if ratio < AA:
            failed.append(f"{what}: #{bytes(fg).hex()} on #{bytes(bg).hex()} = {ratio:.2f}")

    text_fg, body_bg = theme["text"]
    backgrounds = {
        "body": body_bg,
        "legend": theme["legend_bg"],
        "primary record": theme["primary_bg"],
        "search match": theme["match_bg"],
        **{f"{v} tint": tint for v, tint in theme["tints"].items()},
    }
    for category, colour in theme["claims"].items():
        for where, bg in backgrounds.items():
            check(f"claim {category} on {where}", colour, bg)
    for verdict, tint in theme["tints"].items():
        check(f"body text on {verdict} tint", text_fg, tint)
    check("body text on a search match", text_fg, theme["match_bg"])
    for verdict, (colour, bg) in theme["verdicts"].items():
        assert bg == body_bg, f"verdict {verdict}'s colour is drawn on the body"
        check(f"verdict {verdict} (glyph chip) on body", colour, bg)
        check(f"verdict {verdict} on legend", colour, theme["legend_bg"])
    for where in ("sidebar", "panel"):
        for verdict, (colour, bg) in theme[where].items():
            check(f"verdict {verdict} in the {where}", colour, bg)
    check("flagged claim", *theme["flag"])
    check("note marker", *theme["note"])
    check("tag marker", *theme["tag"])
    for what, (fg, bg) in theme["looks"].items():
        check(what, fg, bg)
    return failed


@pytest.mark.parametrize("name", SHIPPED_THEMES)
def test_every_mark_reaches_wcag_aa(colours: dict[str, dict[str, Any]], name: str) -> None:
    assert _failures(colours[name]) == []


@pytest.mark.parametrize("name", SHIPPED_THEMES)
def test_verdict_colours_differ_from_each_other_and_from_claims(
    colours: dict[str, dict[str, Any]], name: str
) -> None:
    theme = colours[name]
    verdicts = {v: fg for v, (fg, _bg) in theme["verdicts"].items()}
    close = [
        (a, b, round(delta_e(verdicts[a], verdicts[b]), 1))
        for a, b in itertools.combinations(verdicts, 2)
        if delta_e(verdicts[a], verdicts[b]) < MIN_DELTA_E
    ]
    close += [
        (v, f"claim {c}", round(delta_e(verdicts[v], theme["claims"][c]), 1))
        for v in verdicts
        for c in theme["claims"]
        if delta_e(verdicts[v], theme["claims"][c]) < MIN_DELTA_E
    ]
    assert close == []
    # Every verdict's tint is a colour of its own too (not the body's background).
    tints = theme["tints"]
    assert len(set(tints.values())) == len(VERDICTS)
    assert theme["text"][1] not in tints.values()
    # The flag is not mistaken for the "false" verdict's tint, nor a search match for a tint.
    assert delta_e(theme["flag"][1], tints["false"]) >= MIN_DELTA_E
    assert all(delta_e(theme["match_bg"], tint) >= 10 for tint in tints.values())


def test_each_verdict_has_its_own_glyph() -> None:
    assert list(VERDICT_GLYPHS) == list(VERDICTS)
    assert len(set(VERDICT_GLYPHS.values())) == len(VERDICTS)


def test_themes_are_shipped_with_their_own_rules() -> None:
    """Each shipped theme is a Textual theme; the stylesheet holds colours for the dark and
    light palettes and for each shipped theme that is not the palette's model."""
    from textual.theme import BUILTIN_THEMES

    from legreader.files.resources import styles_dir

    marks = (styles_dir() / "marks.tcss").read_text(encoding="utf-8")
    assert all(theme in BUILTIN_THEMES for theme in SHIPPED_THEMES)
    assert "App.-dark-mode .verdict--false" in marks
    assert "App.-light-mode .verdict--false" in marks
    assert ".-theme-gruvbox .verdict--false" in marks
