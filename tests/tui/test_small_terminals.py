"""Small terminals (60×15, 80×24): every dialog fits and stays usable, the key bar shows
whole keys, and the list pane hides for reading."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Footer, RadioButton
from textual.widgets._footer import FooterKey

from reader.tui.article.view import ArticleView
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.export import ExportScreen
from reader.tui.widgets.source_list import SourceList
from tests.tui.conftest import open_first, press_in_turn, settle, typed

LONG_QUOTE = " ".join(["A long passage that goes on and on over many lines."] * 12)


def shown_whole(widget: Widget) -> bool:
    """Whether the widget is on screen whole, not cut by the screen or a scrolled dialog."""
    region = widget.region
    if not region or not widget.screen.region.contains_region(region):
        return False
    return all(
        ancestor.scrollable_content_region.contains_region(region)
        for ancestor in widget.ancestors
        if isinstance(ancestor, Widget) and ancestor.is_scrollable
    )


def annotate_fields(screen: AnnotateScreen) -> list[Widget]:
    return [
        screen.query_one("#annotate-note"),
        screen.query_one("#annotate-tags"),
        *screen.query(RadioButton),
        screen.query_one("#annotate-keys"),
    ]


async def test_annotate_dialog_shows_tags_and_colours_at_60x15(make_app):
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "w", "w", "e", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        hidden = [w for w in annotate_fields(screen) if not shown_whole(w)]
        assert not hidden, f"cut off at 60×15: {hidden}"
        # The dialog takes the whole width: no sliver of the list shows beside it.
        assert screen.query_one("#annotate").region.width == 60


@pytest.mark.parametrize("size", [(60, 15), (80, 24)])
@pytest.mark.parametrize("title", ["Annotate", "Edit note"])
async def test_note_dialog_with_a_long_quote_keeps_every_field_in_reach(make_app, size, title):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(AnnotateScreen(LONG_QUOTE, note="a note\n" * 8, title=title))
        await pilot.pause()
        screen = app.screen
        for field in annotate_fields(screen):
            assert field.region, f"{field} has no room at {size}"
        # Tab reaches every field, and the field reached is on screen whole.
        for _ in range(3):
            await press_in_turn(pilot, "tab")
            await pilot.pause()
            assert shown_whole(screen.focused), f"{screen.focused} cut off at {size}"
        await typed(pilot, *"x")
        await press_in_turn(pilot, "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen)


@pytest.mark.parametrize("size", [(60, 15), (80, 24)])
async def test_export_dialog_fits_a_small_terminal(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen([]))
        await pilot.pause()
        screen = app.screen
        fields = [
            *screen.query(RadioButton),
            screen.query_one("#export-path"),
            screen.query_one("#export-force"),
            screen.query_one("#export-keys"),
        ]
        hidden = [w for w in fields if not shown_whole(w)]
        assert not hidden, f"cut off at {size}: {hidden}"


async def test_key_bar_shows_only_whole_keys_at_60_columns(make_app):
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        keys = [k for k in footer.query(FooterKey) if k.display]
        palette = next(k for k in keys if k.has_class("-command-palette"))
        # The palette key covers the last column: nothing of a key beneath peeks out.
        assert palette.region.right == 60
        others = [k for k in keys if k is not palette]
        assert others, "no key shown at all"
        room = Region(0, footer.region.y, palette.region.x, 1)
        cut = [k.description for k in others if not room.contains_region(k.region)]
        assert not cut, f"keys cut off or hidden under the palette key: {cut}"


async def test_ctrl_b_hides_and_shows_the_list_pane(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        left = app.screen.query_one("#left")
        assert left.display and view.region.x > 0
        await press_in_turn(pilot, "ctrl+b")
        await pilot.pause()
        assert not left.display
        assert view.region.x == 0 and view.region.width >= 119  # the article takes the width
        assert app.screen.focused is view
        await press_in_turn(pilot, "ctrl+b")
        await pilot.pause()
        assert left.display and view.region.x > 0
        assert app.screen.focused is view


async def test_ctrl_b_from_the_list_leaves_the_focus_on_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen.focused, SourceList)
        await press_in_turn(pilot, "ctrl+b")
        await pilot.pause()
        assert not app.screen.query_one("#left").display
        assert isinstance(app.screen.focused, ArticleView)
        # A key typed now goes to the article, not to the hidden list.
        await press_in_turn(pilot, "j")
        await press_in_turn(pilot, "ctrl+b")
        await pilot.pause()
        assert app.screen.query_one("#left").display


async def test_narrow_terminal_hides_the_list_while_reading_and_esc_brings_it_back(make_app):
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        left = app.screen.query_one("#left")
        assert left.display  # browsing: the list is there
        view = await open_first(pilot)
        assert not left.display  # reading: the article takes the width
        assert view.region.x == 0 and view.region.width >= 59
        await pilot.press("ctrl+b")  # the list, asked for while reading
        await pilot.pause()
        assert left.display and app.screen.focused is view
        await press_in_turn(pilot, "ctrl+b")
        await pilot.pause()
        assert not left.display
        await press_in_turn(pilot, "escape")  # back to the list
        await pilot.pause()
        assert left.display and isinstance(app.screen.focused, SourceList)


async def test_search_while_the_list_is_hidden_shows_the_hits(make_app):
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await open_first(pilot)
        left = app.screen.query_one("#left")
        assert not left.display
        await pilot.press("slash")
        await pilot.pause()
        assert left.display


async def test_widening_the_terminal_brings_the_list_back(make_app):
    app = make_app()
    async with app.run_test(size=(60, 15)) as pilot:
        await open_first(pilot)
        left = app.screen.query_one("#left")
        assert not left.display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert left.display
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        assert not left.display


@pytest.mark.parametrize("size", [(40, 20), (60, 15), (80, 24), (100, 30)])
async def test_note_dialog_shows_every_colour_name_whole(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(AnnotateScreen("a passage"))
        await pilot.pause()
        for button in app.screen.query(RadioButton):
            # "▐●▌ " then the name as a swatch, a blank each side.
            assert button.region.width >= 4 + len(f" {button.name} "), button.name
            assert shown_whole(button)


async def test_terminal_narrowed_under_a_dialog_hides_the_list_when_it_closes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        left = app.screen.query_one("#left")
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert app.screen.focused is view
        assert not left.display


def key_bar_keys(screen) -> list[FooterKey]:
    """The keys the key bar on top shows, left to right."""
    footer = list(screen.query(Footer))[-1]
    return sorted((k for k in footer.query(FooterKey) if k.display), key=lambda k: k.region.x)


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_help_key_always_shows_beside_the_palette_key(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_first(pilot)
        for keys in ([], ["v", "w"], ["escape", "escape"]):  # reading, selecting, the list
            await press_in_turn(pilot, *keys)
            await settle(pilot)
            shown = key_bar_keys(app.screen)
            assert [k.description for k in shown[-2:]] == ["Help", "Palette"]
            help_key, palette = shown[-2:]
            assert help_key.region.right < palette.region.x  # side by side, not overlapping
            assert all(k.region.right <= help_key.region.x for k in shown[:-2])


async def test_key_bar_over_a_dialog_shows_the_dialogs_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "R")
        await settle(pilot)
        described = [k.description for k in key_bar_keys(app.screen)]
        assert "Compare" in described and "Select" not in described
        await press_in_turn(pilot, "escape", "V", "a")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        described = [k.description for k in key_bar_keys(app.screen)]
        assert "Save" in described and "Select" not in described


async def test_a_narrow_list_gives_the_title_the_room_of_the_date(make_app):
    """At 80 columns the list pane is narrow: a title cut to a few letters beside a date
    says little, so the date (shown above the article anyway) makes way for it."""
    from reader.tui.widgets.source_list import SourceList

    for size, date_shown in (((80, 24), False), ((160, 40), True)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            sources = app.screen.query_one(SourceList)
            row = sources.render_row(1, 0, sources.scrollable_content_region.width, False).plain
            assert ("2024-11-23" in row) is date_shown, row
            assert "NATO chief discuss" in row, row


async def test_help_lists_keys_one_row_under_the_other(make_app):
    """No rule nor blank line between the rows of a key table: a screenful of keys."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        ids = ["app.quit_anywhere", "app.commands"]  # the first two rows of the first table
        for _ in range(10):  # (scrolled to them, under the lines that open the help)
            lines = [strip.text for strip in app.screen._compositor.render_strips()]
            rows = [y for id_ in ids for y, line in enumerate(lines) if f" {id_} " in line]
            if len(rows) == len(ids):
                break
            await press_in_turn(pilot, "j")
        assert len(rows) == len(ids), "\n".join(lines)
        assert rows == list(range(rows[0], rows[0] + len(ids))), "\n".join(lines)


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_a_toast_leaves_the_status_line_and_the_key_bar_in_view(make_app, size):
    from textual.widgets._toast import Toast

    from reader.tui.widgets.key_bar import KeyBar
    from reader.tui.widgets.status_line import StatusLine

    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        app.notify("A message long enough to take a good part of the width of the screen")
        await settle(pilot)
        toast = app.screen.query_one(Toast).region
        for bar in (app.screen.query_one(StatusLine), app.screen.query_one(KeyBar)):
            assert not toast.overlaps(bar.region), (toast, bar.region)


