"""User configuration: key remapping and a default theme, from a TOML file.

Example ``config.toml``::

    theme = "gruvbox"

    [keys]
    # binding id = keys (comma-separated, Textual key names)
    "body.next_sentence" = "j,down,ctrl+n"
    "app.quit" = "q,ctrl+q"

    [copy]
    style = "apa"        # what `y` copies: plain, markdown, apa, mla, chicago, csl-json, bibtex
    with_study = true    # add the study's citation (DOI) when the article cites it

Never fatal: every problem (a file that is not a regular file or is over
:data:`MAX_CONFIG_BYTES`, broken TOML, unknown top-level keys, wrong types, bad key strings,
bad copy styles, bad theme names) is one line in :attr:`UserConfig.problems` naming the key,
the value and why, and the bad entry is ignored. Unknown binding ids are known only to the
app: :func:`unknown_binding_problems` checks them against the ids it has. Strings from the
file are untrusted: they are cleaned (:func:`legreader.text.clean.clean_line`) before they
are kept or quoted in a problem. No Textual import.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legreader.files.paths import config_path
from legreader.text.clean import clean_line

#: A config file larger than this is not read (real ones are a few hundred bytes).
MAX_CONFIG_BYTES = 256 * 1024
#: Styles ``[copy] style`` accepts (legreader.cite.QuoteStyle's values; a test checks).
COPY_STYLES = ("plain", "markdown", "apa", "mla", "chicago", "csl-json", "bibtex")
TOP_LEVEL_KEYS = ("theme", "keys", "copy")
COPY_KEYS = ("style", "with_study")
#: Longest value quoted back in a problem line.
_QUOTE_CHARS = 60
_BINDING_ID = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")
_THEME_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: Textual's names for keys that are not characters (textual.keys.Keys, without modifiers).
_NAMED_KEYS = frozenset(
    {"backspace", "delete", "down", "end", "enter", "escape", "home", "insert", "left"}
    | {"newline", "pagedown", "pageup", "return", "right", "space", "tab", "up"}
    | {f"f{n}" for n in range(1, 25)}
)
#: Textual's short names for some characters (textual.keys.KEY_NAME_REPLACEMENTS).
_CHARACTER_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_SHORT_NAMES = {short: long for long, short in _CHARACTER_NAMES.items()}


@dataclass
class UserConfig:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    copy_style: str = "plain"
    """Style of `y` (plain, markdown, apa, mla, chicago, csl-json, bibtex)."""
    copy_with_study: bool = True
    """Add the primary study's citation when the article cites it."""
    problems: list[str] = field(default_factory=list)
    """One line per problem found in the file (shown once at start-up)."""
    path: Path | None = None


def _quote(value: object) -> str:
    """A value from the file, safe and short enough to show in a problem line."""
    text = clean_line(value if isinstance(value, str) else repr(value))
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def _where(path: Path) -> str:
    from legreader.corpus.loader import display_path

    return display_path(path)


