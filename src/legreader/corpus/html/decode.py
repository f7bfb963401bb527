"""A web page's bytes made text: BOM, the HTTP charset, the page's meta charset, strict UTF-8,
then detection (:func:`decode_page`). No Textual import.
"""

from __future__ import annotations

import re

from legreader.corpus.decoding import BinaryContent, Decoded, decode_bytes
from legreader.corpus.html.page import PageImportError

# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
#: Labels that browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}


def decode_page(data: bytes, charset: str | None = None) -> Decoded:
    """Decode page bytes: BOM, then the charset of the HTTP ``Content-Type`` (``charset``),
    then the page's meta charset, then strict UTF-8, then detection (the HTML standard's
    order)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_fail(data)
    declared = _charset_label(charset, in_page=False) if charset else None
    declared = declared or _declared_charset(data[:4096])
    if declared:
        try:
            return Decoded(data.decode(declared), declared, False)
        except UnicodeDecodeError:
            if declared != "utf-8":
                return Decoded(data.decode(declared, errors="replace"), declared, False)
    decoded = _decode_or_fail(data)
    if decoded.guessed and decoded.encoding.replace("-", "_") in _LATIN_GUESSES:
        # Detection often confuses the Latin code pages on short text; unless the page says
        # it is in a Central European language, windows-1252 is by far the likeliest.
        lang = _LANG_ATTR.search(data[:4096])
        if not (lang and lang.group(1).decode("ascii").lower() in _CENTRAL_EUROPEAN):
            return Decoded(data.decode("cp1252", errors="replace"), "cp1252", True)
    return decoded


_LATIN_GUESSES = {"cp1250", "cp1252", "iso8859_2", "latin_1", "iso8859_1", "iso8859_15", "cp1257"}
_CENTRAL_EUROPEAN = {"pl", "cs", "sk", "hu", "sl", "hr", "ro", "sq", "bs", "sr", "lt", "lv", "et"}
_LANG_ATTR = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    return _charset_label(match.group(1).decode("ascii", "replace"))


def _charset_label(label: str, *, in_page: bool = True) -> str | None:
    """The codec for a charset label, or None for an unknown label or a non-text codec.
    ``in_page``: declared in the page itself (then UTF-16/32 cannot be right)."""
    import codecs

    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # hex, base64, rot13, zlib... are codecs too, but not text encodings: ignored, and the
    # page is decoded as if it declared nothing (then "encoding guessed" unless UTF-8).
    if not getattr(info, "_is_text_encoding", True):
        return None
    name = info.name
    if in_page and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that can declare it in ASCII is not UTF-16 (WHATWG)
    return name


def _decode_or_fail(data: bytes) -> Decoded:
    try:
        return decode_bytes(data)
    except BinaryContent as exc:
        raise PageImportError("not an HTML page (binary data)") from exc
