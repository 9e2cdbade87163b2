"""A note typed in the app is never lost when its save fails, and nothing waits for ever.

The dialog stays open with the text and a one-line reason until the note is saved; Esc
then keeps it aside in the notes folder (``.unsaved/``), and it is saved the next time the
notes can be written. Saves run in the background, in order; quitting waits for them.
"""

from __future__ import annotations

import asyncio
import errno
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from textual.widgets import TextArea

import reader.notes.atomic as atomic
import reader.notes.lock as lock_module
from reader.notes.schema import ArticleRef
from reader.notes.store import NotesStore
from reader.notes.unsaved import keep_unsaved
from reader.notes.yamlio import dump_notes_list
from reader.tui import notes_on_disk
from reader.tui.article.view import ArticleView
from reader.tui.note_saves import SaveJob
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID, OTHER_ID
from tests.lock_holder import lock_held
from tests.notes.notes_builders import annotation, notes_file
from tests.tui.conftest import (
    Notified,
    open_first,
    polled,
    press_in_turn,
    settle,
    typed,
    wait_until,
)


def notes_dir() -> Path:
    return Path(os.environ["READER_NOTES_DIR"])


def stored(article_id: str = AFP_ID):
    return NotesStore(notes_dir()).load(article_id).live


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def problem(screen: AnnotateScreen) -> str:
    return str(screen.query_one("#annotate-problem").render())


async def type_note(pilot, text: str, *keys: str) -> AnnotateScreen:
    """Select a paragraph (after moving by `keys`), open the dialog, type, ctrl+s."""
    await typed(pilot, *keys)
    await press_in_turn(pilot, "V", "a")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AnnotateScreen)
    await typed(pilot, *text)
    await press_in_turn(pilot, "ctrl+s")
    await settle(pilot)
    return screen


def failing(monkeypatch, name: str, code: int) -> Callable[[], None]:
    """Make os.<name> fail with `code` in the notes writer; returns what undoes it."""
    real = getattr(atomic.os, name)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, name, fail)
    return lambda: monkeypatch.setattr(atomic.os, name, real)


@pytest.mark.parametrize(
    ("call", "code"),
    [("replace", errno.ENOSPC), ("replace", errno.EROFS), ("fsync", errno.ENOSPC)],
    ids=["disk-full", "read-only", "disk-full-at-fsync"],
)
async def test_annotate_dialog_keeps_typed_note_when_save_fails(make_app, monkeypatch, call, code):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        fixed = failing(monkeypatch, call, code)
        screen = await type_note(pilot, "my careful thought")
        assert app.screen is screen, "the dialog closed on a failed save"
        assert screen.query_one(TextArea).text == "my careful thought"
        assert f"Not saved: cannot save {notes_dir() / AFP_ID}.yaml: {os.strerror(code)}" in (
            problem(screen)
        )
        assert stored() == []
        fixed()  # space again, or writable again: ctrl+s tries again
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
        [note] = stored()
        assert note.note == "my careful thought"
        assert [p.id for p in app.screen.query_one(ArticleView).annotations] == [note.id]


async def edit_a_note_written_first(pilot) -> tuple[ArticleView, AnnotateScreen]:
    """The first article open, a note "first" on its first word, its edit dialog open."""
    app = pilot.app
    view = await open_first(pilot)
    app.session.annotations.add(view.article, 0, 4, note="first")
    app.screen.shown_notes.reload()
    await press_in_turn(pilot, "right_square_bracket", "e")
    await pilot.pause()
    assert isinstance(app.screen, AnnotateScreen)
    return view, app.screen


async def test_edit_dialog_keeps_the_edited_note_when_save_fails(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        _, screen = await edit_a_note_written_first(pilot)
        fixed = failing(monkeypatch, "replace", errno.EROFS)
        await typed(pilot, *" and second")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TextArea).text == "first and second"
        assert "Read-only file system" in problem(screen)
        assert [n.note for n in stored()] == ["first"]
        fixed()
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert [n.note for n in stored()] == ["first and second"]


