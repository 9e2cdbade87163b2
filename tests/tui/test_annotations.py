"""Annotating in the app: select, annotate, see it, edit, delete, undo, jump."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.color import ColorSystem

from reader.notes.schema import COLORS
from reader.notes.store import NotesStore
from reader.tui.article.view import ArticleView
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle, typed


def stored(article_id: str = AFP_ID):
    return NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(article_id).live


async def test_select_by_keyboard_and_annotate(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "w", "w", "e")
        assert view.selecting
        span = view.selection_offsets(view.text_selection)
        assert view.article.text[span[0] : span[1]] == "NATO chief Mark Rutte"
        await press_in_turn(pilot, "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await typed(pilot, *"Who met whom")
        await press_in_turn(pilot, "enter")
        await typed(pilot, *"second line")
        await press_in_turn(pilot, "tab")
        await typed(pilot, *"nato, people")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        [note] = stored()
        assert note.quote == "NATO chief Mark Rutte"
        assert note.note == "Who met whom\nsecond line"
        assert note.tags == ("nato", "people")
        assert [(p.start, p.end) for p in view.annotations] == [(0, 21)]
        assert not view.selecting
        assert app.screen.query_one(SourceList).note_counts[AFP_ID] == 1


async def test_motions_by_sentence_and_paragraph(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        text = view.article.text
        first, second = view.article.blocks[0], view.article.blocks[1]
        await press_in_turn(pilot, "v", "right_parenthesis")
        assert text[: view.caret + 1].endswith("a spokeswoman said Saturday.")
        await press_in_turn(pilot, "right_curly_bracket")  # already at the end: the next one's end
        assert view.caret == second.end - 1
        span = view.selection_offsets(view.text_selection)
        assert text[span[0] : span[1]].endswith("said in a statement.")
        await press_in_turn(pilot, "left_curly_bracket")
        assert view.caret == second.start
        await press_in_turn(pilot, "left_curly_bracket")
        assert view.caret == first.start
        await press_in_turn(pilot, "V")
        start, end = view.selection_offsets(view.text_selection)
        first_block = view.article.blocks[0]
        assert (start, end) == (first_block.start, first_block.end)
        await press_in_turn(pilot, "escape")
        assert not view.selecting and view.text_selection is None


async def test_escape_cancels_without_saving(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        await press_in_turn(pilot, "escape")  # nothing typed: one Esc leaves
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen)
        assert stored() == []


async def test_mouse_drag_selects_and_h_highlights(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        row = view._layout.rows[0]  # first text line
        pad = view.left_pad
        await pilot.mouse_down(ArticleView, offset=(pad, row))
        await pilot.hover(ArticleView, offset=(pad + 10, row))
        await pilot.mouse_up(ArticleView, offset=(pad + 10, row))
        await pilot.pause()
        span = view.selection_offsets(view.text_selection)
        assert span is not None and span[1] - span[0] >= 9
        selected = view.article.text[span[0] : span[1]]
        assert selected.startswith("NATO chie")
        await press_in_turn(pilot, "h")
        await settle(pilot)
        [note] = stored()
        assert note.quote == selected and note.note == ""


async def test_edit_delete_undo_and_jump(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        session = app.session
        article = view.article
        first = session.annotations.add(article, 0, 4, note="one")
        second = session.annotations.add(article, 200, 215, note="two")
        app.screen.shown_notes.reload()
        await pilot.pause()
        await press_in_turn(pilot, "right_square_bracket")
        assert view.current_annotation == first.id
        await press_in_turn(pilot, "right_square_bracket")
        assert view.current_annotation == second.id
        await press_in_turn(pilot, "left_square_bracket")
        assert view.current_annotation == first.id
        panel = str(app.screen.query_one("#note-panel").render())
        assert "one" in panel
        await press_in_turn(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await typed(pilot, *" edited")
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        notes = {n.id: n for n in stored()}
        assert notes[first.id].note.endswith(" edited")
        assert notes[first.id].modified > notes[first.id].created
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert [n.id for n in stored()] == [second.id]
        assert [p.id for p in view.annotations] == [second.id]
        await press_in_turn(pilot, "u")
        await settle(pilot)
        assert {n.id for n in stored()} == {first.id, second.id}


async def test_changed_article_places_notes_and_confirms_a_fuzzy_one(make_app, library):
    path = library / AFP_ID
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        text = view.article.text
        start = text.index("questioned the fairness")
        app.session.annotations.add(
            view.article, start, start + len("questioned the fairness of the NATO")
        )
    # The outlet fixes a word inside the quote and adds a sentence above it.
    original = path.read_text()
    path.write_text(
        original.replace(
            "questioned the fairness of the NATO", "questioned the fairnes of NATO's"
        ).replace("Saturday.", "Saturday. More words were added here.")
    )
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        [placed] = view.annotations
        assert placed.status == "fuzzy"
        assert "fairnes" in view.article.text[placed.start : placed.end]
        await press_in_turn(pilot, "right_square_bracket", "y")
        await settle(pilot)
        [note] = stored()
        assert note.target.exact == view.article.text[placed.start : placed.end]
        assert view.annotations[0].status == "exact"


async def test_broken_notes_file_makes_notes_read_only_and_is_left_alone(make_app):
    path = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    path.parent.mkdir(parents=True)
    broken = b"schema_version: 1\narticle: {id: x\nannotations: [\n"
    path.write_bytes(broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        panel = str(app.screen.query_one("#note-panel").render())
        assert "read-only" in panel and str(path) in panel
        await press_in_turn(pilot, "V", "H")
        await settle(pilot)
        assert any("read-only" in n.message for n in app._notifications)
        assert view.annotations == []
    assert path.read_bytes() == broken


async def test_escape_with_typed_text_asks_before_discarding(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        await typed(pilot, *"a long thoughtful note")
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert "Esc again" in str(app.screen.query_one("#annotate-keys").render())
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen)
        assert stored() == []


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_colour_picker_swatches_stay_distinct_on_a_256_colour_terminal(make_app, theme):
    app = make_app(theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        strips = app.screen._compositor.render_strips()

        def shown(text: str):
            found = [
                s.style for strip in strips for s in strip if s.text.strip() == text and s.style
            ]
            assert found, text
            return found[0].bgcolor.downgrade(ColorSystem.EIGHT_BIT).number  # the colour shown

        dialog = shown("Colour")
        swatches = {color: shown(color) for color in COLORS}
        assert all(bg != dialog for bg in swatches.values()), (dialog, swatches)
        assert len(set(swatches.values())) == len(COLORS), swatches


async def test_a_note_of_several_lines_shows_its_first_and_says_there_is_more(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        note = "First thought\nsecond line\nthird line"
        added = app.session.annotations.add(view.article, 0, 4, note=note)
        app.screen.shown_notes.reload()
        await pilot.pause()
        await press_in_turn(pilot, "right_square_bracket")
        assert view.current_annotation == added.id
        panel = str(app.screen.query_one("#note-panel").render())
        assert "✎ First thought … (+2 lines)" in panel
        assert "second line" not in panel


async def _edit_first_note_of_colour(pilot, app, color: str, *keys: str):
    view = await open_first(pilot)
    note = app.session.annotations.add(view.article, 0, 4, note="one", color=color)
    app.screen.shown_notes.reload()
    await pilot.pause()
    await press_in_turn(pilot, "right_square_bracket", "e")
    await pilot.pause()
    assert isinstance(app.screen, AnnotateScreen)
    await typed(pilot, *keys)
    await press_in_turn(pilot, "ctrl+s")
    await settle(pilot)
    return {n.id: n for n in stored()}[note.id]


async def test_editing_a_note_keeps_a_colour_the_app_does_not_know(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        note = await _edit_first_note_of_colour(pilot, app, "chartreuse", *" edited")
        assert note.note == "one edited"
        assert note.color == "chartreuse"


async def test_dialog_says_the_colour_is_unknown_and_picking_one_replaces_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        note = app.session.annotations.add(view.article, 0, 4, note="one", color="chartreuse")
        app.screen.shown_notes.reload()
        await pilot.pause()
        await press_in_turn(pilot, "right_square_bracket", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        assert "chartreuse" in str(dialog.query_one("#annotate-color-unknown").render())
        await press_in_turn(pilot, "tab", "tab")  # to the colours
        await press_in_turn(pilot, "right", "enter", "ctrl+s")
        await settle(pilot)
        assert {n.id: n for n in stored()}[note.id].color in COLORS


@pytest.mark.parametrize("width", [200, 120])
async def test_the_note_line_starts_where_the_text_does_in_a_wide_pane(make_app, width):
    """At 200 columns the text is centred: the note line under it starts at the same
    column, not at the pane's left edge (and it follows ctrl+b widening the pane)."""
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        view = await open_first(pilot)
        app.session.annotations.add(view.article, 0, 4, note="aligned")
        app.screen.shown_notes.reload()
        await pilot.pause()
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        for _ in range(2):
            panel = app.screen.query_one("#note-panel")
            text_column = view.region.x + view.left_pad
            assert panel.content_region.x == text_column
            line = app.export_screenshot()  # drawn there too
            assert "aligned" in line
            await press_in_turn(pilot, "ctrl+b")
            await settle(pilot)


