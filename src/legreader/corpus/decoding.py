"""Turn the bytes of a file into text, in layers: BOM, strict UTF-8, then detection.

Charset detection misreads short Latin-1/cp1252 text, so it is the last resort and the
caller is told when the encoding was guessed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class BinaryContent(ValueError):
    """The bytes do not look like text."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool
    """True when the encoding came from detection rather than a BOM or valid UTF-8."""


def looks_binary(data: bytes) -> bool:
    """A known binary signature, or many NUL/control bytes (not UTF-16 without a BOM).

    A stray NUL in a text file is not enough: cleaning removes it and keeps the text.
    """
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")):
        return True
    nuls = head.count(0)
    if nuls and _looks_utf16_without_bom(head):
        return False
    controls = len(head.translate(None, _NOT_CONTROL))  # (a C loop: ~1 ms a file less)
    return controls > max(2, 0.02 * len(head))


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 27 or 27 < b < 32))
"""The bytes :func:`looks_binary` does not count (TAB, LF, VT, FF, CR, ESC and all >= 32)."""


def _looks_utf16_without_bom(head: bytes) -> bool:
    if len(head) < 4:
        return False
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    return (odd_nuls > 0.4 * half and even_nuls == 0) or (even_nuls > 0.4 * half and odd_nuls == 0)


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes; raise :class:`BinaryContent` for data that is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(encoding, errors="replace"), encoding, False)
    if looks_binary(data):
        raise BinaryContent("binary data, not text")
    head = data[:8192]
    if head.count(0) and _looks_utf16_without_bom(head):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return Decoded(data.decode(encoding, errors="replace"), encoding, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few bad bytes: keep it UTF-8, mark the bad bytes.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid_multibyte = sum(1 for ch in text if ch > "\x7f") - bad
    if valid_multibyte and bad <= max(1, valid_multibyte // 4):
        return Decoded(text, "utf-8", True)
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    # Short Western text is often misread (as cp1250, as UTF-16...); cp1252 decodes almost
    # everything and is by far the likeliest single-byte encoding in practice.
    if encoding not in _MULTIBYTE and _mostly_latin(data):
        encoding = "cp1252"
    if encoding.startswith(("utf_16", "utf_32", "utf-16", "utf-32")) and 0 not in data[:8192]:
        encoding = "cp1252"
    try:
        return Decoded(data.decode(encoding, errors="replace"), encoding, True)
    except LookupError:
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", True)


_MULTIBYTE = {
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
}


def _mostly_latin(data: bytes) -> bool:
    """High bytes come alone or in pairs between ASCII, as accents and curly quotes do in
    Western text; Cyrillic, Greek or Hebrew single-byte text has runs of them."""
    run = longest = 0
    for b in data[:200_000]:
        if b >= 0x80:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest <= 2
