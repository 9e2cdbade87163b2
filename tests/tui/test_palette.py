"""The command palette lists each command once."""

from __future__ import annotations

from textual.command import CommandList

from tests.tui.conftest import settle


async def palette_commands(pilot, query: str) -> list[str]:
    """The first line of each command the palette shows for `query`."""
    await pilot.press("ctrl+p", *query)
    await pilot.pause(0.5)
    await settle(pilot)
    results = pilot.app.screen.query_one(CommandList)
    names = [
        str(results.get_option_at_index(i).prompt).splitlines()[0].strip()
        for i in range(results.option_count)
    ]
    await pilot.press("escape")
    await pilot.pause()
    return names


async def test_palette_lists_no_command_twice(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await palette_commands(pilot, "")
        assert len(shown) == len(set(shown)), shown
        # The same action under two names is a command twice too.
        assert len(await palette_commands(pilot, "theme")) == 1
        keys = [name for name in await palette_commands(pilot, "keys") if "key" in name.lower()]
        assert len(keys) == 1, keys
