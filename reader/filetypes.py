"""Which files are articles, by name alone (kept apart from the parsers, which are slow
to import and not needed to scan a library)."""

from __future__ import annotations

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
