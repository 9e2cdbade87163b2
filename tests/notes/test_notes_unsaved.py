"""Notes kept aside (``.unsaved/``) when they could not be saved: none replaces another,
and each is saved later without undoing what changed meanwhile."""

from __future__ import annotations

from dataclasses import replace

from notes_builders import annotation, article, notes_file

from reader.notes import NotesStore
from reader.notes.timestamps import later_than
from reader.notes.unsaved import keep_unsaved, kept_unsaved, retry_unsaved


def test_two_edits_of_one_note_kept_aside_are_both_kept_and_the_later_is_saved(
    store: NotesStore,
) -> None:
    store.add(article(), annotation("a1", note="original"))
    first = replace(annotation("a1", note="first edit"), modified=later_than(annotation().modified))
    second = replace(first, note="second edit", modified=later_than(first.modified))
    keep_unsaved(store.where, notes_file(second))
    keep_unsaved(store.where, notes_file(first))  # kept later, an older edit
    assert len(kept_unsaved(store.where)) == 2
    assert retry_unsaved(store).problems == []
    assert store.load("AFP/story.txt").get("a1").note == "second edit"
    assert kept_unsaved(store.where) == []
