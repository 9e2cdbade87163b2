"""Readwise's CSV: its export (`Highlight,Book Title,Book Author,Amazon Book ID,Note,
Color,Tags,Location Type,Location,Highlighted at,Document tags`) or its import
template (`Highlight,Title,Author,URL,Note,Location,Date`)."""

from __future__ import annotations

from pathlib import Path

from reader.importing.records import Export, Highlight, Origin, content_id, tag_list
from reader.importing.sources import csv_rows, when

SERVICE = "readwise"


def looks_like(header: list[str]) -> bool:
    return "highlight" in header and ("book title" in header or "title" in header)


def read(path: Path) -> Export:
    export = Export(SERVICE)
    for line, row in csv_rows(path, ("highlight",)):
        quote = row.get("highlight", "").strip()
        if not quote:
            export.reject(f"line {line}", "no highlight")
            continue
        title = (row.get("book title") or row.get("title") or "").strip()
        location = row.get("location", "").strip()
        url = row.get("url", "").strip()
        export.highlights.append(
            Highlight(
                Origin(SERVICE, content_id(title, location, quote), url),
                quote,
                row.get("note", "").strip(),
                tag_list(row.get("tags", "")),
                when((row.get("highlighted at") or row.get("date") or "").strip()),
                title=title,
                author=(row.get("book author") or row.get("author") or "").strip(),
            )
        )
    return export
