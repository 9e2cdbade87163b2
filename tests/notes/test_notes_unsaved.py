"""Notes kept aside (``.unsaved/``) when they could not be saved: none replaces another,
and each is saved later without undoing what changed meanwhile."""

from __future__ import annotations

from dataclasses import replace

import pytest
from notes_builders import annotation, article, notes_file

from reader.notes import NotesFile, NotesStore
from reader.notes.timestamps import later_than
from reader.notes.unsaved import (
    keep_unsaved,
    kept_edit,
    kept_review,
    kept_unsaved,
    retry_unsaved,
)


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
    result = retry_unsaved(store)
    [dropped] = result.done_with  # not "still kept", nor counted as saved
    assert "graded elsewhere since" in dropped
    assert result.problems == [] and result.counts == {} and result.waiting == 0
    assert store.load("AFP/story.txt").get("a1").extra["review"]["reps"] == 2
    assert kept_unsaved(store.where) == []  # moot: not retried for ever


def test_a_review_grade_kept_aside_for_a_note_deleted_since_is_dropped_not_written(
    store: NotesStore,
) -> None:
    """A grade kept aside at quit, its note deleted before the retry: the tombstone gets
    no review, the retry says why, and the kept grade is not retried for ever."""
    store.add(article(), annotation("a1", note="remember me"))
    read = store.load("AFP/story.txt").get("a1")
    review = {"state": "learning", "reps": 1, "history": ["2026-12-01T09:00:00Z good"]}
    keep_unsaved(store.where, kept_review(article(), read, review))
    store.delete("AFP/story.txt", "a1")
    result = retry_unsaved(store)
    [dropped] = result.done_with
    assert "deleted" in dropped
    assert result.problems == [] and result.counts == {} and result.waiting == 0
    tombstone = store.load("AFP/story.txt").get("a1")
    assert tombstone.deleted and "review" not in tombstone.extra
    assert kept_unsaved(store.where) == []


def _edited(store: NotesStore, text: str, article_id: str = "AFP/story.txt"):
    """A note as a dialog read it, and the edit kept aside after its save failed."""
    read = store.load(article_id).get("a1")
    edit = replace(read, note=text, modified=later_than(read.modified))
    return read, keep_unsaved(store.where, kept_edit(article_id, read, edit))


def test_a_kept_edit_is_not_saved_over_a_change_made_to_the_note_since(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="original"))
    _, kept = _edited(store, "my edit")
    path = store.path_for("AFP/story.txt")  # changed by hand, `modified` as it was:
    path.write_text(path.read_text().replace("note: original", "note: changed by hand"))
    [problem] = retry_unsaved(store).problems
    assert str(kept) in problem and "changed elsewhere" in problem
    assert store.load("AFP/story.txt").get("a1").note == "changed by hand"
    assert kept_unsaved(store.where) == [kept]  # still kept: the words typed are not lost


def test_a_kept_edit_of_a_note_unchanged_since_is_saved_keeping_its_review(
    store: NotesStore,
) -> None:
    store.add(article(), annotation("a1", note="original"))
    _edited(store, "my edit")
    _graded(store, "good")  # a grade is not an edit of the note
    assert retry_unsaved(store).problems == []
    saved = store.load("AFP/story.txt").get("a1")
    assert saved.note == "my edit" and saved.extra["review"]["reps"] == 1
    assert kept_unsaved(store.where) == []


def test_a_kept_edit_of_a_note_deleted_elsewhere_brings_it_back_and_says_so(
    store: NotesStore,
) -> None:
    store.add(article(), annotation("a1", note="original"))
    _edited(store, "words I typed")
    store.delete("AFP/story.txt", "a1")
    result = retry_unsaved(store)
    assert result.problems == []
    [notice] = result.notices
    assert notice.startswith("A note deleted elsewhere was kept because it had unsaved edits")
    assert [a.note for a in store.load("AFP/story.txt").live] == ["words I typed"]
    assert kept_unsaved(store.where) == []


