"""The notes of the article on show, changed on disk by another program (a second
window, `git pull`, `reader annotate`), are read again in the background: the window
answers meanwhile, the latest reading is the one shown, and a note the reader saves
meanwhile stays."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from reader.notes import placement
from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from tests.conftest import replaced_keeping_times
from tests.tui.conftest import key_event, open_first, polled, settle, wait_until
from tests.tui.test_annotate_flow import highlight_a_paragraph

HOLD = 8  # seconds at most a reading is held (a test that fails goes on after)


class HeldReading:
    """The next reading of an article's notes held, once read, until `release` is set."""

    def __init__(self, monkeypatch) -> None:
        self.armed = False
        self.entered = threading.Event()
        self.release = threading.Event()
        self.holding = False
        placed = placement.ArticleNotes.of.__func__

        def held(cls, *args, **kwargs):
            if self.armed:
                self.armed = False
                self.holding = True
                self.entered.set()
                self.release.wait(HOLD)
                self.holding = False
            return placed(cls, *args, **kwargs)

        monkeypatch.setattr(placement.ArticleNotes, "of", classmethod(held))


def elsewhere() -> Annotations:
    """The notes as another program changes them."""
    return Annotations(NotesStore(Path(os.environ["READER_NOTES_DIR"])))


def add_elsewhere(article, quote: str, note: str) -> None:
    at = article.text.index(quote)
    elsewhere().add(article, at, at + len(quote), note=note)


def notes_shown(view) -> list[str]:
    return sorted(p.annotation.note for p in view.annotations)


async def test_the_window_answers_while_notes_changed_on_disk_are_read_again(make_app, monkeypatch):
    held = HeldReading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        held.armed = True
        add_elsewhere(view.article, "Palm Beach", "from elsewhere")
        assert await polled(held.entered.is_set, HOLD)
        cursor = view.cursor
        app.post_message(key_event("j"))
        await polled(lambda: view.cursor != cursor, HOLD)
        # The key acted while the notes were still being read.
        assert view.cursor != cursor and held.holding
        held.release.set()
        assert await wait_until(pilot, lambda: notes_shown(view) == ["from elsewhere"])


async def test_a_second_change_on_disk_during_a_reading_is_the_one_shown(make_app, monkeypatch):
    held = HeldReading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        held.armed = True
        add_elsewhere(view.article, "Palm Beach", "first")
        assert await polled(held.entered.is_set, HOLD)
        add_elsewhere(view.article, "Budapest", "second")
        assert await wait_until(pilot, lambda: notes_shown(view) == ["first", "second"])
        held.release.set()  # the older reading ends last: not shown over the newer
        assert await wait_until(pilot, lambda: not held.holding)
        await settle(pilot)
        assert notes_shown(view) == ["first", "second"]


async def test_a_note_saved_while_the_notes_are_read_again_stays_beside_the_one_added_elsewhere(
    make_app, monkeypatch
):
    held = HeldReading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        article = view.article
        held.armed = True
        add_elsewhere(article, "Palm Beach", "from elsewhere")
        assert await polled(held.entered.is_set, HOLD)
        await highlight_a_paragraph(pilot)  # saved meanwhile: merged with the note on disk
        assert await wait_until(pilot, lambda: notes_shown(view) == ["", "from elsewhere"])
        held.release.set()  # the reading begun before the save: not shown over it
        assert await wait_until(pilot, lambda: not held.holding)
        await settle(pilot)
        assert notes_shown(view) == ["", "from elsewhere"]
        on_disk = elsewhere().store.load(article.id).live
        assert sorted(a.note for a in on_disk) == ["", "from elsewhere"]


async def test_back_from_a_dialog_the_window_answers_while_notes_changed_meanwhile_are_read(
    make_app, monkeypatch
):
    held = HeldReading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        screen = app.screen
        await pilot.press("question_mark")  # help: the notes change under it
        await settle(pilot)
        assert app.screen is not screen
        add_elsewhere(view.article, "Palm Beach", "from elsewhere")
        counts = screen.sources
        # (seen by the folder's watcher, which a loaded machine may keep waiting)
        counted = lambda: counts.note_counts.get(view.article.id) == 1  # noqa: E731
        assert await wait_until(pilot, counted, timeout=30)
        assert notes_shown(view) == []  # read again once the article is back in view
        held.armed = True
        app.post_message(key_event("escape"))
        assert await polled(held.entered.is_set, HOLD)
        assert app.screen is screen
        cursor = view.cursor
        app.post_message(key_event("j"))
        await polled(lambda: view.cursor != cursor, HOLD)
        # The key acted while the notes were still being read.
        assert view.cursor != cursor and held.holding
        held.release.set()
        assert await wait_until(pilot, lambda: notes_shown(view) == ["from elsewhere"])


async def test_a_saved_notes_file_rewritten_with_its_size_and_time_kept_is_read_again(make_app):
    """`cp -p` or `rsync -t` over the file the app just saved: not taken for its own save."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        await highlight_a_paragraph(pilot)
        [placed] = view.annotations
        assert placed.annotation.color == "yellow"
        path = app.session.annotations.store.path_for(view.article.id)
        time.sleep(0.02)  # (a change time of its own: the clock the system stamps with is coarse)
        replaced_keeping_times(path, "color: yellow", "color: purple", in_place=True)
        assert await wait_until(
            pilot, lambda: [p.annotation.color for p in view.annotations] == ["purple"]
        )