async def test_notes_screen_edit_keeps_the_note_when_save_fails(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        other = app.session.article(OTHER_ID)
        app.session.annotations.add(other, 0, 4, note="spokesperson")
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        await press_in_turn(pilot, "e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        fixed = failing(monkeypatch, "replace", errno.ENOSPC)
        await typed(pilot, *" (edited)")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TextArea).text == "spokesperson (edited)"
        fixed()
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert [n.note for n in stored(OTHER_ID)] == ["spokesperson (edited)"]


async def test_compare_screen_annotate_keeps_the_note_when_save_fails(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await open_first(pilot)
        app.screen.compare_with(OTHER_ID)
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        fixed = failing(monkeypatch, "replace", errno.ENOSPC)
        screen = await type_note(pilot, "both say it")
        assert app.screen is screen
        assert screen.query_one(TextArea).text == "both say it"
        fixed()
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert [n.note for n in stored()] == ["both say it"]


CONFLICT = """<<<<<<< HEAD
{ours}=======
{theirs}>>>>>>> origin/main
"""


async def test_annotate_dialog_keeps_note_when_notes_file_has_conflict_markers(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        app.session.annotations.add(view.article, 0, 4, note="kept before")
        path = notes_dir() / (AFP_ID + ".yaml")
        good = path.read_text()
        await press_in_turn(pilot, "j", "j", "j", "V", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        # A `git pull` in the notes folder while the note is being typed.
        broken = CONFLICT.format(ours=good, theirs=good.replace("kept before", "changed"))
        path.write_text(broken)
        await typed(pilot, *"typed during the pull")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TextArea).text == "typed during the pull"
        assert str(path) in problem(screen)
        assert path.read_text() == broken
        path.write_text(good)  # the conflict resolved
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
        assert sorted(n.note for n in stored()) == ["kept before", "typed during the pull"]


async def test_note_whose_file_became_a_folder_is_kept_aside_and_saved_later(make_app):
    app = make_app()
    path = notes_dir() / (AFP_ID + ".yaml")
    notified = Notified()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        screen = app.screen
        path.mkdir(parents=True)  # something made a folder where the notes file goes
        await typed(pilot, *"do not lose me")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "Is a directory" in problem(screen)
        await press_in_turn(pilot, "escape")  # keep it for later
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
        assert any("kept unsaved in" in m for m in notified.messages()), notified.messages()
        [kept] = list((notes_dir() / ".unsaved").rglob("*.yml"))
        assert "do not lose me" in kept.read_text()
        assert app.screen.query(ArticleView).first().annotations == []
        assert app.session.annotations.counts() == {}  # not taken for notes of its own
    path.rmdir()
    again = make_app()
    notified = Notified()
    async with again.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: [n.note for n in stored()] == ["do not lose me"])
        told = notified.messages()
        assert any("Saved 1 note kept unsaved" in m for m in told), told
        assert not (notes_dir() / ".unsaved").exists()


async def test_the_notes_kept_unsaved_saved_are_counted_as_notes(make_app):
    two = [annotation("a1", note="first"), annotation("a2", note="second")]
    keep_unsaved(notes_dir(), notes_file(*two, article_id=AFP_ID))  # one file, two notes
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)

        def told() -> list[str]:
            return [m for m in notified.messages() if "kept unsaved before" in m]

        assert await wait_until(pilot, told)
        assert told() == ["Saved 2 notes kept unsaved before."]
        assert sorted(n.note for n in stored()) == ["first", "second"]


async def test_a_kept_file_with_a_note_that_cannot_be_read_is_kept_and_said_once(
    make_app,
):
    readable = [annotation("a1", note="first"), annotation("a2", note="second")]
    kept = keep_unsaved(notes_dir(), notes_file(*readable, article_id=AFP_ID))
    kept.write_text(kept.read_text() + "- words typed by hand\n")  # not a note
    held = kept.read_bytes()
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)

        def told(words: str) -> list[str]:
            return [m for m in notified.messages() if words in m]

        assert await wait_until(pilot, lambda: len(told("still kept unsaved")) == 1)
        assert sorted(n.note for n in stored()) == ["first", "second"]
        assert told("kept unsaved before") == ["Saved 2 notes kept unsaved before."]
        assert kept.name in told("still kept unsaved")[0]
        for _ in range(2):  # the notes change: tried again, said no more
            app.screen.notes_on_disk.changed()
            await asyncio.sleep(notes_on_disk.NOTES_SETTLE + 0.1)
            await settle(pilot)
        assert len(told("kept unsaved")) == 2, notified.messages()  # saved, and the problem
    assert kept.read_bytes() == held


