"""The Review screen: one card at a time, graded 1-4 off the UI thread, Enter to the
passage and Esc back to the card, a summary at the end; a failed write stays pending."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from textual.widgets import Label, Static

from reader.notes.schema import Annotation, ArticleRef, NotesFile, Target
from reader.notes.store import NotesStore
from reader.notes.timestamps import later_than
from reader.notes.unplaced import unplaced_id
from reader.notes.unsaved import keep_unsaved, retry_unsaved
from reader.review import clock
from reader.review.card import ReviewState
from reader.tui.article.view import ArticleView
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID, OTHER_ID
from tests.review.review_builders import MORNING
from tests.tui.conftest import Notified, palette_search, press_in_turn, settle, wait_until


@pytest.fixture(autouse=True)
def morning():
    clock.set_now(MORNING)
    yield
    clock.set_now(None)


def store() -> NotesStore:
    return NotesStore(Path(os.environ["READER_NOTES_DIR"]))


def review_of(article_id: str, note_id: str) -> ReviewState:
    note = store().load(article_id).get(note_id)
    assert note is not None
    return ReviewState.of(note.extra)


async def three_cards(pilot) -> list[str]:
    """Three notes over two articles, then `D`: the Review with its first card."""
    await settle(pilot)
    session = pilot.app.session
    afp, other = session.article(AFP_ID), session.article(OTHER_ID)
    ids = []
    for article, quote, note in (
        (afp, "Palm Beach", "where they met"),
        (afp, "Kyiv", ""),
        (other, "Farah Dakhlallah", "spokesperson"),
    ):
        at = article.text.index(quote)
        added = session.annotations.add(article, at, at + len(quote), note=note, tags=["t"])
        ids.append(added.id)
    await press_in_turn(pilot, "D")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    return ids


def shown(pilot, name: str) -> str:
    widget = pilot.app.screen.query_one(f"#review-{name}")
    content = widget.content if isinstance(widget, Static | Label) else ""
    return str(content)  # (a passage is wrapped text: its str is its plain text)


async def test_review_shows_a_card_grades_it_and_ends_with_a_summary(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)
        assert "card 1 of 3" in shown(pilot, "progress")
        assert "NATO chief discusses 'global security' with Trump · AFP" in shown(pilot, "title")
        passage = shown(pilot, "passage")
        assert "The meeting took place on Friday in Palm Beach, NATO's Farah" in passage
        assert "where they met" not in shown(pilot, "note")
        await pilot.press("space")
        assert "where they met" in shown(pilot, "note") and "#t" in shown(pilot, "note")
        await pilot.press("3")
        assert "card 2 of 3" in shown(pilot, "progress")
        assert "Farah Dakhlallah" in shown(pilot, "passage")  # the other article comes next
        await pilot.press("1", "4")
        await settle(pilot)
        assert shown(pilot, "passage") == "3 reviewed · 1 again · next due tomorrow: 1"
        assert review_of(AFP_ID, ids[0]).history == ("2026-12-03T09:00:00Z good",)
        assert review_of(OTHER_ID, ids[2]).history == ("2026-12-03T09:00:00Z again",)
        assert review_of(AFP_ID, ids[1]).state == "review"


async def test_review_skip_and_suspend(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)
        await pilot.press("s", "S")
        await settle(pilot)
        assert review_of(OTHER_ID, ids[2]).suspended
        assert review_of(AFP_ID, ids[0]).is_new  # skipped: nothing written
        await press_in_turn(pilot, "2")
        await settle(pilot)
        summary = shown(pilot, "passage")
        assert summary.startswith("1 reviewed · 0 again · 1 skipped · 1 suspended")
        await press_in_turn(pilot, "escape")
        await press_in_turn(pilot, "D")
        await settle(pilot)
        # The skipped card is still due; the suspended and the graded are not.
        assert "card 1 of 1" in shown(pilot, "progress")
        assert "Palm Beach" in shown(pilot, "passage")


async def test_u_undoes_a_suspend_and_a_grade_and_the_notes_are_as_before(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)
        raw = {
            i: store().load(a).get(i).extra
            for a, i in zip((AFP_ID, AFP_ID, OTHER_ID), ids, strict=True)
        }
        await press_in_turn(pilot, "S")  # one Shift away from skip: undone at once
        await settle(pilot)
        assert review_of(AFP_ID, ids[0]).suspended
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert "card 1 of 3" in shown(pilot, "progress")
        assert "Palm Beach" in shown(pilot, "passage")
        assert store().load(AFP_ID).get(ids[0]).extra == raw[ids[0]]  # no review: left
        await press_in_turn(pilot, "3", "u")
        await settle(pilot)
        assert "card 2 of 3" not in shown(pilot, "progress")
        assert store().load(AFP_ID).get(ids[0]).extra == raw[ids[0]]
        await press_in_turn(pilot, "s", "1", "1")
        await settle(pilot)
        assert shown(pilot, "passage").startswith("2 reviewed · 2 again · 1 skipped")


async def test_enter_opens_the_passage_and_esc_comes_back_to_the_same_card(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await three_cards(pilot)
        await pilot.press("3")
        assert "Farah Dakhlallah" in shown(pilot, "passage")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        main = pilot.app.main
        assert pilot.app.screen is main and main.article.id == OTHER_ID
        view = main.query_one(ArticleView)
        assert pilot.app.focused is view
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "card 2 of 3" in shown(pilot, "progress")
        assert "Farah Dakhlallah" in shown(pilot, "passage")
        await press_in_turn(
            pilot, "escape"
        )  # back to the library; Esc there is the library's again
        await settle(pilot)
        assert pilot.app.screen is main
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert pilot.app.screen is main


async def test_a_failed_grade_write_is_kept_pending_and_said(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)

        def full_disk(self, *args, **kwargs):
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(NotesStore, "set_review", full_disk)
            await pilot.press("3")
            pending = pilot.app.screen.query_one("#review-pending")
            assert await wait_until(pilot, lambda: pending.display)
        assert "1 grade not saved" in shown(pilot, "pending")
        assert "No space left on device" in shown(pilot, "pending")
        assert review_of(AFP_ID, ids[0]).is_new
        await press_in_turn(pilot, "3")  # the next grade tries the pending one again
        await settle(pilot)
        assert review_of(AFP_ID, ids[0]).history == ("2026-12-03T09:00:00Z good",)
        assert review_of(OTHER_ID, ids[2]).history == ("2026-12-03T09:00:00Z good",)
        assert not pilot.app.screen.query_one("#review-pending").display


async def test_review_with_nothing_due_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        # No note at all: no "done", no "nothing due after today"; how to get cards.
        assert shown(pilot, "progress") == "Review"
        assert shown(pilot, "title") == ""
        assert shown(pilot, "passage") == (
            "Nothing to review, today or later. Annotate a passage (a) and it comes here."
        )


async def test_the_palette_opens_the_review(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "Review highlights")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_the_notes_screen_shows_when_each_note_is_due_and_filters_the_due_ones(make_app):
    from reader.tui.screens.notes import NotesScreen
    from tests.test_hostile import screen_text

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await three_cards(pilot)
        await pilot.press("3", "4")  # Palm Beach good (Dec 05), Farah easy (Dec 11)
        await settle(pilot)
        await press_in_turn(pilot, "escape", "A")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NotesScreen)
        lines = screen_text(pilot.app)
        assert "Due" in next(line for line in lines if "Modified" in line)
        due = {
            quote: next(line for line in lines if quote in line).rstrip().split()[-1]
            for quote in ("Palm Beach", "Kyiv", "Farah")
        }
        assert due == {"Palm Beach": "05", "Kyiv": "new", "Farah": "11"}
        assert "Dec 05" in next(line for line in lines if "Palm Beach" in line)
        statuses = screen.query_one("#status-facets")
        labels = [str(statuses.get_option_at_index(i).prompt) for i in range(statuses.option_count)]
        assert labels[-1] == "due today (1)"
        statuses.focus()
        statuses.highlighted = statuses.option_count - 1
        await press_in_turn(pilot, "enter")
        assert [r.quote for r in screen.shown] == ["Kyiv"]
        statuses.highlighted = 0
        await press_in_turn(pilot, "enter")
        assert len(screen.shown) == 3


@pytest.mark.parametrize("width", [57, 61, 83])
async def test_a_japanese_passage_on_a_card_keeps_the_line_breaking_rules(
    make_app, tmp_path, width
):
    """No line of the card starts with 。、」 or a small kana, as in the article view."""
    from textual.geometry import Region

    from tests.test_cjk import KYOTO, NO_END, NO_START

    library = tmp_path / "ja"
    library.mkdir()
    (library / "kyoto.txt").write_text(KYOTO.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        article = app.session.article("kyoto.txt")
        body = article.text.split("\n\n")[1]
        at = article.text.index(body) + 20
        app.session.annotations.add(article, at, at + 10)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        passage = app.screen.query_one("#review-passage", Static)
        width, height = passage.size
        lines = [
            strip.text.rstrip()
            for strip in passage.render_lines(Region(0, 0, width, height))
            if strip.text.strip()
        ]
        assert len(lines) >= 3  # (its own sentence and one each side)
        for line in lines:
            assert line.lstrip()[0] not in NO_START, line
            assert line[-1] not in NO_END, line


async def test_a_card_for_an_unplaced_highlight_says_unplaced_not_orphaned(make_app):
    quote = "a quote no article holds"
    ref = ArticleRef(unplaced_id("koreader"), title="Unplaced highlights from KOReader")
    note = Annotation.new(Target(quote, "", "", 0, len(quote)), "mine", ())
    store().save(NotesFile(ref, [note]))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        title = shown(pilot, "title")
        assert (
            "unplaced: not found in any article yet (attach it from the Notes screen, r)" in title
        )
        assert "orphaned" not in title
        assert quote in shown(pilot, "passage")


async def test_a_grade_kept_aside_saves_only_the_grade_never_an_old_copy_of_the_note(
    make_app, monkeypatch
):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await three_cards(pilot)  # the Review has read its cards
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and review.round is not None
        first, second = (c.record for c in review.round.cards[:2])
        # Meanwhile the first card's note is fixed by hand in its file, and an edit of
        # the second's, made in a dialog whose save failed, is kept aside.
        path = store().path_for(first.article_id)
        fixed = "fixed by hand"
        data = yaml.safe_load(path.read_text())
        for note in data["annotations"]:
            if note["id"] == first.annotation.id:
                note["note"] = fixed  # (its `modified` left as it was, as by hand)
        path.write_text(yaml.safe_dump(data, sort_keys=False))
        edit = replace(
            second.annotation, note="kept edit", modified=later_than(second.annotation.modified)
        )
        keep_unsaved(notes_dir, NotesFile(ArticleRef(second.article_id), [edit]))

        def full_disk(self, *args, **kwargs):
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(NotesStore, "set_review", full_disk)
            await pilot.press("3")
            pending = review.query_one("#review-pending")
            assert await wait_until(pilot, lambda: pending.display)
            await press_in_turn(pilot, "3")  # the second card's grade fails too
            await settle(pilot)
            await press_in_turn(pilot, "escape")  # both grades are kept aside as the Review ends
            await settle(pilot)
            assert not isinstance(pilot.app.screen, ReviewScreen)
            await settle(pilot)
    result = retry_unsaved(store())
    assert result.problems == []
    assert store().load(first.article_id).get(first.annotation.id).note == fixed
    assert store().load(second.article_id).get(second.annotation.id).note == "kept edit"
    for card in (first, second):
        assert review_of(card.article_id, card.annotation.id).history == (
            "2026-12-03T09:00:00Z good",
        )
    assert not list((notes_dir / ".unsaved").rglob("*.yml"))


async def test_suspend_after_an_undo_not_saved_is_saved(make_app, monkeypatch):
    """`S` on the card whose undo failed: the grade stayed on disk, and the suspend (of the
    card as read before it) was merged under that later grade, so nothing was written."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)
        await press_in_turn(pilot, "3")
        await settle(pilot)

        def full_disk(self, *args, **kwargs):
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(NotesStore, "restore_review", full_disk)
            await press_in_turn(pilot, "u")
            await settle(pilot)
        assert "card 1 of 3" in shown(pilot, "progress")
        await press_in_turn(pilot, "S")
        await settle(pilot)
        assert review_of(AFP_ID, ids[0]).suspended
        assert review_of(AFP_ID, ids[0]).history == ("2026-12-03T09:00:00Z good",)


