"""Annotating works the same on the main screen and on the Compare screen: a highlight in
the default colour, shown from what the save wrote (merged with what another program
wrote meanwhile) rather than read back from the notes file."""

from __future__ import annotations

import pytest

from reader.notes.placement import Annotations
from reader.notes.schema import DEFAULT_COLOR
from reader.notes.store import NotesStore
from reader.tui.screens.compare import CompareScreen
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import Notified, open_first, press_in_turn, settle


def count_reads(monkeypatch) -> list[str]:
    """The article ids whose notes file is read (loaded) from now on."""
    reads: list[str] = []
    load = NotesStore.load

    def counted(store, article_id):
        reads.append(article_id)
        return load(store, article_id)

    monkeypatch.setattr(NotesStore, "load", counted)
    return reads


async def highlight_a_paragraph(pilot) -> None:
    await pilot.press("V", "H")
    await settle(pilot)


@pytest.mark.parametrize("where", ["main", "compare"])
async def test_a_highlight_shows_in_the_default_colour_without_the_notes_file_read_back(
    make_app, monkeypatch, where
):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        view = await open_first(pilot)
        if where == "compare":
            app.screen.compare_with(OTHER_ID)
            await settle(pilot)
            assert isinstance(app.screen, CompareScreen)
            view = app.screen.left
        reads = count_reads(monkeypatch)
        await highlight_a_paragraph(pilot)
        [placed] = view.annotations
        assert placed.annotation.color == DEFAULT_COLOR
        assert reads == [], "the notes file was read back after the save"


async def test_a_highlight_saved_beside_a_note_another_program_added_shows_both(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        view = await open_first(pilot)
        article = view.article
        assert article.id == AFP_ID
        at = article.text.index("Palm Beach")
        # Another program (a second reader, git pull) adds a note just before the save.
        Annotations(NotesStore(app.session.notes_dir)).add(article, at, at + 10, note="elsewhere")
        await highlight_a_paragraph(pilot)
        assert sorted(p.annotation.note for p in view.annotations) == ["", "elsewhere"]


async def test_arrow_keys_in_the_colour_choice_pick_the_colour_as_a_radio_group_does(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await settle(pilot)
        # note → tags → colours; two steps right from yellow, then save, without space
        # (Enter there, out of habit, keeps the colour picked)
        await press_in_turn(pilot, "tab", "tab", "right", "right", "enter", "ctrl+s")
        await settle(pilot)
        [placed] = view.annotations
        assert placed.annotation.color == "blue"


@pytest.mark.parametrize("key", ["a", "h"])
async def test_annotate_or_highlight_without_a_selection_says_how_to_select(make_app, key):
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(160, 40), message_hook=notified) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, key)
        await settle(pilot)
        [said] = notified.messages()
        assert said.startswith("Select a passage first: v, then move")
        assert "drag with the mouse" in said
        assert view.annotations == [] and app.screen is app.main
