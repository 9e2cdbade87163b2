"""One focus model on every screen: Esc goes exactly one level out and never into an
input; the list highlight and the article pane show the same article; no key typed
in a burst is lost.

selection → article → list; find bar → article (the find closed); search bar → list (the hits stay);
search hits → the whole library; a dialog or a pushed screen → the screen under it.
"""

from __future__ import annotations

from textual.widgets import Input

from reader.tui.article.view import ArticleView
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.screens.review import ReviewScreen
from reader.tui.widgets.hit_list import HitList
from reader.tui.widgets.search_bar import SearchInput
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import at_once, burst, open_first, press_in_turn, settle, typed, wait_until
from tests.tui.test_notes_screen import with_notes


async def search(pilot, text: str) -> HitList:
    """Type a query into the search bar (which keeps the focus) and wait for its hits."""
    await press_in_turn(pilot, "slash")
    await typed(pilot, *text)
    hits = pilot.app.screen.query_one(HitList)
    assert await wait_until(pilot, lambda: hits.display and hits.row_count > 0)
    return hits


# ----- selection → article → list -----------------------------------------------------------


async def test_escape_while_selecting_cancels_the_selection_and_stays_in_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await pilot.press("v", "w", "w")
        assert view.selecting and view.text_selection is not None
        await pilot.press("escape")
        assert app.focused is view
        assert not view.selecting and view.text_selection is None
        await pilot.press("escape")  # then out of the article
        assert app.focused is app.screen.query_one(SourceList)


async def test_escape_after_selecting_a_paragraph_stays_in_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await pilot.press("V")
        assert view.text_selection is not None
        await pilot.press("escape")
        assert app.focused is view and view.text_selection is None


async def test_escape_drops_a_mouse_selection_before_leaving_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        view.select_offsets(0, 20)  # as a drag with the mouse leaves it
        await pilot.pause()
        assert view.text_selection is not None
        await pilot.press("escape")
        assert app.focused is view and view.text_selection is None


async def test_escape_from_the_article_goes_to_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(SourceList)
        await pilot.press("escape")  # the library is the top: nothing further out
        assert app.focused is app.screen.query_one(SourceList)
        assert app.is_running


# ----- find bar → article --------------------------------------------------------------------


async def test_escape_from_the_find_bar_goes_back_to_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"trump")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        assert app.focused is view
        assert view.matches == []  # the find is closed, its highlights with it


# ----- search bar → list; search hits → library --------------------------------------------


