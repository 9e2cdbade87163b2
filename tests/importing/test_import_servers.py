"""Exports from two servers of one service (two wallabag instances): their entries'
ids are the servers' own, so an article is known by its web address, and a highlight
of one server never taken for the other's."""

from __future__ import annotations

import json

from reader.notes.schema import origin_of
from reader.notes.store import NotesStore
from tests.importing.conftest import import_files

ONE = "inbox/a.example/tides.html"
TWO = "inbox/b.example/printing.html"


def _wallabag(path, url, title, paragraph, quote, note):
    entry = {
        "id": 1,
        "is_archived": 0,
        "title": title,
        "url": url,
        "content": f"<p>{paragraph}</p>",
        "annotations": [{"id": 1, "quote": quote, "text": note}],
    }
    path.write_text(json.dumps([entry]), encoding="utf-8")
    return path


def _exports(tmp_path):
    first = _wallabag(
        tmp_path / "server-one.json",
        "https://a.example/tides",
        "Tides",
        "The moon pulls the sea into two bulges that sweep around the planet.",
        "two bulges",
        "first server",
    )
    second = _wallabag(
        tmp_path / "server-two.json",
        "https://b.example/printing",
        "Printing",
        "Movable type spread across Europe within a few decades of its invention.",
        "Movable type spread",
        "second server",
    )
    return first, second


def test_an_entry_of_another_server_with_the_same_id_is_its_own_article(lib, notes, tmp_path):
    first, second = _exports(tmp_path)
    import_files(lib, notes, first)
    report = import_files(lib, notes, second)
    assert report.articles == [lib / TWO]
    assert report.articles_known == 0
    assert report.notes["exact"] == 1 and report.duplicates == 0
    store = NotesStore(notes)
    [one] = store.load(ONE).live
    [two] = store.load(TWO).live
    assert (one.quote, one.note) == ("two bulges", "first server")
    assert (two.quote, two.note) == ("Movable type spread", "second server")
    assert origin_of(store.load(ONE).article.extra)["url"] == "https://a.example/tides"
    assert origin_of(store.load(TWO).article.extra)["url"] == "https://b.example/printing"


def test_both_servers_in_one_import_and_again_add_nothing_twice(lib, notes, tmp_path):
    first, second = _exports(tmp_path)
    report = import_files(lib, notes, first, second)
    assert len(report.articles) == 2 and report.notes["exact"] == 2
    again = import_files(lib, notes, first, second)
    assert again.articles == [] and again.notes.total() == 0
    assert again.articles_known == 2 and again.duplicates == 2
    assert [a.note for a in NotesStore(notes).load(TWO).live] == ["second server"]


def test_an_article_known_by_its_address_keeps_its_notes_header(lib, notes, tmp_path):
    """An entry whose page is already in the library (by its address) takes its
    highlights there, and the notes' header stays that page's own."""
    first, _ = _exports(tmp_path)
    import_files(lib, notes, first)
    entry = json.loads(first.read_text())[0]
    entry.update(id=99, title="Another title", annotations=[{"id": 5, "quote": "sweep around"}])
    other = tmp_path / "server-three.json"
    other.write_text(json.dumps([entry]), encoding="utf-8")
    report = import_files(lib, notes, other)
    assert report.articles_known == 1 and report.notes["exact"] == 1
    header = origin_of(NotesStore(notes).load(ONE).article.extra)
    assert (header["id"], header["url"]) == ("1", "https://a.example/tides")
