"""A change to one note (a grade, an edit, a delete) made after the note moved to another
notes file (attached from its unplaced file, or its article renamed) is made where the
note is now, found by its id; so is one kept aside (`.unsaved/`, `notes-not-saved.yml`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from notes_builders import annotation, article

from reader.notes import NotesFile, NotesStore
from reader.notes.anchoring import make_target
from reader.notes.merge import REVIEW_KEY
from reader.notes.not_saved import write_not_saved
from reader.notes.not_saved_retry import retry_not_saved
from reader.notes.schema import ArticleRef
from reader.notes.timestamps import later_than
from reader.notes.unplaced import unplaced_id
from reader.notes.unsaved import keep_unsaved, kept_edit, kept_review, kept_unsaved, retry_unsaved

UNPLACED = unplaced_id("hypothesis")
TEXT = "Before the quoted words after them."
GRADE = {
    "state": "review",
    "reps": 1,
    "lapses": 0,
    "last_review": "2026-12-03T09:00:00Z",
    "history": ["2026-12-03T09:00:00Z good"],
}


def unplaced_note(store: NotesStore, note_id: str = "n1", **changes: object):
    """A note in the unplaced file, and another beside it (the file stays after a move)."""
    note = annotation(note_id, note="mine", **changes)
    store.save(NotesFile(ArticleRef(UNPLACED), [note, annotation("other", note="stays")]))
    return note


def attach(store: NotesStore, note_id: str = "n1", to: str = "AFP/story.txt") -> None:
    """As `reader notes --attach` does: moved onto a passage of `to`, out of the file."""
    at = TEXT.index("quoted words")
    target = make_target(TEXT, at, at + len("quoted words"))

    def placed(note):
        return replace(note, target=target, modified=later_than(note.modified))

    store.transfer(UNPLACED, note_id, article(to), placed)


def review_of(store: NotesStore, article_id: str, note_id: str = "n1") -> object:
    note = store.load(article_id).get(note_id)
    assert note is not None
    return note.extra.get(REVIEW_KEY)


def test_a_grade_of_a_note_attached_since_is_saved_on_the_attached_note(store: NotesStore):
    unplaced_note(store)
    attach(store)
    written = store.set_review(UNPLACED, "n1", GRADE)
    assert written.article.id == "AFP/story.txt"
    assert review_of(store, "AFP/story.txt")["history"] == GRADE["history"]
    assert store.load(UNPLACED).get("n1") is None  # not brought back where it was


def test_a_grade_of_a_note_whose_article_was_renamed_since_is_saved_where_it_went(
    store: NotesStore,
):
    store.add(article("S/a.txt"), annotation("n1"))
    store.move("S/a.txt", article("S/b.txt"))
    store.set_review("S/a.txt", "n1", GRADE)
    assert review_of(store, "S/b.txt")["history"] == GRADE["history"]
    assert not store.path_for("S/a.txt").exists()


def test_an_edit_of_a_note_attached_since_is_saved_on_it_keeping_its_new_passage(
    store: NotesStore,
):
    note = unplaced_note(store)
    attach(store)
    edited = replace(note, note="typed meanwhile")
    written = store.updated(UNPLACED, edited, was=note, follow=True).notes
    assert written.article.id == "AFP/story.txt"
    [moved] = store.load("AFP/story.txt").live
    assert moved.note == "typed meanwhile"
    assert moved.target.start == TEXT.index("quoted words")  # attached, not put back


def test_a_note_deleted_where_it_went_takes_no_grade(store: NotesStore):
    from reader.notes.store import NoteDeleted

    unplaced_note(store)
    attach(store)
    store.delete("AFP/story.txt", "n1")
    with pytest.raises(NoteDeleted):
        store.set_review(UNPLACED, "n1", GRADE)
    assert REVIEW_KEY not in store.load("AFP/story.txt").get("n1").extra


def test_a_note_id_two_other_files_hold_is_changed_in_neither(store: NotesStore):
    unplaced_note(store)
    attach(store)
    store.add(article("S/copy.txt"), annotation("n1", note="a copy by hand"))
    with pytest.raises(KeyError):
        store.set_review(UNPLACED, "n1", GRADE)
    assert REVIEW_KEY not in store.load("AFP/story.txt").get("n1").extra
    assert REVIEW_KEY not in store.load("S/copy.txt").get("n1").extra


def test_a_grade_kept_aside_before_its_note_was_attached_is_saved_on_it(store: NotesStore):
    note = unplaced_note(store)
    keep_unsaved(store.where, kept_review(ArticleRef(UNPLACED), note, GRADE))
    attach(store)
    result = retry_unsaved(store)
    assert result.problems == []
    assert review_of(store, "AFP/story.txt")["history"] == GRADE["history"]
    assert kept_unsaved(store.where) == []


def test_an_undo_kept_aside_before_its_note_was_attached_is_applied_on_it(store: NotesStore):
    note = unplaced_note(store)
    store.set_review(UNPLACED, "n1", GRADE)
    keep_unsaved(store.where, kept_review(ArticleRef(UNPLACED), note, None, undo_allowing=1))
    attach(store)
    assert retry_unsaved(store).problems == []
    assert REVIEW_KEY not in store.load("AFP/story.txt").get("n1").extra
    assert kept_unsaved(store.where) == []


def test_an_edit_kept_aside_before_its_note_was_attached_is_saved_on_it(store: NotesStore):
    note = unplaced_note(store)
    edit = replace(note, note="kept edit", modified=later_than(note.modified))
    keep_unsaved(store.where, kept_edit(UNPLACED, note, edit))
    attach(store)
    assert retry_unsaved(store).problems == []
    [moved] = store.load("AFP/story.txt").live
    assert moved.note == "kept edit"
    assert moved.target.start == TEXT.index("quoted words")
    assert kept_unsaved(store.where) == []


def test_a_kept_edit_of_a_note_attached_then_changed_by_hand_stays_kept(store: NotesStore):
    note = unplaced_note(store)
    edit = replace(note, note="kept edit", modified=later_than(note.modified))
    keep_unsaved(store.where, kept_edit(UNPLACED, note, edit))
    attach(store)
    moved = store.load("AFP/story.txt").get("n1")
    store.updated("AFP/story.txt", replace(moved, note="by hand"), was=moved)
    result = retry_unsaved(store)
    assert any("changed elsewhere" in p for p in result.problems), result.problems
    assert store.load("AFP/story.txt").get("n1").note == "by hand"
    assert len(kept_unsaved(store.where)) == 1  # the edit is not lost


def test_a_grade_kept_aside_whose_article_was_renamed_then_its_note_moved_is_saved(
    store: NotesStore,
):
    """Its article's notes followed a rename, but this note is not among them any more
    (attached elsewhere by hand): found by its id all the same."""
    note = annotation("n1")
    store.add(article("S/a.txt"), note)
    keep_unsaved(store.where, kept_review(article("S/a.txt"), note, GRADE))
    store.move("S/a.txt", article("S/b.txt"))
    store.transfer("S/b.txt", "n1", article("S/c.txt"), lambda n: n)
    assert retry_unsaved(store).problems == []
    assert review_of(store, "S/c.txt")["history"] == GRADE["history"]
    assert kept_unsaved(store.where) == []


def test_a_grade_of_the_last_resort_whose_note_was_attached_is_saved_on_it(
    store: NotesStore, tmp_path
):
    note = unplaced_note(store)
    data = tmp_path / "data"
    write_not_saved(data, [kept_review(ArticleRef(UNPLACED), note, GRADE)], store.where)
    attach(store)
    result = retry_not_saved(store, data)
    assert result.problems == []
    assert review_of(store, "AFP/story.txt")["history"] == GRADE["history"]
    assert not (data / "notes-not-saved.yml").exists()


def test_a_new_passage_for_a_note_moved_since_is_not_put_on_it(store: NotesStore):
    """Re-attaching an orphan gives it a passage of the article it was in: a note gone
    to another file since is on another text, which that passage is not of."""
    note = unplaced_note(store)
    attach(store)
    placed = store.load("AFP/story.txt").get("n1")
    elsewhere = replace(note, target=make_target("Some other text.", 5, 10))
    with pytest.raises(KeyError):
        store.updated(UNPLACED, elsewhere, was=note, follow=True)
    assert store.load("AFP/story.txt").get("n1").target == placed.target
