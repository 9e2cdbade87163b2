"""Highlights of one phrase whose positions fall on no occurrence of it are placed on
the same occurrence: they are one note, not several alike (unless their service gives
each an id of its own, as Hypothesis does: then each is a note)."""

from __future__ import annotations

import json

from reader.notes.anchoring import Anchorer
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex
from tests.importing.conftest import import_files

QUOTE = "the Moon pulls"  # three times in Science/tides.txt, its title too


def koreader(tmp_path, *positions: object):
    export = tmp_path / "koreader.json"
    entries = [{"text": QUOTE, "page": 3, "pos0": p} for p in positions]
    export.write_text(json.dumps({"title": "Tides", "entries": entries}))
    return export


def test_positions_that_fall_on_no_occurrence_give_one_note(lib, notes, tmp_path):
    report = import_files(lib, notes, koreader(tmp_path, -5, 999_999, 10**30))
    kept = NotesStore(notes).load("Science/tides.txt").live
    assert [(a.quote, a.target.start) for a in kept] == [(QUOTE, kept[0].target.start)]
    assert report.notes["exact"] == 1 and report.notes_repeated == 2
    again = import_files(lib, notes, koreader(tmp_path, -5, 999_999, 10**30))
    assert again.notes.total() == 0 and again.duplicates == 3


def test_positions_on_two_occurrences_give_two_notes(lib, notes, tmp_path):
    with LibraryIndex(lib) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    first, second = [start for start, _ in Anchorer(article.text).find_all(QUOTE)][-2:]
    import_files(lib, notes, koreader(tmp_path, first, second, 999_999))
    kept = NotesStore(notes).load("Science/tides.txt").live
    assert sorted(a.target.start for a in kept) == [first, second]


def test_a_readwise_location_that_is_a_kindle_location_is_passed_over(lib, notes, tmp_path):
    export = tmp_path / "readwise.csv"
    rows = [f"{QUOTE},Tides,,,,{where},\n" for where in ("1234", "4567")]
    export.write_text("Highlight,Title,Author,URL,Note,Location,Date\n" + "".join(rows))
    report = import_files(lib, notes, export)
    kept = NotesStore(notes).load("Science/tides.txt").live
    assert len(kept) == 1 and report.notes_repeated == 1


def hypothesis(tmp_path, *starts: object, prefix: str = ""):
    export = tmp_path / "hypothesis.json"
    annotations = [
        {
            "id": f"h{i}",
            # A page the library does not hold: its title tells the short quote's article.
            "uri": "https://example.com/tides",
            "document": {"title": "How the Moon Pulls the Sea"},
            "text": "",
            "tags": [],
            "target": [
                {
                    "selector": [
                        {"type": [], "start": 0},
                        {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": prefix},
                        {"type": "TextPositionSelector", "start": start, "end": 0},
                    ]
                }
            ],
        }
        for i, start in enumerate(starts)
    ]
    export.write_text(json.dumps({"annotations": annotations}))
    return export


def test_a_hypothesis_position_places_the_highlight_and_one_that_cannot_is_passed_over(
    lib, notes, tmp_path
):
    with LibraryIndex(lib) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    at = [start for start, _ in Anchorer(article.text).find_all(QUOTE)]
    hostile = [-5, 10**30, "the middle", 1.5, float("nan"), True, None, [], {}, "9" * 40]
    report = import_files(lib, notes, hypothesis(tmp_path, at[1], *hostile))
    kept = NotesStore(notes).load("Science/tides.txt").live
    # One placed where it says; the others on the first occurrence, each a note of its
    # own (Hypothesis tells them apart by their ids).
    assert sorted(a.target.start for a in kept) == [at[0]] * len(hostile) + [at[1]]
    assert report.duplicates == report.notes_repeated == 0


def test_a_hypothesis_position_the_words_around_the_quote_belie_is_passed_over(
    lib, notes, tmp_path
):
    # Hypothesis counts places in the web page's text, which a saved article need not
    # be: where the words before the quote say another occurrence, they win.
    with LibraryIndex(lib) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    at = [start for start, _ in Anchorer(article.text).find_all(QUOTE)]
    prefix = "A second bulge forms on the far side of the Earth, where "
    import_files(lib, notes, hypothesis(tmp_path, at[0], prefix=prefix))
    (kept,) = NotesStore(notes).load("Science/tides.txt").live
    assert kept.target.start == at[1]
