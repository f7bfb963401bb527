"""Unit tests for legreader.text.clean: untrusted text made safe for a terminal.

RELIABILITY cases 13 (markup-looking text shown verbatim) and 14 (escape sequences and
control characters never reach the terminal, visible text kept), plus case 16 (line
endings normalised without gluing lines together).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legreader.text.clean import (
    BIDI_CONTROLS,
    clean_line,
    clean_text,
    has_bidi_controls,
    normalise_newlines,
    strip_bidi,
)

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"


def forbidden_chars(text: str) -> list[str]:
    """Characters that must never survive cleaning: ESC, C0 except TAB/LF, DEL, C1."""
    return [ch for ch in text if (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F]


# ---------------------------------------------------------------------------
# Escape sequences (case 14)
# ---------------------------------------------------------------------------

INJECTIONS = [
    pytest.param(f"a{ESC}]52;c;SGVsbG8gY2xpcGJvYXJk{BEL}b", "ab", id="osc52-clipboard-bel"),
    pytest.param(f"a{ESC}]52;c;SGVsbG8gY2xpcGJvYXJk{ST}b", "ab", id="osc52-clipboard-st"),
    pytest.param(f"a{ESC}]52;p;?{BEL}b", "ab", id="osc52-clipboard-query"),
    pytest.param(f"a{ESC}]0;pwned window title{BEL}b", "ab", id="osc0-title-bel"),
    pytest.param(f"a{ESC}]2;pwned{ST}b", "ab", id="osc2-title-st"),
    pytest.param(
        f"see {ESC}]8;;https://evil.example/{ST}the link text{ESC}]8;;{ST} here",
        "see the link text here",
        id="osc8-hyperlink-keeps-text",
    ),
    pytest.param(
        f"see {ESC}]8;id=1;https://evil.example/{BEL}click{ESC}]8;;{BEL}!",
        "see click!",
        id="osc8-hyperlink-bel",
    ),
    pytest.param(f"x{ESC}[2Jy", "xy", id="csi-2J-clear-screen"),
    pytest.param(f"x{ESC}[H{ESC}[3Jy", "xy", id="csi-home-clear-scrollback"),
    pytest.param(f"x{ESC}[38;5;196mred{ESC}[0my", "xredy", id="csi-sgr-colours"),
    pytest.param(f"x{ESC}[?1049hy", "xy", id="csi-private-alt-screen"),
    pytest.param(f"x{ESC}[1;2 qy", "xy", id="csi-intermediate-byte"),
    pytest.param(f"x{ESC}cy", "xy", id="esc-c-full-reset"),
    pytest.param(f"x{ESC}7y{ESC}8", "xy", id="esc-save-restore-cursor"),
    pytest.param(f"x{ESC}(By", "xy", id="esc-charset-designation"),
    pytest.param(f"x{ESC}#8y", "xy", id="esc-decaln-fill-screen"),
    pytest.param("x\x9b2Jy", "xy", id="8bit-csi-clear"),
    pytest.param("x\x9b31mred\x9b0my", "xredy", id="8bit-csi-sgr"),
    pytest.param("x\x9d0;title\x9cy", "xy", id="8bit-osc-8bit-st"),
    pytest.param(f"x\x9d52;c;QUFBQQ=={BEL}y", "xy", id="8bit-osc52-bel"),
    pytest.param(f"x{ESC}Pq#0;2;0;0;0{ST}y", "xy", id="dcs-sixel"),
    pytest.param(f"x{ESC}_apc payload{ST}y", "xy", id="apc"),
    pytest.param(f"x{ESC}^pm payload{ST}y", "xy", id="pm"),
    pytest.param(f"x{ESC}Xsos payload{ST}y", "xy", id="sos"),
    pytest.param("x\x90dcs8\x9cy", "xy", id="8bit-dcs"),
    pytest.param("x\x9fapc8\x9cy", "xy", id="8bit-apc"),
    pytest.param("a\x00b", "ab", id="nul"),
    pytest.param("a\x7fb", "ab", id="del"),
    pytest.param("a\x85b\x80c\x8dd\x9ae\x84f", "abcdef", id="c1-controls"),
    pytest.param("a\x9fpayload\nnext", "a\nnext", id="c1-apc-introducer-to-end-of-line"),
    pytest.param("a\x01\x02\x03\x04\x05\x06b", "ab", id="c0-controls"),
    pytest.param("a\x07b\x08c\x0bd\x0ce", "abcde", id="bel-bs-vt-ff"),
    pytest.param("a\x0e\x0f\x1a\x1c\x1fb", "ab", id="so-si-sub-fs-us"),
    pytest.param(f"trailing{ESC}", "trailing", id="lone-trailing-esc"),
    pytest.param(f"x{ESC}[", "x", id="truncated-csi"),
    pytest.param(f"x{ESC}]", "x", id="truncated-osc"),
    pytest.param("x\x9b", "x", id="truncated-8bit-csi"),
]


@pytest.mark.parametrize(("raw", "expected"), INJECTIONS)
def test_clean_text_removes_escape_sequences_and_controls(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned == expected
    assert forbidden_chars(cleaned) == []


def test_unterminated_osc_does_not_eat_following_lines() -> None:
    raw = f"line one {ESC}]0;an unterminated title\nline two\nline three"
    assert clean_text(raw) == "line one \nline two\nline three"


def test_unterminated_8bit_osc_does_not_eat_following_lines() -> None:
    raw = "line one \x9d52;c;AAAA\nline two\n"
    assert clean_text(raw) == "line one \nline two\n"


def test_unterminated_osc52_cannot_reach_the_terminal() -> None:
    raw = f"before{ESC}]52;c;SGVsbG8=\nafter"
    cleaned = clean_text(raw)
    assert "SGVsbG8" not in cleaned
    assert cleaned.endswith("\nafter")
    assert forbidden_chars(cleaned) == []


def test_sequences_spread_over_many_lines_keep_every_line() -> None:
    raw = "\n".join(f"{ESC}[1mline {i}{ESC}[0m" for i in range(50))
    assert clean_text(raw).split("\n") == [f"line {i}" for i in range(50)]


def test_clipboard_payload_never_survives_anywhere_in_a_long_text() -> None:
    payload = f"{ESC}]52;c;ZXZpbCBwYXlsb2Fk{ST}"
    raw = ("Honest paragraph text. " * 20 + payload + "\n") * 30
    cleaned = clean_text(raw)
    assert "ZXZpbCBwYXlsb2Fk" not in cleaned
    assert ESC not in cleaned
    assert cleaned.count("Honest paragraph text.") == 20 * 30


# ---------------------------------------------------------------------------
# What must be kept (case 13): visible text, TAB, LF
# ---------------------------------------------------------------------------

MARKUP_LOOKALIKES = [
    "[bold red]alarming[/]",
    "[/]",
    "[/",
    "[bold]",
    "[link=https://example.com]x[/link]",
    "[link=x]",
    "[@click=app.quit]x[/]",
    "[B]",
    "[on red blink]",
    ":warning:",
    r"C:\path\to\file \n \x1b \\ \[escaped\]",
    "\\",
    "<script>alert(1)</script>",
    "%s %d {0} {name}",
]


@pytest.mark.parametrize("text", MARKUP_LOOKALIKES)
def test_markup_and_visible_text_kept_verbatim(text: str) -> None:
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_tab_and_newline_kept() -> None:
    text = "col1\tcol2\nrow2\tx\n\n\nafter blank lines\n"
    assert clean_text(text) == text


def test_unicode_text_kept() -> None:
    text = "café naïve – “quoted” ‘single’ … 运动 脳 Ελληνικά עברית 🦵🧠 \u00a0nbsp \u200bzwsp"
    assert clean_text(text) == text


def test_empty_text() -> None:
    assert clean_text("") == ""
    assert clean_line("") == ""


def test_text_surrounding_sequences_kept_exactly() -> None:
    raw = f"[bold]The study{ESC}[2J[/] found a 70% drop{ESC}]0;x{BEL} :warning: \\o/"
    assert clean_text(raw) == "[bold]The study[/] found a 70% drop :warning: \\o/"


# ---------------------------------------------------------------------------
# Line endings (case 16)
# ---------------------------------------------------------------------------


def test_crlf_becomes_lf() -> None:
    assert clean_text("one\r\ntwo\r\n") == "one\ntwo\n"


def test_lone_cr_is_a_line_break_not_deleted() -> None:
    # Old Mac line endings: stripping the CR would glue "one" and "two" into "onetwo".
    assert clean_text("one\rtwo\rthree") == "one\ntwo\nthree"


def test_mixed_line_endings_keep_every_line() -> None:
    raw = "a\r\nb\rc\nd\n\re"
    cleaned = clean_text(raw)
    assert cleaned == "a\nb\nc\nd\n\ne"
    assert "\r" not in cleaned


def test_normalise_newlines() -> None:
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise_newlines("\r\r\n") == "\n\n"


def test_leading_bom_dropped() -> None:
    assert clean_text("\ufeffTitle\nbody") == "Title\nbody"


def test_bom_inside_text_is_not_touched() -> None:
    # Only a leading byte-order mark is metadata; elsewhere U+FEFF is (odd) content.
    assert clean_text("a\ufeffb") == "a\ufeffb"


# ---------------------------------------------------------------------------
# clean_line
# ---------------------------------------------------------------------------


def test_clean_line_folds_whitespace_and_newlines() -> None:
    assert clean_line("  A\ttitle\r\nover\rthree\nlines  ") == "A title over three lines"


def test_clean_line_removes_sequences() -> None:
    assert clean_line(f"{ESC}]0;pwned{BEL}Real {ESC}[31mtitle{ESC}[0m\x00") == "Real title"


# ---------------------------------------------------------------------------
# Bidi controls
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("ch", list(BIDI_CONTROLS))
def test_each_bidi_control_detected_and_stripped(ch: str) -> None:
    text = f"abc{ch}def"
    assert has_bidi_controls(text)
    assert strip_bidi(text) == "abcdef"


def test_trojan_source_style_text_stripped() -> None:
    # RLO ... PDI: makes "admin" display reversed; a classic spoof.
    text = "access = \u202e\u2066nimda\u2069\u2066 ok"
    assert has_bidi_controls(text)
    assert strip_bidi(text) == "access = nimda ok"
    assert not has_bidi_controls(strip_bidi(text))


def test_no_bidi_controls_in_ordinary_rtl_text() -> None:
    text = "Hebrew עברית and Arabic العربية are fine"
    assert not has_bidi_controls(text)
    assert strip_bidi(text) == text


def test_clean_text_keeps_bidi_controls_for_flagging() -> None:
    # The loader flags bidi controls (they are visible-text formatting, not escapes);
    # strip_bidi is for text leaving the app.
    text = "a\u202eb"
    assert clean_text(text) == text
    assert has_bidi_controls(clean_text(text))


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_NASTY = list("\x1b[]()#\x07\\\x9b\x9c\x9d\x90\x98\x9e\x9f\x85\r\n\t\x00\x7f\x08PX^_c;:0123J mab ")
# U+FEFF is left out here: see test_clean_text_idempotent_with_bom_after_control.
_ANY_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(_NASTY), max_size=60),
    st.text(alphabet=st.characters(blacklist_characters="\ufeff"), max_size=60),
    st.lists(
        st.sampled_from(
            [
                "\x1b]52;c;",
                "\x1b]0;",
                "\x1b]8;;",
                "\x1b[",
                "\x1b\\",
                "\x9b",
                "\x9d",
                "\x07",
                "2J",
                "text",
                "\n",
                "\r\n",
                "\r",
                "[/]",
                "\x1bc",
            ]
        ),
        max_size=12,
    ).map("".join),
)

_PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_PROPERTY_SETTINGS
@given(_ANY_TEXT)
def test_property_clean_text_output_has_no_escape_or_control_chars(text: str) -> None:
    cleaned = clean_text(text)
    assert forbidden_chars(cleaned) == []
    assert "\x1b" not in cleaned
    assert "\r" not in cleaned


@_PROPERTY_SETTINGS
@given(_ANY_TEXT)
def test_property_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@_PROPERTY_SETTINGS
@given(_ANY_TEXT)
def test_property_clean_text_keeps_line_count(text: str) -> None:
    # Newlines are never removed or added, only CR/CRLF turned into LF.
    assert clean_text(text).count("\n") == normalise_newlines(text).count("\n")


@_PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=80))
def test_property_text_without_controls_is_unchanged(text: str) -> None:
    expected = text[1:] if text.startswith("\ufeff") else text
    assert clean_text(text) == expected


@_PROPERTY_SETTINGS
@given(_ANY_TEXT)
def test_property_clean_line_is_one_clean_line(text: str) -> None:
    line = clean_line(text)
    assert "\n" not in line and "\t" not in line
    assert forbidden_chars(line) == []
    assert line == line.strip()


@_PROPERTY_SETTINGS
@given(st.text(max_size=60))
def test_property_strip_bidi_removes_all_bidi(text: str) -> None:
    assert not has_bidi_controls(strip_bidi(text))


@pytest.mark.parametrize("raw", ["\x07\ufeffTitle", "\ufeff\ufeffTitle", "\x1b[0m\ufeffTitle"])
def test_clean_text_idempotent_with_bom_after_control(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
    assert once == "Title"
