"""Readwise's inline tags: a note's first line of `.tag` words only; a note that merely
starts with a dot (".NET", ".5 percent") is kept as written."""

from __future__ import annotations

import csv

import pytest

from reader.importing.readwise import read


@pytest.mark.parametrize(
    ("note", "tags", "kept"),
    [
        (".NET is great", (), ".NET is great"),
        (".5 percent of them", (), ".5 percent of them"),
        (".physics .tides", ("physics", "tides"), ""),
        (".physics .tides\nWhy twice a day?", ("physics", "tides"), "Why twice a day?"),
        (".physics\n.NET is great\nand more", ("physics",), ".NET is great\nand more"),
        (".h1", (), ".h1"),  # Readwise's action tag: a heading, not a tag
        ("Plain note.", (), "Plain note."),
    ],
)
def test_inline_tags_are_a_whole_first_line_of_dot_words(tmp_path, note, tags, kept):
    path = tmp_path / "readwise.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"])
        writer.writerow(["A quote", "A book", "", "", note, "", ""])
    [highlight] = read(path).highlights
    assert (highlight.tags, highlight.note) == (tags, kept)
