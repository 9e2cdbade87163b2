"""The Notes screen's filter: what it finds (what the table shows, as the search bar
reads it), and a burst of keys typed into it filling the table once, not once a key."""

from __future__ import annotations

import threading

from textual import events
from textual.widgets import Input, Label

from reader.notes.records import NoteRecord, matches
from reader.tui.notes_chosen import Choice
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.notes_table import NotesTable
from tests.conftest import AFP_ID
from tests.tui.conftest import burst, polled, press_in_turn, settle, typed, wait_until
from tests.tui.test_many_notes import write_yaml_notes
from tests.tui.test_notes_screen import quotes, with_notes

NOTES = 600


async def filtered(pilot, screen: NotesScreen, words: str) -> list[str]:
    """The quotes left once `words` are typed into the filter, in place of what it held."""
    field = screen.query_one("#notes-filter", Input)
    if screen.focused is not field:
        await press_in_turn(pilot, "slash")
    field.value = ""
    await typed(pilot, *words)
    return quotes(screen)


def left(screen: NotesScreen, words: str) -> list[NoteRecord]:
    return [r for r in screen.records if matches(r, text=words)]


async def test_the_filter_finds_a_tag_as_shown_a_phrase_and_words_whatever_their_accents(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        afp = app.session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        app.session.annotations.add(afp, at, at + 10, note="Café au lait, two words here")
        screen = await with_notes(pilot)
        assert len(screen.shown) == 4
        assert await filtered(pilot, screen, "#people") == ["Farah Dakhlallah"]
        assert await filtered(pilot, screen, "cafe") == ["Palm Beach"]
        assert await filtered(pilot, screen, '"two words"') == ["Palm Beach"]
        assert await filtered(pilot, screen, '"words two"') == []
        assert await filtered(pilot, screen, "tag:PLACE -capital") == ["Palm Beach"]
        # The search bar's filters that say nothing of a note are said to be left out.
        assert await filtered(pilot, screen, "capital is:read") == ["Kyiv"]
        count = str(screen.query_one("#notes-count", Label).render())
        assert count.endswith("· is: not used on notes")
        # A quote left open: its words are searched apart, and the count says so, as the
        # search bar does.
        assert await filtered(pilot, screen, '"here two') == ["Palm Beach"]
        count = str(screen.query_one("#notes-count", Label).render())
        assert count.endswith("· unbalanced quote: searched as text")
        assert await filtered(pilot, screen, '"two words"') == ["Palm Beach"]
        assert "unbalanced" not in str(screen.query_one("#notes-count", Label).render())


async def test_a_burst_typed_into_the_filter_fills_the_table_once(make_app, library, monkeypatch):
    write_yaml_notes(NOTES)
    cleared: list[int] = []
    clear = NotesTable.clear

    def counted(self, columns: bool = False):
        cleared.append(self.row_count)
        return clear(self, columns)

    monkeypatch.setattr(NotesTable, "clear", counted)
    app = make_app(library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        assert await wait_until(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.table.row_count == NOTES)
        built = 0
        cells = NotesScreen._cells

        def counted_cells(self, record):
            nonlocal built
            built += 1
            return cells(self, record)

        monkeypatch.setattr(NotesScreen, "_cells", counted_cells)
        cleared.clear()
        await press_in_turn(pilot, "slash")
        burst(app, "note 1")
        await settle(pilot)
        assert screen.table.row_count == len(screen.shown) == len(left(screen, "note 1")) > 0
        # Once for the burst: not a table made for each key, nor rows for notes not shown.
        assert len(cleared) == 1
        assert built == len(screen.shown)


async def test_keys_typed_after_enter_in_the_filter_move_in_the_rows_it_leaves(make_app, library):
    write_yaml_notes(NOTES)
    app = make_app(library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        assert await wait_until(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.table.row_count == NOTES)
        burst(app, "/note 12")
        app.post_message(events.Key("enter", "\r"))
        burst(app, "j")
        await settle(pilot)
        assert app.focused is screen.table
        shown = screen.shown
        assert len(shown) == len(left(screen, "note 12")) > 1
        assert screen.table.row_count == len(shown)
        assert screen.current is shown[1]


async def test_a_choice_overtaken_by_newer_keys_is_dropped(make_app, monkeypatch):
    held = threading.Event()
    chosen = Choice.chosen

    def slow(self):
        # A filter still being applied in the background as more keys come (the notes
        # read again meanwhile choose at once, on the interface's thread: not held).
        if self.words.startswith("z") and threading.current_thread() is not threading.main_thread():
            held.wait(30)
        return chosen(self)

    def choosing() -> bool:
        return any(w.group == "notes-filter" and w.is_running for w in app.workers)

    monkeypatch.setattr(Choice, "chosen", slow)
    app = make_app()
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            screen = await with_notes(pilot)
            field = screen.query_one("#notes-filter", Input)
            await press_in_turn(pilot, "slash")
            burst(app, "zzz")
            if not await polled(choosing, 3):  # the notes read again took it at once
                burst(app, "q")
                assert await polled(choosing)
            for _ in field.value:
                app.post_message(events.Key("backspace", None))
            burst(app, "capital")
            app.post_message(events.Key("enter", "\r"))
            assert await polled(lambda: app.focused is screen.table)
            assert field.value == "capital" and quotes(screen) == ["Kyiv"]
            held.set()
            await settle(pilot)
            assert quotes(screen) == ["Kyiv"]  # not the notes "zzz" left (none)
    finally:
        held.set()
