"""Numbers in an export too long to be a position (Python refuses to read an integer of
more than 4,300 digits): a position that is none, or a file refused in one line."""

from __future__ import annotations

import json

import pytest

from reader.importing.detect import read_export
from reader.importing.records import ImportFormatError
from reader.importing.sources import offset
from reader.notes.store import NotesStore
from tests.importing.conftest import import_files

HUGE = "9" * 5000
QUOTE = "the Moon pulls"


@pytest.mark.parametrize("value", [HUGE, "1" + "0" * 30, -5, 10**30, "-5", "²"])
def test_a_number_that_cannot_be_a_position_is_none(value):
    assert offset(value) is None


def test_a_readwise_location_of_thousands_of_digits_places_the_quote_all_the_same(
    lib, notes, tmp_path
):
    export = tmp_path / "readwise.csv"
    export.write_text(f"Highlight,Title,Author,URL,Note,Location,Date\n{QUOTE},Tides,,,,{HUGE},\n")
    report = import_files(lib, notes, export)
    assert report.notes["exact"] == 1
    assert [a.quote for a in NotesStore(notes).load("Science/tides.txt").live] == [QUOTE]


def test_a_koreader_file_holding_a_number_of_thousands_of_digits_is_refused_in_one_line(
    tmp_path,
):
    export = tmp_path / "koreader.json"
    entry = f'{{"text": "{QUOTE}", "pos0": {HUGE}}}'
    export.write_text(f'{{"title": "Tides", "entries": [{entry}]}}')
    with pytest.raises(ImportFormatError) as refused:
        read_export(export)
    assert str(refused.value).startswith(f"{export}: ")
    assert "\n" not in str(refused.value)


def test_a_kindle_location_of_thousands_of_digits_is_no_location(lib, notes, tmp_path):
    export = tmp_path / "My Clippings.txt"
    export.write_text(
        f"Tides (Some Author)\n- Your Highlight on Location {HUGE} | "
        f"Added on Monday, January 1, 2024 10:00:00 AM\n\n{QUOTE}\n==========\n"
    )
    report = import_files(lib, notes, export, fmt="kindle")
    assert report.notes["exact"] == 1


def test_a_koreader_position_too_long_to_be_one_keeps_the_id_without_a_position(tmp_path):
    def the_id(pos0: object) -> str:
        export = tmp_path / "koreader.json"
        entry = {"text": QUOTE, "page": 3, "pos0": pos0}
        export.write_text(json.dumps({"title": "Tides", "entries": [entry]}))
        return read_export(export).highlights[0].origin.id

    assert the_id(10**30) == the_id(-5) == the_id(None)


def test_a_page_said_to_be_of_a_length_of_thousands_of_digits_is_too_large():
    import httpx

    from reader.importing.fetch import FetchError, fetch_page

    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "text/html", "content-length": HUGE}
        return httpx.Response(200, headers=headers, content=b"<p>the Moon pulls</p>")

    with (
        httpx.Client(transport=httpx.MockTransport(answer)) as client,
        pytest.raises(FetchError) as refused,
    ):
        fetch_page("https://example.com/tides", client)
    assert str(refused.value).endswith("larger than 10 MB")
