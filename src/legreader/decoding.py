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
    """NUL bytes outside a UTF-16/32 BOM'd file, or a known binary signature."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")):
        return True
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte NUL in mostly-ASCII text.
        return not _looks_utf16_without_bom(head)
    return False


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
    if b"\x00" in data[:8192]:
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return Decoded(data.decode(encoding, errors="replace"), encoding, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    # Short Western text is often misread as something exotic; cp1252 decodes
    # almost everything and is by far the likeliest single-byte encoding in practice.
    if encoding not in _TRUSTED_DETECTIONS and _mostly_latin(data):
        encoding = "cp1252"
    try:
        return Decoded(data.decode(encoding, errors="replace"), encoding, True)
    except LookupError:
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", True)


_TRUSTED_DETECTIONS = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
    "koi8_r",
    "cp1251",
    "iso8859_7",
    "cp1253",
    "iso8859_8",
    "cp1255",
    "cp1256",
    "iso8859_2",
    "cp1250",
}


def _mostly_latin(data: bytes) -> bool:
    """High bytes are rare and isolated, as in Western text with a few accents."""
    high = sum(1 for b in data if b >= 0x80)
    if high == 0:
        return True
    ascii_letters = sum(1 for b in data if 0x41 <= b <= 0x7A)
    return high < 0.1 * max(ascii_letters, 1)