async def test_saving_a_note_dialog_left_untouched_writes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        note = app.session.annotations.add(
            view.article, 0, 4, note="First thought\nsecond line", tags=("war", "Kyiv talks")
        )
        path = NotesStore(app.session.notes_dir).path_for(view.article.id)
        before = path.read_bytes()
        app.screen.shown_notes.reload()
        await pilot.pause()
        await press_in_turn(pilot, "right_square_bracket", "e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is app.main
        assert path.read_bytes() == before
        assert {n.id: n for n in stored()}[note.id].modified == note.modified


async def test_a_note_that_cannot_be_read_is_named_under_the_article(make_app):
    """The article's notes file holds a note missing its passage: the other note is shown,
    and one line under the article names the file and line at fault."""
    path = Path(os.environ["READER_NOTES_DIR"]) / (AFP_ID + ".yaml")
    path.parent.mkdir(parents=True)
    path.write_text(
        f"schema_version: 1\narticle:\n  id: {AFP_ID}\nannotations:\n"
        "- id: good\n  note: kept\n  target:\n    exact: Palm Beach\n    start: 0\n    end: 10\n"
        "- id: bad\n  note: its passage is gone\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        view = await open_first(pilot)
        assert [p.id for p in view.annotations] == ["good"]
        panel = str(app.screen.query_one("#note-panel").render())
        assert f"{path}:11:" in panel and "missing" in panel, panel
        assert "read-only" not in panel
        assert panel.count(str(path)) == 1
