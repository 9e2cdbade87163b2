"""Which service an export file comes from, by its shape, and reading it."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Protocol

from reader.importing import (
    hypothesis,
    kindle,
    koreader,
    omnivore,
    readwise,
    wallabag,
)
from reader.importing.links import INSTAPAPER, POCKET
from reader.importing.records import Export, ImportFormatError
from reader.importing.sources import load_json, read_bytes, text_of
from reader.infra.filetypes import not_regular

FORMATS = (
    "wallabag",
    "omnivore",
    "instapaper",
    "pocket",
    "hypothesis",
    "readwise",
    "kindle",
    "koreader",
)
_JSON = {"wallabag": wallabag, "hypothesis": hypothesis, "koreader": koreader}


class _CsvExport(Protocol):
    def looks_like(self, header: list[str]) -> bool: ...

    def read(self, path: Path) -> Export: ...


_CSV: dict[str, _CsvExport] = {"instapaper": INSTAPAPER, "pocket": POCKET, "readwise": readwise}


def read_export(path: Path, fmt: str | None = None) -> Export:
    """Everything in the export at `path`, read as `fmt` or as the format its shape
    says; ImportFormatError (one line, naming the entry) when it cannot be read."""
    if fmt is not None and fmt not in FORMATS:
        raise ImportFormatError(path, f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    try:
        reason = not_regular(path.stat().st_mode)
    except OSError as error:
        raise ImportFormatError(path, f"cannot read: {error.strerror or error}") from None
    if reason:  # a FIFO would keep the import waiting for a writer
        raise ImportFormatError(path, reason)
    if fmt == "omnivore" or (
        fmt is None and (zipfile.is_zipfile(path) or omnivore.is_zip_start(path))
    ):
        return omnivore.read(path)
    if fmt == "kindle":
        return kindle.read(path)
    if fmt in _CSV:
        return _CSV[fmt].read(path)
    if fmt in _JSON:
        return _JSON[fmt].read(path)
    return _guess(path)


def _guess(path: Path) -> Export:
    raw = read_bytes(path)
    text = text_of(path, raw)
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        data = load_json(path, raw)
        for module in _JSON.values():
            if module.looks_like(data):
                return module.read(path, data)
        raise ImportFormatError(path, _unknown("JSON of no known export's shape"))
    if kindle.looks_like(text[:4096]):
        return kindle.read(path)
    try:
        first = next(csv.reader(io.StringIO(text.split("\n", 1)[0], newline="")), [])
    except csv.Error:
        first = []
    header = [h.strip().lower() for h in first]
    for service in _CSV.values():
        if service.looks_like(header):
            return service.read(path)
    raise ImportFormatError(path, _unknown("not a known export"))


def _unknown(what: str) -> str:
    return f"{what} (give --format: {', '.join(FORMATS)})"