def tombstone(article_id: str, note_id: str):
    note = store().load(article_id).get(note_id)
    assert note is not None and note.deleted
    return note


async def test_a_note_deleted_from_its_passage_leaves_the_review(make_app):
    """`D`, Enter, `d` deletes the card's note, Esc: back in the Review, the card is gone
    (said in one line), the next grade goes to the next card, never into the tombstone."""
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        ids = await three_cards(pilot)
        assert "Palm Beach" in shown(pilot, "passage")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        await press_in_turn(pilot, "d")
        await settle(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert any("deleted" in m and "leaves the Review" in m for m in notified.messages())
        assert "card 1 of 2" in shown(pilot, "progress")
        assert pilot.app.screen.current.note_id != ids[0]
        await press_in_turn(pilot, "3", "3")
        await settle(pilot)
        assert shown(pilot, "passage").startswith("2 reviewed · 0 again")
        assert "review" not in tombstone(AFP_ID, ids[0]).extra


async def test_a_card_whose_note_is_deleted_elsewhere_is_not_graded(make_app):
    """The note of the card on show is deleted by another program: its grade is refused,
    not counted, and said in one line; the tombstone takes no review."""
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        ids = await three_cards(pilot)
        store().delete(AFP_ID, ids[0])
        await press_in_turn(pilot, "3")
        await settle(pilot)
        assert any("deleted" in m and "leaves the Review" in m for m in notified.messages())
        assert "card 1 of 2" in shown(pilot, "progress")
        assert pilot.app.screen.current.note_id != ids[0]
        assert not pilot.app.screen.query_one("#review-pending").display
        await press_in_turn(pilot, "3", "3")
        await settle(pilot)
        assert shown(pilot, "passage").startswith("2 reviewed · 0 again")
        assert "review" not in tombstone(AFP_ID, ids[0]).extra


async def test_undo_of_a_grade_whose_note_was_deleted_elsewhere_takes_the_card_out(make_app):
    """A card graded, its note deleted by another program, then `u`: the undo has nothing
    to put back, the card leaves the Review (said in one line), nothing is left unsaved."""
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        ids = await three_cards(pilot)
        await press_in_turn(pilot, "3")
        await settle(pilot)
        store().delete(AFP_ID, ids[0])
        await press_in_turn(pilot, "u")
        await settle(pilot)
        messages = notified.messages()
        assert not any("Undo not saved" in m for m in messages)
        assert sum("deleted" in m and "leaves the Review" in m for m in messages) == 1
        assert "card 1 of 2" in shown(pilot, "progress")
        assert pilot.app.screen.current.note_id != ids[0]
        assert not pilot.app.screen.query_one("#review-pending").display
        await press_in_turn(pilot, "3", "3")
        await settle(pilot)
        assert shown(pilot, "passage").startswith("2 reviewed · 0 again")
        assert tombstone(AFP_ID, ids[0])  # still deleted, not brought back by the undo


async def test_a_grade_neither_saved_nor_kept_aside_is_written_to_the_data_dir(
    make_app, monkeypatch
):
    """The notes folder's disk is full: a grade left unsaved as the Review closes goes to
    `notes-not-saved.yml` in the data directory, not lost."""
    import errno

    import reader.notes.atomic as atomic

    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    real = atomic.os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).is_relative_to(notes_dir):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        ids = await three_cards(pilot)
        monkeypatch.setattr(atomic.os, "replace", replace)
        await pilot.press("3")
        pending = pilot.app.screen.query_one("#review-pending")
        assert await wait_until(pilot, lambda: pending.display)
        await press_in_turn(pilot, "escape")  # closed: the grade is tried once more, then kept
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ReviewScreen)
        last = Path(os.environ["READER_DATA_DIR"]) / "notes-not-saved.yml"
        assert await wait_until(pilot, last.exists)
        [kept] = yaml.safe_load(last.read_text())
        assert kept["save_only"] == "review"
        [note] = kept["annotations"]
        assert note["id"] == ids[0]
        assert note["review"]["history"] == ["2026-12-03T09:00:00Z good"]


