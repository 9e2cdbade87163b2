"""The key bar follows the keys of the place with the focus, built again only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from reader.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import press_in_turn, settle


def shown_keys(bar: KeyBar) -> list[FooterKey]:
    return [key for key in bar.query_children(FooterKey) if key.display]


async def test_the_key_bar_is_built_again_only_when_its_keys_change(make_app):
    """Textual says the bindings changed at every focus move and screen switch, mostly
    with the same keys; building the bar each time made every such key lag."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        before = shown_keys(bar)
        assert "Open" in [key.description for key in before]
        app.screen.refresh_bindings()  # what a focus move within the list announces
        await settle(pilot)
        assert shown_keys(bar) == before  # the same keys: the same widgets, not rebuilt
        await press_in_turn(pilot, "enter")  # the article has the keys: other keys on the bar
        await settle(pilot)
        reading = [key.description for key in shown_keys(bar)]
        assert "Open" not in reading and "Select" in reading, reading
        await press_in_turn(pilot, "escape")  # back to the list: its keys again
        await settle(pilot)
        assert [key.description for key in shown_keys(bar)] == [k.description for k in before]
