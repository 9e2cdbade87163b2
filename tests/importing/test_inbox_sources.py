"""Imported and fetched pages are kept in `LIB/inbox/<site>/`: each site is a source of
its own, `inbox/<site>`, in the source list, search's `source:` filter and exports, and
`source:inbox` still finds the whole inbox."""

from __future__ import annotations

import json

from reader.ingest.formats import load_article
from tests.importing.conftest import FIXTURES
from tests.importing.test_import_cmd import reader


def with_inbox(lib, notes):
    """The wallabag export imported (a page of example.org), and a page of example.net
    kept in the inbox by hand."""
    done = reader("import", FIXTURES / "wallabag.json", "--library", lib, "--notes-dir", notes)
    assert done.returncode == 0, done.stderr
    page = lib / "inbox/example.net/tides.html"
    page.parent.mkdir()
    page.write_text(
        "<html><head><title>Tides</title></head><body><article><p>"
        + "The tides of the estuary turn twice a day. " * 10
        + "</p></article></body></html>"
    )


def test_imported_articles_are_listed_under_their_site_in_the_inbox(lib, notes):
    with_inbox(lib, notes)
    listed = json.loads(reader("list", lib, "--json").stdout)["articles"]
    sources = {a["id"].rpartition("/")[0]: a["source"] for a in listed}
    assert sources == {
        "History": "History",
        "Science": "Science",
        "inbox/example.org": "inbox/example.org",
        "inbox/example.net": "inbox/example.net",
    }


def test_search_source_filter_finds_an_inbox_site_and_the_whole_inbox(lib, notes):
    with_inbox(lib, notes)

    def found(query: str) -> list[str]:
        done = reader("search", query, lib, "--json")
        assert done.returncode == 0, done.stderr
        return sorted(h["id"].split("/")[1] for h in json.loads(done.stdout))

    assert found("source:example.org") == ["example.org"]
    assert found("source:inbox") == ["example.net", "example.org"]


def test_an_inbox_page_that_names_its_site_is_still_under_its_inbox_folder(tmp_path):
    page = tmp_path / "inbox/news.example.com/story.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html><head><meta property="og:site_name" content="Example News">'
        "<title>Story</title></head><body><article><p>"
        + "The story is told at length here. " * 20
        + "</p></article></body></html>"
    )
    assert load_article(page, tmp_path).source == "inbox/news.example.com"
    moved = tmp_path / "News/story.html"
    moved.parent.mkdir()
    page.rename(moved)
    assert load_article(moved, tmp_path).source == "Example News"  # out of the inbox


def test_a_file_straight_in_the_inbox_is_of_the_inbox(tmp_path):
    note = tmp_path / "inbox/loose.txt"
    note.parent.mkdir()
    note.write_text("Loose\n\nA page kept straight in the inbox, with no site folder.\n")
    assert load_article(note, tmp_path).source == "inbox"


def test_notes_on_an_imported_article_are_exported_with_its_site_as_source(lib, notes):
    with_inbox(lib, notes)
    done = reader("export", lib, "--notes-dir", notes, "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert "*inbox/example.org · 2024-02-28*" in done.stdout
