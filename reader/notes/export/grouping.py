"""What every export format shares: notes grouped by article, a CSV of them, text made one line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Callable, Sequence
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from reader.notes.records import NoteRecord
from reader.notes.unplaced import is_unplaced
from reader.text.safe import controls_visible, json_escaped

# The namespace of the UUIDs derived from note ids (Logseq's `id::`): fixed forever, so
# that a note keeps its block id from one export to the next.
NOTE_NAMESPACE = uuid.UUID("8a6f3c52-4a8e-5b0d-9c1e-2f7d6b5a4e31")


def by_article(records: list[NoteRecord]) -> list[tuple[str, list[NoteRecord]]]:
    """Records grouped by article id, each article's notes in reading order (orphans last)."""
    ordered = sorted(records, key=lambda r: (r.article_id, r.status == "orphaned", r.start, r.end))
    return [(aid, list(group)) for aid, group in groupby(ordered, key=lambda r: r.article_id)]


def by_book(records: list[NoteRecord]) -> list[list[NoteRecord]]:
    """`by_article`, an unplaced file's notes split by the book or page each came from."""
    groups: list[list[NoteRecord]] = []
    for aid, group in by_article(records):
        if not is_unplaced(aid):
            groups.append(group)
            continue
        books: dict[tuple[str, str], list[NoteRecord]] = {}
        for record in group:
            books.setdefault((book_title(record), book_author(record)), []).append(record)
        groups.extend(books.values())
    return groups


def _origin(record: NoteRecord, key: str) -> str:
    origin = record.annotation.extra.get("origin")
    value = origin.get(key) if isinstance(origin, dict) else None
    return value.strip() if isinstance(value, str) else ""


def book_title(record: NoteRecord) -> str:
    """The title of what the note was made in: for an unplaced highlight, the book or
    page it came from (as its service named it), else the article's."""
    if is_unplaced(record.article_id):
        return _origin(record, "title") or record.title
    return record.title


def book_author(record: NoteRecord) -> str:
    """The author of what the note was made in (see `book_title`)."""
    if is_unplaced(record.article_id):
        return _origin(record, "author")
    return record.author or ""


def book_url(record: NoteRecord) -> str:
    """The web address of what the note was made in (see `book_title`), or ""."""
    if is_unplaced(record.article_id):
        return _origin(record, "url")
    return (record.url or "").strip()


def position_selectors(record: NoteRecord) -> list[dict[str, object]]:
    """The passage's place in the article's text; none for an unplaced highlight."""
    if is_unplaced(record.article_id):
        return []
    return [{"type": "TextPositionSelector", "start": record.start, "end": record.end}]


def csv_table(
    columns: Sequence[str], records: list[NoteRecord], row: Callable[[NoteRecord], list[object]]
) -> str:
    """A CSV: the header `columns`, then each record's `row`, by article in reading order.
    Text a spreadsheet would run as a formula is kept as text (see `csv_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(
        [csv_cell(cell) for cell in row(r)] for _, group in by_article(records) for r in group
    )
    return out.getvalue()


# What a spreadsheet takes for the start of a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(cell: object) -> object:
    """A text cell that starts like a formula (`=HYPERLINK(...)`, `+1`, `@SUM`) gets a `'`
    before it, which spreadsheets read as "this is text" (so does one whose `'` would be
    read back as that mark: `'\t`); a carriage return in it is a line break, written as
    `\n` (which the writer quotes; a lone CR it would not), and other control characters
    show as symbols (see `controls_visible`)."""
    if not isinstance(cell, str):
        return cell
    if _guarded(cell):
        cell = "'" + cell
    return controls_visible(cell)


def cell_text(cell: str) -> str:
    """A text cell read back as `csv_cell` wrote it: without the `'` it put before a
    formula's start."""
    if cell.startswith("'") and _guarded(cell[1:]):
        return cell[1:]
    return cell


def _guarded(cell: str) -> bool:
    """Whether `csv_cell` puts a `'` before the cell: it starts like a formula, or with
    `'`s before such a start (which `cell_text` would take one of away)."""
    return cell.lstrip("'").startswith(_FORMULA_STARTS)


def json_document(content: object) -> str:
    """JSON as written to a file: indented, Unicode as it is, nothing in it that could act
    on a terminal (see `json_escaped`)."""
    return json_escaped(json.dumps(content, ensure_ascii=False, indent=2)) + "\n"


def one_line(text: str) -> str:
    """Every run of whitespace (newlines too) made one space."""
    return " ".join(text.split())


def short_id(note_id: str) -> str:
    """Ten hex digits derived from a note id: the same id always gives the same digits."""
    return hashlib.sha256(note_id.encode("utf-8")).hexdigest()[:10]


def note_uuid(note_id: str) -> str:
    """A UUID derived from a note id: the same id always gives the same UUID."""
    return str(uuid.uuid5(NOTE_NAMESPACE, note_id))


def local_uri(record: NoteRecord) -> str:
    """The article's file as a ``file://`` URI (its id when the path is not absolute); an
    unplaced highlight's book as a ``urn:x-reader-unplaced:`` URI of its title."""
    if is_unplaced(record.article_id):
        return f"urn:x-reader-unplaced:{quote(book_title(record), safe='')}"
    return Path(record.path).as_uri() if record.path.startswith("/") else record.article_id


def web_or_local_uri(record: NoteRecord) -> str:
    """The web address of what the note was made in when known, else its file."""
    return book_url(record) or local_uri(record)
