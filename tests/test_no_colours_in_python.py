"""Colours live in the stylesheets (styles/*.tcss), themed; no module under ``legreader/ui``
names one.

Every string constant in the UI's code (docstrings aside) that reads as a Rich style or a
colour is looked at: a colour name (``"red"``, ``"bright_cyan"``, ``"grey50"``), a hex
(``"#ff0000"``), ``rgb(…)``, ``color(…)``, or a style with one of these (``"bold black on
yellow"``). Styles without a colour (``"bold"``, ``"dim italic"``, ``"reverse"``) are fine: a
look that needs a colour is a component class, styled in TCSS for every shipped theme and
checked for contrast by ``tests/test_contrast.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rich.color import ANSI_COLOR_NAMES
from rich.errors import StyleSyntaxError
from rich.style import Style

UI = Path(__file__).parents[1] / "src" / "legreader" / "ui"

#: A hex colour (not a CSS id that starts with hex letters: ``#add-folder``).
_HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![\w-])")
_FUNCTION = re.compile(r"\b(?:rgb|rgba|hsl|color)\(\s*\d", re.IGNORECASE)
#: Style words that are not colours (a string made only of these is fine). "default" is the
#: terminal's own colour, never a themed one, and a common name ("default" worker group).
_NOT_COLOURS = frozenset(
    {"bold", "dim", "italic", "underline", "reverse", "strike", "blink", "none", "not", "default"}
)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (and of attribute docstrings: a string statement)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


#: A CSS declaration of a colour property (in a ``DEFAULT_CSS``): its value.
_CSS_COLOUR = re.compile(
    r"\b(?:color|background|tint|border(?:-[a-z]+)*|outline(?:-[a-z]+)*|scrollbar-[a-z-]+)"
    r"\s*:\s*([^;}\n]*)"
)


def _css_names_a_colour(text: str) -> bool:
    """A declaration whose value is a colour name (not a ``$variable`` of the theme)."""
    for value in _CSS_COLOUR.findall(text):
        for word in value.replace(",", " ").split():
            name = word.casefold().removeprefix("ansi_")
            if not word.startswith("$") and name in ANSI_COLOR_NAMES:
                return True
    return False


def _names_a_colour(text: str) -> bool:
    if _HEX.search(text) or _FUNCTION.search(text) or _css_names_a_colour(text):
        return True
    words = text.split()
    if not words or len(words) > 8:
        return False
    if all(word.casefold() in _NOT_COLOURS for word in words):
        return False
    try:
        style = Style.parse(text)
    except (StyleSyntaxError, ValueError):
        return False  # not a style: prose, a key, an id
    return style.color is not None or style.bgcolor is not None


def _colours_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and _names_a_colour(node.value)
        ):
            found.append(f"{path.relative_to(UI.parent)}:{node.lineno}: {node.value!r}")
    return found


def test_the_check_finds_colours() -> None:
    colours = ("red", "bold red", "bold black on yellow", "grey50", "#a0b1c2", "rgb(1,2,3)")
    css = ("A { color: red; }", "B {\n  background: ansi_blue 50%;\n}", "C { border: tall white; }")
    for colour in colours + css:
        assert _names_a_colour(colour), colour
    fine_ones = (
        "bold",
        "dim italic",
        "bold reverse",
        "underline dim",
        "",
        "red blood cell",
        "default",
        "#add-x",
        "A { color: $text-muted; background: $surface; border: round $accent; }",
    )
    for fine in fine_ones:
        assert not _names_a_colour(fine), fine
    assert "red" in ANSI_COLOR_NAMES  # (the names Rich knows are the ones looked for)


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: p.name)
def test_no_colour_is_named_in_the_ui_code(path: Path) -> None:
    assert _colours_in(path) == []