async def test_a_kept_file_with_nothing_new_to_save_is_not_saved_at_every_change(
    make_app, monkeypatch
):
    """Its notes that can be read saved, it is tried again only once it changes."""
    import reader.notes.unsaved as unsaved

    kept = keep_unsaved(notes_dir(), notes_file(annotation("a1", note="first"), article_id=AFP_ID))
    kept.write_text(kept.read_text() + "- words typed by hand\n")  # not a note
    tried: list[str] = []
    save_kept = unsaved.save_kept

    def counted(store, notes, where, result):
        tried.append(where)
        return save_kept(store, notes, where, result)

    monkeypatch.setattr(unsaved, "save_kept", counted)
    app = make_app()

    async def change() -> None:
        app.screen.notes_on_disk.changed()
        await asyncio.sleep(notes_on_disk.NOTES_SETTLE + 0.1)
        await settle(pilot)

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: [n.note for n in stored()] == ["first"])
        for _ in range(2):  # (the first saved it: the next finds nothing new)
            await change()
        before = len(tried)
        for _ in range(2):
            await change()
        assert len(tried) == before
        kept.write_text(kept.read_text() + "- more words typed by hand\n")
        await change()
        assert await wait_until(pilot, lambda: len(tried) == before + 1)


async def test_annotate_dialog_says_who_holds_the_notes_lock(make_app, monkeypatch):
    monkeypatch.setenv("READER_LOCK_TIMEOUT", "0.3")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        with lock_held(notes_dir()) as holder:
            screen = await type_note(pilot, "patience")
            assert app.screen is screen
            assert screen.query_one(TextArea).text == "patience"
            assert f"notes are locked by reader (pid {holder.pid}); try again" in problem(screen)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
        assert [n.note for n in stored()] == ["patience"]


async def test_window_answers_while_a_save_waits_and_quit_keeps_it(make_app, monkeypatch):
    app = make_app()
    # The save waits for the lock until quitting has begun (at most the timeout), then
    # gives up: it still waits while the keys below are typed on a loaded machine, and
    # quitting sees it fail, without the test waiting out a fixed timeout.
    monkeypatch.setenv("READER_LOCK_TIMEOUT", "60")
    wait_in_thread = lock_module._wait_in_thread

    def waiting_until_quitting(fd: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not app.note_actions.saves.closing and time.monotonic() < deadline:
            time.sleep(0.02)
        return wait_in_thread(fd, 0.05)

    monkeypatch.setattr(lock_module, "_wait_in_thread", waiting_until_quitting)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        with lock_held(notes_dir()):
            await pilot.press("V", "H")  # a highlight, waiting for the lock
            await pilot.press("slash", *"rutte")
            assert app.screen.query_one("#search").value == "rutte"
            assert app.note_actions.saves.busy
            view.focus()
            await pilot.press("q")  # waits for the save: it fails, and is kept aside
            for _ in range(600):  # the lock stays held until the app is gone
                if not app.is_running:
                    break
                await asyncio.sleep(0.05)
            assert not app.is_running
    [kept] = list((notes_dir() / ".unsaved").rglob("*.yml"))
    assert "NATO chief Mark Rutte" in kept.read_text()
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: len(stored()) == 1)


