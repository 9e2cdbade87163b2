"""`reader import`: articles into the inbox, links kept to fetch, highlights placed in
the library as notes (or kept unplaced), each import ending with a report."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.importing.detect import read_export
from reader.importing.pending import load_pending
from reader.importing.records import ImportFormatError, content_id
from reader.importing.run import Importer
from reader.notes.schema import origin_of
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex
from tests.importing.conftest import FIXTURES, import_files, tree

TIDES = "Science/tides.txt"
PRINTING = "History/printing.txt"


def live(notes, article_id):
    return NotesStore(notes).load(article_id).live


def test_wallabag_articles_land_in_the_inbox_with_their_highlights_as_notes(lib, notes):
    report = import_files(lib, notes, FIXTURES / "wallabag.json")
    page = lib / "inbox/example.org/where-the-rivers-meet-the-sea.html"
    text = page.read_text()
    assert text.startswith("<!-- reader-origin ")
    assert '"service": "wallabag", "id": "101"' in text
    assert "https://www.example.org/science/estuaries" in text
    assert "richest habitats" in text
    [placed] = live(notes, "inbox/example.org/where-the-rivers-meet-the-sea.html")
    assert placed.quote == "among the richest habitats on the coast"
    assert placed.note == "Worth a field trip."
    assert dict(origin_of(placed.extra)) == {
        "service": "wallabag",
        "id": "101/7",
        "url": "https://www.example.org/science/estuaries",
    }
    stored = NotesStore(notes).load("inbox/example.org/where-the-rivers-meet-the-sea.html")
    assert origin_of(stored.article.extra)["service"] == "wallabag"
    # The quote the article does not hold waits among the unplaced notes.
    [waiting] = live(notes, "unplaced/wallabag")
    assert waiting.quote == "a sentence that is not in this article at all"
    assert (len(report.articles), report.notes["exact"], report.notes["unplaced"]) == (1, 1, 1)
    assert [(r.entry, r.reason) for _, r in report.rejected] == [
        ("entry 2 (https://example.net/empty)", "no content")
    ]


def test_omnivore_zip_brings_its_articles_labels_and_highlights(lib, notes, omnivore_zip):
    report = import_files(lib, notes, omnivore_zip)
    page = lib / "inbox/news.example.com/night-trains-return-to-europe.html"
    assert "sell out weeks ahead" in page.read_text()
    placed = live(notes, "inbox/news.example.com/night-trains-return-to-europe.html")
    assert [(a.quote, a.note) for a in placed] == [
        ("many of the new services sell out weeks ahead", "Book early next time."),
        ("waking up in the middle of a city", ""),
    ]
    assert origin_of(placed[0].extra)["id"].endswith("#a1b2c3d4-0000-4000-8000-000000000001"[1:])
    assert report.notes["exact"] == 2
    assert "no content/<slug>.html" in report.rejected[0][1].reason


def test_instapaper_and_pocket_links_wait_in_the_inbox_once_each(lib, notes):
    report = import_files(lib, notes, FIXTURES / "instapaper.csv", FIXTURES / "pocket.csv")
    links = load_pending(lib)
    assert [x["url"] for x in links] == [
        "https://blog.example.com/slow-reading",
        "https://example.org/archive/old-maps",
        "https://cooking.example.com/bread",
    ]
    assert links[0]["tags"] == ["reading", "habits"]
    assert links[0]["folder"] == "Unread"
    assert links[0]["saved"] == "2024-03-01T10:00:00Z"
    assert links[2]["tags"] == ["food", "baking"]
    assert links[0]["origin"] == {
        "service": "instapaper",
        "id": "https://blog.example.com/slow-reading",
        "url": "https://blog.example.com/slow-reading",
    }
    assert report.links == 3
    assert report.links_known == 1  # the slow-reading link, saved in both services
    assert "not a web address" in report.rejected[0][1].reason


def test_hypothesis_quotes_are_placed_exactly_fuzzily_or_kept_unplaced(lib, notes):
    report = import_files(lib, notes, FIXTURES / "hypothesis.json")
    placed = {a.quote: a for a in live(notes, TIDES)}
    exact = placed["A second bulge forms on the far side of the Earth"]
    assert exact.note == "So that is why there are two tides."
    assert exact.tags == ("tides",)
    assert origin_of(exact.extra)["url"] == "https://science.example.com/tides"
    # "highest in the month" was highlighted: the article says "of the month".
    fuzzy = placed["their pulls add together and the spring tides are the highest of the month"]
    assert 0.85 <= origin_of(fuzzy.extra)["score"] < 1
    [unplaced] = live(notes, "unplaced/hypothesis")
    assert unplaced.quote == "magma chambers swell for decades before an eruption"
    assert origin_of(unplaced.extra)["title"] == "Volcanoes"
    assert (report.notes["exact"], report.notes["fuzzy"], report.notes["unplaced"]) == (1, 1, 1)
    assert report.rejected[0][1].reason == "a page note, no quote"


@pytest.mark.parametrize(
    ("name", "article_id", "quote", "note"),
    [
        (
            "readwise.csv",
            PRINTING,
            "Printers set each page letter by letter from cases of metal type",
            "Slow work.",
        ),
        (
            "kindle-clippings.txt",
            PRINTING,
            "Within fifty years of the first printed bible, presses were running in more "
            "than two hundred towns across Europe.",
            "Check the number of towns.",
        ),
        ("koreader.json", TIDES, "the shore is bare at low tide", "Good image."),
    ],
)
def test_highlights_without_text_are_found_in_the_library(
    lib, notes, name, article_id, quote, note
):
    import_files(lib, notes, FIXTURES / name)
    found = {a.quote: a.note for a in live(notes, article_id)}
    assert found[quote] == note


def test_reimporting_adds_nothing_twice(lib, notes, omnivore_zip):
    files = [FIXTURES / "wallabag.json", omnivore_zip, FIXTURES / "hypothesis.json"]
    files += [FIXTURES / "instapaper.csv", FIXTURES / "kindle-clippings.txt"]
    first = import_files(lib, notes, *files)
    before = tree(lib), tree(notes)
    again = import_files(lib, notes, *files)
    assert (tree(lib), tree(notes)) == before
    assert again.articles == [] and again.links == 0
    assert again.notes.total() == 0
    added = len(first.articles) + first.links + first.notes.total()
    assert again.duplicates + again.articles_known + again.links_known == added


def test_a_deleted_imported_note_is_not_brought_back_by_a_reimport(lib, notes):
    import_files(lib, notes, FIXTURES / "koreader.json")
    store = NotesStore(notes)
    [first, second] = store.load(TIDES).live
    store.delete(TIDES, first.id)
    import_files(lib, notes, FIXTURES / "koreader.json")
    assert [a.id for a in store.load(TIDES).live] == [second.id]


def test_an_import_never_writes_over_a_file_in_the_inbox(lib, notes):
    mine = lib / "inbox/example.org/where-the-rivers-meet-the-sea.html"
    mine.parent.mkdir(parents=True)
    mine.write_text("<p>My own page, kept by hand.</p>")
    report = import_files(lib, notes, FIXTURES / "wallabag.json")
    assert mine.read_text() == "<p>My own page, kept by hand.</p>"
    assert report.articles == [mine.with_name("where-the-rivers-meet-the-sea-2.html")]


def test_origin_is_kept_when_notes_are_edited_and_merged(lib, notes):
    import_files(lib, notes, FIXTURES / "koreader.json")
    store = NotesStore(notes)
    first = store.load(TIDES).live[0]
    from dataclasses import replace

    store.update(TIDES, replace(first, note="changed"))
    kept = store.load(TIDES).get(first.id)
    assert kept.note == "changed"
    assert origin_of(kept.extra)["service"] == "koreader"


def test_format_can_be_forced_and_a_wrong_one_is_named(tmp_path):
    with pytest.raises(ImportFormatError, match="the header lacks time_added, status"):
        read_export(FIXTURES / "instapaper.csv", "pocket")
    assert read_export(FIXTURES / "readwise.csv", "readwise").service == "readwise"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_file_is_imported_or_refused_in_one_line(tmp_path, data):
    path = tmp_path / "export"
    path.write_bytes(data)
    try:
        read_export(path)
    except ReaderError as error:
        assert "\n" not in str(error)


def test_import_progress_climbs_to_its_end_with_the_new_articles_indexed(lib, notes, omnivore_zip):
    from reader.importing.run import Importer
    from reader.search.index import LibraryIndex

    exports = [(p.name, read_export(p)) for p in (FIXTURES / "wallabag.json", omnivore_zip)]
    seen: list[tuple[int, int]] = []
    with LibraryIndex(lib) as index:
        importer = Importer(lib, NotesStore(notes), index)
        importer.run(exports, lambda done, total: seen.append((done, total)))
        # The bar ends once the new pages are searchable: no update left after it.
        indexed = {a[0] for a in index.articles()}
    assert {p.relative_to(lib).as_posix() for p in importer.report.articles} <= indexed
    done = [d for d, _ in seen]
    assert done == sorted(done) and len({t for _, t in seen}) == 1
    assert seen[-1][0] == seen[-1][1]


def clipping(kind: str, location: str, text: str) -> str:
    """One clipping of a Kindle's `My Clippings.txt`, in the book "The Book"."""
    return (
        f"The Book (Some Author)\n- Your {kind} on Location {location} | "
        f"Added on Monday, January 1, 2024 10:00:00 AM\n\n{text}\n==========\n"
    )


