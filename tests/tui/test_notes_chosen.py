"""The Notes screen's order: newest first, and of notes saved in the same millisecond,
the one written later in its file first."""

from __future__ import annotations

from dataclasses import replace

from reader.tui.notes_chosen import Choice
from tests.notes.test_note_filter import record


def test_notes_saved_in_the_same_millisecond_list_the_later_written_first():
    """Two notes added one after the other on a fast machine share their time: they were
    listed in file order, the older first, under "sorted by date" (newest first)."""
    first = record("Palm Beach")
    second = record("Kyiv")
    second = replace(
        second, annotation=replace(second.annotation, modified=first.annotation.modified)
    )
    older = record("Florida")
    older = replace(
        older,
        annotation=replace(older.annotation, modified=first.annotation.modified.replace(year=2000)),
    )
    records = [older, first, second]  # (file order)
    choice = Choice(records, [""] * 3, "", None, None, False, set(), "date")
    assert [r.quote for r in choice.chosen()] == ["Kyiv", "Palm Beach", "Florida"]
