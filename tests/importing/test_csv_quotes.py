"""CSV exports read leniently, as they were written: only a quote left open, which would
take the rows after it into one field, refuses the file."""

from __future__ import annotations

import pytest

from reader.importing.detect import read_export
from reader.importing.records import ImportFormatError

POCKET = "title,url,time_added,tags,status\n"


def test_a_space_after_a_closing_quote_is_read_as_pocket_wrote_it(tmp_path):
    path = tmp_path / "pocket.csv"
    path.write_text(
        POCKET
        + '"My title" ,https://example.com/a,1704067200,,unread\n'
        + "Second,https://example.com/b,1704067200,,unread\n"
    )
    links = read_export(path).links
    assert [(x.title.strip(), x.url) for x in links] == [
        ("My title", "https://example.com/a"),
        ("Second", "https://example.com/b"),
    ]


def test_a_quoted_field_over_several_lines_is_read(tmp_path):
    path = tmp_path / "readwise.csv"
    path.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\n"
        '"Two lines,\nof a quote",A book,,,"a ""note""\non two lines",,\n'
    )
    [highlight] = read_export(path).highlights
    assert (highlight.quote, highlight.note) == ("Two lines,\nof a quote", 'a "note"\non two lines')


def test_a_quote_open_at_the_end_of_the_file_names_its_row(tmp_path):
    path = tmp_path / "pocket.csv"
    path.write_text(POCKET + "A,https://example.com/a,1,,unread\n" + '"B,https://x,1,,unread\n')
    with pytest.raises(ImportFormatError, match=r"line 3: a quote \(\"\) opened in this row"):
        read_export(path)
