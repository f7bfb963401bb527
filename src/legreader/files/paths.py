"""Where user data and configuration live. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "legreader"
DB_ENV = "LEGREADER_DB"
CONFIG_ENV = "LEGREADER_CONFIG"


def data_dir() -> Path:
    """The per-user data folder (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The per-user configuration folder (not created here)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``$LEGREADER_DB`` if set, else ``annotations.json`` in the user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "annotations.json"


def config_path() -> Path:
    """``$LEGREADER_CONFIG`` if set, else ``config.toml`` in the user config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def tilde_path(path: Path) -> str:
    """``path`` as a reader writes it: ``~/...`` when it lies under the home folder."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):  # not under home, or no home folder known
        return str(path)


def state_dir() -> Path:
    """The per-user state folder (crash reports; not created here). ``$XDG_STATE_HOME`` on Linux."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


CACHE_ENV = "LEGREADER_CACHE"


def cache_dir() -> Path:
    """``$LEGREADER_CACHE`` if set, else the per-user cache folder (``$XDG_CACHE_HOME`` on
    Linux); not created here. What is in it can be deleted at any time."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
