"""The reading cursor: a visible line marker in the article where selections start."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events

from reader.notes.store import NotesStore
from reader.tui.article import motions
from reader.tui.article.view import ArticleView
from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle, typed, wait_until

MARKER = "▌"


def stored(article_id: str = AFP_ID):
    return NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(article_id).live


def shown(view: ArticleView) -> list[str]:
    """The article pane's lines as they are on screen."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def marked_rows(view: ArticleView) -> list[int]:
    """The screen rows that carry the cursor marker in the gutter."""
    return [y for y, line in enumerate(shown(view)) if line[: view.left_pad].endswith(MARKER)]


def marked_text(view: ArticleView) -> str:
    [row] = marked_rows(view)
    return shown(view)[row][view.left_pad :].strip()


def text_rows(view: ArticleView) -> list[int]:
    """Every screen row of the layout that shows text (not a heading line or a blank)."""
    return view._layout.rows


async def test_article_shows_a_cursor_line_that_j_and_k_move(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        assert marked_text(view).startswith("NATO chief Mark Rutte")
        await press_in_turn(pilot, "j", "j", "j", "j")
        # Four text lines down: the blank between the paragraphs is stepped over.
        assert marked_text(view).startswith("The meeting took place")
        await press_in_turn(pilot, "k")
        assert marked_text(view).startswith("spokeswoman said Saturday")
        await press_in_turn(pilot, "down", "up", "up")
        assert marked_text(view).startswith('"global security issues')


async def test_the_view_follows_the_cursor_past_the_bottom_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        height = view.scrollable_content_region.height
        for _ in range(40):
            await press_in_turn(pilot, "j")
            assert len(marked_rows(view)) == 1  # always on screen
        assert view.scroll_y > 0
        assert marked_rows(view)[0] >= height // 2  # it scrolled only as far as needed
        for _ in range(40):
            await press_in_turn(pilot, "k")
            assert len(marked_rows(view)) == 1
        assert view.scroll_y == 0  # back at the top, title and all
        assert marked_text(view).startswith("NATO chief Mark Rutte")


async def test_g_and_G_put_the_cursor_on_the_first_and_last_lines(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "G")
        await pilot.pause()
        last = view._layout.lines[text_rows(view)[-1]]
        assert marked_text(view) == view.article.text[last.start : last.end].strip()
        assert view.scroll_y == view.max_scroll_y > 0
        await press_in_turn(pilot, "g")
        await pilot.pause()
        assert view.scroll_y == 0
        assert marked_text(view).startswith("NATO chief Mark Rutte")


async def test_page_keys_carry_the_cursor_along_with_the_page(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "j", "j")
        before = marked_rows(view)
        await press_in_turn(pilot, "space")
        await pilot.pause()
        assert view.scroll_y > 0
        after = marked_rows(view)
        assert len(after) == 1
        # The cursor moved with the page: near the same place on screen, on new text.
        assert abs(after[0] - before[0]) <= 2
        await press_in_turn(pilot, "pageup")
        await pilot.pause()
        assert view.scroll_y == 0
        assert len(marked_rows(view)) == 1


async def test_scrolling_with_the_wheel_keeps_the_cursor_on_screen(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        for _ in range(6):
            view.post_message(
                events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False, 35, 6)
            )
            await pilot.pause()
        assert view.scroll_y > 5
        assert len(marked_rows(view)) == 1
        for _ in range(6):
            view.post_message(events.MouseScrollUp(view, 5, 5, 0, -1, 0, False, False, False))
            await pilot.pause()
        assert len(marked_rows(view)) == 1


async def test_a_click_puts_the_cursor_on_the_clicked_line(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        row = text_rows(view)[6]  # "In his first term…" (the seventh text line)
        await pilot.click(ArticleView, offset=(view.left_pad + 3, row))
        await pilot.pause()
        assert marked_rows(view) == [row]
        assert marked_text(view).startswith("In his first term")
        await press_in_turn(pilot, "v")
        start, _ = view.selection_offsets(view.text_selection)
        assert view.article.text[start:].startswith("his first term")  # where it was clicked


async def test_v_starts_the_selection_at_the_cursor_not_at_the_top(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "j", "j", "j", "j")  # "The meeting took place…"
        await press_in_turn(pilot, "v", "w", "w", "e")
        start, end = view.selection_offsets(view.text_selection)
        assert view.article.text[start:end] == "The meeting took"
        # The cursor follows the caret.
        assert marked_text(view).startswith("The meeting took place")


async def test_V_selects_the_paragraph_at_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(
            pilot, "j", "j", "j", "j", "j"
        )  # the second line of the second paragraph
        await press_in_turn(pilot, "V")
        start, end = view.selection_offsets(view.text_selection)
        second = view.article.blocks[1]
        assert (start, end) == (second.start, second.end)


async def test_find_leaves_the_cursor_on_the_match_and_n_moves_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"trump")
        await press_in_turn(pilot, "enter")
        await pilot.pause()
        assert app.focused is view  # Enter takes the reader to the match
        first = view.matches[view.current_match]
        assert view.cursor == first[0]
        assert "Trump" in marked_text(view)
        await press_in_turn(pilot, "n")
        await pilot.pause()
        second = view.matches[view.current_match]
        assert second != first and view.cursor == second[0]
        assert len(marked_rows(view)) == 1
        await press_in_turn(pilot, "N")
        assert view.cursor == first[0]


async def test_find_a_phrase_select_it_and_annotate_in_three_keys(make_app):
    """The journey: find a phrase, then v (the match), a (the dialog), ctrl+s (saved)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        phrase = "questioned the fairness"
        await press_in_turn(pilot, "f", *phrase, "enter")
        after_find = ["v", "a", "ctrl+s"]
        await press_in_turn(pilot, after_find[0])
        start, end = view.selection_offsets(view.text_selection)
        assert view.article.text[start:end] == phrase
        await press_in_turn(pilot, after_find[1])
        assert isinstance(app.screen, AnnotateScreen)
        await press_in_turn(pilot, after_find[2])
        await settle(pilot)
        [note] = stored()
        assert note.quote == phrase
        assert len(after_find) <= 3


async def test_cursor_is_the_reading_position_kept_across_restarts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        for _ in range(25):
            await press_in_turn(pilot, "j")
        left_at = marked_text(view)
        offset = view.cursor
        assert offset > 0
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = again.screen.query_one(ArticleView)
        view.focus()
        assert await wait_until(pilot, lambda: len(marked_rows(view)) == 1)
        assert view.cursor == offset
        assert marked_text(view) == left_at


def test_word_motions_work_in_every_paragraph_not_only_the_first():
    text = "One two.\n\nThree four five."
    blocks = [(0, 8), (10, len(text))]
    three = text.index("Three")
    assert motions.word_forward(text, three, blocks) == text.index("four")
    assert motions.word_end(text, three, blocks) == text.index("four") - 2
    assert motions.word_back(text, text.index("five"), blocks) == text.index("four")


async def test_find_as_you_type_looks_from_where_the_cursor_was(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        text = view.article.text
        await pilot.press("f", *"Trump to")  # only near the end
        assert view.cursor == text.index("Trump to")
        await press_in_turn(pilot, "backspace", "backspace")  # "Trump ": the first one again
        assert view.cursor == text.index("Trump ")


async def test_a_find_jump_right_after_the_view_scrolled_keeps_the_cursor_on_its_match(make_app):
    """A key typed on in the find bar before the frame that follows a scroll (the jump
    to the shorter query's match, on a loaded machine): the cursor ends on the newest
    match, not on a line of the screen as it was scrolled."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        text = view.article.text
        await press_in_turn(pilot, "f")
        await typed(pilot, *"Trump t")
        assert view.cursor == text.index("Trump t")
        at = text.index("Trump to")
        # In one go, as the app may handle them: the view scrolls, then a find jumps.
        view.scroll_home(animate=False, immediate=True)
        view.set_matches([(at, at + len("Trump to"))], 0)
        await settle(pilot)
        assert view.cursor == at
        assert view.article.text[view.cursor :].startswith("Trump to")


async def test_hiding_boilerplate_under_the_cursor_leaves_it_on_shown_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "b", "f")
        await typed(pilot, *"READ MORE")
        await press_in_turn(pilot, "enter")  # boilerplate, shown dimmed
        await pilot.pause()
        assert view.article.text[view.cursor :].startswith("READ MORE")
        await press_in_turn(pilot, "b")
        await pilot.pause()
        line = marked_text(view)
        await press_in_turn(pilot, "v")
        start, _ = view.selection_offsets(view.text_selection)
        assert line.startswith(view.article.text[start : start + 10])


async def test_the_same_article_shown_twice_at_start_up_still_opens_where_it_was_left(make_app):
    """At start-up the last article can arrive twice (restored, then previewed from the
    list) before the view has scrolled to the place kept: it must still open there."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        article, meta = view.article, view.meta_line
        for _ in range(12):
            await press_in_turn(pilot, "j")
        offset = view.cursor
        view.show_article(None)
        await pilot.pause()
        # Both before the next refresh, as two loads of the same article can land.
        view.show_article(article, meta, offset)
        view.show_article(article, meta, offset)
        assert await wait_until(pilot, lambda: view.top_offset == offset), view.top_offset
        assert view.cursor == offset
