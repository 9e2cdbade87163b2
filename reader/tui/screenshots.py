"""Where the palette's Screenshot goes: the Downloads folder when there is one, else
`screenshots/` in reader's data directory (Textual's own choice fails without one)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from reader.paths import data_dir


def screenshot_dir() -> Path:
    """An existing folder to save a screenshot in (OSError when none can be made)."""
    downloads = platformdirs.user_downloads_path()
    if downloads.is_dir():
        return downloads
    folder = data_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
