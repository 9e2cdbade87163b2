"""Escape sequences in a note, its tags or a quote show as visible stand-ins in the note
dialog and in toasts, and a note saved, edited or not, keeps them as they were on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.widgets import Input, TextArea

from reader.notes.store import NotesStore
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID
from tests.test_hostile import leaks, terminal_output, unsafe
from tests.tui.conftest import Notified, press_in_turn, settle, typed

NOTE = "evil \x1b[31mRED\x1b[0m \x1b]0;TITLE\x07 \x1b[2J \x9b31m \x7f x"
TAGS = ("\x1b]0;TAGTITLE\x07", "plain")


def live(article_id: str):
    return NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(article_id).live


async def edit_hostile_note(pilot) -> AnnotateScreen:
    """A note with escapes in its text and tags, opened with e on the Notes screen."""
    await settle(pilot)
    app = pilot.app
    afp = app.session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    app.session.annotations.add(afp, at, at + 10, note=NOTE, tags=list(TAGS))
    await press_in_turn(pilot, "A")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)
    await press_in_turn(pilot, "e")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AnnotateScreen)
    return screen


async def test_the_note_dialog_shows_escapes_in_a_note_and_its_tags_as_text(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await edit_hostile_note(pilot)
        area = screen.query_one(TextArea)
        shown = "\n".join(area.document.lines)
        assert area.text == NOTE  # held as written, shown with stand-ins
        assert not unsafe(shown), unsafe(shown)
        assert "␛[31mRED␛[0m" in shown
        assert screen.query_one("#annotate-tags", Input).value.startswith(TAGS[0])
        drawn = terminal_output(app)
        assert not leaks(drawn), leaks(drawn)[:5]
        assert "␛]0;TAGTITLE␇" in drawn


async def test_a_note_saved_untouched_stays_as_it_was_on_disk(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_hostile_note(pilot)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        [note] = live(AFP_ID)
        assert (note.note, note.tags) == (NOTE, TAGS)


async def test_an_edited_note_keeps_its_escapes_as_they_were(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_hostile_note(pilot)
        await typed(pilot, *" more")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        [note] = live(AFP_ID)
        assert note.note == NOTE + " more"
        assert note.tags == TAGS  # the tags field was not touched


async def test_the_toast_asking_to_attach_shows_escapes_in_the_quote_as_text(
    make_app, library, tmp_path
):
    from tests.importing.conftest import import_files

    quote = "the tide \x1b]0;KINDLE\x07 came \x1b[2J in"
    export = tmp_path / "koreader.json"
    entry = {"page": 1, "time": 1711000100, "sort": "highlight", "text": quote}
    export.write_text(
        json.dumps({"title": "Tides", "author": "M. T.", "entries": [entry]}), encoding="utf-8"
    )
    import_files(library, Path(os.environ["READER_NOTES_DIR"]), export)
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(140, 40), notifications=True, message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        [asked] = [m for m in notified.messages() if m.startswith("Open the article that holds")]
        assert not unsafe(asked), unsafe(asked)
        assert "␛]0;KINDLE␇" in asked
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