async def test_a_grade_before_the_cards_last_review_is_refused_and_said(make_app):
    """The clock behind a card's last review (set back, or a card graded on a machine
    whose clock runs ahead): the grade is refused in one line, the card as it was."""
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
        afp = pilot.app.session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        note = pilot.app.session.annotations.add(afp, at, at + len("Palm Beach"), note="met")
        ahead = {
            "state": "review",
            "due": "2026-12-02T09:00:00Z",
            "last_review": "2026-12-22T09:00:00Z",
            "stability": 3.0,
            "difficulty": 5.0,
            "reps": 1,
            "history": ["2026-12-22T09:00:00Z good"],
        }
        store().set_review(AFP_ID, note.id, ahead, merging=False)
        before = review_of(AFP_ID, note.id)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        await press_in_turn(pilot, "3")
        await settle(pilot)
        assert any("before the card's last review" in m for m in notified.messages())
        assert review_of(AFP_ID, note.id) == before


async def test_a_garbled_reader_now_is_said_as_the_app_starts(make_app, monkeypatch):
    monkeypatch.setenv("READER_NOW", "garbage")
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
    assert (
        "READER_NOW=garbage is not an ISO 8601 time; the system clock is used"
        in notified.messages()
    )


async def test_a_reader_now_past_the_accepted_range_is_said_and_the_review_opens(
    make_app, monkeypatch
):
    clock.set_now(None)  # (the fixed morning would stand in for READER_NOW)
    monkeypatch.setenv("READER_NOW", "9999-12-31T23:59:59Z")
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
        session = pilot.app.session
        afp = session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        session.annotations.add(afp, at, at + len("Palm Beach"))
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "card 1 of 1" in shown(pilot, "progress")
    assert (
        "READER_NOW=9999-12-31T23:59:59Z is not a time from 1970 to 8999; "
        "the system clock is used" in notified.messages()
    )


