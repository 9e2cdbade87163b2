"""At 80×24 every hint reads whole: a line of keys wraps between its phrases, a pane's
header cut short ends in "…", and an input's placeholder is one that fits."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Input

from reader.tui.article.view import ArticleView
from reader.tui.screens.compare import CompareScreen
from tests.tui.conftest import open_first, press_in_turn, settle


def drawn(app, widget: Widget) -> list[str]:
    """The rows of `widget`'s content as drawn on the screen, no-break spaces as spaces."""
    region = widget.content_region
    strips = app.screen._compositor.render_strips()
    return [
        strips[y].crop(region.x, region.right).text.replace("\xa0", " ").rstrip()
        for y in range(region.y, region.bottom)
    ]


async def test_the_also_told_by_line_wraps_between_its_keys_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        rows = drawn(app, app.screen.query_one(ArticleView))
        at = next(n for n, row in enumerate(rows) if "Also told by" in row)
        said = rows[at : at + 2]
        for phrase in ("R related", "c compare"):
            assert any(phrase in row for row in said), said
        assert view.region.width < 60  # (the list beside it: the line is wrapped)


async def test_compare_headers_cut_short_end_in_an_ellipsis_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        for header in app.screen.query(".compare-title"):
            whole = str(header.render())
            [row] = drawn(app, header)
            assert cell_len(whole) > header.content_region.width  # (too long for its pane)
            assert row.endswith("…") and whole.startswith(row[:-1]), (row, whole)


def placeholder_whole(app, field: Input) -> str:
    """The placeholder drawn in the empty `field`, checked to be whole."""
    [row] = drawn(app, field)
    assert cell_len(field.placeholder) <= field.content_region.width, field.placeholder
    assert row.strip() == field.placeholder, (row, field.placeholder)
    return row.strip()


@pytest.mark.parametrize("width", [60, 80, 160])
async def test_the_search_placeholder_fits_the_search_bar(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        shown = placeholder_whole(app, app.screen.query_one("#search", Input))
        assert shown.startswith("/ search")
        if width == 160:  # room for every filter
            assert shown.endswith("before: is:unread")


@pytest.mark.parametrize("width", [80, 160])
async def test_the_find_placeholder_fits_the_find_bar(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        await settle(pilot)
        field = app.screen.query_one("#find-input", Input)
        field.blur()  # (the cursor is drawn over the placeholder's first letter)
        await settle(pilot)
        shown = placeholder_whole(app, field)
        assert shown.startswith("Find") and "Esc" in shown


@pytest.mark.parametrize("size", [(40, 20), (80, 24)])
async def test_the_note_dialog_keys_wrap_between_them(make_app, size):
    from reader.tui.screens.annotate import AnnotateScreen

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(AnnotateScreen("a passage"))
        await settle(pilot)
        rows = drawn(app, app.screen.query_one("#annotate-keys"))
        for phrase in ("ctrl+s save", "esc cancel", "tab next field"):
            assert any(phrase in row for row in rows), rows
        assert not any(row.endswith("·") for row in rows), rows


async def test_esc_with_text_typed_asks_inside_the_note_dialog_at_80x24(make_app):
    from textual.widgets._toast import Toast

    from reader.tui.screens.annotate import AnnotateScreen

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        await press_in_turn(pilot, "w", "escape")
        await settle(pilot)
        assert app.screen is screen
        said = " ".join(drawn(app, screen.query_one("#annotate-keys")))
        assert said == "Press Esc again to discard what you typed, or ctrl+s to save.", said
        dialog = screen.query_one("#annotate").region
        assert not any(t.region.overlaps(dialog) for t in screen.query(Toast))
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is not screen
