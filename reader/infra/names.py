"""File names kept within the filesystem's limit on one name."""

from __future__ import annotations

import hashlib
import os

NAME_MAX = 255  # bytes in one file name, on the filesystems reader meets


def fit_name(name: str, limit: int = NAME_MAX) -> str:
    """`name` when it has at most `limit` bytes; else cut (at a character) to `limit` with
    ``~`` and a digest of the whole, so that two long names cut alike stay apart."""
    whole = os.fsencode(name)
    if len(whole) <= limit:
        return name
    digest = hashlib.sha256(whole).hexdigest()[:10]
    room, used, cut = limit - len(digest) - 1, 0, 0
    for char in name:
        used += len(os.fsencode(char))
        if used > room:
            break
        cut += 1
    return f"{name[:cut]}~{digest}"
