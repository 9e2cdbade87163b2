"""The Notes screen's key bar lists only the keys that work: none that act on a note
while the table shows none."""

from __future__ import annotations

from textual.widgets import Label

from reader.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import press_in_turn, settle, typed
from tests.tui.test_key_bar_updates import shown_keys
from tests.tui.test_notes_screen import with_notes

ON_A_NOTE = {"Open passage", "Edit", "Delete", "Sort", "Attach to a passage", "Details"}


def on_the_bar(screen) -> set[str]:
    return {key.description for key in shown_keys(screen.query_one(KeyBar))}


async def test_with_every_note_deleted_the_keys_that_act_on_a_note_are_not_shown(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await with_notes(pilot)
        assert {"Edit", "Delete", "Sort", "Details"} <= on_the_bar(screen)
        for _ in range(3):
            await press_in_turn(pilot, "d")
            await settle(pilot)
        assert str(screen.query_one("#notes-empty", Label).render()) == "No notes."
        shown = on_the_bar(screen)
        assert not shown & ON_A_NOTE, shown
        assert {"Back", "Filter", "Undo delete"} <= shown
        await press_in_turn(pilot, "u")  # a note again: its keys again
        await settle(pilot)
        assert {"Edit", "Delete", "Sort", "Details"} <= on_the_bar(screen)


async def test_with_a_filter_matching_nothing_the_keys_that_act_on_a_note_are_not_shown(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"zzzzq")
        await press_in_turn(pilot, "escape")  # to the table, the filter kept
        await settle(pilot)
        assert screen.shown == []
        shown = on_the_bar(screen)
        assert not shown & ON_A_NOTE, shown
        await press_in_turn(pilot, "escape")  # the filter cleared: the notes and their keys
        await settle(pilot)
        assert {"Edit", "Delete", "Sort", "Details"} <= on_the_bar(screen)
