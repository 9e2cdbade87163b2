"""ctrl+z and ctrl+y in every one-line field, as in the note's own field: a word typed,
a run of deletions, a word deleted, a paste is one step; typed joiners come back too."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from reader.tui.screens.add_url import AddUrlScreen
from tests.tui.conftest import open_first, press_in_turn, settle, typed
from tests.tui.test_note_dialog_characters import FAMILY, RLO
from tests.tui.test_notes_screen import with_notes
from tests.tui.test_prefilled_fields import edit_tagged_note

FIELDS = ("search", "find", "tags", "filter", "export", "add_url")


async def open_field(pilot, where: str) -> Input:
    """The field `where`, opened by its key, with the keys."""
    app = pilot.app
    await settle(pilot)
    if where == "search":
        await press_in_turn(pilot, "slash")
    elif where == "find":
        await open_first(pilot)
        await press_in_turn(pilot, "f")
    elif where == "tags":
        await edit_tagged_note(pilot)
        await press_in_turn(pilot, "tab")
    elif where == "filter":
        await with_notes(pilot)
        await press_in_turn(pilot, "slash")
    elif where == "export":
        await with_notes(pilot)
        await press_in_turn(pilot, "x")
        await settle(pilot)
        await press_in_turn(pilot, "tab")
    else:
        app.push_screen(AddUrlScreen(lambda url: url))
        await settle(pilot)
    await settle(pilot)
    assert isinstance(app.focused, Input), app.focused
    return app.focused


@pytest.mark.parametrize("where", FIELDS)
async def test_ctrl_z_takes_back_a_word_at_a_time_and_ctrl_y_makes_it_again(make_app, where):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        field = await open_field(pilot, where)
        start = field.value  # the text the field opened with stays: undo goes no further
        await typed(pilot, *"hello world")
        assert field.value == start + "hello world"
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == start + "hello "
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == start
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == start
        await press_in_turn(pilot, "ctrl+y")
        assert field.value == start + "hello "
        await press_in_turn(pilot, "ctrl+shift+z")
        assert field.value == start + "hello world"
        assert app.focused is field


async def test_deletions_a_word_deleted_and_a_paste_are_a_step_each(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        field = await open_field(pilot, "filter")
        await typed(pilot, *"one two")
        await press_in_turn(pilot, "backspace", "backspace", "backspace")
        assert field.value == "one "
        await press_in_turn(pilot, "ctrl+w")
        deleted = field.value
        assert deleted != "one "
        field.post_message(events.Paste("pasted words"))
        await settle(pilot)
        assert field.value == deleted + "pasted words"
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == deleted
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == "one "
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == "one two"
        await typed(pilot, "!")  # typed after an undo: nothing left to redo
        await press_in_turn(pilot, "ctrl+y")
        assert field.value == "one two!"


async def test_typed_joiners_and_bidi_marks_come_back_with_redo(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        field = await open_field(pilot, "search")
        await typed(pilot, *f"{FAMILY}{RLO}")
        assert field.value == f"{FAMILY}{RLO}"
        await press_in_turn(pilot, "ctrl+z")
        assert field.value == ""
        await press_in_turn(pilot, "ctrl+y")
        assert field.value == f"{FAMILY}{RLO}"


async def test_a_filter_cleared_by_escape_comes_back_with_ctrl_z(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        field = await open_field(pilot, "filter")
        await typed(pilot, *"capital")
        screen = app.screen
        assert len(screen.shown) == 1
        await press_in_turn(pilot, "escape", "escape")  # to the table, the filter cleared
        assert field.value == "" and len(screen.shown) == 3
        await press_in_turn(pilot, "slash", "ctrl+z")
        assert field.value == "capital" and len(screen.shown) == 1
