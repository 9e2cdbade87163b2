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
