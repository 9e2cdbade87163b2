"""KOReader's highlight JSON, as its exporter plugin writes it.

One article gives one document (``title``, ``author``, ``entries``, ``file``,
``created_on``, ``version``); several give ``{"created_on", "version", "documents": [...]}``
as KOReader's export of several books does. Each entry has ``sort: "highlight"``, the
``text``, the ``note``, the ``chapter`` (the heading the passage stands under), ``time``
in seconds since 1970 and the highlight's ``color``; a highlight placed in its article
has ``pos0`` and ``pos1``, where the passage starts and ends in the article's text (a
count of characters), so that imported back a phrase the article holds twice is the one
highlighted.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reader import __version__
from reader.notes.export.grouping import book_author, book_title, by_book, json_document, one_line
from reader.notes.records import NoteRecord
from reader.notes.timestamps import to_utc
from reader.notes.unplaced import is_unplaced

# reader's colours as KOReader names its highlight colours.
KOREADER_COLORS = {
    "yellow": "yellow",
    "green": "green",
    "blue": "blue",
    "pink": "red",
    "purple": "purple",
    "orange": "orange",
}
# KOReader's colours as reader's: its own back, and those reader has not as the nearest.
READER_COLORS = {name: ours for ours, name in KOREADER_COLORS.items()} | {
    "olive": "green",
    "cyan": "blue",
}


def reader_color(name: object) -> str:
    """reader's colour for a KOReader highlight colour, "" for none reader has (gray)."""
    return READER_COLORS.get(name.strip().lower(), "") if isinstance(name, str) else ""


def _entry(record: NoteRecord) -> dict:
    a = record.annotation
    entry = {
        "sort": "highlight",
        "text": a.quote,
        "note": a.note,
        "chapter": record.chapter,
        "time": int(to_utc(a.created).timestamp()),
        "drawer": "lighten",
        "color": KOREADER_COLORS.get(a.color, "yellow"),
    }
    if not is_unplaced(record.article_id):
        entry |= {"pos0": record.start, "pos1": record.end}
    return entry


def _document(group: list[NoteRecord]) -> dict:
    first = group[0]
    return {
        "title": one_line(book_title(first)),
        "author": one_line(book_author(first)),
        "file": first.path or first.article_id,
        "entries": [_entry(r) for r in group],
    }


def to_koreader(records: list[NoteRecord], now: datetime | None = None) -> str:
    """KOReader's highlight JSON for the notes' articles."""
    stamp = {
        "created_on": int((now or datetime.now(UTC)).timestamp()),
        "version": f"reader {__version__}",
    }
    documents = [_document(group) for group in by_book(records)]
    if len(documents) == 1:
        content = {**documents[0], **stamp}
    else:
        content = {**stamp, "documents": documents}
    return json_document(content)
