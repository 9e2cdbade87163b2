"""The Notes screen's top line at any width: the filter field keeps its room (what is
typed shows), and the count line's notice is cut with "…", the whole of it in a tooltip."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from tests.tui.conftest import press_in_turn, settle, typed
from tests.tui.test_notes_screen import with_notes

TYPED = 'title: "x'
NOTICE = "unbalanced quote: searched as text; title: needs a value: ignored"


@pytest.mark.parametrize("width", [80, 160])
async def test_a_long_notice_is_cut_and_leaves_the_filter_its_room(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *TYPED)
        await settle(pilot)
        field = screen.query_one("#notes-filter", Input)
        count = screen.query_one("#notes-count", Label)
        assert field.value == TYPED
        # The typed text shows whole in the field, with room to type more.
        assert field.content_region.width >= len(TYPED) + 10
        assert field.region.right <= count.region.x
        assert count.region.right <= width
        shown = str(count.render())
        assert shown.startswith("0 of 3 · sorted by")
        if NOTICE not in shown:
            assert shown.endswith("…")
        # The whole notice is within reach.
        assert NOTICE in str(count.tooltip)
