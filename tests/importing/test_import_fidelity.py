"""What each export holds comes in whole: every highlight on its own, every article
with its web address, author and date, and a malformed file refused in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.importing.detect import read_export
from reader.importing.records import ImportFormatError
from reader.importing.run import Importer
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex
from tests.importing.conftest import FIXTURES, import_files, tree

NIGHT_TRAINS = "inbox/news.example.com/night-trains-return-to-europe.html"
LINK = "https://omnivore.app/me/night-trains-return#a1b2c3d4-0000-4000-8000-00000000000"


def omnivore_zip(tmp_path: Path, highlights: str, content: str | None = None) -> Path:
    """The Omnivore fixture's export with these highlights (and this content)."""
    folder = FIXTURES / "omnivore"
    path = tmp_path / "omnivore-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            name = file.relative_to(folder).as_posix()
            if name.startswith("highlights/"):
                archive.writestr(name, highlights)
            elif name.startswith("content/") and content is not None:
                archive.writestr(name, content)
            elif file.is_file():
                archive.write(file, name)
    return path


def test_omnivore_highlights_without_notes_stay_apart(lib, notes, tmp_path):
    highlights = (
        f"> Night trains are running again [⤴️]({LINK}1)\n\n"
        f"> many of the new services sell out weeks ahead [⤴️]({LINK}2)\n\n"
        f"> waking up in the middle of a city [⤴️]({LINK}3)\n\n"
        "Better than an airport.\n"
    )
    report = import_files(lib, notes, omnivore_zip(tmp_path, highlights))
    placed = NotesStore(notes).load(NIGHT_TRAINS).live
    assert [(a.quote, a.note) for a in placed] == [
        ("Night trains are running again", ""),
        ("many of the new services sell out weeks ahead", ""),
        ("waking up in the middle of a city", "Better than an airport."),
    ]
    assert (report.notes["exact"], report.notes["unplaced"]) == (3, 0)


def indexed(lib: Path, article_id: str):
    with LibraryIndex(lib) as index:
        article = index.article(article_id)
    assert article is not None
    return article


def test_an_imported_article_knows_its_web_address_author_and_date(lib, notes):
    import_files(lib, notes, FIXTURES / "wallabag.json")
    article = indexed(lib, "inbox/example.org/where-the-rivers-meet-the-sea.html")
    assert (article.url, article.author, article.date) == (
        "https://www.example.org/science/estuaries",
        "Ada Brook",
        "2024-02-28",
    )


def test_a_whole_page_imported_knows_its_web_address_author_and_date(lib, notes, tmp_path):
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><title>Night Trains Return to Europe</title>"
        "</head><body><article><h1>Night Trains Return to Europe</h1>"
        "<p>Night trains are running again between the great cities of Europe, and many "
        "of the new services sell out weeks ahead.</p><p>Travellers say they like waking "
        "up in the middle of a city instead of at an airport far outside it.</p>"
        "</article></body></html>\n"
    )
    import_files(lib, notes, omnivore_zip(tmp_path, "", content=page))
    article = indexed(lib, NIGHT_TRAINS)
    assert (article.url, article.author, article.date) == (
        "https://news.example.com/travel/night-trains",
        "Lena Vogel",
        "2024-01-09",
    )
    assert "sell out weeks ahead" in article.text


def test_a_page_moved_out_of_the_inbox_is_not_imported_again(lib, notes):
    import_files(lib, notes, FIXTURES / "wallabag.json")
    inbox = lib / "inbox/example.org"
    (lib / "Science/estuaries.html").write_bytes(
        (inbox / "where-the-rivers-meet-the-sea.html").read_bytes()
    )
    (inbox / "where-the-rivers-meet-the-sea.html").unlink()
    before = tree(lib / "inbox")
    report = import_files(lib, notes, FIXTURES / "wallabag.json")
    assert (len(report.articles), report.articles_known) == (0, 1)
    assert tree(lib / "inbox") == before
    assert report.duplicates == 2  # its notes were imported with it


def test_the_links_kept_to_fetch_are_not_a_file_skipped(lib, notes):
    import_files(lib, notes, FIXTURES / "instapaper.csv")
    assert (lib / "inbox/pending.yaml").exists()
    with LibraryIndex(lib) as index:
        index.update()
        assert index.skipped() == []


