"""The Notes screen's pane with the whole note under the cursor, and its table when no
note is left to show."""

from __future__ import annotations

from textual.widgets import Label

from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID
from tests.test_hostile import assert_safe, screen_text
from tests.tui.conftest import press_in_turn, settle, typed
from tests.tui.test_notes_screen import with_notes

LONG_NOTE = "first line of the note\nthe second line, which the table never shows"


async def notes_screen_with(pilot, note: str, tags: list[str]) -> NotesScreen:
    """The Notes screen over one note on the AFP article's "Palm Beach"."""
    await settle(pilot)
    app = pilot.app
    afp = app.session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    app.session.annotations.add(afp, at, at + 10, note=note, tags=tags)
    await press_in_turn(pilot, "A")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)
    return app.screen


def below_table(app, screen: NotesScreen) -> str:
    """The screen's text under the table."""
    bottom = screen.table.region.bottom
    return "\n".join(screen_text(app)[bottom:])


async def test_the_whole_note_under_the_cursor_shows_under_the_table(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_screen_with(pilot, LONG_NOTE, ["place", "people"])
        shown = below_table(app, screen)
        for part in ("“Palm Beach”", "first line of the note", "the second line, which"):
            assert part in shown, shown
        for part in ("#place #people", "AFP", "created "):
            assert part in shown, shown
        assert "the second line" not in "\n".join(screen_text(app)[: screen.table.region.bottom])


async def test_the_pane_follows_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await with_notes(pilot)
        assert "spokesperson" in below_table(app, screen)
        await press_in_turn(pilot, "j")
        shown = below_table(app, screen)
        assert "Ukraine's capital" in shown and "spokesperson" not in shown
        await press_in_turn(pilot, "G")
        assert "where they met" in below_table(app, screen)


async def test_a_low_screen_keeps_its_rows_for_the_table_until_i_shows_the_pane(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await with_notes(pilot)
        detail = screen.query_one("#note-detail")
        assert not detail.display
        rows = screen.table.region.height
        await press_in_turn(pilot, "i")
        assert detail.display and "spokesperson" in below_table(app, screen)
        # half the room at most: the table keeps a sensible number of rows
        assert screen.table.region.height >= rows // 2 >= 6
        await press_in_turn(pilot, "i")
        assert not detail.display and screen.table.region.height == rows


async def test_i_hides_the_pane_on_a_high_screen(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await with_notes(pilot)
        detail = screen.query_one("#note-detail")
        assert detail.display
        await press_in_turn(pilot, "i")
        assert not detail.display
        await press_in_turn(pilot, "j")  # stays hidden as the cursor moves
        assert not detail.display


async def test_hostile_text_in_the_pane_shows_as_written_and_never_acts(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        note = "[bold]not bold[/bold] \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J"
        screen = await notes_screen_with(pilot, note, ["[red]x[/red]", "t\x1b[31m"])
        assert_safe(app, "[bold]not bold[/bold]", "␛]8;;https://evil.example", "#[red]x[/red]")
        assert "[bold]not bold[/bold]" in below_table(app, screen)


async def test_a_table_with_no_note_left_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await notes_screen_with(pilot, "the only note", [])
        empty = screen.query_one("#notes-empty", Label)
        assert not empty.display
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert screen.shown == []
        assert empty.display and str(empty.render()) == "No notes."
        assert empty.region.y == screen.table.region.y + 1  # under the column headings
        assert not screen.query_one("#note-detail").display


async def test_a_filter_that_matches_nothing_names_it_and_the_key_that_clears_it(make_app):
    app = make_app(keymap={"notes.close": "ctrl+g"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"[b]zz")
        empty = screen.query_one("#notes-empty", Label)
        assert screen.shown == []
        said = "No notes match “[b]zz”. ctrl+g {}clears the filter."
        assert str(empty.render()) == said.format("twice ")
        assert empty.region.y == screen.table.region.y + 1
        await press_in_turn(pilot, "ctrl+g")  # to the table, the filter kept
        assert screen.shown == [] and str(empty.render()) == said.format("")


async def test_a_tag_picked_that_no_note_has_any_longer_says_how_to_see_them_all(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await with_notes(pilot)
        tags = screen.query_one("#tag-facets")
        tags.focus()
        tags.highlighted = 3  # #ukraine: one note
        await press_in_turn(pilot, "enter")
        assert [r.quote for r in screen.shown] == ["Kyiv"]
        screen.table.focus()
        await press_in_turn(pilot, "d")
        await settle(pilot)
        text = str(screen.query_one("#notes-empty", Label).render())
        assert text.startswith("No notes match #ukraine."), text
        assert "All" in text
