"""Readwise's CSV: its export (`Highlight,Book Title,Book Author,Amazon Book ID,Note,
Color,Tags,Location Type,Location,Highlighted at,Document tags`) or its import
template (`Highlight,Title,Author,URL,Note,Location,Date`). A note whose first line is
`.tag` words only (Readwise's inline tags, as reader's `readwise` export writes tags)
gives those tags, taken out of the note, read as that export writes them (`_` a space,
`%22` a character in hex, see `inline_tags`). A Location with no Location Type (the template,
as reader's export writes it: where the passage starts in the article's text) places a
phrase the article holds more than once on that occurrence; Readwise's own Location
counts pages or a book's locations, and is its Location Type."""

from __future__ import annotations

from pathlib import Path

from reader.importing.records import Export, Highlight, Origin, content_id, tag_list
from reader.importing.sources import csv_rows, offset, when
from reader.notes.export.grouping import cell_text
from reader.notes.export.inline_tags import tags_line

SERVICE = "readwise"


def looks_like(header: list[str]) -> bool:
    return "highlight" in header and ("book title" in header or "title" in header)


def read(path: Path) -> Export:
    export = Export(SERVICE)
    for line, row in csv_rows(path, ("highlight",)):
        quote = cell_text(row.get("highlight", "").strip())
        if not quote:
            export.reject(f"line {line}", "no highlight")
            continue
        title = cell_text((row.get("book title") or row.get("title") or "").strip())
        location = row.get("location", "").strip()
        url = row.get("url", "").strip()
        tags, note = tags_line(cell_text(row.get("note", "")))
        export.highlights.append(
            Highlight(
                Origin(SERVICE, content_id(title, location, quote), url),
                quote,
                note,
                tuple(dict.fromkeys([*tag_list(row.get("tags", "")), *tags])),
                when((row.get("highlighted at") or row.get("date") or "").strip()),
                title=title,
                author=(row.get("book author") or row.get("author") or "").strip(),
                at=None if row.get("location type", "").strip() else offset(location),
            )
        )
    return export
