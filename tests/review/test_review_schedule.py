"""The Review's core: the FSRS hand-off, the queue and its limits, grading through the
notes store, merges and edits that keep the schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from reader.config import ReviewSettings
from reader.errors import ReviewError
from reader.notes.merge import merge
from reader.notes.store import NotesStore
from reader.review import clock
from reader.review.card import ReviewState
from reader.session import Session
from tests.conftest import AFP_ID, OTHER_ID
from tests.notes.notes_builders import annotation, notes_file
from tests.review.review_builders import MORNING, annotate, deck_of


@pytest.fixture(autouse=True)
def morning():
    clock.set_now(MORNING)
    yield
    clock.set_now(None)


@pytest.fixture
def three_notes(library, tmp_path):
    notes = tmp_path / "notes"
    session = Session(library, notes_dir=notes)
    session.index.update()
    ids = [
        annotate(session, AFP_ID, "Palm Beach", note="where", tags=["place"]),
        annotate(session, AFP_ID, "global security", tags=["quote"], color="green"),
        annotate(session, OTHER_ID, "Trump", note="who"),
    ]
    return library, notes, ids


def test_a_graded_card_is_due_when_fsrs_says(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    item = deck.find(ids[0])
    state = deck.grade(item, "good")
    expected, _ = Scheduler(
        learning_steps=(), relearning_steps=(), enable_fuzzing=False
    ).review_card(Card(due=MORNING), Rating.Good, MORNING)
    assert state.due == expected.due
    assert deck.find(ids[0]).state.due == expected.due
    # Easy sends it further than again: the library decides, not a constant.
    easy = deck.grade(deck.find(ids[1]), "easy")
    assert easy.due > state.due
    assert easy.reps == 1 and easy.history == (f"{'2026-12-03T09:00:00Z'} easy",)


def test_graded_cards_are_not_due_again_today_and_come_back_when_due(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    assert {i.note_id for i in deck.due()} == set(ids)
    for item in deck.due():
        deck.grade(item, "again")
    assert deck.due() == []
    clock.set_now(MORNING + timedelta(days=1))
    assert {i.note_id for i in deck.due()} == set(ids)


def test_a_lapse_is_counted_when_a_learned_card_is_forgotten(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    deck.grade(deck.find(ids[0]), "good")
    clock.set_now(MORNING + timedelta(days=5))
    state = deck.grade(deck.find(ids[0]), "again")
    assert (state.reps, state.lapses, state.state) == (2, 1, "review")


def test_daily_limits_cap_new_cards_and_reviews(three_notes):
    library, notes, _ids = three_notes
    deck = deck_of(library, notes, ReviewSettings(new_per_day=2))
    first = deck.due()
    assert len(first) == 2
    deck.grade(first[0], "good")
    # One new card started today: one more is left for today.
    assert len(deck.due()) == 1
    deck = deck_of(library, notes, ReviewSettings(new_per_day=0))
    assert deck.due() == []


def test_notes_take_part_by_tag_or_colour(three_notes):
    library, notes, ids = three_notes
    assert [i.note_id for i in deck_of(library, notes).due(tags=["place"])] == [ids[0]]
    by_colour = deck_of(library, notes, ReviewSettings(colors=("green",))).due()
    assert [i.note_id for i in by_colour] == [ids[1]]
    by_config_tag = deck_of(library, notes, ReviewSettings(tags=("QUOTE",))).due()
    assert [i.note_id for i in by_config_tag] == [ids[1]]


def test_the_order_mixes_articles(three_notes):
    library, notes, _ids = three_notes
    order = [i.article_id for i in deck_of(library, notes).due()]
    assert order == [AFP_ID, OTHER_ID, AFP_ID]


def test_orphaned_notes_are_reviewable_and_marked(three_notes):
    library, notes, ids = three_notes
    (library / OTHER_ID).unlink()
    deck = deck_of(library, notes)
    orphan = deck.find(ids[2])
    assert orphan.orphaned and orphan in deck.due()
    assert deck.passage(orphan).quote == "Trump"
    assert deck.grade(orphan, "hard").reps == 1


def test_the_passage_has_the_sentence_before_and_after_from_its_own_paragraph(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    shown = deck.passage(deck.find(ids[0]))
    assert shown.quote == "Palm Beach"
    assert shown.before == "The meeting took place on Friday in "
    assert shown.after == ", NATO's Farah Dakhlallah said in a statement."


def test_grading_writes_only_that_notes_review_and_other_files_stay_byte_identical(
    three_notes,
):
    library, notes, ids = three_notes
    store = NotesStore(notes)
    afp_before = store.path_for(AFP_ID).read_bytes()
    other_before = store.path_for(OTHER_ID).read_bytes()
    deck = deck_of(library, notes)
    deck.due()  # listing cards writes nothing
    assert store.path_for(AFP_ID).read_bytes() == afp_before
    deck.grade(deck.find(ids[2]), "good")
    assert store.path_for(AFP_ID).read_bytes() == afp_before
    assert store.path_for(OTHER_ID).read_bytes() != other_before
    graded = store.load(OTHER_ID).get(ids[2])
    assert graded is not None
    before = NotesStore(notes).load(OTHER_ID).get(ids[2])
    assert before is not None and graded.modified == before.modified
    text = store.path_for(OTHER_ID).read_text()
    assert "review:\n    state: review\n    due: 2026-12-05T09:00:00Z\n" in text
    # Saved again untouched, the file keeps its bytes.
    after = store.path_for(OTHER_ID).read_bytes()
    store.save(store.load(OTHER_ID))
    assert store.path_for(OTHER_ID).read_bytes() == after


def test_a_grade_in_the_review_keeps_a_grade_given_elsewhere_meanwhile(three_notes):
    """The Review shows a card; `reader review --grade` grades it in another process;
    the Review's grade then adds to that one instead of erasing it."""
    library, notes, ids = three_notes
    open_review = deck_of(library, notes)
    card = open_review.find(ids[0])
    elsewhere = deck_of(library, notes)
    elsewhere.grade(elsewhere.find(ids[0]), "good")
    clock.set_now(MORNING + timedelta(minutes=5))
    open_review.grade(card, "hard")
    state = deck_of(library, notes).find(ids[0]).state
    assert [line.split()[1] for line in state.history] == ["good", "hard"]
    assert state.reps == 2


