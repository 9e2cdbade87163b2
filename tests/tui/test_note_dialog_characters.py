"""The note dialog gives back every character the user did not touch, and keeps those
typed or pasted: joiners, variation selectors and bidi controls are part of emoji and
of scripts. Bidi controls and control characters show as symbols, never act."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events
from textual.widgets import Input, TextArea

from reader.notes.store import NotesStore
from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import AFP_ID
from tests.test_hostile import leaks, terminal_output
from tests.tui.conftest import press_in_turn, settle, typed
from tests.tui.test_prefilled_fields import edit_tagged_note

RLO = "\u202e"
ZWJ = "\u200d"
ZWNJ = "\u200c"
VS16 = "\ufe0f"
FAMILY = f"👨{ZWJ}👩{ZWJ}👧{ZWJ}👦"
# A bidi override, a real replacement character, an escape sequence, a line separator.
NOTE = f"before {RLO}txet{RLO} a real \ufffd here \x1b[31mred\u2028next\nline two"
TAGS = (f"rtl{RLO}tag", "plain")


def saved(article_id: str = AFP_ID):
    [note] = NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(article_id).live
    return note


async def edit_note(pilot, note: str = NOTE, tags: tuple[str, ...] = TAGS) -> AnnotateScreen:
    """A note on the AFP article, opened with e on the Notes screen."""
    return await edit_tagged_note(pilot, note, tags)


async def test_editing_a_note_keeps_every_character_not_typed_over(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_note(pilot)
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
        await typed(pilot, *" more")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        note = saved()
        assert note.note == NOTE + " more"
        assert note.tags == TAGS


async def test_editing_the_tags_keeps_the_characters_of_the_others(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_note(pilot)
        await press_in_turn(pilot, "tab")
        assert isinstance(app.focused, Input)
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
        await typed(pilot, *", new")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        note = saved()
        assert note.tags == (*TAGS, "new")
        assert note.note == NOTE


async def test_joiners_selectors_and_overrides_typed_are_kept(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_note(pilot, note="", tags=())
        typed_note = f"{FAMILY} ❤{VS16} می{ZWNJ}خواهم {RLO}abc"
        await typed(pilot, *typed_note)
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
        await press_in_turn(pilot, "tab")
        await typed(pilot, *f"{FAMILY}, x{RLO}y")
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        note = saved()
        assert note.note == typed_note
        assert note.tags == (FAMILY, f"x{RLO}y")


async def test_pasted_text_is_kept_as_pasted_its_line_breaks_made_newlines(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_note(pilot, note="", tags=())
        app.post_message(events.Paste(f"{FAMILY} {RLO}x\r\ny\rz\x1b[2J"))
        await settle(pilot)
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert saved().note == f"{FAMILY} {RLO}x\ny\nz\x1b[2J"


async def test_undo_gives_back_the_characters_deleted(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await edit_note(pilot)
        area = app.screen.query_one(TextArea)
        area.select_all()
        await press_in_turn(pilot, "backspace")
        assert area.text == ""
        area.undo()
        area.move_cursor(area.document.end)
        await typed(pilot, "!")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert saved().note == NOTE + "!"


async def test_joiners_typed_in_the_search_bar_are_kept(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *f"{FAMILY}{RLO}")
        search = app.screen.query_one("#search", Input)
        assert search.value == f"{FAMILY}{RLO}"
        assert not leaks(terminal_output(app)), leaks(terminal_output(app))[:5]