async def test_escape_from_the_search_bar_goes_to_the_hits_and_keeps_them(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hits = await search(pilot, "trump")
        count = hits.row_count
        await pilot.press("escape")
        assert app.focused is hits
        assert hits.display and hits.row_count == count
        assert app.screen.query_one(SearchInput).value == "trump"


async def test_escape_from_an_empty_search_bar_goes_to_the_library(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "escape")
        assert app.focused is app.screen.query_one(SourceList)


async def test_escape_from_the_hits_clears_the_search_and_shows_the_library(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await search(pilot, "trump")
        await pilot.press("escape", "escape")
        sources = app.screen.query_one(SourceList)
        assert sources.display and app.focused is sources
        assert not app.screen.query_one(HitList).display
        assert app.screen.query_one(SearchInput).value == ""
        assert str(app.screen.query_one("#left-title").render()) == "Library"


async def test_escape_twice_from_an_article_opened_from_a_hit_then_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await search(pilot, "trump")
        await pilot.press("enter", "enter")  # into the hits, open the first
        await settle(pilot)
        assert app.focused is app.screen.query_one(ArticleView)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(HitList)
        await pilot.press("escape")
        assert not isinstance(app.focused, Input)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen.query_one(SearchInput).value == ""
        assert not app.is_running


async def test_tab_moves_between_panes_and_never_into_an_input(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"nato")
        await press_in_turn(pilot, "enter")  # the find bar stays open, unfocused
        seen = []
        for key in ["tab"] * 5 + ["shift+tab"] * 5:
            await pilot.press(key)
            seen.append(app.focused)
        assert not any(isinstance(widget, Input) for widget in seen)
        assert app.screen.query_one(ArticleView) in seen
        assert app.screen.query_one(SourceList) in seen


# ----- the list highlight and the article pane agree ---------------------------------------


async def hit_other_than_the_highlighted(pilot) -> str:
    """In the hits, move to the article the library list does not highlight; its id."""
    screen = pilot.app.screen
    hits, view = screen.query_one(HitList), screen.view
    await pilot.press("down")  # into the hits
    if hits.hits[hits.cursor].id == AFP_ID:
        await pilot.press("j")
    assert await wait_until(pilot, lambda: view.article and view.article.id == OTHER_ID)
    return OTHER_ID


async def test_clearing_a_search_highlights_the_article_on_show(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SourceList).highlighted_id == AFP_ID
        await search(pilot, "trump")
        shown = await hit_other_than_the_highlighted(pilot)
        await press_in_turn(pilot, "escape")  # the hits → the whole library
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.highlighted_id == shown
        assert app.screen.query_one(ArticleView).article.id == shown


async def test_leaving_the_hits_right_after_moving_in_them_keeps_list_and_article_agreed(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hits = await search(pilot, "trump")
        await pilot.press("escape")  # into the hits, on the first
        first = hits.hits[0].id
        other = next(hit.id for hit in hits.hits if hit.id != first)
        await pilot.press("j", "escape")  # out before the moved-to hit is shown
        await settle(pilot)
        await pilot.pause(0.2)  # a preview still pending would have come by now
        sources, view = app.screen.query_one(SourceList), app.screen.query_one(ArticleView)
        assert sources.highlighted_id == view.article.id == other


async def test_deleting_the_query_highlights_the_article_on_show(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await search(pilot, "trump")
        shown = await hit_other_than_the_highlighted(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *["backspace"] * 5)
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.display
        assert sources.highlighted_id == shown
        assert app.screen.query_one(ArticleView).article.id == shown


async def test_clearing_a_search_unfolds_the_source_of_the_article_on_show(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("z")  # every source folded
        await search(pilot, "trump")
        shown = await hit_other_than_the_highlighted(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen.query_one(SourceList).highlighted_id == shown
        assert app.screen.query_one(ArticleView).article.id == shown


# ----- screens pushed over the library ------------------------------------------------------


async def test_notes_filter_escape_goes_to_the_table_then_clears_then_leaves(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"capital")
        assert len(screen.shown) == 1
        await pilot.press("escape")  # the filter stays, the table has the keys
        assert app.focused is screen.table and len(screen.shown) == 1
        await pilot.press("escape")  # the whole list again
        assert app.screen is screen and len(screen.shown) == 3
        assert not isinstance(app.focused, Input)
        await pilot.press("escape")  # back to the library
        assert isinstance(app.screen, MainScreen)


async def test_escape_on_export_goes_back_to_the_notes_screen(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        assert app.screen is screen


async def test_escape_on_related_and_help_goes_back_to_the_library(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_escape_while_selecting_in_compare_only_cancels_the_selection(make_app):
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        screen = app.screen
        screen.left.focus()
        await pilot.press("v", "w")
        assert screen.left.text_selection is not None
        await pilot.press("escape")
        assert app.screen is screen and app.focused is screen.left
        assert screen.left.text_selection is None
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# ----- no keystroke lost --------------------------------------------------------------------


async def test_a_query_typed_in_one_burst_after_slash_lands_whole_in_the_search_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        query = "adversarial OR nato OR florida"
        assert len(query) == 30
        burst(app, "/" + query)
        await settle(pilot)
        assert app.screen.query_one(SearchInput).value == query


async def test_a_phrase_typed_in_one_burst_after_f_lands_whole_in_the_find_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        burst(app, "fglobal security")
        await settle(pilot)
        assert app.screen.query_one("#find-input", Input).value == "global security"
        assert view.matches


async def test_words_typed_in_one_burst_after_slash_land_whole_in_the_notes_filter(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        burst(app, "/capital")
        await settle(pilot)
        assert screen.query_one("#notes-filter", Input).value == "capital"
        assert len(screen.shown) == 1
        await pilot.press("slash")  # in the filter, a "/" is text
        assert screen.query_one("#notes-filter", Input).value == "capital/"


async def test_keys_typed_right_after_a_opens_the_notes_screen_go_to_it(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        # In one burst: the Notes screen, its filter, words; none for the library below.
        burst(app, "A/where")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert app.screen.query_one("#notes-filter", Input).value == "where"
        assert main.search_input.value == ""
        assert main.focused is main.sources


async def test_a_key_typed_right_after_d_opens_the_review_goes_to_it(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        burst(app, "D/x")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert main.search_input.value == ""
        assert main.focused is main.sources


async def test_slash_and_f_typed_in_a_field_are_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"a/f")
        assert app.screen.query_one("#find-input", Input).value == "a/f"
        await press_in_turn(pilot, "escape", "slash")
        await typed(pilot, *"f/f")
        assert app.screen.query_one(SearchInput).value == "f/f"


async def test_keys_typed_in_one_burst_after_down_or_escape_in_the_search_bar_reach_the_list(
    make_app,
):
    """`/nato`, then ↓ (or Esc) and `j` at once: the j moves in the hits, it is not typed
    into the query."""
    for leave in ("down", "escape"):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press_in_turn(pilot, "slash")
            await typed(pilot, *"nato")
            hits = app.screen.query_one(HitList)
            assert await wait_until(pilot, lambda hits=hits: hits.row_count == 2)
            at_once(app, leave, "j")
            await settle(pilot)
            assert app.screen.query_one(SearchInput).value == "nato", leave
            assert app.focused is hits and hits.cursor == 1, leave


async def test_a_key_typed_in_one_burst_after_escape_in_the_notes_filter_is_not_filtered_on(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        burst(app, "/capital")
        await settle(pilot)
        at_once(app, "escape", "j")
        await settle(pilot)
        assert screen.query_one("#notes-filter", Input).value == "capital"
        assert app.focused is screen.table


async def test_a_key_typed_in_one_burst_after_escape_in_the_find_bar_moves_in_the_article(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        burst(app, "fglobal")
        await settle(pilot)
        at_once(app, "escape", "j")
        await settle(pilot)
        assert app.screen.query_one("#find-input", Input).value == "global"
        assert app.focused is view


async def test_keys_typed_in_one_burst_after_enter_or_down_before_the_hits_move_in_the_hits(
    make_app,
):
    """`/nato`, Enter (or ↓) and `j` in one burst, before the search has even run: the
    focus is in the hits at once, and the j moves in them once they come (it is not
    typed into the query)."""
    for leave in ("enter", "down"):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            burst(app, "/nato")
            at_once(app, leave, "j")
            hits = app.screen.query_one(HitList)
            # The j goes through several message queues after the hits come: wait for
            # both (a j lost or typed into the query never moves the cursor).
            moved = await wait_until(
                pilot, lambda hits=hits: hits.row_count == 2 and hits.cursor == 1
            )
            assert app.screen.query_one(SearchInput).value == "nato", leave
            assert moved and app.focused is hits, leave


async def test_enter_on_a_query_without_hits_leaves_the_keys_in_the_search_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/zzyzx")
        at_once(app, "enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one(SearchInput)
        await pilot.press("x")
        assert app.screen.query_one(SearchInput).value == "zzyzxx"


async def test_keys_typed_in_one_burst_after_enter_in_the_find_bar_step_through_the_matches(
    make_app,
):
    """`f`, `nato`, Enter and `n` in one burst: the n goes to the next match, it is not
    typed into the find."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"the")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        first = view.current_match
        await pilot.press("escape", "escape")
        await settle(pilot)
        view.focus()
        await settle(pilot)
        burst(app, "fthe")
        at_once(app, "enter", "n")
        await settle(pilot)
        assert app.screen.query_one("#find-input", Input).value == "the"
        assert app.focused is view
        assert view.current_match == first + 1


async def test_keys_typed_in_one_burst_after_enter_in_the_notes_filter_move_in_the_table(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        burst(app, "/place")
        at_once(app, "enter", "j")
        await settle(pilot)
        assert screen.query_one("#notes-filter", Input).value == "place"
        assert len(screen.shown) == 2
        assert app.focused is screen.table and screen.table.cursor_row == 1


async def test_escape_read_together_with_a_letter_leaves_each_bar_and_the_letter_acts_there(
    make_app,
):
    """An Esc quickly followed by `j` reaches the app as alt+j: it is Esc, then j."""
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"the")
        await settle(pilot)
        before = view.cursor
        await press_in_turn(pilot, "alt+j")
        await settle(pilot)
        assert app.screen.query_one("#find-input", Input).value == "the"
        assert app.focused is view and view.cursor > before
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"nato")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count == 2)
        await press_in_turn(pilot, "alt+j")
        await settle(pilot)
        assert app.screen.query_one(SearchInput).value == "nato"
        assert app.focused is hits and hits.cursor == 1
        await pilot.press("escape", "escape")
        screen = await with_notes(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"place")
        await press_in_turn(pilot, "alt+j")
        await settle(pilot)
        assert screen.query_one("#notes-filter", Input).value == "place"
        assert app.focused is screen.table and screen.table.cursor_row == 1


async def test_an_article_opened_keeps_the_focus_when_its_preview_is_asked_before_it_shows(
    make_app,
):
    """Enter reads the article for the reader to read; a preview of the same article
    asked before that read shows (the hits run again, a debounced highlight) replaces
    the read, and must not take the focus back to the list."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        view = screen.query_one(ArticleView)
        screen.load_article(OTHER_ID, focus=True)  # Enter on it
        screen.load_article(OTHER_ID)  # and a preview of it, before the first read ran
        assert await wait_until(pilot, lambda: view.article and view.article.id == OTHER_ID)
        await settle(pilot)
        assert app.focused is view


async def test_an_article_opened_is_not_dropped_by_a_reload_of_the_one_on_show(make_app):
    """The index, updated, reloads the article on show (unchanged, so nothing comes of
    it) just after Enter on another: the one opened still opens, with the focus."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        view = screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == AFP_ID
        screen.load_article(OTHER_ID, focus=True)  # Enter on it
        screen.load_article(AFP_ID, reload=True)  # the update's reload, before that read ran
        assert await wait_until(pilot, lambda: view.article and view.article.id == OTHER_ID)
        await settle(pilot)
        assert app.focused is view
