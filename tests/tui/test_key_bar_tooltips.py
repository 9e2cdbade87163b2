"""Resting the pointer on a key in the key bar says what the key does, in a few words."""

from __future__ import annotations

import asyncio

from textual.widgets import Tooltip
from textual.widgets._footer import FooterKey

from reader.tui.key_sections import key_sections
from tests.tui.conftest import open_first, settle


async def test_hovering_a_key_on_the_key_bar_shows_what_it_does(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30), tooltips=True) as pilot:
        await open_first(pilot)
        key = next(k for k in app.screen.query(FooterKey) if k.key == "v")
        assert key.display
        await pilot.hover(key)
        tooltip = app.screen.get_child_by_type(Tooltip)
        for _ in range(40):
            if tooltip.display:
                break
            await asyncio.sleep(0.05)
            await settle(pilot, rounds=1)
        assert tooltip.display
        assert "Select from the cursor" in str(tooltip.render())


def test_every_key_shown_on_the_key_bar_has_a_tooltip():
    missing = [
        f"{place}: {binding.key} {binding.description}"
        for place, bindings in key_sections()
        for binding in bindings
        if binding.show and not binding.tooltip
    ]
    assert missing == []
