"""Which files are articles, by name alone (kept apart from the parsers, which are slow
to import and not needed to scan a library)."""

from __future__ import annotations

import stat

# File suffix (lower case) -> the format that reads it.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def is_supported_suffix(suffix: str) -> bool:
    """Whether a file ending in suffix (".txt", as os.path.splitext gives it) is read."""
    return suffix.lower() in FORMATS


_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISDIR, "folder"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this `st_mode` is not read ("not a regular file (FIFO)"), or None
    for a regular file: opening a FIFO waits for a writer, and a device may never end."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "unknown kind")
    return f"not a regular file ({kind})"
