"""Where things live: the bundled library and styles, and the user's directories."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reader"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # An installed wheel carries the folder inside the package; a source checkout
    # (or an editable install) has it at the project's top level.
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def bundled_library() -> Path:
    return _bundled("articles")


def styles_dir() -> Path:
    return _bundled("styles")


def config_dir() -> Path:
    return Path(os.environ.get("READER_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return Path(os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    return Path(os.environ.get("READER_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))


def config_file() -> Path:
    return config_dir() / "config.yaml"


def default_notes_dir() -> Path:
    """$READER_NOTES_DIR when set, else `notes/` in the user data directory."""
    env = os.environ.get("READER_NOTES_DIR")
    return Path(env).expanduser() if env else data_dir() / "notes"
