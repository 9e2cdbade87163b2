"""KOReader's highlights JSON export: one book (`title`, `author`, `entries`, each
with `text`, `note`, `chapter`, `page`, `time`, `sort`, `color`) or many (`documents`). An
entry's `pos0` as reader's export writes it (where the passage starts in the article's
text, a number) places a phrase the article holds more than once on that occurrence,
and tells two highlights of the same phrase apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.importing.records import Export, Highlight, ImportFormatError, Origin, content_id
from reader.importing.sources import entries, load_json, offset, string, when
from reader.notes.export.koreader import reader_color

SERVICE = "koreader"


def looks_like(data: Any) -> bool:
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return True
    return isinstance(data, dict) and isinstance(data.get("entries"), list)


def read(path: Path, data: Any = None) -> Export:
    data = load_json(path) if data is None else data
    if not isinstance(data, dict):
        raise ImportFormatError(path, "not a KOReader export")
    books = entries(path, data, "documents", "document") if "documents" in data else [data]
    export = Export(SERVICE)
    for b, book in enumerate(books, 1):
        where_book = f"document {b}" if len(books) > 1 else "book"
        title = string(path, book, "title", where_book)
        author = string(path, book, "author", where_book)
        file = string(path, book, "file", where_book)
        for i, entry in enumerate(entries(path, book, "entries", "entry"), 1):
            where = f"{where_book}, entry {i}" if len(books) > 1 else f"entry {i}"
            text = string(path, entry, "text", where)
            if entry.get("sort", "highlight") not in ("highlight", None):
                export.reject(where, f"a {entry.get('sort')}, not a highlight")
                continue
            if not text.strip():
                export.reject(where, "no highlighted text")
                continue
            pos0 = entry.get("pos0")  # (KOReader's own is an xpointer, or a page's point)
            at = offset(pos0) if isinstance(pos0, int) else None
            key = content_id(title, string(path, entry, "page", where), text)
            if at is not None:  # (an entry without it keeps the id it always had)
                key = content_id(key, str(at))
            export.highlights.append(
                Highlight(
                    Origin(SERVICE, key),
                    text,
                    string(path, entry, "note", where),
                    created=when(entry.get("time")),
                    title=title,
                    author=author,
                    at=at,
                    file=file,
                    color=reader_color(entry.get("color")),
                )
            )
    return export
