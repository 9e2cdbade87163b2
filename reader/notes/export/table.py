"""CSV for spreadsheets: one row per note, every field reader keeps."""

from __future__ import annotations

import csv
import io

from reader.notes.export.grouping import by_article
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for _, group in by_article(records):
        for r in group:
            a = r.annotation
            writer.writerow(
                [
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
            )
    return out.getvalue()
