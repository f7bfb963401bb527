"""Make untrusted text safe to show in a terminal.

Article text is data. Escape sequences (CSI, OSC, DCS, APC, PM, SOS, in 7- and 8-bit
forms) and control characters would otherwise reach the terminal: an OSC 52 sequence in
an article can rewrite the reader's clipboard, ``CSI 2 J`` clears the screen. Everything
here is pure string work; no Textual import.
"""

from __future__ import annotations

import re

# String-type sequences: OSC (ESC ]), DCS (ESC P), SOS (ESC X), PM (ESC ^), APC (ESC _),
# and their 8-bit forms (0x9D, 0x90, 0x98, 0x9E, 0x9F). Terminated by BEL, ST (ESC \) or
# the 8-bit ST (0x9C); an unterminated one runs to the end of the line.
_STRING_SEQ = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"  # introducer
    r"[^\x07\x1b\x9c\n]*"  # payload (stop at a newline so an unterminated one eats no more)
    r"(?:\x07|\x1b\\|\x9c)?"  # terminator, if any
)
# CSI: ESC [ or 0x9B, parameter bytes, intermediate bytes, final byte.
_CSI_SEQ = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# Other two- and three-byte escapes: ESC c, ESC 7, ESC ( B, ESC # 8 ...
_ESC_SEQ = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
_NEEDS_SEQUENCE_PASS = re.compile(r"[\x1b\x80-\x9f]")
# Remaining C0 controls except TAB and LF, DEL, and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional formatting characters: can make text display in a misleading order.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF (a lone CR is a line break, never deleted)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters; keep every visible character.

    Newlines are normalised first, so a CR never glues two lines together. TAB and LF stay.
    A leading byte-order mark is dropped.
    """
    if not text:
        return text
    text = normalise_newlines(text)
    if not _CONTROLS.search(text):
        # Every escape sequence starts with ESC or a C1 control, both in _CONTROLS: a text
        # without any (most pages, megabytes of HTML) is done after one scan.
        return text.lstrip("\ufeff")
    if _NEEDS_SEQUENCE_PASS.search(text):
        text = _STRING_SEQ.sub("", text)
        text = _CSI_SEQ.sub("", text)
        text = _ESC_SEQ.sub("", text)
    return _CONTROLS.sub("", text).lstrip("\ufeff")


def has_bidi_controls(text: str) -> bool:
    """True when the text holds bidirectional formatting characters (worth flagging)."""
    # Twelve substring scans (C speed) beat one character-class regex by about 10x on
    # megabytes of text, and most texts hold none of them.
    return any(ch in text for ch in BIDI_CONTROLS)


def strip_bidi(text: str) -> str:
    """Remove bidirectional formatting characters (for text leaving the app)."""
    return _BIDI.sub("", text)


def clean_line(text: str) -> str:
    """Clean a one-line value (title, outlet, file name): also folds newlines and tabs."""
    text = clean_text(text)
    return " ".join(text.split())


def clean_field(text: str) -> str:
    """:func:`clean_text` for the many short strings of a record (notes, quotes, ids).

    The same result, with a fast path: most fields hold no control character at all, and
    ``str.isprintable`` (C speed) or one regex search proves it. Used where untrusted text
    enters the domain (annotations read from a database or an import).
    """
    if not text or text.isprintable() or not _CONTROLS.search(text):
        return text
    return clean_text(text)


def clean_field_line(text: str) -> str:
    """:func:`clean_line` with the same fast path (tags, labels: one line, no controls)."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text
    return clean_line(text)


#: Bidi controls are drawn as this glyph (one cell, like the character it stands for
#: occupies one code point), so the reader sees that the text holds one.
BIDI_GLYPH = "⇄"  # ⇄
_BIDI_VISIBLE = str.maketrans({ch: BIDI_GLYPH for ch in BIDI_CONTROLS})


def show_bidi(text: str) -> str:
    """Each bidi control replaced by :data:`BIDI_GLYPH` (same length, so offsets hold)."""
    if not has_bidi_controls(text):
        return text
    return text.translate(_BIDI_VISIBLE)


def displayable(text: str) -> str:
    """Untrusted text made safe to draw: cleaned, bidi controls shown as a glyph."""
    return show_bidi(clean_field(text))
