"""What tells one version of a notes file from the next without reading it (its stamp),
and whether a file is still the one a save read: other programs (an editor, a sync tool,
`git pull`) write notes files without taking reader's lock."""

from __future__ import annotations

import time
from pathlib import Path

from reader.infra.filetypes import read_regular
from reader.infra.signature import Signature, signature

Stamp = Signature  # a notes file's, as an article's

# A stamp taken this soon after the file last changed may not tell a write in the same
# tick of the file system's clock (coarse on some, up to 2 s on FAT) from the one read.
_RACY_NS = 2_000_000_000


def still_as_read(path: Path, stamp: Stamp | None, raw: bytes | None) -> bool:
    """Whether the file at `path` is still the one read as `raw` (None: there was none)
    with the stamp `stamp`: by its stamp, or where that differs or cannot tell (the file
    changed too recently), by its bytes."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return raw is None
    except OSError:
        return False
    if raw is None:
        return False
    if signature(now) == stamp and time.time_ns() - now.st_ctime_ns > _RACY_NS:
        return True
    try:
        return read_regular(path) == raw
    except OSError:
        return False
