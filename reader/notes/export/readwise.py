"""Readwise's CSV import template: exactly ``Highlight,Title,Author,URL,Note,Location,Date``.

Readwise reads tags from a note that starts with them as ``.tag`` words (its inline
tagging), so a note's tags are the first line of its Note cell, each written so that it
reads back exactly (see `inline_tags`). Location is the passage's place in the
article's text (a character offset: it orders the highlights as they are read); Date
is when the note was made, in UTC.
"""

from __future__ import annotations

from reader.notes.export.grouping import book_author, book_title, book_url, csv_table, one_line
from reader.notes.export.inline_tags import inline_tag, tags_line
from reader.notes.records import NoteRecord
from reader.notes.tags import normalised
from reader.notes.timestamps import to_utc
from reader.notes.unplaced import is_unplaced

READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


def readwise_note(record: NoteRecord) -> str:
    """The note as written, after a first line of its tags as Readwise's inline ``.tag``
    words (a line of its own, so a note that starts with a dot is not read as tags); a
    note of no tags whose first line would be read as tags (".NET", or an empty line)
    after an empty one, so that it reads back as written (see `tags_line`)."""
    tags = " ".join(filter(None, map(inline_tag, normalised(record.annotation.tags))))
    note = record.annotation.note
    if tags:
        return f"{tags}\n{note}" if note else tags
    return "\n" + note if tags_line(note) != ((), note) else note


def to_readwise(records: list[NoteRecord]) -> str:
    """One row per highlight, in Readwise's template."""
    return csv_table(READWISE_COLUMNS, records, _readwise_row)


def _readwise_row(r: NoteRecord) -> list[object]:
    return [
        r.annotation.quote,
        one_line(book_title(r)),
        one_line(book_author(r)),
        book_url(r),
        readwise_note(r),
        "" if is_unplaced(r.article_id) else r.start,
        to_utc(r.annotation.created).strftime("%Y-%m-%d %H:%M:%S"),
    ]
