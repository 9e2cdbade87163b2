"""The key bar fits as many keys as it has room for, the most important first: a key too
wide for the room left is skipped, not every key after it; a blank always separates two
keys; the Notes screen's keys follow the note under the cursor."""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.key_bar import HELP, LAST, MEMBER, PALETTE, TOGETHER, KeyBar
from tests.tui.conftest import (
    open_first,
    pause_until_idle,
    press_in_turn,
    settle,
    typed,
    wait_until,
)
from tests.tui.test_notes_screen import with_notes
from tests.tui.test_review_screen import morning, three_cards  # noqa: F401 (a fixture)


def top_bar(app) -> KeyBar:
    return list(app.screen.query(KeyBar))[-1]


def described(app) -> list[str]:
    """The descriptions of the keys the bar shows, left to right."""
    keys = [k for k in top_bar(app).query_children(FooterKey) if k.display]
    return [k.description for k in sorted(keys, key=lambda k: k.region.x)]


def key_cells(key: FooterKey) -> int:
    return cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)


def fitting_faults(app) -> list[str]:
    """What is wrong with the bar on top: a key left out while the keys shown that are
    fitted before it (more important) leave room for it, so that it made way for a less
    important one; two keys with no blank between them."""
    bar = top_bar(app)
    keys = list(bar.query_children(FooterKey))
    help_key = next((k for k in keys if k.display and k.has_class(HELP)), None)
    palette = next((k for k in keys if k.display and k.has_class(PALETTE)), None)
    # The cells for the keys on the left, each with the blank after it: the last one's
    # is the blank before the help key, or may fall on the palette key's bar or the edge.
    start = bar.region.x
    if help_key is not None:
        room = help_key.region.x - start
    else:
        room = (palette.region.x if palette is not None else bar.region.right) - start + 1
    together = any(k.display for k in keys if k.has_class(TOGETHER))
    fitted = [
        k
        for k in keys
        if not (k.has_class(HELP) or k.has_class(PALETTE))
        and not (k.has_class(MEMBER) if together else k.has_class(TOGETHER))
    ]
    faults = []
    used = 0
    left_out = False  # a key fitted last may give way where one before it did
    for key in sorted(fitted, key=bar.rank):
        cells = key_cells(key) + 1
        if key.display:
            used += cells
        elif used + cells <= room and not (left_out and bar.rank(key) == LAST):
            faults.append(f"{key.description!r} left out with room for it")
        left_out = left_out or not key.display
    shown = sorted((k for k in keys if k.display), key=lambda k: k.region.x)
    for left, right in pairwise(shown):
        if right.region.x <= left.region.right and not right.has_class(PALETTE):
            faults.append(f"no blank between {left.description!r} and {right.description!r}")
    return faults


def check_bar(app, where: str) -> None:
    faults = fitting_faults(app)
    text = app.screen._compositor.render_strips()[-1].text
    assert not faults, f"{where}: {faults}\n{text}"


