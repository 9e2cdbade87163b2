"""Which code read the library's files: a failure it recorded is tried again by another."""

from __future__ import annotations

import hashlib
import os
from functools import cache

import reader
from reader.search.schema import SCHEMA_VERSION

_PACKAGE = os.path.dirname(reader.__file__)
# The code a file goes through on its way into the index.
_READING = ("ingest", "infra/filetypes.py", "search/records.py", "text")


@cache
def parser_version() -> str:
    """reader's version, the index's schema and the size and time of each source file of
    the parsers, as this process first found them: an upgrade, even one installed while
    reader runs, or a fixed parser gives another one."""
    digest = hashlib.sha256(f"{reader.__version__}/{SCHEMA_VERSION}".encode())
    for part in _READING:
        path = os.path.join(_PACKAGE, part)
        files = sorted(_sources(path)) if os.path.isdir(path) else [path]
        for file in files:
            try:
                st = os.stat(file)
            except OSError:
                continue
            name = os.path.relpath(file, _PACKAGE)
            digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def _sources(folder: str) -> list[str]:
    """The Python files under folder (by os.walk: a search works this out each time,
    and pathlib's glob takes four times as long)."""
    return [
        os.path.join(path, name)
        for path, _, names in os.walk(folder)
        for name in names
        if name.endswith(".py")
    ]
