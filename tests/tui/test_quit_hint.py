"""ctrl+c does not quit: a toast says, in plain words, which key does."""

from __future__ import annotations

import pytest

from tests.tui.conftest import Notified, press_in_turn, settle

# Where the user is: the keys that take them there from the library, the quit key there.
PLACES = {
    "the library": ([], "q"),
    "the Notes screen": (["A"], "ctrl+q"),
    "the Review": (["D"], "ctrl+q"),
    "the compare view": (["c"], "ctrl+q"),
}


@pytest.mark.parametrize("place", list(PLACES))
async def test_ctrl_c_names_the_quit_key_in_plain_words(place, make_app):
    keys, quit_key = PLACES[place]
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(80, 24), message_hook=notified) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot, rounds=1)
        await press_in_turn(pilot, "ctrl+c")
        await settle(pilot)
        assert app.is_running
        hints = [n for n in notified if n.title == "Do you want to quit?"]
        assert [str(n.message) for n in hints] == [f"Press {quit_key} to quit."], place
        assert not any(n.markup for n in hints)


async def test_a_quit_key_from_the_keymap_is_the_one_named(make_app):
    app = make_app(keymap={"app.quit_anywhere": "ctrl+x"})
    notified = Notified()
    async with app.run_test(size=(80, 24), message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "ctrl+c")
        await settle(pilot)
        assert "Press ctrl+x to quit." in notified.messages()