async def test_every_key_bar_at_80_columns_fits_the_most_important_keys_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        check_bar(app, "the library")
        await open_first(pilot)
        check_bar(app, "reading")
        await press_in_turn(pilot, "v", "w")
        check_bar(app, "selecting")
        await press_in_turn(pilot, "a")
        await settle(pilot)
        check_bar(app, "the note dialog")
        await press_in_turn(pilot, "escape", "escape", "ctrl+f")
        await settle(pilot)
        check_bar(app, "find")
        await press_in_turn(pilot, "escape", "slash")
        await typed(pilot, *"trump")
        check_bar(app, "the search bar")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        check_bar(app, "the hits")
        await press_in_turn(pilot, "escape", "escape")
        await settle(pilot)
        app.add_from_url()
        await settle(pilot)
        assert type(app.screen).__name__ == "AddUrlScreen"
        check_bar(app, "the add-from-URL dialog")
        await press_in_turn(pilot, "escape", "R")
        await settle(pilot)
        check_bar(app, "Related")
        await press_in_turn(pilot, "escape", "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        check_bar(app, "Compare")
        assert {"Back", "Sync scroll", "Swap sides"} <= set(described(app))  # its own first
        await press_in_turn(pilot, "escape", "question_mark")
        await settle(pilot)
        check_bar(app, "help")
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        screen = await with_notes(pilot)
        check_bar(app, "Notes")
        assert "Back" in described(app)
        await press_in_turn(pilot, "x")
        await settle(pilot)
        check_bar(app, "the export dialog")
        await press_in_turn(pilot, "escape", "d")
        await settle(pilot)
        check_bar(app, "Notes, a note deleted")
        assert isinstance(app.screen, NotesScreen) and len(screen.shown) == 2


async def test_the_review_key_bar_at_80_columns_fits_the_most_important_keys_first(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await three_cards(pilot)
        check_bar(app, "the Review")
        await press_in_turn(pilot, "space", "3")
        await settle(pilot)
        check_bar(app, "the Review, a card graded")


async def test_the_notes_key_bar_shows_export_and_details_at_80_columns(make_app):
    """`r Attach to a passage` did not fit, and every key after it was left out."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await with_notes(pilot)
        shown = described(app)
        assert {"Back", "Filter", "Edit", "Delete", "Export", "Details"} <= set(shown), shown
        # None of these notes can be attached elsewhere: no key says it can.
        assert "Attach to a passage" not in shown


async def test_the_notes_key_bar_shows_open_passage_where_it_fits(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await with_notes(pilot)
        shown = described(app)
        assert "Open passage" in shown, shown
        assert "Attach to a passage" not in shown
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, NotesScreen)  # Enter opens it, as the bar says


async def test_the_notes_key_bar_offers_attach_on_a_note_that_can_be_attached(make_app, library):
    from tests.importing.conftest import FIXTURES, import_files

    import_files(library, Path(os.environ["READER_NOTES_DIR"]), FIXTURES / "koreader.json")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await with_notes(pilot)  # three placed notes, and two unplaced highlights
        screen = app.screen
        for row, record in enumerate(screen.shown):
            screen.table.move_cursor(row=row)
            await settle(pilot)
            attach = "Attach to a passage" in described(app)
            assert attach is (record.shown_status == "unplaced"), (record.quote, described(app))
            check_bar(app, f"Notes, on a note {record.shown_status}")


async def to_compare(pilot) -> None:
    await settle(pilot)
    await press_in_turn(pilot, "c")
    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, CompareScreen))
    await settle(pilot)


@pytest.mark.parametrize("place", [settle, to_compare, with_notes])
async def test_the_key_bar_leaves_a_blank_between_keys_at_every_width(make_app, place):
    """At 100 columns Compare's last key ran into the help key (`o Swap sides? Help`)."""
    app = make_app()
    async with app.run_test(size=(200, 24)) as pilot:
        await place(pilot)
        bar = top_bar(app)
        for width in range(40, 201):
            bar.styles.width = width  # the bar alone: the screen is not laid out again
            for _ in range(5):  # laid out, then its keys fitted and laid out again
                await pause_until_idle(pilot)
                if bar.region.width == width and not fitting_faults(app):
                    break
            assert bar.region.width == width
            check_bar(app, f"{place.__name__} at {width} columns")


@pytest.mark.parametrize(
    ("binding", "key", "shown", "width", "fits"),
    [
        ("main.notes", "ctrl+n", "^n", 160, True),
        ("main.notes", "ctrl+n", "^n", 80, True),
        ("main.compare", "ctrl+space", "^space", 160, True),
        ("main.compare", "ctrl+space", "^space", 80, False),  # wider than c by 5 cells
    ],
)
async def test_a_remapped_key_keeps_its_place_on_the_key_bar(
    make_app, binding, key, shown, width, fits
):
    """On the library, where its default key is; at 80 columns Quit gives way first,
    never showing where a key before it was left out."""
    default = make_app()
    async with default.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        expected = described(default)
    app = make_app(keymap={binding: key})
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        bar = top_bar(app)
        name = binding.split(".")[1].title()
        keys = [k for k in bar.query_children(FooterKey) if k.display]
        assert ([k.description for k in keys if k.key_display == shown] == [name]) is fits
        now = described(app)
        assert now == [d for d in expected if d in now]  # the same order
        if len(now) < len(expected):
            assert "Quit" not in now, now
        check_bar(app, "the library")
