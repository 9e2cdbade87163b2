"""Esc in the note dialog with something typed asks first; what is typed after the
question asks again, so a second Esc never drops text the user has not been asked about."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reader.tui.screens.annotate import AnnotateScreen
from tests.tui.conftest import open_first, press_in_turn, settle, typed


def keys_line(screen: AnnotateScreen) -> str:
    return str(screen.query_one("#annotate-keys").render())


def esc_says(screen: AnnotateScreen) -> str:
    return next(k.description for k in screen.query(FooterKey) if k.key == "escape")


@pytest.mark.parametrize(
    ("to_field", "more"),
    [((), " and a great deal more"), (("tab",), "nato, later")],
    ids=["note", "tags"],
)
async def test_typing_after_the_first_esc_asks_again(make_app, to_field, more):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        await typed(pilot, *"first")
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert "Esc again to discard" in keys_line(screen)
        assert esc_says(screen) == "Discard"
        await press_in_turn(pilot, *to_field)
        await typed(pilot, *more)
        # Typing takes the question back: the keys are named again, Esc cancels.
        assert "esc cancel" in keys_line(screen), keys_line(screen)
        assert esc_says(screen) == "Cancel"
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is screen  # asked again, all of it still there
        draft = screen.draft()
        assert draft.note == ("first" + more if not to_field else "first")
        if to_field:
            assert draft.tags == ("nato", "later")
        assert "Esc again to discard" in keys_line(screen)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is not screen  # discarded, as the question said
        assert not app.session.annotations.for_article(app.screen.view.article).placed