async def test_a_note_id_in_two_notes_files_is_left_out_of_the_review_and_never_graded(
    make_app,
):
    """As `reader review --grade` refuses it: neither copy is a card, the warning names
    the id and both files, and grading the round writes into neither copy."""
    from reader.notes.anchoring import make_target

    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
        session = pilot.app.session
        afp = session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        note = session.annotations.add(afp, at, at + len("Palm Beach"))
        at = afp.text.index("Kyiv")
        kyiv = session.annotations.add(afp, at, at + len("Kyiv"))
        # Copied by hand into the other article's notes file, its target set to a passage
        # there: the same id in two files.
        other = session.article(OTHER_ID)
        there = other.text.index("Palm Beach")
        copy = replace(note, target=make_target(other.text, there, there + len("Palm Beach")))
        store().save(NotesFile(ArticleRef.from_article(other), [copy]))
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert "card 1 of 1" in shown(pilot, "progress")
        assert "Kyiv" in shown(pilot, "passage")
        await press_in_turn(pilot, "space", "3")
        await settle(pilot)
        assert "done" in shown(pilot, "progress")
    assert review_of(AFP_ID, kyiv.id).reps == 1
    for article_id in (AFP_ID, OTHER_ID):
        assert "review" not in store().load(article_id).get(note.id).extra
    # Worded as the Notes screen words it, the files' names fitted to the 120 columns.
    rest = f" hold note id {note.id}; give the copy a new id"
    [told] = [m for m in notified.messages() if m.endswith(rest)]
    assert told.startswith("⚠ Not in the review, fix first: …")
    assert f"{AFP_ID[-8:]}.yaml, …" in told and f"{OTHER_ID[-8:]}.yaml{rest}" in told
    assert len(told) - len(rest) <= 118


