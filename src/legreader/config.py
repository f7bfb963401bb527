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

Unknown ids and a broken file are reported, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from legreader.paths import config_path


@dataclass
class UserConfig:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    copy_style: str = "plain"
    """Style of `y` (plain, markdown, apa, mla, chicago, csl-json, bibtex)."""
    copy_with_study: bool = True
    """Add the primary study's citation when the article cites it."""
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def load_config(path: Path | None = None) -> UserConfig:
    """Read the config file; a missing file is an empty config."""
    path = path or config_path()
    config = UserConfig(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        config.problems.append(f"config {path}: unreadable ({exc.strerror})")
        return config
    import tomllib  # only when there is a config file to read

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"config {path}: not valid TOML ({exc})")
        return config
    keys = data.get("keys", {})
    if isinstance(keys, dict):
        for binding_id, value in keys.items():
            if isinstance(value, str):
                config.keymap[str(binding_id)] = value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                config.keymap[str(binding_id)] = ",".join(value)
            else:
                config.problems.append(f"config: keys.{binding_id} must be a string of keys")
    else:
        config.problems.append("config: [keys] must be a table")
    theme = data.get("theme")
    if isinstance(theme, str):
        config.theme = theme
    copy = data.get("copy", {})
    if isinstance(copy, dict):
        style = copy.get("style")
        if isinstance(style, str):
            config.copy_style = style
        with_study = copy.get("with_study")
        if isinstance(with_study, bool):
            config.copy_with_study = with_study
    return config