FIRST = "First passage that the reader highlighted on the Kindle."
SECOND = "Second passage, highlighted later in the same book."


def test_a_kindle_note_goes_with_the_highlight_at_its_location(lib, notes, tmp_path):
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        clipping("Highlight", "10-12", FIRST)
        + clipping("Highlight", "50-52", SECOND)
        + clipping("Note", "12", "On the first passage.")  # written later, added last
        + clipping("Note", "70", "A note on no highlight.")
    )
    report = import_files(lib, notes, clippings)
    found = {a.quote: a.note for a in live(notes, "unplaced/kindle")}
    assert found == {FIRST: "On the first passage.", SECOND: ""}
    [(_, rejected)] = report.rejected
    assert rejected.reason == "a note without a highlight at its location"


def test_a_kindle_note_written_after_an_import_comes_with_the_next_one(lib, notes, tmp_path):
    before, after = tmp_path / "before.txt", tmp_path / "after.txt"
    before.write_text(
        clipping("Highlight", "10-12", FIRST) + clipping("Highlight", "50-52", SECOND)
    )
    after.write_text(
        before.read_text()
        + clipping("Note", "12", "Written next week.")
        + clipping("Note", "52", "Not over mine.")
    )
    import_files(lib, notes, before)
    store = NotesStore(notes)
    second = next(a for a in store.load("unplaced/kindle").live if a.quote == SECOND)
    store.update("unplaced/kindle", replace(second, note="Mine, written in reader."))

    report = import_files(lib, notes, after)
    found = {a.quote: a.note for a in live(notes, "unplaced/kindle")}
    assert found == {FIRST: "Written next week.", SECOND: "Mine, written in reader."}
    assert "notes added to highlights imported before: 1" in report.lines()
    [(_, changed)] = report.changed
    assert changed.reason.endswith("kept as it is in reader (the export's: Not over mine.)")
    again = import_files(lib, notes, after)
    assert again.notes.total() == 0 and again.duplicates == 2
    assert len(again.changed) == 1  # said again, until the two notes are one


