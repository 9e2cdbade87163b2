"""The Review's key bar lists the keys that work on each of its states, no more: on a
card, before and after its note is shown; once something can be undone; at the end."""

from __future__ import annotations

import pytest

from tests.tui.conftest import press_in_turn, settle
from tests.tui.test_review_screen import morning, three_cards  # noqa: F401 (a fixture)

CARD = ["space Note", "s Skip", "S Suspend", "⏎ Open", "esc Back"]
GRADES = ["1 Again", "2 Hard", "3 Good", "4 Easy"]


def bar(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


def shows(app, *keys: str) -> bool:
    return all(key in bar(app) for key in keys)


@pytest.mark.parametrize("width", [80, 160])
async def test_the_review_key_bar_shows_every_key_that_works_on_a_card(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await three_cards(pilot)
        # The four grades by name where they fit, else as one key; nothing to undo yet.
        grades = GRADES if width > 100 else ["1-4 Grade"]
        assert shows(app, *grades, *CARD) and "u Undo" not in bar(app), bar(app)
        await press_in_turn(pilot, "3")
        await settle(pilot)
        assert shows(app, *grades, *CARD, "u Undo"), bar(app)
        await press_in_turn(pilot, "space")
        await settle(pilot)
        # The note is shown: space has nothing more to show.
        assert "space" not in bar(app)
        assert shows(app, *grades, *CARD[1:], "u Undo"), bar(app)


async def test_the_review_key_bar_at_the_end_shows_undo_and_back_only(make_app):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await three_cards(pilot)
        await press_in_turn(pilot, "3", "3", "3")
        await settle(pilot)
        assert shows(app, "u Undo", "esc Back"), bar(app)
        assert not any(key in bar(app) for key in ["Grade", *GRADES, *CARD[:-1]]), bar(app)
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert shows(app, "1-4 Grade", *CARD, "u Undo"), bar(app)


async def test_the_review_key_bar_with_nothing_due_shows_back_only(make_app):
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert "esc Back" in bar(app) and "Undo" not in bar(app) and "Grade" not in bar(app)


async def test_a_click_on_the_grades_shown_as_one_key_grades_nothing(make_app):
    from reader.tui.widgets.key_bar import TogetherKey

    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await three_cards(pilot)
        assert app.screen.query_one(TogetherKey).tooltip == "1 Again, 2 Hard, 3 Good, 4 Easy"
        await pilot.click(TogetherKey)
        await settle(pilot)
        assert "card 1 of 3" in str(app.screen.query_one("#review-progress").content)


async def test_a_card_shown_names_each_grade_by_its_key_where_the_bar_cannot(make_app):
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await three_cards(pilot)
        await press_in_turn(pilot, "space")
        await settle(pilot)
        assert "1-4 Grade" in bar(app)  # the bar has no room for the names
        shown = str(app.screen.query_one("#review-note", Static).content)
        assert shown.endswith("1 Again · 2 Hard · 3 Good · 4 Easy"), shown