def test_an_instapaper_selection_is_imported_as_a_highlight(lib, notes, tmp_path):
    export = tmp_path / "instapaper-export.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        "https://science.example.com/tides,How the Moon Pulls the Sea,"
        '"the shore is bare at low tide",Unread,1709287200,[]\n'
        "https://blog.example.com/slow-reading,The Case for Slow Reading,,Unread,1709287200,[]\n"
    )
    report = import_files(lib, notes, export)
    [placed] = NotesStore(notes).load("Science/tides.txt").live
    assert placed.quote == "the shore is bare at low tide"
    assert report.notes["exact"] == 1
    assert report.links == 2


def test_a_link_repeated_in_its_file_is_said_to_be_so(lib, notes, tmp_path):
    export = tmp_path / "instapaper-export.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        "https://blog.example.com/slow-reading,The Case for Slow Reading,,Unread,1709287200,[]\n"
        "https://blog.example.com/slow-reading,The Case for Slow Reading,,Archive,1709287300,[]\n"
    )
    lines = import_files(lib, notes, export).lines()
    assert "skipped, already in the library: 0 articles, 0 links, 0 notes" in lines
    assert "skipped, repeated in the file: 1 link" in lines


def koreader_export(path: Path, note: str) -> Path:
    path.write_text(
        '{"title": "How the Moon Pulls the Sea", "author": "M. Tidewell", "entries": ['
        '{"page": 1, "time": 1711000100, "sort": "highlight", "chapter": "The Pull",'
        f' "text": "the shore is bare at low tide", "note": "{note}"}}]}}'
    )
    return path


def test_a_note_changed_on_the_device_since_its_import_is_said_to_be_kept(lib, notes, tmp_path):
    import_files(lib, notes, koreader_export(tmp_path / "before.json", "Good image."))
    report = import_files(lib, notes, koreader_export(tmp_path / "after.json", "Great image."))
    [kept] = NotesStore(notes).load("Science/tides.txt").live
    assert kept.note == "Good image."
    lines = report.lines()
    assert "skipped, already in the library: 0 articles, 0 links, 1 note" in lines
    assert (
        "  after.json: the shore is bare at low tide: note changed since the last import: "
        "kept as it is in reader (the export's: Great image.)"
    ) in lines
    assert "entries rejected: 0" in lines


def test_a_malformed_list_is_named_in_plain_words(tmp_path):
    export = tmp_path / "export.json"
    export.write_text('{"title": "A book", "entries": {"text": "a"}}')
    with pytest.raises(ImportFormatError, match=r"'entries' must be a list of entries$"):
        read_export(export, "koreader")
    export.write_text('{"id": 1}')
    with pytest.raises(ImportFormatError, match=r"the file must be a list of entries$"):
        read_export(export, "wallabag")


def test_a_title_with_markup_names_its_file_and_shows_without_it(lib, notes, tmp_path):
    export = tmp_path / "wallabag.json"
    export.write_text(
        '[{"id": 5, "title": "Wallabag <b>Story</b>", "url": "https://example.org/story",'
        ' "content": "<p>A story told in one paragraph, with enough words to read.</p>",'
        ' "is_archived": 0, "annotations": []}]'
    )
    import_files(lib, notes, export)
    assert [p.name for p in (lib / "inbox/example.org").iterdir()] == ["wallabag-story.html"]
    assert indexed(lib, "inbox/example.org/wallabag-story.html").title == "Wallabag Story"


def test_an_import_says_what_it_is_doing_while_it_saves_the_notes(lib, notes):
    """Placing and saving many thousand highlights takes minutes: the bar names it."""
    told: list[tuple[str, bool]] = []
    with LibraryIndex(lib) as index:
        importer = Importer(lib, NotesStore(notes), index)
        exports = [("hypothesis.json", read_export(FIXTURES / "hypothesis.json"))]
        importer.run(exports, tell=lambda what: told.append((what, notes.exists())))
    assert told[-2:] == [("placing highlights", False), ("saving notes", False)]
    assert notes.exists()
