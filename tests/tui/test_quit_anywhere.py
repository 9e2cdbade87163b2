"""ctrl+q quits from every screen, also while an input has the focus; q quits only the library."""

from __future__ import annotations

import pytest

from tests.tui.conftest import press_in_turn, settle
from tests.tui.test_notes_screen import with_notes

# Where the user is: the keys that take them there from the library, the screen and the
# kind of widget that has the focus there.
PLACES = {
    "the library list": ([], "MainScreen", "SourceList"),
    "the search input": (["slash", *"nato"], "MainScreen", "SearchInput"),
    "the find input": (["enter", "ctrl+f", *"trump"], "MainScreen", "Input"),
    "a selection in the article": (["enter", "v", "l"], "MainScreen", "ArticleView"),
    "the annotate dialog": (["enter", "V", "a"], "AnnotateScreen", "TextArea"),
    "the Notes screen": (["A"], "NotesScreen", "DataTable"),
    "the Notes filter": (["A", "slash", *"kyiv"], "NotesScreen", "Input"),
    "the export dialog": (["A", "x"], "ExportScreen", "RadioSet"),
    "the export file name": (["A", "x", "tab"], "ExportScreen", "Input"),
    "the note colour": (["enter", "V", "a", "tab", "tab"], "AnnotateScreen", "RadioSet"),
    "the help screen": (["question_mark"], "HelpScreen", "VerticalScroll"),
    "the related list": (["R"], "RelatedScreen", "OptionList"),
    "the compare view": (["c"], "CompareScreen", "ArticleView"),
}


@pytest.mark.parametrize("place", list(PLACES))
async def test_ctrl_q_quits_from(place, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys, screen_name, focused_name = PLACES[place]
        if keys[:2] == ["A", "x"]:
            await with_notes(pilot)  # (with no note to export, x opens no dialog)
            keys = keys[1:]
        for key in keys:
            await press_in_turn(pilot, key)
            await settle(pilot, rounds=1)
        screen = app.screen
        assert type(screen).__name__ == screen_name
        assert focused_name in {kind.__name__ for kind in type(app.focused).__mro__}
        await press_in_turn(pilot, "ctrl+q")
        await settle(pilot, rounds=1)
        assert not app.is_running, f"still running on {type(screen).__name__}"


@pytest.mark.parametrize(
    "place", ["the export dialog", "the note colour", "the Notes screen", "the help screen"]
)
async def test_q_quits_only_the_library(place, make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys, screen_name, _focused = PLACES[place]
        if keys[:2] == ["A", "x"]:
            await with_notes(pilot)  # (with no note to export, x opens no dialog)
            keys = keys[1:]
        for key in keys:
            await press_in_turn(pilot, key)
            await settle(pilot, rounds=1)
        assert type(app.screen).__name__ == screen_name
        await press_in_turn(pilot, "q")
        await settle(pilot, rounds=1)
        assert app.is_running, f"q quit the app from {place}"