def test_kindle_locations_with_thousands_separators_place_notes_and_keep_their_ids(
    lib, notes, tmp_path
):
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        clipping("Highlight", "1,223-1,225", FIRST)
        + clipping("Highlight", "1,500-1,502", SECOND)
        + clipping("Note", "1,224", "On the first passage.")  # written after both
    )
    import_files(lib, notes, clippings)
    found = {a.quote: a.note for a in live(notes, "unplaced/kindle")}
    assert found == {FIRST: "On the first passage.", SECOND: ""}
    # The ids read a location up to its separator, as before: imported again, the
    # highlights of earlier imports are known.
    ids = {a.extra["origin"]["id"] for a in live(notes, "unplaced/kindle")}
    assert ids == {content_id("The Book", "1", FIRST), content_id("The Book", "1", SECOND)}


def test_a_kindle_note_is_added_to_its_highlight_as_it_is_on_disk_when_written(
    lib, notes, tmp_path
):
    """The import read the notes when it started: a highlight taken out of its file since
    (attached elsewhere) came back, and one deleted or given a note meanwhile is left so."""
    third = "Third passage, highlighted last."
    before, after = tmp_path / "before.txt", tmp_path / "after.txt"
    before.write_text(
        clipping("Highlight", "10-12", FIRST)
        + clipping("Highlight", "50-52", SECOND)
        + clipping("Highlight", "80-82", third)
    )
    after.write_text(
        before.read_text()
        + clipping("Note", "12", "On the first.")
        + clipping("Note", "52", "On the second.")
        + clipping("Note", "82", "On the third.")
    )
    import_files(lib, notes, before)
    store = NotesStore(notes)
    held = {a.quote: a for a in store.load("unplaced/kindle").live}
    with LibraryIndex(lib) as index:
        importer = Importer(lib, NotesStore(notes), index)  # the notes read now
        store.take_out("unplaced/kindle", held[FIRST].id)  # attached elsewhere meanwhile
        store.delete("unplaced/kindle", held[SECOND].id)
        store.update("unplaced/kindle", replace(held[third], note="Typed in reader."))
        importer.run([(after.name, read_export(after))])
    on_disk = {a.quote: a for a in store.load("unplaced/kindle").annotations}
    assert FIRST not in on_disk
    assert on_disk[SECOND].deleted and on_disk[SECOND].note == ""
    assert on_disk[third].note == "Typed in reader."
    assert importer.report.notes["noted"] == 0
    assert [r.reason for _, r in importer.report.changed] == [
        "note changed since the last import: kept as it is in reader (the export's: On the third.)"
    ]
