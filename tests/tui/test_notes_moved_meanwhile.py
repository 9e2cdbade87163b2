"""Work on a note in the app (a Review grade, an edit in the dialog) while the note moves
to another notes file: attached from its unplaced file by `reader notes --attach`, or
its article renamed. The change is saved on the note where it now is, found by its id."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.importing.attach import attach, find_unplaced
from reader.ingest.formats import load_article
from reader.notes.schema import Annotation, ArticleRef, NotesFile, Target
from reader.notes.store import NotesStore
from reader.notes.unplaced import unplaced_id
from reader.notes.unsaved import keep_unsaved, kept_review, kept_unsaved
from reader.review import clock
from reader.review.card import ReviewState
from reader.review.schedule import grade as schedule_grade
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID
from tests.review.review_builders import MORNING
from tests.tui.conftest import Notified, press_in_turn, settle, typed, wait_until

UNPLACED = unplaced_id("hypothesis")
QUOTE = "The meeting took place on Friday in Palm Beach"
GOOD = ("2026-12-03T09:00:00Z good",)


@pytest.fixture(autouse=True)
def morning():
    clock.set_now(MORNING)
    yield
    clock.set_now(None)


def store() -> NotesStore:
    return NotesStore(Path(os.environ["READER_NOTES_DIR"]))


def unplaced_highlight() -> str:
    """An imported highlight not placed yet, quoting the AFP article; its id."""
    note = Annotation.new(Target(QUOTE, "", "", 0, len(QUOTE)), "mine", ())
    ref = ArticleRef(UNPLACED, title="Unplaced highlights from Hypothesis")
    store().save(NotesFile(ref, [note]))
    return note.id


def attach_elsewhere(article, note_id: str) -> None:
    """`reader notes --attach ID AFP_ID` in another shell."""
    at = article.text.index(QUOTE)
    attach(store(), find_unplaced(store(), note_id), article, at, at + len(QUOTE))


def grade_of(article_id: str, note_id: str) -> tuple[str, ...]:
    note = store().load(article_id).get(note_id)
    assert note is not None
    return ReviewState.of(note.extra).history


def not_saved(notified: Notified) -> list[str]:
    return [m for m in notified.messages() if "not saved" in m]


async def test_a_grade_of_a_card_attached_during_the_review_is_saved_on_the_note(make_app):
    note_id = unplaced_highlight()
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.current.note_id == note_id
        await press_in_turn(pilot, "space")
        attach_elsewhere(app.session.article(AFP_ID), note_id)
        await press_in_turn(pilot, "3")
        await settle(pilot)
        assert not not_saved(notified), notified.messages()
        assert not app.screen.query_one("#review-pending").display
        assert grade_of(AFP_ID, note_id) == GOOD
        assert store().load(UNPLACED).get(note_id) is None  # not brought back there
        await press_in_turn(pilot, "u")  # and its undo is made there too
        await settle(pilot)
        assert not not_saved(notified), notified.messages()
        assert grade_of(AFP_ID, note_id) == ()


async def test_a_grade_kept_aside_before_its_note_was_attached_is_saved_at_the_next_start(
    make_app, library
):
    note_id = unplaced_highlight()
    note = store().load(UNPLACED).get(note_id)
    grade = schedule_grade(ReviewState.of(note.extra), "good", MORNING).to_mapping()
    keep_unsaved(store().where, kept_review(ArticleRef(UNPLACED), note, grade))
    attach_elsewhere(load_article(library / AFP_ID, library), note_id)
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        assert await wait_until(
            pilot, lambda: "Saved 1 note kept unsaved before." in notified.messages()
        )
        assert not [m for m in notified.messages() if "still kept" in m], notified.messages()
    assert grade_of(AFP_ID, note_id) == GOOD
    assert kept_unsaved(store().where) == []


async def test_grades_given_after_the_articles_rename_are_saved_where_its_notes_went(
    make_app, library
):
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        ids = []
        for quote in ("Palm Beach", "Kyiv"):
            at = article.text.index(quote)
            ids.append(app.session.annotations.add(article, at, at + len(quote)).id)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        renamed = "AFP/renamed.txt"
        (library / AFP_ID).rename(library / renamed)
        followed = f"Notes followed {AFP_ID} → {renamed}"
        assert await wait_until(pilot, lambda: followed in notified.messages(), timeout=15)
        await press_in_turn(pilot, "3", "3")
        await settle(pilot)
        assert not not_saved(notified), notified.messages()
        assert [grade_of(renamed, i) for i in ids] == [GOOD, GOOD]
        assert not store().path_for(AFP_ID).exists()


async def test_an_edit_open_while_its_note_is_attached_elsewhere_is_saved_on_it(make_app):
    note_id = unplaced_highlight()
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(140, 40), message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        await press_in_turn(pilot, "e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        await typed(pilot, *" and more")
        attach_elsewhere(app.session.article(AFP_ID), note_id)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog, notified.messages()
        assert not not_saved(notified), notified.messages()
        [note] = store().load(AFP_ID).live
        assert (note.id, note.note, note.quote) == (note_id, "mine and more", QUOTE)
        assert note.target.start == app.session.article(AFP_ID).text.index(QUOTE)
        assert store().load(UNPLACED).get(note_id) is None
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        assert await wait_until(pilot, lambda: [r.article_id for r in notes.shown] == [AFP_ID])
        sources = app.main.query_one(SourceList)
        assert await wait_until(pilot, lambda: sources.note_counts.get(AFP_ID) == 1)
