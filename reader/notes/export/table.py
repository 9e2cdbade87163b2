"""CSV for spreadsheets: one row per note, every field reader keeps."""

from __future__ import annotations

from reader.notes.export.grouping import csv_table
from reader.notes.records import NoteRecord
from reader.notes.timestamps import format_utc

CSV_COLUMNS = (
    "id",
    "article",
    "title",
    "source",
    "date",
    "status",
    "quote",
    "note",
    "tags",
    "color",
    "created",
    "modified",
    "start",
    "end",
)


def to_csv(records: list[NoteRecord]) -> str:
    """One row per annotation, for spreadsheets."""
    return csv_table(CSV_COLUMNS, records, _csv_row)


def _csv_row(r: NoteRecord) -> list[object]:
    a = r.annotation
    return [
        a.id,
        r.article_id,
        r.title,
        r.source,
        r.date or "",
        str(r.status),
        a.quote,
        a.note,
        ", ".join(a.tags),
        a.color,
        format_utc(a.created),
        format_utc(a.modified),
        r.start,
        r.end,
    ]
