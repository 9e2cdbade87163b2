"""Notes kept aside (``.unsaved/``) when they could not be saved: none replaces another,
and each is saved later without undoing what changed meanwhile."""

from __future__ import annotations

from dataclasses import replace

from notes_builders import annotation, article, notes_file

from reader.notes import NotesStore
from reader.notes.timestamps import later_than
from reader.notes.unsaved import keep_unsaved, kept_review, kept_unsaved, retry_unsaved


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


def _graded(store: NotesStore, *grades: str) -> dict:
    history = [f"2026-12-0{i + 1}T09:00:00Z {g}" for i, g in enumerate(grades)]
    review = {"state": "review", "reps": len(grades), "lapses": 0, "history": history}
    review["last_review"] = history[-1].split()[0]
    store.set_review("AFP/story.txt", "a1", review, merging=False)
    return review


def test_a_review_undo_kept_aside_puts_the_review_back_on_retry(store: NotesStore) -> None:
    """`u` in the Review whose save failed at quit: kept aside, the retry takes the grade
    back (it was kept as a grade and merged, so the later grade always won)."""
    store.add(article(), annotation("a1", note="remember me"))
    _graded(store, "good")
    read = store.load("AFP/story.txt").get("a1")
    keep_unsaved(store.where, kept_review(article(), read, None, undo_allowing=1))
    assert retry_unsaved(store).problems == []
    assert "review" not in store.load("AFP/story.txt").get("a1").extra
    assert kept_unsaved(store.where) == []


def test_a_review_undo_kept_aside_keeps_a_grade_given_elsewhere_since(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="remember me"))
    _graded(store, "good")
    read = store.load("AFP/story.txt").get("a1")
    keep_unsaved(store.where, kept_review(article(), read, None, undo_allowing=1))
    _graded(store, "good", "easy")  # `reader review --grade` meanwhile
    [problem] = retry_unsaved(store).problems
    assert "graded elsewhere since" in problem
    assert store.load("AFP/story.txt").get("a1").extra["review"]["reps"] == 2
    assert kept_unsaved(store.where) == []  # moot: not retried for ever
