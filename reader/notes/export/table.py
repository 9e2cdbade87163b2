"""CSV for spreadsheets: one row per note, every field reader keeps.

The tags cell lists the tags apart by `, `, as a CSV line does: a tag holding a comma, a
double quote or a line break, or with spaces around it, is in double quotes (its own
double quotes doubled), so `a,b` is one tag and reads back as one.
"""

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
        tags_cell(a.tags),
        a.color,
        format_utc(a.created),
        format_utc(a.modified),
        r.start,
        r.end,
    ]


def tags_cell(tags: tuple[str, ...] | list[str]) -> str:
    """The tags apart by `, `, each quoted as a CSV field when it must be."""
    return ", ".join(_quoted(tag) for tag in tags)


def _quoted(tag: str) -> str:
    if any(c in tag for c in ',"\n\r') or tag != tag.strip():
        return '"' + tag.replace('"', '""') + '"'
    return tag
