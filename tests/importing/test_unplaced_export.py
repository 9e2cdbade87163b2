"""Unplaced highlights in exports: the book or page they came from (its address and
title, kept in their `origin`), never reader's name for the file that keeps them."""

from __future__ import annotations

import csv
import io
import json
import shutil

from reader.notes.export import export
from reader.notes.records import collect
from reader.notes.store import NotesStore
from tests.importing.conftest import FIXTURES, import_files


def unplaced_records(tmp_path, notes, fixture: str):
    """The fixture's highlights imported into a library that has none of their articles."""
    library = tmp_path / "elsewhere"
    (library / "History").mkdir(parents=True)
    shutil.copy(FIXTURES / "library/History/printing.txt", library / "History")
    report = import_files(library, notes, FIXTURES / fixture)
    assert report.notes["unplaced"] >= 2
    records, problems = collect(NotesStore(notes), lambda _: None)
    assert problems == []
    return records


def test_hypothesis_export_of_unplaced_notes_names_their_page_by_its_address(tmp_path, notes):
    records = unplaced_records(tmp_path, notes, "hypothesis.json")
    annotations = json.loads(export(records, "hypothesis"))["annotations"]
    given = json.loads((FIXTURES / "hypothesis.json").read_text())["annotations"]
    pages = {
        selector["exact"]: (g["uri"], g["document"])
        for g in given
        for selector in g["target"][0].get("selector", [])
        if "exact" in selector
    }
    assert len(annotations) == len(records)
    for a in annotations:
        [target] = a["target"]
        [selector] = target["selector"]  # the quote; it has no place in a text
        assert selector["type"] == "TextQuoteSelector"
        assert (a["uri"], a["document"]) == pages[selector["exact"]]
        assert target["source"] == a["uri"]


def test_readwise_and_koreader_exports_of_unplaced_notes_give_the_book_title(tmp_path, notes):
    records = unplaced_records(tmp_path, notes, "koreader.json")
    rows = list(csv.DictReader(io.StringIO(export(records, "readwise"))))
    assert {(r["Title"], r["Author"]) for r in rows} == {
        ("How the Moon Pulls the Sea", "M. Tidewell")
    }
    book = json.loads(export(records, "koreader"))
    assert (book["title"], book["author"]) == ("How the Moon Pulls the Sea", "M. Tidewell")
    assert len(book["entries"]) == len(rows)