def test_undo_in_the_review_keeps_a_grade_given_elsewhere_since(three_notes):
    """`u` takes back the Review's own grade or suspend only: once `reader review --grade`
    graded the card elsewhere since, the undo is refused and both grades stay."""
    library, notes, ids = three_notes
    open_review = deck_of(library, notes)
    card = open_review.find(ids[0])
    open_review.grade(card, "good")
    clock.set_now(MORNING + timedelta(minutes=5))
    elsewhere = deck_of(library, notes)
    elsewhere.grade(elsewhere.find(ids[0]), "easy")
    for what in ("grade", "suspend"):
        with pytest.raises(ReviewError, match="graded elsewhere"):
            open_review.restore(card, what)
    state = deck_of(library, notes).find(ids[0]).state
    assert [line.split()[1] for line in state.history] == ["good", "easy"]
    again = deck_of(library, notes)
    mine = again.find(ids[1])
    again.grade(mine, "good")
    again.restore(mine, "grade")  # nothing else happened: undone as before
    assert again.find(ids[1]).state.reps == 0


def test_a_card_whose_note_was_deleted_since_is_not_graded_into_the_tombstone(three_notes):
    """The Review read a card; the note is deleted before the grade is given: the grade,
    a suspend or an undo is refused as the note being gone, the tombstone left as it was."""
    library, notes, ids = three_notes
    review = deck_of(library, notes)
    card = review.find(ids[0])
    store = NotesStore(notes)
    store.delete(AFP_ID, ids[0])
    path = store.path_for(AFP_ID)
    before = path.read_bytes()
    with pytest.raises(ReviewError, match="deleted"):
        review.grade(card, "good")
    with pytest.raises(ReviewError, match="deleted"):
        review.suspend(card)
    with pytest.raises(ReviewError, match="deleted"):
        review.restore(card, "grade")
    assert path.read_bytes() == before
    [tombstone] = [a for a in store.load(AFP_ID).annotations if a.id == ids[0]]
    assert tombstone.deleted and "review" not in tombstone.extra


