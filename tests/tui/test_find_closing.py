"""A find is open from `f` until Esc (in the bar or in the article) or another article:
then its bar and its highlights are gone, and a note under a match shows its colour."""

from __future__ import annotations

from reader.tui.article.colors import highlight_style
from reader.tui.article.view import ArticleView
from reader.tui.key_sections import key_sections
from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import press_in_turn, settle, typed, wait_until


async def find_and_go_there(pilot, phrase: str) -> ArticleView:
    """Open the first article, find `phrase` and Enter to it (the bar stays, counting)."""
    await settle(pilot)
    await press_in_turn(pilot, "enter")
    await settle(pilot)
    await press_in_turn(pilot, "f")
    await typed(pilot, *phrase)
    await press_in_turn(pilot, "enter")
    view = pilot.app.screen.query_one(ArticleView)
    bar = pilot.app.screen.query_one(FindBar)
    assert pilot.app.focused is view
    assert bar.has_class("-visible") and str(bar.query_one("#find-count").render()) == "1/1"
    return view


def painted_backgrounds(view: ArticleView, start: int, end: int) -> set:
    """The background colours drawn under the article's characters start..end."""
    row = view.row_of(start)
    line_start = view._layout.lines[row].start
    seen = set()
    for segment in view.render_line(row - round(view.scroll_y)):
        offset = segment.style.meta.get("offset") if segment.style else None
        if offset is None or offset[0] < 0:
            continue
        for i, char in enumerate(segment.text):
            if char.strip() and start <= line_start + offset[0] + i < end:
                seen.add(segment.style.bgcolor)
    return seen


async def test_escape_in_the_article_closes_an_open_find_then_goes_to_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await find_and_go_there(pilot, "Farah")
        await pilot.press("escape")
        assert app.focused is view  # the article keeps the keys
        assert not app.screen.query_one(FindBar).has_class("-visible")
        assert view.matches == []  # no match highlighted any more
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(SourceList)


async def test_opening_another_article_closes_the_find(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await find_and_go_there(pilot, "Farah")
        assert view.article.id == AFP_ID
        app.screen.open_article(OTHER_ID)  # as the palette and the Notes screen do
        assert await wait_until(pilot, lambda: view.article.id == OTHER_ID)
        bar = app.screen.query_one(FindBar)
        assert not bar.has_class("-visible")
        assert "no matches" not in str(bar.query_one("#find-count").render())
        assert view.matches == []


async def test_a_note_under_the_found_match_shows_its_colour_once_the_find_closes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        start = article.text.index("Farah Dakhlallah")
        end = start + len("Farah Dakhlallah")
        note = app.session.annotations.add(article, start, end, note="spokeswoman", color="green")
        view = app.screen.query_one(ArticleView)
        # Shown once the article's notes are read again (as the file watcher would).
        app.screen.shown_notes.reload()
        assert await wait_until(pilot, lambda: any(p.id == note.id for p in view.annotations))
        view = await find_and_go_there(pilot, "Farah Dakhlallah")
        green = highlight_style("green", app.current_theme.dark).bgcolor
        assert green not in painted_backgrounds(view, start, end)  # the match over it
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert painted_backgrounds(view, start, end) == {green}


async def test_a_second_escape_before_the_find_has_finished_closing_still_reaches_the_list(
    make_app,
):
    """Two Esc keys in a burst: the first closes the find, the second goes to the list,
    even when the second is handled before the screen hears the find has closed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await find_and_go_there(pilot, "Farah")
        app.screen.action_back()  # closes the find; its Closed message is still queued
        app.screen.action_back()  # the second Esc, ahead of that message
        await settle(pilot)
        assert app.focused is app.screen.query_one(SourceList)


async def test_enter_in_the_find_bar_goes_to_the_match_shown_as_help_says(make_app):
    """↓ steps to the next match; Enter goes to the match shown (it does not step), the
    keys to the article. Help listed Enter as "Next match" too."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"trump")
        await settle(pilot)
        first = view.current_match
        await press_in_turn(pilot, "down")
        await settle(pilot)
        assert view.current_match == first + 1
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert view.current_match == first + 1 and app.focused is view
        assert app.screen.query_one(FindBar).is_open
    next_keys = {
        key.strip()
        for _title, bindings in key_sections()
        for binding in bindings
        if binding.id == "find.next"
        for key in binding.key.split(",")
    }
    assert next_keys == {"down"}
