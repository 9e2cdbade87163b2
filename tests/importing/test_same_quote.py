"""Highlights that share a quote and a note with a note already kept are still new ones
when they come from another book, or from another place in the same article."""

from __future__ import annotations

import json

from reader.notes.store import NotesStore
from tests.importing.conftest import import_files


def clipping(book: str, location: str, text: str) -> str:
    return (
        f"{book} (Some Author)\n- Your Highlight on Location {location} | "
        f"Added on Monday, January 1, 2024 10:00:00 AM\n\n{text}\n==========\n"
    )


def test_a_highlight_of_another_book_with_the_same_quote_is_imported(lib, notes, tmp_path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(clipping("Book One", "10-12", "Chapter One"))
    second.write_text(clipping("Book Two", "10-12", "Chapter One"))
    import_files(lib, notes, first)
    report = import_files(lib, notes, second)
    assert report.notes["unplaced"] == 1 and report.duplicates == 0
    kept = NotesStore(notes).load("unplaced/kindle").live
    assert sorted(a.extra["origin"]["title"] for a in kept) == ["Book One", "Book Two"]
    again = import_files(lib, notes, first, second)
    assert again.notes.total() == 0 and again.duplicates == 2


def annotation(id_: str, prefix: str, suffix: str) -> dict:
    selector = {"type": "TextQuoteSelector", "exact": "the Moon pulls"}
    selector |= {"prefix": prefix, "suffix": suffix}
    return {
        "id": id_,
        "created": "2024-03-20T10:00:00+00:00",
        "uri": "https://science.example.com/tides",
        "text": "Again.",
        "tags": [],
        "target": [{"source": "https://science.example.com/tides", "selector": [selector]}],
        "document": {"title": ["How the Moon Pulls the Sea"]},
    }


def test_a_phrase_highlighted_again_elsewhere_in_its_article_is_imported(lib, notes, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps({"annotations": [annotation("a1", "because ", " on the")]}))
    second.write_text(json.dumps({"annotations": [annotation("a2", "where ", " least")]}))
    import_files(lib, notes, first)
    report = import_files(lib, notes, second)
    assert report.notes["exact"] == 1 and report.duplicates == 0
    kept = NotesStore(notes).load("Science/tides.txt").live
    assert sorted(a.target.prefix[-6:] for a in kept) == [
        "cause ",
        "where ",
    ]


READWISE_HEAD = "Highlight,Title,Author,URL,Note,Location,Date\n"
FOX = "The quick brown fox jumps over the lazy dog."


def test_a_phrase_highlighted_twice_without_a_location_keeps_both_notes(lib, notes, tmp_path):
    export = tmp_path / "readwise.csv"
    export.write_text(
        READWISE_HEAD
        + f"{FOX},Twice Told Tale,Someone,,first time,,2024-01-01 10:00:00\n"
        + f"{FOX},Twice Told Tale,Someone,,second time,,2024-02-01 10:00:00\n"
    )
    report = import_files(lib, notes, export)
    assert report.notes.total() == 2 and report.duplicates == 0
    kept = NotesStore(notes).load("unplaced/readwise").live
    assert sorted(a.note for a in kept) == ["first time", "second time"]
    again = import_files(lib, notes, export)
    assert again.notes.total() == 0 and again.duplicates == 2


def test_two_undated_highlights_of_a_phrase_are_told_apart_by_their_notes(lib, notes, tmp_path):
    export = tmp_path / "readwise.csv"
    rows = [f"{FOX},Twice Told Tale,Someone,,{n},,\n" for n in ("one", "two", "one")]
    export.write_text(READWISE_HEAD + "".join(rows))
    report = import_files(lib, notes, export)
    assert report.notes.total() == 2 and report.notes_repeated == 1  # the same row twice
    kept = NotesStore(notes).load("unplaced/readwise").live
    assert sorted(a.note for a in kept) == ["one", "two"]
    again = import_files(lib, notes, export)
    assert again.notes.total() == 0 and again.duplicates == 3


def test_a_koreader_phrase_highlighted_twice_on_one_page_keeps_both_notes(lib, notes, tmp_path):
    entry = {"sort": "highlight", "text": FOX, "chapter": "", "page": 3}
    book = {
        "title": "Twice Told Tale",
        "author": "Someone",
        "entries": [
            entry | {"note": "first time", "time": 1700000000},
            entry | {"note": "second time", "time": 1700000100},
        ],
    }
    export = tmp_path / "koreader.json"
    export.write_text(json.dumps(book))
    report = import_files(lib, notes, export)
    assert report.notes.total() == 2 and report.duplicates == 0
    kept = NotesStore(notes).load("unplaced/koreader").live
    assert sorted(a.note for a in kept) == ["first time", "second time"]
    again = import_files(lib, notes, export)
    assert again.notes.total() == 0 and again.duplicates == 2
