"""File names kept within the filesystem's limit on one name."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import PurePath

NAME_MAX = 255  # bytes in one file name, on the filesystems reader meets
_DIGEST = 10  # hex digits of the digest a name cut short ends with
_FITTED_END = re.compile(f"~[0-9a-f]{{{_DIGEST}}}")


def fit_name(name: str, limit: int = NAME_MAX) -> str:
    """`name` when it has at most `limit` bytes; else cut (at a character) to `limit` with
    ``~`` and a digest of the whole, so that two long names cut alike stay apart."""
    whole = os.fsencode(name)
    if len(whole) <= limit:
        return name
    digest = hashlib.sha256(whole).hexdigest()[:_DIGEST]
    room, used, cut = limit - len(digest) - 1, 0, 0
    for char in name:
        used += len(os.fsencode(char))
        if used > room:
            break
        cut += 1
    return f"{name[:cut]}~{digest}"


def may_be_fitted(name: str, limit: int = NAME_MAX) -> bool:
    """Whether `name` has the shape of one `fit_name` cut short to `limit`: a digest at
    its end, and within a character (4 bytes at most) of the limit."""
    size = len(os.fsencode(name))
    end = _FITTED_END.fullmatch(name, len(name) - _DIGEST - 1)
    return limit - 3 <= size <= limit and end is not None


def too_long_part(path: PurePath) -> str | None:
    """The first part of `path` over `NAME_MAX` bytes, which no filesystem takes; None
    when there is none. Checked before a slow write that would fail on it at the end."""
    return next((part for part in path.parts if len(os.fsencode(part)) > NAME_MAX), None)
