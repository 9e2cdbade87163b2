"""A note copied by hand into another article's notes file, its id and all: the id is
named with both files wherever notes are listed or reviewed, and a grade by that id
says so rather than "more than one note starts so"."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID, OTHER_ID
from tests.review.test_review_cli import reader, two_notes  # noqa: F401 (a fixture)


def store() -> NotesStore:
    return NotesStore(Path(os.environ["READER_NOTES_DIR"]))


def copy_note(note_id: str) -> tuple[Path, Path]:
    """Copy the AFP note `note_id` into the other article's notes file; both files."""
    notes = store()
    note = notes.load(AFP_ID).get(note_id)
    other = notes.load(OTHER_ID)
    notes.save(replace(other, annotations=[*other.annotations, note]))
    return notes.path_for(AFP_ID), notes.path_for(OTHER_ID)


@pytest.fixture
def copied(two_notes):  # noqa: F811
    lib, first, _second = two_notes
    return lib, first, copy_note(first)


def shared_line(note_id: str, paths: tuple[Path, Path]) -> str:
    """Worded as the Notes screen words it."""
    return f"{paths[0]}, {paths[1]} hold note id {note_id}; give the copy a new id"


def test_a_grade_by_an_id_in_two_notes_files_names_both_and_grades_neither(copied):
    lib, first, paths = copied
    before = [p.read_bytes() for p in paths]
    for args in (("--grade", first, "good"), ("--grade", first[:8], "good"), ("--resume", first)):
        result = reader("review", lib, *args)
        assert result.returncode == 2
        assert result.stderr.endswith(f"reader: error: {shared_line(first, paths)}\n")
    assert [p.read_bytes() for p in paths] == before


def test_listing_notes_or_cards_warns_of_an_id_in_two_notes_files_once(copied):
    lib, first, paths = copied
    warning = f"reader: warning: {shared_line(first, paths)}\n"
    for command in (("review", lib), ("review", lib, "--stats"), ("notes", "--library", lib)):
        result = reader(*command)
        assert result.returncode == 0, result.stderr
        assert result.stderr == warning
    # Both copies are listed, each under its own article.
    listed = reader("notes", "--library", lib).stdout
    assert listed.count("Palm Beach") == 2
