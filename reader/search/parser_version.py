"""Which code read the library's files: a failure it recorded is tried again by another."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import reader
from reader.search.schema import SCHEMA_VERSION

_PACKAGE = Path(reader.__file__).parent
# The code a file goes through on its way into the index.
_READING = ("ingest", "infra/filetypes.py", "search/records.py", "text")


@cache
def parser_version() -> str:
    """reader's version, the index's schema and the size and time of each source file of
    the parsers, as this process first found them: an upgrade, even one installed while
    reader runs, or a fixed parser gives another one."""
    digest = hashlib.sha256(f"{reader.__version__}/{SCHEMA_VERSION}".encode())
    for part in _READING:
        path = _PACKAGE / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            try:
                st = os.stat(file)
            except OSError:
                continue
            digest.update(f"{file.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]
