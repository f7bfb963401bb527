"""Unit tests for legreader.corpus.decoding: bytes to text in layers (BOM, strict UTF-8, detection).

RELIABILITY case 15: UTF-8 with BOM, UTF-16 LE/BE, cp1252, short Latin-1, GB18030,
Shift-JIS, invalid UTF-8 give the right text, or replacement characters and "encoding
guessed"; never a crash.
"""

from __future__ import annotations

import codecs
import dataclasses

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from legreader.corpus.decoding import BinaryContent, Decoded, decode_bytes, looks_binary

CHINESE = (
    "运动对大脑健康非常重要。研究人员发现，限制小鼠后腿的活动会使神经干细胞减少百分之七十。"
    "这项研究发表在《神经科学前沿》杂志上，作者来自米兰大学和帕维亚大学。"
) * 3
JAPANESE = (
    "脚の運動は脳と神経系の健康に欠かせません。研究者たちは、マウスの後ろ足の動きを制限すると"
    "神経幹細胞が七十パーセント減少することを発見しました。この研究はミラノ大学によるものです。"
) * 3


# ---------------------------------------------------------------------------
# Layer 1: byte-order marks
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides_encoding_and_is_dropped(bom: bytes, codec: str, name: str) -> None:
    text = "Title: café naïve – “quoted”\nsecond line 运动 🦵\n"
    decoded = decode_bytes(bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == name
    assert decoded.guessed is False


def test_utf16_with_python_bom_default() -> None:
    text = "Hello wörld\nline two\n"
    decoded = decode_bytes(text.encode("utf-16"))  # native order, with BOM
    assert decoded.text == text
    assert decoded.guessed is False


def test_bom_only_file_is_empty_text() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8)
    assert decoded.text == ""
    assert decoded.guessed is False


def test_utf16_with_odd_trailing_byte_does_not_crash() -> None:
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8"[:1]
    decoded = decode_bytes(data)
    assert decoded.text.startswith("abc")


def test_utf16_without_bom_detected_and_marked_guessed() -> None:
    text = "A plain English line of text, stored as UTF-16 without a byte-order mark.\n"
    for codec in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes(text.encode(codec))
        assert decoded.text == text
        assert decoded.encoding == codec
        assert decoded.guessed is True


# ---------------------------------------------------------------------------
# Layer 2: strict UTF-8
# ---------------------------------------------------------------------------


def test_plain_utf8_not_guessed() -> None:
    text = "café naïve – “quoted” 运动 脳 🦵\n"
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded == Decoded(text, "utf-8", False)


def test_ascii_is_utf8_not_guessed() -> None:
    assert decode_bytes(b"just ascii\n") == Decoded("just ascii\n", "utf-8", False)


def test_empty_bytes() -> None:
    assert decode_bytes(b"") == Decoded("", "utf-8", False)


def test_decoded_is_frozen() -> None:
    decoded = decode_bytes(b"x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.text = "y"  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Layer 3: detection (always says guessed)
# ---------------------------------------------------------------------------

SHORT_WESTERN = [
    pytest.param("latin-1", "café naïve résumé", id="latin1"),
    pytest.param("cp1252", "café naïve – “quoted”", id="cp1252"),
    pytest.param("latin-1", "Ça coûte très cher à Noël.", id="latin1-french"),
    pytest.param(
        "cp1252",
        (
            "The study – published in “Frontiers in Neuroscience” – found that mice’s neural "
            "stem cells fell by 70 %. Café owners, naïve readers and résumé writers… "
        )
        * 20,
        id="cp1252-3kB-with-typographic-punctuation",
    ),
]


@pytest.mark.parametrize(("codec", "text"), SHORT_WESTERN)
def test_short_western_text_is_guessed_without_crash(codec: str, text: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.guessed is True
    # Whatever was guessed, the ASCII letters are all there.
    ascii_only = "".join(ch for ch in text if ch.isascii())
    assert "".join(ch for ch in decoded.text if ch.isascii()) == ascii_only


@pytest.mark.parametrize(("codec", "text"), SHORT_WESTERN)
def test_short_western_text_decodes_right(codec: str, text: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.guessed is True


def test_longer_cp1252_prose_decodes_right() -> None:
    text = (
        "The study was published in Frontiers in Neuroscience and found that the neural stem "
        "cells of mice fell by seventy percent. Café owners, naïve readers and résumé writers "
        "agreed. "
    ) * 20
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.guessed is True
    assert decoded.text == text


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        pytest.param("gb18030", CHINESE, id="gb18030"),
        pytest.param("shift_jis", JAPANESE, id="shift-jis"),
    ],
)
def test_cjk_legacy_encodings(codec: str, text: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.guessed is True
    assert decoded.text == text or "\ufffd" in decoded.text


def test_invalid_utf8_garbage_does_not_crash_and_is_guessed() -> None:
    decoded = decode_bytes(b"abc \xff\xfe def \xc3")
    assert decoded.guessed is True
    assert "abc" in decoded.text and "def" in decoded.text


INVALID_UTF8 = [
    pytest.param(
        ("Résumé: the café was naïve, they said – “quoted”.\n" * 5).encode()[:40]
        + b"\xff"
        + ("Résumé: the café was naïve, they said – “quoted”.\n" * 5).encode()[40:],
        id="one-stray-byte-in-utf8",
    ),
    pytest.param("café".encode() + b"\xc3", id="truncated-last-character"),
]


def test_ascii_with_one_high_byte_reads_as_cp1252() -> None:
    # No valid multi-byte UTF-8 sequence at all: a single-byte encoding is likelier.
    decoded = decode_bytes(b"Plain text then a byte: \xff and more.\n")
    assert decoded.text == "Plain text then a byte: ÿ and more.\n"
    assert decoded.guessed is True


@pytest.mark.parametrize("data", INVALID_UTF8)
def test_invalid_utf8_never_crashes(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str)
    assert decoded.guessed is True


@pytest.mark.parametrize("data", INVALID_UTF8)
def test_invalid_utf8_keeps_the_valid_text(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == data.decode("utf-8", errors="replace")
    assert decoded.guessed is True


# ---------------------------------------------------------------------------
# Binary content
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png"),
        pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00", id="gif"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", id="jpeg"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00", id="zip"),
        pytest.param(b"\x7fELF\x02\x01\x01\x00", id="elf"),
        pytest.param(bytes(range(256)) * 4, id="all-bytes"),
        pytest.param(b"text then \x00\x01\x02\x03 binary \x00\xff\xfe\x00\x00\x00", id="nul-mixed"),
    ],
)
def test_binary_raises_binary_content(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(BinaryContent):
        decode_bytes(data)


def test_binary_content_is_a_value_error() -> None:
    assert issubclass(BinaryContent, ValueError)


def test_bom_text_with_nuls_is_not_binary() -> None:
    data = codecs.BOM_UTF16_LE + "text".encode("utf-16-le")
    assert not looks_binary(data)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.binary(max_size=300))
def test_property_any_bytes_decode_or_raise_binary_content(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except BinaryContent:
        return
    assert isinstance(decoded.text, str)
    assert isinstance(decoded.encoding, str) and decoded.encoding
    assert isinstance(decoded.guessed, bool)


@_SETTINGS
@given(
    st.text(
        alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]),
        max_size=200,
    )
)
def test_property_valid_utf8_round_trips_unguessed(text: str) -> None:
    assume(not text.startswith("\ufeff"))
    data = text.encode("utf-8")
    assume(not looks_binary(data))  # e.g. text starting "%PDF" or "GIF8"
    decoded = decode_bytes(data)
    assert decoded == Decoded(text, "utf-8", False)
