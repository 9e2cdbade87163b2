"""A selection is of text, not of screen cells: when the article is laid out again (the
terminal resized, the list pane hidden or shown), the passage selected stays the same, and
so does the quote a note is made on."""

from __future__ import annotations

import pytest
from textual.geometry import Offset
from textual.selection import Selection

from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import OTHER_ID
from tests.tui.conftest import open_first, press_in_turn, settle, typed


def paragraph_at_cursor(view) -> str:
    """The text of the block the reading cursor is in."""
    block = next(b for b in view.article.blocks if b.start <= view.cursor < b.end)
    return view.article.text[block.start : block.end]


async def quote_asked_for(pilot) -> str:
    """Press `a` on the selection: the quote the annotate dialog shows."""
    await press_in_turn(pilot, "a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AnnotateScreen), "a did not ask for a note"
    return screen.quote


@pytest.mark.parametrize(
    ("selected_at", "quoted_at", "down"),
    [((160, 50), (80, 24), 3), ((80, 24), (160, 50), 2)],
    ids=["narrowed", "widened"],
)
async def test_a_paragraph_selected_is_quoted_whole_after_the_terminal_is_resized(
    make_app, selected_at, quoted_at, down
):
    app = make_app()
    async with app.run_test(size=selected_at) as pilot:
        view = await open_first(pilot)
        await typed(pilot, *"j" * down)  # a paragraph that is not the first
        await press_in_turn(pilot, "V")
        await settle(pilot)
        paragraph = paragraph_at_cursor(view)
        await pilot.resize_terminal(*quoted_at)
        await settle(pilot)
        assert await quote_asked_for(pilot) == paragraph


async def test_a_paragraph_selected_is_quoted_whole_after_the_list_pane_is_hidden(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "V")
        await settle(pilot)
        paragraph = paragraph_at_cursor(view)
        width = view.layout_width
        await press_in_turn(pilot, "ctrl+b")
        await settle(pilot)
        assert view.layout_width != width, "hiding the list did not lay the text out again"
        assert await quote_asked_for(pilot) == paragraph


async def test_a_paragraph_selected_is_quoted_whole_after_the_list_pane_comes_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "ctrl+b")
        await settle(pilot)
        await press_in_turn(pilot, "j", "V")
        await settle(pilot)
        paragraph = paragraph_at_cursor(view)
        await press_in_turn(pilot, "ctrl+b")
        await settle(pilot)
        assert await quote_asked_for(pilot) == paragraph


async def test_a_selection_made_by_motions_keeps_its_words_through_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "w", "w")
        await settle(pilot)
        start, end = view.selected_span()
        words = view.article.text[start:end]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        # Still extendable from where it was: a word more takes the next word along.
        await press_in_turn(pilot, "w")
        await settle(pilot)
        start2, end2 = view.selected_span()
        assert start2 == start
        assert view.article.text[start2:end2].startswith(words)
        assert len(view.article.text[start2:end2].split()) == len(words.split()) + 1


async def test_what_is_painted_selected_after_a_resize_is_the_passage_selected(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "j", "j", "j", "V")
        await settle(pilot)
        paragraph = paragraph_at_cursor(view)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        # Textual's own selection (what ctrl+c copies, what is painted) follows too.
        copied, _ = view.get_selection(view.text_selection)
        assert copied == paragraph


async def test_a_passage_dragged_over_with_the_mouse_is_quoted_whole_after_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        view = await open_first(pilot)
        block = view.article.blocks[2]
        # As a drag leaves it: Textual's selection, from the block's first cell to its last.
        first = view.row_of(block.start)
        last = view.row_of(block.end)
        end_column = block.end - view._layout.line(last).start
        app.screen.selections = {view: Selection(Offset(0, first), Offset(end_column, last))}
        await settle(pilot)
        paragraph = view.article.text[block.start : block.end]
        assert view.selected_span() == (block.start, block.end)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert await quote_asked_for(pilot) == paragraph


async def test_a_selection_does_not_pass_to_the_next_article_shown(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "j", "j", "V")
        await settle(pilot)
        await press_in_turn(pilot, "shift+tab", "j", "j")  # the list: another article previewed
        await settle(pilot)
        assert view.article.id == OTHER_ID
        assert view.selected_span() is None
        await press_in_turn(pilot, "tab", "a")
        await settle(pilot)
        assert not isinstance(app.screen, AnnotateScreen), "a note on text never selected"