def test_an_unknown_note_or_grade_is_a_clear_error(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    with pytest.raises(ReviewError, match="no such note"):
        deck.find("nope")
    with pytest.raises(ReviewError, match="a grade is one of again, hard, good, easy"):
        deck.grade(deck.find(ids[0]), "great")


def test_editing_a_note_keeps_its_schedule(three_notes):
    library, notes, ids = three_notes
    deck = deck_of(library, notes)
    state = deck.grade(deck.find(ids[0]), "good")
    store = NotesStore(notes)
    stale = deck_of(library, notes).find(ids[0]).record.annotation
    without = replace(stale, extra={}, note="edited")
    store.update(AFP_ID, without)
    kept = store.load(AFP_ID).get(ids[0])
    assert kept is not None and kept.note == "edited"
    assert ReviewState.of(kept.extra).due == state.due


def _reviewed(when: str, grade: str, due: str) -> dict:
    return {
        "state": "review",
        "due": due,
        "reps": 1,
        "lapses": 0,
        "last_review": when,
        "history": [f"{when} {grade}"],
    }


def test_a_merge_of_two_reviews_keeps_the_later_and_both_grades():
    earlier = _reviewed("2026-12-03T09:00:00Z", "good", "2026-12-05T09:00:00Z")
    later = _reviewed("2026-12-03T10:00:00Z", "again", "2026-12-04T10:00:00Z")
    ours = notes_file(annotation(extra={"review": later}))
    disk = notes_file(annotation(extra={"review": earlier}))
    for merged in (merge(disk, ours), merge(notes_file(annotation(extra={"review": later})), disk)):
        review = merged.annotations[0].extra["review"]
        assert review["last_review"] == "2026-12-03T10:00:00Z"
        assert review["history"] == [
            "2026-12-03T09:00:00Z good",
            "2026-12-03T10:00:00Z again",
        ]


def test_a_merge_with_an_edit_elsewhere_keeps_the_review():
    reviewed = _reviewed("2026-12-03T09:00:00Z", "good", "2026-12-05T09:00:00Z")
    edited = annotation(note="edited later", modified=annotation().modified + timedelta(days=1))
    merged = merge(notes_file(annotation(extra={"review": reviewed})), notes_file(edited))
    assert merged.annotations[0].note == "edited later"
    assert merged.annotations[0].extra["review"] == reviewed


def test_a_broken_review_mapping_leaves_the_note_out_and_untouched(three_notes):
    library, notes, ids = three_notes
    store = NotesStore(notes)
    path = store.path_for(OTHER_ID)
    text = path.read_text().replace("  target:", "  review: {state: bogus}\n  target:", 1)
    path.write_text(text)
    deck = deck_of(library, notes)
    assert ids[2] not in {i.note_id for i in deck.due()}
    assert any("review.state" in p for p in deck.problems)
    assert path.read_text() == text


def test_an_orphaned_card_shows_its_own_paragraph_and_marks_where_the_kept_context_was_cut(
    tmp_path,
):
    library = tmp_path / "lib"
    (library / "Orph").mkdir(parents=True)
    article = library / "Orph" / "o.txt"
    article.write_text(
        "Orphan title\n\nThe quick brown fox jumps over the lazy dog near the river bank"
        " today.\n\nSecond paragraph stays here.\n"
    )
    notes = tmp_path / "notes"
    session = Session(library, notes_dir=notes)
    session.index.update()
    note = annotate(session, "Orph/o.txt", "lazy dog")
    article.write_text("Orphan title\n\nA paragraph rewritten from end to end.\n")
    deck = deck_of(library, notes)
    item = deck.find(note)
    assert item.orphaned
    shown = deck.passage(item)
    assert shown.quote == "lazy dog"
    assert shown.before == "…quick brown fox jumps over the "
    assert shown.after == " near the river bank today."
