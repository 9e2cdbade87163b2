"""Pictures of real screens: a changed look shows up as a failed comparison."""

from __future__ import annotations

from itertools import count

import pytest

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.widgets.hit_list import HitList
from tests.tui.conftest import press_in_turn, settle, typed, wait_until
from tests.tui.test_notes_screen import with_notes


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
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"north korea")
        hits = pilot.app.screen.query_one(HitList)
        # The search waits for typing to pause, then runs in a worker.
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        await ready(pilot)

    assert snap_compare(app_on(library), terminal_size=(120, 40), run_before=search)


def test_main_screen_light_theme(snap_compare, library):
    assert snap_compare(
        app_on(library, theme="textual-light"), terminal_size=(120, 40), run_before=ready
    )


# The other screens bring their own styles, loaded when first shown: a style sheet that
# did not load shows up here as a changed picture.


def pressing(*keys: str):
    """A run_before: the app settled, then `keys`, then settled again."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await press_in_turn(pilot, *keys)
        await ready(pilot)

    return run_before


def test_help_screen(snap_compare, library, monkeypatch):
    # The help names the config file: one path in every picture.
    monkeypatch.setenv("READER_CONFIG_DIR", "/home/reader/.config/reader")
    help_ = pressing("question_mark")
    assert snap_compare(app_on(library), terminal_size=(100, 30), run_before=help_)


def test_annotate_dialog(snap_compare, library):
    async def annotate(pilot):
        await pressing("enter")(pilot)  # the first article, opened
        await pilot.press("v", "w", "w", "w", "e", "a")
        await ready(pilot)
        pilot.app.screen.query_one("#annotate-note").cursor_blink = False
        await typed(pilot, *"Who met whom")
        await press_in_turn(pilot, "tab")
        await typed(pilot, *"nato")
        await ready(pilot)

    assert snap_compare(app_on(library), terminal_size=(100, 30), run_before=annotate)


@pytest.mark.parametrize("theme", [None, "textual-light"])
def test_reading_cursor_on_a_found_match(snap_compare, library, theme):
    async def find(pilot):
        await pressing("enter")(pilot)  # the first article, opened
        await press_in_turn(pilot, "f")
        await typed(pilot, *"fairness")
        await press_in_turn(pilot, "enter")
        await ready(pilot)

    assert snap_compare(app_on(library, theme=theme), terminal_size=(80, 24), run_before=find)


def test_related_dialog(snap_compare, library):
    assert snap_compare(app_on(library), terminal_size=(120, 30), run_before=pressing("R"))


def test_compare_screen(snap_compare, library):
    assert snap_compare(app_on(library), terminal_size=(140, 30), run_before=pressing("c"))


def _fixed_clock(monkeypatch) -> None:
    """Notes stamped a minute apart from one fixed moment, so their dates never change."""
    from datetime import UTC, datetime, timedelta

    import reader.notes.schema
    import reader.notes.timestamps

    moments = (datetime(2026, 11, 20, 9, 0, tzinfo=UTC) + timedelta(minutes=n) for n in count())
    clock = lambda: next(moments)  # noqa: E731
    monkeypatch.setattr(reader.notes.timestamps, "utc_now", clock)
    monkeypatch.setattr(reader.notes.schema, "utc_now", clock)


def test_notes_screen(snap_compare, library, monkeypatch):
    _fixed_clock(monkeypatch)

    async def notes(pilot):
        await with_notes(pilot)
        await ready(pilot)

    assert snap_compare(app_on(library), terminal_size=(120, 30), run_before=notes)


def test_export_dialog(snap_compare, library, monkeypatch):
    _fixed_clock(monkeypatch)
    monkeypatch.setenv("HOME", "/home/reader")  # the path it offers

    async def export(pilot):
        await with_notes(pilot)
        await pilot.press("x")
        await ready(pilot)
        pilot.app.screen.query_one("#export-path").cursor_blink = False

    assert snap_compare(app_on(library), terminal_size=(120, 30), run_before=export)


def test_review_screen(snap_compare, library, monkeypatch):
    from reader.review import clock
    from tests.review.review_builders import MORNING
    from tests.tui.test_review_screen import three_cards

    _fixed_clock(monkeypatch)
    monkeypatch.setattr(clock, "_fixed", [MORNING])

    async def review(pilot):
        await three_cards(pilot)
        await pilot.press("space")
        await ready(pilot)

    assert snap_compare(app_on(library), terminal_size=(100, 30), run_before=review)
