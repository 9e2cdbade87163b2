"""The palette's "Add from URL": a small dialog, the page fetched in a worker, a toast
(or, when the page is not added, the reason in the dialog, left open)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from reader.importing import fetch
from reader.importing.fetch import Added, FetchError
from reader.tui.screens.add_url import AddUrlScreen
from tests.importing.web import ADDED, Handler, serve
from tests.tui.conftest import (
    key_event,
    palette_search,
    polled,
    press_in_turn,
    settle,
    wait_until,
)


@pytest.fixture(scope="module")
def server():
    yield from serve()


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_add_from_url_fetches_the_page_into_the_inbox_and_says_where(
    make_app, library, server
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "add from url")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, AddUrlScreen)
        await press_in_turn(pilot, *f"{server}/story")
        await press_in_turn(pilot, "enter")
        assert await wait_until(pilot, lambda: any("Added" in m for m in messages(app)))
        assert f"Added: {ADDED}" in messages(app)
        assert (library / ADDED).exists()
        assert not isinstance(app.screen, AddUrlScreen)


async def test_add_from_url_uses_the_apps_own_index(make_app, library, server, monkeypatch):
    def second_index(root):
        raise AssertionError("a second index opened")

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(fetch, "open_index", second_index)
        app.add_from_url()
        await pilot.pause()
        await press_in_turn(pilot, *f"{server}/story", "enter")
        assert await wait_until(pilot, lambda: any("Added" in m for m in messages(app)))
        assert f"Added: {ADDED}" in messages(app)


async def test_add_from_url_tells_why_a_page_was_not_added(make_app, library, server):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.add_from_url()
        await pilot.pause()
        await press_in_turn(pilot, *f"{server}/picture")
        await press_in_turn(pilot, "enter")
        assert await wait_until(pilot, lambda: "Not added" in problem(app))
        assert "not an HTML page" in problem(app)
        assert not (library / "inbox").exists()


async def test_escape_closes_the_add_from_url_dialog(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.add_from_url()
        await pilot.pause()
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, AddUrlScreen)


async def test_a_failed_fetch_keeps_the_dialog_open_with_the_url_and_says_why(
    make_app, library, monkeypatch
):
    def refused(root, url, client, **_):
        raise FetchError(url, "cannot connect (Connection refused)")

    monkeypatch.setattr(fetch, "add_url", refused)
    url = "https://example.org/story"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.add_from_url()
        await pilot.pause()
        await press_in_turn(pilot, *url, "enter")
        assert await wait_until(pilot, lambda: "Not added" in problem(app))
        assert isinstance(app.screen, AddUrlScreen)
        assert "Connection refused" in problem(app)
        field = app.screen.query_one("#add-url-input", Input)
        assert field.value == url and app.focused is field
        # Mended and sent again: this time it is added, and the dialog closes.
        monkeypatch.setattr(
            fetch, "add_url", lambda root, url, client, **_: Added(url, root / ADDED)
        )
        await press_in_turn(pilot, "enter")
        assert await wait_until(pilot, lambda: not isinstance(app.screen, AddUrlScreen))
        assert f"Added: {ADDED}" in messages(app)


def problem(app) -> str:
    shown = app.screen.query("#add-url-problem")
    return str(shown.first(Static).render()) if shown else ""


async def test_escape_cancels_the_fetch_under_way_and_nothing_is_written(make_app, library, server):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(2):  # (twice: the second fetch is not the first one's -2 either)
            asked = len(Handler.seen_agents)
            app.add_from_url()
            await pilot.pause()
            await press_in_turn(pilot, *f"{server}/slow")
            app.post_message(key_event("enter"))  # (not waiting for the fetch to end)
            assert await polled(lambda asked=asked: len(Handler.seen_agents) > asked)
            app.post_message(key_event("escape"))
            assert await polled(lambda: not isinstance(app.screen, AddUrlScreen))
            await app.workers.wait_for_complete()
            await settle(pilot)
        assert not (library / "inbox").exists()
        assert not any("Added" in m for m in messages(app))
