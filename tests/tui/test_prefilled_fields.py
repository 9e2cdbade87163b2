"""A field that already holds text, reached with Tab, takes what is typed after that text:
adding a tag to a note keeps its tags, a path to export to is edited, not replaced."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input, TextArea

from reader.notes.store import NotesStore
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle, typed
from tests.tui.test_notes_screen import with_notes


def live(article_id: str):
    return NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(article_id).live


async def edit_tagged_note(
    pilot, note: str = "met here", tags: tuple[str, ...] = ("alpha", "beta")
) -> AnnotateScreen:
    """A note on the AFP article (tagged `alpha, beta` unless told), opened with e on the
    Notes screen."""
    await settle(pilot)
    app = pilot.app
    afp = app.session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    app.session.annotations.add(afp, at, at + 10, note=note, tags=list(tags))
    await press_in_turn(pilot, "A")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)
    await press_in_turn(pilot, "e")
    await settle(pilot)
    assert isinstance(app.screen, AnnotateScreen)
    return app.screen


async def test_a_tag_typed_after_tab_is_added_to_the_tags_there(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_tagged_note(pilot)
        await press_in_turn(pilot, "tab")
        await typed(pilot, *", gamma")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        [note] = live(AFP_ID)
        assert note.tags == ("alpha", "beta", "gamma")
        assert note.note == "met here"


async def test_text_typed_in_the_note_after_tabbing_back_goes_after_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_tagged_note(pilot)
        await pilot.press("tab", "shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, TextArea)
        await typed(pilot, *" too")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        [note] = live(AFP_ID)
        assert (note.note, note.tags) == ("met here too", ("alpha", "beta"))


async def test_the_export_path_reached_with_tab_is_edited_not_replaced(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)
        await press_in_turn(pilot, "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        path = dialog.query_one("#export-path", Input)
        before = path.value
        await press_in_turn(pilot, "tab")
        await settle(pilot)
        assert app.focused is path
        await press_in_turn(pilot, "backspace", "backspace", "t", "x", "t")
        assert path.value == before[:-2] + "txt"
