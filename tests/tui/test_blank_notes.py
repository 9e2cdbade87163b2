"""A note of white space only (a tab, spaces, blank lines) is no note: the passage is
shown highlighted without one in the article pane, on the Notes screen and in the
Review, as every export and `reader notes` take it; the file keeps what was written."""

from __future__ import annotations

import pytest
import yaml
from textual.widgets import Static

from reader.review import clock
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.review.review_builders import MORNING
from tests.test_hostile import screen_text
from tests.tui.conftest import open_first, press_in_turn, settle
from tests.tui.test_annotations import stored
from tests.tui.test_notes_detail import below_table, notes_screen_with

BLANK = ["\t", "   ", " \n\t\n "]


@pytest.fixture(autouse=True)
def morning():
    clock.set_now(MORNING)
    yield
    clock.set_now(None)


@pytest.mark.parametrize("blank", BLANK)
async def test_a_blank_note_shows_as_a_highlight_everywhere_and_stays_as_written(make_app, blank):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        app.session.annotations.add(view.article, 0, 4, note=blank)
        app.screen.shown_notes.reload()
        await settle(pilot)
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        assert any("✎ (highlight, no note)" in line for line in screen_text(app))

        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await press_in_turn(pilot, "space")
        await settle(pilot)
        revealed = str(app.screen.query_one("#review-note", Static).content)
        assert revealed.splitlines()[0] == "(highlight, no note)"
    [written] = stored()
    assert written.note == blank


@pytest.mark.parametrize("blank", BLANK)
async def test_a_blank_note_on_the_notes_screen_is_a_highlight(make_app, blank):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_screen_with(pilot, blank, [])
        assert "(highlight, no note)" in below_table(app, screen)
    path = app.session.annotations.store.path_for(AFP_ID)
    [written] = yaml.safe_load(path.read_text(encoding="utf-8"))["annotations"]
    assert written["note"] == blank
