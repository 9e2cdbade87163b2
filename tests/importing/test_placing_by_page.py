"""A highlight that names its page (Hypothesis' `uri`, a Readwise or Instapaper URL)
goes on the article at that address, never guessed onto another holding its words; one
naming no page goes where its words, and the words around them, are."""

from __future__ import annotations

import csv
import json

import pytest

from reader.notes.store import NotesStore
from tests.importing.conftest import import_files

SHARED = "The council met on Tuesday to vote on the new harbour wall."
ONE = "Blog/one.md"
TWO = "Blog/two.md"
NEWS = "News/saturday.txt"
# (Two is the longer: the index ranks One, the shorter, first for their words.)
LONGER = "The bay was calm, the boats were out and the gulls were loud all day.\n" * 5


@pytest.fixture
def lib(tmp_path):
    """Two posts that share a sentence, each with its address, and a news story of no
    address saying "said Saturday"."""
    root = tmp_path / "lib"
    (root / "Blog").mkdir(parents=True)
    (root / "News").mkdir()
    (root / ONE).write_text(
        f"---\ntitle: One\nurl: https://a.example/one\n---\n\nFirst of all, the town.\n\n"
        f"Old news from the port. {SHARED} Nobody came.\n",
        encoding="utf-8",
    )
    (root / TWO).write_text(
        f"---\ntitle: Two\nurl: https://b.example/two\n---\n\nSecond, the sea.\n\n"
        f"Fresh news from the bay. {SHARED} Everyone came.\n\n" + LONGER,
        encoding="utf-8",
    )
    (root / NEWS).write_text(
        "Storm warning\n\nThe coast guard closed the beach, a spokeswoman said Saturday.\n",
        encoding="utf-8",
    )
    return root


def quotes(notes, article_id):
    return [a.quote for a in NotesStore(notes).load(article_id).live]


def _hypothesis(tmp_path, uri, prefix="", suffix=""):
    selector = {"type": "TextQuoteSelector", "exact": SHARED, "prefix": prefix}
    selector["suffix"] = suffix
    annotation = {"id": "h1", "uri": uri, "text": "", "target": [{"selector": [selector]}]}
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps({"annotations": [annotation]}), encoding="utf-8")
    return path


def _csv(tmp_path, name, header, row):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, row])
    return path


def test_a_hypothesis_highlight_goes_on_the_article_at_its_uri(lib, notes, tmp_path):
    export = _hypothesis(tmp_path, "https://b.example/two", prefix="news from the bay. ")
    report = import_files(lib, notes, export)
    assert report.notes["exact"] == 1
    assert quotes(notes, TWO) == [SHARED]
    assert quotes(notes, ONE) == []


def test_a_readwise_row_goes_on_the_article_at_its_url(lib, notes, tmp_path):
    header = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    row = [SHARED, "Two", "", "https://b.example/two/", "", "", ""]
    import_files(lib, notes, _csv(tmp_path, "readwise.csv", header, row))
    assert quotes(notes, TWO) == [SHARED]
    assert quotes(notes, ONE) == []


def test_a_selection_of_a_page_not_in_the_library_stays_unplaced(lib, notes, tmp_path):
    header = ["URL", "Title", "Selection", "Folder", "Timestamp"]
    row = ["https://c.example/elsewhere", "Elsewhere", "said Saturday", "Unread", "1709287200"]
    report = import_files(lib, notes, _csv(tmp_path, "instapaper.csv", header, row))
    assert report.notes["exact"] == 0 and report.notes["unplaced"] == 1
    assert quotes(notes, NEWS) == []
    assert quotes(notes, "unplaced/instapaper") == ["said Saturday"]


def test_a_page_not_in_the_library_is_never_another_address(lib, notes, tmp_path):
    report = import_files(lib, notes, _hypothesis(tmp_path, "https://c.example/three"))
    assert report.notes["unplaced"] == 1
    assert quotes(notes, ONE) == quotes(notes, TWO) == []


def test_a_highlight_of_no_page_goes_where_its_context_is(lib, notes, tmp_path):
    export = _hypothesis(tmp_path, "", prefix="Fresh news from the bay. ", suffix=" Everyone")
    report = import_files(lib, notes, export)
    assert report.notes["exact"] == 1
    assert quotes(notes, TWO) == [SHARED]
    assert quotes(notes, ONE) == []


@pytest.mark.parametrize(
    "uri",
    [
        "https://a.example/one?utm_source=newsletter&utm_medium=email",
        "http://www.a.example/one/?fbclid=abc#comments",
    ],
)
def test_a_page_shared_with_tracking_parameters_is_the_article_at_its_address(
    lib, notes, tmp_path, uri
):
    """Hypothesis keeps the address the page was read at, often with `utm_…` added: the
    article at the address without them is that page (the highlight stayed unplaced)."""
    export = _hypothesis(tmp_path, uri, prefix="Old news from the port. ")
    report = import_files(lib, notes, export)
    assert report.notes["exact"] == 1
    assert quotes(notes, ONE) == [SHARED]
