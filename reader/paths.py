"""Where things live: the bundled library and styles, and the user's directories."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

from reader.errors import NoSuchUserError

APP_NAME = "reader"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # An installed wheel carries the folder inside the package; a source checkout
    # (or an editable install) has it at the project's top level.
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def home_expanded(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading ``~`` or ``~user`` made that home folder, as a shell does;
    NoSuchUserError when there is no such user."""
    try:
        return Path(path).expanduser()
    except RuntimeError:  # what pathlib raises for an unknown user or no $HOME
        raise NoSuchUserError(path) from None


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


def library_notes_dir(library: Path) -> Path:
    """The default notes directory of one library, in the user data directory.

    Each library gets its own, so two libraries with an `AFP/story.txt` each never
    share notes: `notes/sample` for the bundled library, else `notes/<folder>-<hash>`.
    """
    resolved = Path(library).expanduser().resolve()
    if resolved == bundled_library().resolve():
        name = "sample"
    else:
        digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
        name = f"{resolved.name or 'library'}-{digest}"
    return data_dir() / "notes" / name


def notes_dir_for(
    library: Path, override: str | None = None, configured: str | None = None
) -> Path:
    """Where a library's notes live: --notes-dir, else $READER_NOTES_DIR, else the
    config's `notes_dir`, else the library's own folder in the user data directory."""
    chosen = chosen_notes_dir(override, configured)
    return chosen or library_notes_dir(library)


def chosen_notes_dir(override: str | None = None, configured: str | None = None) -> Path | None:
    """The notes folder given by --notes-dir, $READER_NOTES_DIR or the config's
    `notes_dir`, in that order; None when none is, and the library's own is used.
    Absolute: a relative one is read from the current folder."""
    chosen = override or os.environ.get("READER_NOTES_DIR") or configured
    return Path(os.path.abspath(home_expanded(chosen))) if chosen else None
