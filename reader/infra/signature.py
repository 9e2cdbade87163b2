"""A file's signature: what tells one version of a file from the next without reading it,
the same for articles and notes files.

Size and modification time can be those of another text (`rsync -t`, `cp -p`, times put
back); the change time, which no program sets back, and the inode, another for a file
renamed over this one, cannot.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

Signature = tuple[int, int, int, int]  # size, modification time, change time, inode

# A C getter, not a function: a scan takes the signature of every file of the library.
signature: Callable[[os.stat_result], Signature] = attrgetter(
    "st_size", "st_mtime_ns", "st_ctime_ns", "st_ino"
)


def file_signature(path: Path) -> Signature | None:
    """The signature of the file at `path` (None when there is none, or it cannot be
    looked at)."""
    try:
        return signature(path.stat())
    except OSError:
        return None
