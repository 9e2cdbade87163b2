"""Pictures of real screens: a changed look shows up as a failed comparison."""

from __future__ import annotations

import pytest

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.widgets.hit_list import HitList
from tests.tui.conftest import settle, wait_until


def app_on(library, theme: str | None = None) -> ReaderApp:
    return ReaderApp(library, config=Config(theme=theme), config_problems=[])


async def ready(pilot) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_main_screen(snap_compare, library, size):
    assert snap_compare(app_on(library), terminal_size=size, run_before=ready)


def test_main_screen_with_search(snap_compare, library):
    async def search(pilot):
        await ready(pilot)
        pilot.app.screen.query_one("#search").cursor_blink = False  # the same in every picture
        await pilot.press("slash", *"north korea")
        hits = pilot.app.screen.query_one(HitList)
        # The search waits for typing to pause, then runs in a worker.
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        await ready(pilot)

    assert snap_compare(app_on(library), terminal_size=(120, 40), run_before=search)


def test_main_screen_light_theme(snap_compare, library):
    assert snap_compare(
        app_on(library, theme="textual-light"), terminal_size=(120, 40), run_before=ready
    )