def _read_config_bytes(path: Path) -> bytes | str | None:
    """The file's bytes; None when there is no file; a reason (str) when it cannot be used.

    The type is checked before opening (a FIFO would block ``open`` forever), the file is
    opened non-blocking and checked again, and at most :data:`MAX_CONFIG_BYTES` are read
    (``/dev/zero`` never ends).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unreadable ({exc.strerror or type(exc).__name__})"
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (FIFO, socket or device)"
    if st.st_size > MAX_CONFIG_BYTES:
        return f"too large ({st.st_size // 1024} KB; the cap is {MAX_CONFIG_BYTES // 1024} KB)"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"unreadable ({exc.strerror or type(exc).__name__})"
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the first look
            return "not a regular file (FIFO, socket or device)"
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_CONFIG_BYTES:
            chunk = os.read(fd, 64 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return f"unreadable ({exc.strerror or type(exc).__name__})"
    finally:
        os.close(fd)
    if size > MAX_CONFIG_BYTES:
        return f"too large (over {MAX_CONFIG_BYTES // 1024} KB)"
    return b"".join(chunks)


def load_config(path: Path | None = None) -> UserConfig:
    """Read the config file; a missing file is an empty config. Never raises.

    Every problem is a line in the returned config's ``problems``; see the module docstring.
    """
    path = path or config_path()
    config = UserConfig(path=path)
    where = f"config {_where(path)}"
    raw = _read_config_bytes(path)
    if raw is None:
        return config
    if isinstance(raw, str):
        config.problems.append(f"{where}: {raw}; using the defaults")
        return config
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        config.problems.append(f"{where}: not UTF-8 text; using the defaults")
        return config
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
        config.problems.append(f"{where}: not valid TOML ({clean_line(str(exc))[:120]})")
        return config
    for key, value in data.items():
        if key not in TOP_LEVEL_KEYS:
            known = ", ".join(TOP_LEVEL_KEYS)
            config.problems.append(
                f"{where}: unknown setting {_quote(key)} = {_quote(value)} (known: {known})"
            )
    _read_keys(data.get("keys"), config, where)
    _read_theme(data.get("theme"), config, where)
    _read_copy(data.get("copy"), config, where)
    return config


def _read_keys(keys: Any, config: UserConfig, where: str) -> None:
    if keys is None:
        return
    if not isinstance(keys, dict):
        config.problems.append(f"{where}: keys = {_quote(keys)} must be a table ([keys])")
        return
    for raw_id, value in keys.items():
        binding_id = clean_line(raw_id)
        label = f"{where}: keys.{_quote(raw_id)}"
        if not _BINDING_ID.fullmatch(binding_id):
            config.problems.append(f"{label}: not a binding id (like 'body.next_sentence')")
            continue
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            config.problems.append(
                f'{label} = {_quote(value)}: must be a string of keys, like "j,down"'
            )
            continue
        keys_text, why = normalise_keys(value)
        if why:
            config.problems.append(f"{label} = {_quote(value)}: {why}")
            continue
        config.keymap[binding_id] = keys_text


def _read_theme(theme: Any, config: UserConfig, where: str) -> None:
    if theme is None:
        return
    if not isinstance(theme, str):
        config.problems.append(f"{where}: theme = {_quote(theme)} must be a theme name (text)")
    elif not _THEME_NAME.fullmatch(theme):
        config.problems.append(
            f"{where}: theme = {_quote(theme)} is not a theme name (letters, digits, - and _)"
        )
    else:
        config.theme = theme


def _read_copy(copy: Any, config: UserConfig, where: str) -> None:
    if copy is None:
        return
    if not isinstance(copy, dict):
        config.problems.append(f"{where}: copy = {_quote(copy)} must be a table ([copy])")
        return
    for key in copy:
        if key not in COPY_KEYS:
            config.problems.append(
                f"{where}: unknown setting copy.{_quote(key)} (known: {', '.join(COPY_KEYS)})"
            )
    style = copy.get("style")
    if style is not None:
        if isinstance(style, str) and style.strip().lower() in COPY_STYLES:
            config.copy_style = style.strip().lower()
        else:
            config.problems.append(
                f"{where}: copy.style = {_quote(style)} is not a style "
                f"(one of {', '.join(COPY_STYLES)})"
            )
    with_study = copy.get("with_study")
    if with_study is not None:
        if isinstance(with_study, bool):
            config.copy_with_study = with_study
        else:
            config.problems.append(
                f"{where}: copy.with_study = {_quote(with_study)} must be true or false"
            )


def _key_name(key: str) -> str | None:
    """The Textual name of one key (``?`` -> ``question_mark``), or None if it is none."""
    if key == "+":
        return "plus"
    *modifiers, base = key.split("+")
    modifiers = [m.lower() for m in modifiers]
    if any(m not in _MODIFIERS for m in modifiers) or not base:
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace() or base == ",":
            return None
        if not base.isalnum():
            try:
                base = unicodedata.name(base).lower().replace("-", "_").replace(" ", "_")
            except ValueError:
                return None
            base = _CHARACTER_NAMES.get(base, base)
    elif base not in _NAMED_KEYS:
        if not _is_character_name(_SHORT_NAMES.get(base, base)):
            return None
        base = _CHARACTER_NAMES.get(base, base)  # Textual says "minus", not "hyphen_minus"
    return "+".join([*modifiers, base])


def _is_character_name(name: str) -> bool:
    """``question_mark``, ``left_square_bracket``, ``less_than_sign``: a Unicode name."""
    if not re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)*", name):
        return False
    words = name.upper().split("_")
    # Unicode joins some words with "-" (HYPHEN-MINUS, LESS-THAN SIGN): try each place.
    candidates = [" ".join(words)] + [
        " ".join(words[:i])
        + (" " if i else "")
        + "-".join(words[i : i + 2])
        + (" " if i + 2 < len(words) else "")
        + " ".join(words[i + 2 :])
        for i in range(len(words) - 1)
    ]
    for candidate in candidates:
        try:
            unicodedata.lookup(candidate)
        except KeyError:
            continue
        return True
    return False


def normalise_keys(value: str) -> tuple[str, str | None]:
    """``"j, ?"`` -> ``("j,question_mark", None)``; ``(value, why)`` when a key is not a key.

    Textual matches keymap keys exactly as written: spaces after commas or a literal ``?``
    would never match a key press, so they are normalised here.
    """
    text = clean_line(value)
    if not text:
        return value, "no keys given"
    parts = [part.strip() for part in text.split(",")]
    if any(not part for part in parts):
        return value, "empty key in the list (keys are separated by commas)"
    if len(parts) > 8 or len(text) > 200:
        return value, "too many keys (at most 8)"
    names: list[str] = []
    for part in parts:
        name = _key_name(part)
        if name is None:
            return value, f"{_quote(part)} is not a key name (like 'j', 'ctrl+n', 'down', 'f2')"
        names.append(name)
    return ",".join(names), None


def unknown_binding_problems(
    config: UserConfig, known_ids: Collection[str]
) -> tuple[dict[str, str], list[str]]:
    """The keymap without ids the app does not have, and one problem line per such id."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    where = f"config {_where(config.path)}" if config.path else "config"
    for binding_id, keys in config.keymap.items():
        if binding_id in known_ids:
            keymap[binding_id] = keys
        else:
            problems.append(
                f"{where}: keys.{_quote(binding_id)}: no such binding id (press ? for the list)"
            )
    return keymap, problems