async def test_quit_with_a_typed_note_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        await typed(pilot, *"half a thought")
        await press_in_turn(pilot, "ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnnotateScreen)
        assert any("not saved" in m for m in messages(app)), messages(app)
        await press_in_turn(pilot, "ctrl+q")  # asked and answered
        await pilot.pause()
        assert not app.is_running
    assert stored() == []


async def test_highlight_delete_and_undo_that_fail_say_so(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        fixed = failing(monkeypatch, "replace", errno.ENOSPC)
        await press_in_turn(pilot, "V", "H")
        await settle(pilot)
        assert any("Note not saved" in m and "No space left" in m for m in messages(app))
        assert view.annotations == []
        fixed()
        await press_in_turn(pilot, "V", "H")
        await settle(pilot)
        [note] = stored()
        await press_in_turn(pilot, "right_square_bracket")
        fixed = failing(monkeypatch, "replace", errno.EROFS)
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert any("Could not delete the note" in m for m in messages(app)), messages(app)
        assert [p.id for p in view.annotations] == [note.id]
        fixed()
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert view.annotations == []
        fixed = failing(monkeypatch, "replace", errno.EROFS)
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert any("Could not undo" in m for m in messages(app)), messages(app)
        assert app.can_undo_delete
        fixed()
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert [n.id for n in stored()] == [note.id]


async def test_an_edit_kept_aside_is_not_saved_over_a_change_made_by_hand_since(
    make_app, monkeypatch
):
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await edit_a_note_written_first(pilot)
        fixed = failing(monkeypatch, "replace", errno.EROFS)
        await typed(pilot, *" and second")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        path = notes_dir() / (AFP_ID + ".yaml")
        path.write_text(path.read_text().replace("note: first", "note: fixed by hand"))
        fixed()
        await press_in_turn(pilot, "escape")  # keep it for later
        await settle(pilot)
        [kept] = list((notes_dir() / ".unsaved").rglob("*.yml"))
        app.note_actions.retry_unsaved(lambda: None)

        def told() -> bool:
            return any(str(kept) in m and "elsewhere" in m for m in notified.messages())

        assert await wait_until(pilot, told), notified.messages()
        assert [n.note for n in stored()] == ["fixed by hand"]
        assert "first and second" in kept.read_text()


async def test_a_note_changed_in_its_file_while_its_dialog_is_open_keeps_both_texts(make_app):
    """Saving the dialog saves what was typed on the note, and keeps the text written in
    the file meanwhile as a second note on the same passage, saying so."""
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await edit_a_note_written_first(pilot)
        path = notes_dir() / (AFP_ID + ".yaml")
        path.write_text(path.read_text().replace("note: first", "note: fixed by hand"))
        await typed(pilot, *" and second")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
        mine, theirs = stored()
        assert (mine.note, theirs.note) == ("first and second", "fixed by hand")
        assert theirs.target == mine.target
        said = [m for m in notified.messages() if "changed in its file" in m]
        assert said and "second note" in said[0], notified.messages()


async def test_a_notes_screen_edit_of_a_note_changed_meanwhile_keeps_both_texts(make_app):
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(140, 40), message_hook=notified) as pilot:
        await settle(pilot)
        other = app.session.article(OTHER_ID)
        app.session.annotations.add(other, 0, 4, note="spokesperson")
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        path = notes_dir() / (OTHER_ID + ".yaml")
        path.write_text(path.read_text().replace("note: spokesperson", "note: by hand"))
        await typed(pilot, *" (edited)")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert [n.note for n in stored(OTHER_ID)] == ["spokesperson (edited)", "by hand"]
        assert any("changed in its file" in m for m in notified.messages())


def _move_notes(view, to: str) -> None:
    """The article renamed in another window: its notes followed it to `to`."""
    NotesStore(notes_dir()).move(AFP_ID, ArticleRef(to, "", view.article.sha256))


async def test_a_note_written_as_its_article_was_renamed_goes_where_its_notes_went(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        app.session.annotations.add(view.article, 0, 4, note="first")
        app.screen.shown_notes.reload()
        await press_in_turn(pilot, "j", "j", "j", "V", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        _move_notes(view, "AFP/renamed.txt")
        await typed(pilot, *"typed as it moved")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
        notes = sorted(n.note for n in stored("AFP/renamed.txt"))
        assert notes == ["first", "typed as it moved"]
        assert not (notes_dir() / (AFP_ID + ".yaml")).exists()


async def test_a_note_edited_as_its_article_was_renamed_is_saved_where_its_notes_went(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view, screen = await edit_a_note_written_first(pilot)
        _move_notes(view, "AFP/renamed.txt")
        await typed(pilot, *" and second")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen, problem(screen)
        assert [n.note for n in stored("AFP/renamed.txt")] == ["first and second"]
        assert not (notes_dir() / (AFP_ID + ".yaml")).exists()


async def test_a_note_deleted_as_its_article_was_renamed_is_deleted_where_its_notes_went(
    make_app, monkeypatch
):
    # The notes are read again a moment after a change on disk, and then this article
    # (not renamed itself here) has none left to delete: `d` must come first however
    # slowly a loaded machine delivers it.
    monkeypatch.setattr(notes_on_disk, "NOTES_SETTLE", 60)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        kept = app.session.annotations.add(view.article, 0, 4, note="kept")
        gone = app.session.annotations.add(view.article, 10, 14, note="deleted")
        app.screen.shown_notes.reload()
        await settle(pilot)
        view.focus_annotation(gone.id, scroll=False)
        _move_notes(view, "AFP/renamed.txt")
        await press_in_turn(pilot, "d")
        # the delete is saved in the background: waited for, however loaded the machine
        assert await wait_until(
            pilot, lambda: [n.note for n in stored("AFP/renamed.txt")] == ["kept"]
        )
        assert not [m for m in messages(app) if "Could not" in m], messages(app)
        assert not (notes_dir() / (AFP_ID + ".yaml")).exists()
        await press_in_turn(pilot, "u")  # undone: back where the notes went
        both = sorted([kept.id, gone.id])
        assert await wait_until(
            pilot, lambda: sorted(n.id for n in stored("AFP/renamed.txt")) == both
        )
        assert not [m for m in messages(app) if "Could not" in m], messages(app)
        assert not (notes_dir() / (AFP_ID + ".yaml")).exists()


async def test_a_note_deleted_before_its_article_was_renamed_is_brought_back_where_it_went(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        note = app.session.annotations.add(view.article, 0, 4, note="first")
        app.screen.shown_notes.reload()
        await press_in_turn(pilot, "right_square_bracket", "d")
        await settle(pilot)
        assert stored() == []
        _move_notes(view, "AFP/renamed.txt")
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert not [m for m in messages(app) if "Could not" in m], messages(app)
        assert [n.id for n in stored("AFP/renamed.txt")] == [note.id]
        assert not (notes_dir() / (AFP_ID + ".yaml")).exists()


def key_bar_says(screen: AnnotateScreen, key: str) -> str:
    from textual.widgets._footer import FooterKey

    return next(k.description for k in screen.query(FooterKey) if k.key == key)


async def test_after_a_failed_save_the_key_bar_says_what_esc_does_as_the_dialog_does(make_app):
    app = make_app()
    path = notes_dir() / (AFP_ID + ".yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        assert key_bar_says(screen, "escape") == "Cancel"
        path.mkdir(parents=True)  # the save fails
        await typed(pilot, *"kept")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert "esc keep it for later" in str(screen.query_one("#annotate-keys").render())
        assert key_bar_says(screen, "escape") == "Keep it for later"
    path.rmdir()


async def test_a_colour_changed_alone_is_asked_about_before_esc_drops_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        await press_in_turn(pilot, "tab", "tab", "right")  # note → tags → colour: the next colour
        await settle(pilot)
        assert screen.unconfirmed
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is screen  # asked first, as for text
        asked = str(screen.query_one("#annotate-keys").render())
        assert "Esc again to discard" in asked, asked
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is not screen


def data_dir() -> Path:
    return Path(os.environ["READER_DATA_DIR"])


def notes_folder_full(monkeypatch) -> Callable[[], None]:
    """The disk of the notes folder is full (its `.unsaved/` too); the data directory,
    on another filesystem, is not. Returns what undoes it."""
    real = atomic.os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).is_relative_to(notes_dir()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", replace)
    return lambda: monkeypatch.setattr(atomic.os, "replace", real)


def last_resort_notes() -> list[str]:
    """The notes written to `notes-not-saved.yml` in the data directory."""
    path = data_dir() / "notes-not-saved.yml"
    if not path.exists():
        return []
    return [a["note"] for f in yaml.safe_load(path.read_text()) for a in f["annotations"]]


async def test_a_note_neither_saved_nor_kept_aside_is_written_to_the_data_dir_at_once(
    make_app, monkeypatch
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        notes_folder_full(monkeypatch)
        screen = await type_note(pilot, "my careful thought")
        assert "No space left on device" in problem(screen)
        await press_in_turn(pilot, "escape")  # keep it for later: the notes folder is full
        await settle(pilot)
        assert last_resort_notes() == ["my careful thought"]
        assert app.screen is not screen
        assert any("notes-not-saved.yml" in m for m in messages(app)), messages(app)
        assert stored() == []


async def test_a_note_of_the_last_resort_is_saved_at_the_next_start_and_said_so(
    make_app, monkeypatch
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        fixed = notes_folder_full(monkeypatch)
        await type_note(pilot, "my careful thought")
        await press_in_turn(pilot, "escape")  # the notes folder is full: the last resort
        await settle(pilot)
        assert last_resort_notes() == ["my careful thought"]
        assert any("saved from there" in m for m in messages(app)), messages(app)
    fixed()  # space again
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: [n.note for n in stored()] == ["my careful thought"])
        said = "1 note saved from notes-not-saved.yml"
        assert await wait_until(pilot, lambda: any(said in m for m in messages(again)))
        assert not (data_dir() / "notes-not-saved.yml").exists()


async def test_a_note_of_the_last_resort_that_still_cannot_be_saved_stays_and_is_said_once(
    make_app, monkeypatch
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        notes_folder_full(monkeypatch)
        await type_note(pilot, "my careful thought")
        await press_in_turn(pilot, "escape")
        await settle(pilot)
    again = make_app()  # the notes folder still full
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def told() -> list[str]:
            return [m for m in messages(again) if "still not saved in" in m]

        assert await wait_until(pilot, lambda: len(told()) == 1)
        assert "No space left on device" in told()[0]
        for _ in range(2):  # the notes change: tried again, said no more
            again.screen.notes_on_disk.changed()
            await asyncio.sleep(notes_on_disk.NOTES_SETTLE + 0.1)
            await settle(pilot)
        assert len(told()) == 1, messages(again)
        assert last_resort_notes() == ["my careful thought"]
        assert stored() == []


async def test_a_note_saved_nowhere_is_not_dropped_by_esc_without_asking(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        fixed = failing(monkeypatch, "replace", errno.ENOSPC)  # every disk full
        screen = await type_note(pilot, "my careful thought")
        await press_in_turn(pilot, "escape")  # keep it for later: nowhere to keep it
        await settle(pilot)
        assert app.screen is screen
        assert "saved nowhere" in problem(screen).lower(), problem(screen)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert "Discard this note? It is saved nowhere" in str(
            app.screen.query_one("#discard-question").render()
        )
        await press_in_turn(pilot, "n")  # no: back to the note, its text kept
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(TextArea).text == "my careful thought"
        await press_in_turn(pilot, "escape", "enter")  # the default keeps it too
        await settle(pilot)
        assert app.screen is screen
        fixed()  # space again: Esc keeps it aside, ctrl+s saves it
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is not screen
        assert [n.note for n in stored()] == ["my careful thought"]


async def test_a_note_saved_nowhere_goes_once_its_discard_is_confirmed(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        failing(monkeypatch, "replace", errno.ENOSPC)
        screen = await type_note(pilot, "let go")
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        await press_in_turn(pilot, "escape", "y")
        await settle(pilot)
        assert app.screen is not screen
        assert not isinstance(app.screen, AnnotateScreen)


async def test_a_notes_screen_edit_neither_saved_nor_kept_goes_to_the_data_dir(
    make_app, monkeypatch
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        other = app.session.article(OTHER_ID)
        app.session.annotations.add(other, 0, 4, note="spokesperson")
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        notes_folder_full(monkeypatch)
        await pilot.press(*" (edited)", "ctrl+s")
        await settle(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert last_resort_notes() == ["spokesperson (edited)"]
        assert isinstance(app.screen, NotesScreen)
        assert [n.note for n in stored(OTHER_ID)] == ["spokesperson"]


@pytest.mark.parametrize("then", ["saved", "discarded"])
async def test_a_note_saved_nowhere_at_a_refused_quit_is_not_written_as_lost_later(
    make_app, monkeypatch, then
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        fixed = failing(monkeypatch, "replace", errno.ENOSPC)  # every disk full
        screen = await type_note(pilot, "my careful thought")
        await press_in_turn(pilot, "ctrl+q")  # kept nowhere: the quit is refused
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert any("Not quitting" in m for m in messages(app)), messages(app)
        if then == "saved":
            fixed()
            await press_in_turn(pilot, "ctrl+s")
        else:
            await press_in_turn(pilot, "escape", "y")
        await settle(pilot)
        assert app.screen is not screen
        await press_in_turn(pilot, "ctrl+q")
        await settle(pilot)
        assert not app.is_running
        assert app.notes_lost == []
    assert [n.note for n in stored()] == (["my careful thought"] if then == "saved" else [])


async def test_a_signal_during_a_quit_keeps_the_notes_lost_so_far(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.session.annotations.add(app.session.article(OTHER_ID), 0, 4, note="kept somewhere")
        note = NotesStore(notes_dir()).load(OTHER_ID)
        failing(monkeypatch, "replace", errno.ENOSPC)  # every disk full
        saves = app.note_actions.saves
        gates = [threading.Event(), threading.Event()]

        def held(gate: threading.Event) -> SaveJob:
            return SaveJob(lambda: gate.wait(30), lambda _: None, lambda _: None)

        def fails() -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        saves.submit(held(gates[0]))
        saves.submit(SaveJob(fails, lambda _: None, lambda _: None, keep=note))
        quitting = asyncio.ensure_future(app.action_quit())
        await pilot.pause()
        saves.submit(held(gates[1]))
        gates[0].set()
        # (polled: waiting for the app's workers would wait for the held save, and the
        # quit, seeing it end, would be refused and hand the lost note back first)
        assert await polled(lambda: saves.lost)
        ending = asyncio.ensure_future(app.quit_on_signal())  # while the quit waits
        await pilot.pause()
        gates[1].set()
        await asyncio.wait_for(asyncio.gather(quitting, ending), 30)
        assert [n.note for f in app.notes_lost for n in f.annotations] == ["kept somewhere"]


async def test_a_lock_timeout_that_is_no_wait_is_said_as_the_app_starts(make_app, monkeypatch):
    monkeypatch.setenv("READER_LOCK_TIMEOUT", "abc")
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 36), message_hook=notified) as pilot:
        await settle(pilot)
    said = "READER_LOCK_TIMEOUT=abc is not a number of seconds (0 or more); 5 are waited"
    assert notified.messages().count(said) == 1


async def test_the_toast_counts_the_notes_still_not_saved_not_the_lines(make_app):
    five = notes_file(*(annotation(f"a{i}", note=f"note {i}") for i in range(5)))
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "notes-not-saved.yml").write_text(dump_notes_list([five]))  # no notes_dir
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def told() -> list[str]:
            return [m for m in messages(app) if "still not saved in" in m]

        assert await wait_until(pilot, told)
        assert told()[0].startswith("5 notes still not saved in"), told()


async def test_a_kept_grade_that_can_never_apply_is_said_dropped_not_still_kept(make_app):
    from reader.notes.unsaved import kept_review

    store = NotesStore(notes_dir())
    gone = annotation("a1", note="deleted since")
    store.save(notes_file(gone, article_id=AFP_ID), whole=False)
    read = store.load(AFP_ID).get("a1")
    review = {"state": "learning", "reps": 1, "history": ["2026-12-01T09:00:00Z good"]}
    keep_unsaved(notes_dir(), kept_review(ArticleRef(AFP_ID), read, review))
    store.delete(AFP_ID, "a1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: any("Dropped" in m for m in messages(app)))
        said = messages(app)
        assert not any("still kept" in m or "Saved" in m for m in said), said
    assert not (notes_dir() / ".unsaved").exists()