def bottom_line(app) -> str:
    """The text of the screen's last row, as drawn."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for segment in strips[-1])


async def test_key_bar_under_help_lists_the_keys_of_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        assert "Boilerplate" in bottom_line(app)
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        bar = bottom_line(app)
        assert "Boilerplate" not in bar and "Annotate" not in bar, bar
        assert "Close help" in bar and "Scroll" in bar, bar


async def test_the_toast_saying_a_note_is_saved_leaves_the_note_in_view_at_80x24(
    make_app, monkeypatch
):
    from textual.widgets._toast import Toast

    from reader.tui.widgets.key_bar import KeyBar
    from reader.tui.widgets.note_panel import NotePanel
    from reader.tui.widgets.status_line import StatusLine

    app = make_app()
    told = app.notify  # every toast kept a minute: looked at however slow the machine
    monkeypatch.setattr(app, "notify", lambda *a, **k: told(*a, **{**k, "timeout": 60}))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "w", "w", "e", "a")
        await pilot.pause()
        await typed(pilot, *"Who met whom, and where, and what they said of the alliance")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        panel = app.screen.query_one(NotePanel)
        assert panel.display and "Who met whom" in str(panel.render())
        [toast] = app.screen.query(Toast)
        assert "Note saved." in str(toast.render())
        assert not toast.region.overlaps(panel.region), (toast.region, panel.region)
        # An error says more, over more rows: read whole, the note still in view.
        app.notify("Cannot save the notes: " + "a reason of many words " * 6, severity="error")
        await settle(pilot)
        below = [panel, app.screen.query_one(StatusLine), app.screen.query_one(KeyBar)]
        for toast in app.screen.query(Toast):
            assert app.screen.region.contains_region(toast.region), toast.region
            for widget in below:
                assert not toast.region.overlaps(widget.region), (toast.region, widget)