@pytest.mark.parametrize(
    "limits", [{"new_per_day": 2}, {"tags": ("t",), "new_per_day": 20}, {"colors": ("green",)}]
)
async def test_the_notes_screens_due_today_is_what_the_review_shows_today(make_app, limits):
    """Under the daily limits and the config's tags and colours: the facet's count and its
    rows are the Review's cards, one for one."""
    from reader.config import ReviewSettings
    from reader.tui.screens.notes import NotesScreen

    app = make_app(review=ReviewSettings(**limits))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        session = pilot.app.session
        afp, other = session.article(AFP_ID), session.article(OTHER_ID)
        for article, quote, tags, color in (
            (afp, "Palm Beach", ["t"], "yellow"),
            (afp, "Kyiv", [], "green"),
            (other, "Farah Dakhlallah", ["t"], "green"),
            (other, "Florida", [], "yellow"),
        ):
            at = article.text.index(quote)
            session.annotations.add(article, at, at + len(quote), tags=tags, color=color)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and review.round is not None
        in_review = sorted(c.record.quote for c in review.round.cards)
        assert len(in_review) == 2
        await press_in_turn(pilot, "escape", "A")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NotesScreen)
        statuses = screen.query_one("#status-facets")
        labels = [str(statuses.get_option_at_index(i).prompt) for i in range(statuses.option_count)]
        assert labels[-1] == "due today (2)"
        statuses.focus()
        statuses.highlighted = statuses.option_count - 1
        await press_in_turn(pilot, "enter")
        assert sorted(r.quote for r in screen.shown) == in_review


async def test_the_notes_screens_due_today_leaves_out_a_note_id_in_two_notes_files(make_app):
    """As the Review does: neither copy of a note id two notes files hold is due."""
    from reader.notes.anchoring import make_target
    from reader.tui.screens.notes import NotesScreen

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        session = pilot.app.session
        afp, other = session.article(AFP_ID), session.article(OTHER_ID)
        at = afp.text.index("Palm Beach")
        note = session.annotations.add(afp, at, at + len("Palm Beach"))
        at = afp.text.index("Kyiv")
        session.annotations.add(afp, at, at + len("Kyiv"))
        there = other.text.index("Palm Beach")
        copy = replace(note, target=make_target(other.text, there, there + len("Palm Beach")))
        store().save(NotesFile(ArticleRef.from_article(other), [copy]))
        await press_in_turn(pilot, "A")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NotesScreen)
        statuses = screen.query_one("#status-facets")
        labels = [str(statuses.get_option_at_index(i).prompt) for i in range(statuses.option_count)]
        assert labels[-1] == "due today (1)"
