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


def test_an_edit_kept_aside_before_its_article_was_renamed_is_saved_where_its_notes_went(
    store: NotesStore,
) -> None:
    note = annotation("a1", note="first version")
    store.add(article("S/a.txt"), note)
    edit = replace(note, note="edited", modified=later_than(note.modified))
    keep_unsaved(store.where, notes_file(edit, article_id="S/a.txt"))
    store.move("S/a.txt", article("S/b.txt"))  # the article renamed: its notes followed
    assert retry_unsaved(store).problems == []
    assert [a.note for a in store.load("S/b.txt").live] == ["edited"]
    assert not store.path_for("S/a.txt").exists()
