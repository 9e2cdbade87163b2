"""Hypothesis' JSON export: the file its client writes and its import reads back.

The shape is the client's ``JSONExportContent`` (``export_date``, ``export_userid``,
``client_version``, ``annotations``), each annotation as the h API presents it. Its
import keeps ``uri``, ``document``, ``text``, ``tags`` and ``target``, and reads
``permissions.read`` to tell a shared note from a private one: reader's notes have no
Hypothesis user nor group, so they are written private (an empty ``read`` list) and
the importing user becomes their owner. ``document.title`` is a list, as h writes it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reader import __version__
from reader.notes.export.grouping import (
    book_title,
    by_article,
    json_document,
    one_line,
    position_selectors,
    web_or_local_uri,
)
from reader.notes.records import NoteRecord
from reader.notes.timestamps import to_utc


def h_time(moment: datetime) -> str:
    """A time as h writes it: ``2026-01-02T03:04:05.000000+00:00``."""
    return to_utc(moment).isoformat(timespec="microseconds")


def _annotation(record: NoteRecord) -> dict:
    a = record.annotation
    uri = web_or_local_uri(record)
    return {
        "id": a.id,
        "created": h_time(a.created),
        "updated": h_time(a.modified),
        "uri": uri,
        "text": a.note,
        "tags": list(a.tags),
        "document": {"title": [one_line(title)]} if (title := book_title(record)).strip() else {},
        "target": [
            {
                "source": uri,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": a.target.exact,
                        "prefix": a.target.prefix,
                        "suffix": a.target.suffix,
                    },
                    *position_selectors(record),
                ],
            }
        ],
        "permissions": {"read": [], "update": [], "delete": []},
        "hidden": False,
        "flagged": False,
    }


def to_hypothesis(records: list[NoteRecord], now: datetime | None = None) -> str:
    """Hypothesis' JSON export file: a top-level object whose `annotations` it imports."""
    content = {
        "export_date": h_time(now or datetime.now(UTC)),
        "export_userid": "",
        "client_version": f"reader {__version__}",
        "annotations": [_annotation(r) for _, group in by_article(records) for r in group],
    }
    return json_document(content)