def test_a_kept_note_goes_to_a_renamed_article_only_when_that_is_certain(
    store: NotesStore,
) -> None:
    store.add(article("S/a.txt"), annotation("a1"))
    store.move("S/a.txt", article("S/b.txt"))  # the same text ("0" * 64), renamed
    other_text = replace(article("S/a.txt"), sha256="f" * 64)
    unsure = keep_unsaved(store.where, NotesFile(other_text, [annotation("new1")]))
    same_text = keep_unsaved(store.where, notes_file(annotation("new2"), article_id="S/a.txt"))
    [problem] = retry_unsaved(store).problems
    assert str(unsure) in problem and "S/b.txt" in problem
    assert kept_unsaved(store.where) == [unsure]
    assert {a.id for a in store.load("S/b.txt").live} == {"a1", "new2"}
    assert not store.path_for("S/a.txt").exists()
    assert same_text.name != unsure.name


@pytest.mark.parametrize(
    "article_id",
    ["AFP/" + "x" * 196 + ".txt", "AFP/" + "é" * 98 + ".txt"],  # 200 bytes each
    ids=["long", "multibyte"],
)
def test_a_note_of_an_article_with_a_long_name_is_kept_and_saved_later(
    store: NotesStore, article_id: str
) -> None:
    note = annotation("3f0c1c9e-2a4b-4e0f-9d51-2c8e8f3b1a7d", note="keep me")
    kept = keep_unsaved(store.where, notes_file(note, article_id=article_id))
    assert len(kept.name.encode()) <= 200
    again = keep_unsaved(store.where, notes_file(note, article_id=article_id))
    assert again != kept  # another kept file, never the same name
    assert retry_unsaved(store).problems == []
    assert [a.note for a in store.load(article_id).live] == ["keep me"]


@pytest.mark.parametrize("note_id", ["hyp/../x", "hyp\0x"], ids=["slash", "nul"])
def test_a_note_whose_id_cannot_be_in_a_file_name_is_kept_aside(
    store: NotesStore, note_id: str
) -> None:
    kept = keep_unsaved(store.where, notes_file(annotation(note_id, note="imported")))
    assert kept.parent == store.where / ".unsaved" / "AFP"
    assert retry_unsaved(store).problems == []
    assert [a.note for a in store.load("AFP/story.txt").live] == ["imported"]


def _kept_with_an_unreadable_note(store: NotesStore):
    """A kept file edited by hand: its second note is not a mapping."""
    kept = keep_unsaved(store.where, notes_file(annotation("a1", note="readable")))
    kept.write_text(kept.read_text() + "- words typed by hand\n")
    return kept


def test_a_kept_file_with_a_note_that_cannot_be_read_saves_the_rest_and_stays(
    store: NotesStore,
) -> None:
    kept = _kept_with_an_unreadable_note(store)
    held = kept.read_bytes()
    result = retry_unsaved(store)
    assert [a.note for a in store.load("AFP/story.txt").live] == ["readable"]
    [problem] = result.problems
    assert f"{kept}:21:" in problem and "mapping" in problem  # the file, the line, what
    assert result.counts == {kept: 1}
    assert kept_unsaved(store.where) == [kept]
    assert kept.read_bytes() == held
    again = retry_unsaved(store)  # saved already: nothing new said saved
    assert again.problems == [problem] and again.counts == {} and again.saved == []
    assert kept.read_bytes() == held


def test_an_undated_note_kept_aside_is_of_the_files_time(store: NotesStore) -> None:
    """Written without created/modified: as new as its file, not of 1970, so it wins
    over the older copy in the notes file."""
    import os

    store.save(notes_file(annotation("a1", note="old words")), whole=False)
    kept = keep_unsaved(store.where, notes_file(annotation("a1", note="new words")))
    lines = kept.read_text().splitlines(True)
    kept.write_text("".join(x for x in lines if "created" not in x and "modified" not in x))
    later = 2_000_000_000  # 2033: after the copy in the notes file (2026)
    os.utime(kept, (later, later))
    assert retry_unsaved(store).problems == []
    assert [a.note for a in store.load("AFP/story.txt").live] == ["new words"]
