"""KOReader's highlights JSON export: one book (`title`, `author`, `entries`, each
with `text`, `note`, `chapter`, `page`, `time`, `sort`) or many (`documents`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.importing.records import Export, Highlight, Origin, content_id
from reader.importing.sources import entries, load_json, string, when

SERVICE = "koreader"


def looks_like(data: Any) -> bool:
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return True
    return isinstance(data, dict) and isinstance(data.get("entries"), list)


def read(path: Path, data: Any = None) -> Export:
    data = load_json(path) if data is None else data
    books = entries(path, data, "documents", "document") if "documents" in data else [data]
    export = Export(SERVICE)
    for b, book in enumerate(books, 1):
        where_book = f"document {b}" if len(books) > 1 else "book"
        title = string(path, book, "title", where_book)
        author = string(path, book, "author", where_book)
        for i, entry in enumerate(entries(path, book, "entries", "entry"), 1):
            where = f"{where_book}, entry {i}" if len(books) > 1 else f"entry {i}"
            text = string(path, entry, "text", where)
            if entry.get("sort", "highlight") not in ("highlight", None):
                export.reject(where, f"a {entry.get('sort')}, not a highlight")
                continue
            if not text.strip():
                export.reject(where, "no highlighted text")
                continue
            key = content_id(title, string(path, entry, "page", where), text)
            export.highlights.append(
                Highlight(
                    Origin(SERVICE, key),
                    text,
                    string(path, entry, "note", where),
                    created=when(entry.get("time")),
                    title=title,
                    author=author,
                )
            )
    return export
