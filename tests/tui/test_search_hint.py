"""The search bar's hint (what part of a query was left out, and why) is read whole."""

from __future__ import annotations

import pytest

from tests.tui.conftest import press_in_turn, searched, settle, typed

HINTS = {
    "after:soon": "after: wants a date like 2024, 2024-05 or 2024-05-17: ignored",
    "title: after:": "title: needs a value: ignored; after: needs a value: ignored",
}
KEYS = {" ": "space", ":": "colon"}


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("query", list(HINTS))
async def test_the_whole_search_hint_is_on_the_screen(make_app, width, query):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *(KEYS.get(c, c) for c in query))
        await searched(pilot)
        shown = " ".join(
            "".join(s.text for s in strip).strip()
            for strip in app.screen._compositor.render_strips()[:3]
        )
        assert " ".join(HINTS[query].split()) in " ".join(shown.split())
