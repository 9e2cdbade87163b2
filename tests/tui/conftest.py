"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import pytest

from reader.config import Config
from reader.tui.app import ReaderApp


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def make_app(library):
    def factory(root=None, **config) -> ReaderApp:
        return ReaderApp(root or library, config=Config(**config), config_problems=[])

    return factory
