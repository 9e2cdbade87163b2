"""Keys typed at once after launch, before the library is listed, act once it is."""

from __future__ import annotations

from reader.session import Session
from reader.tui.article.view import ArticleView
from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import OTHER_ID
from tests.tui.conftest import at_once, burst, settle, wait_until


async def test_enter_then_select_and_annotate_typed_at_launch_open_the_note_dialog(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "V", "a")  # before the first listing is shown
        assert await wait_until(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        view = app.screen_stack[0].query_one(ArticleView)
        first = app.screen_stack[0].sources.highlighted_id
        assert view.article is not None and view.article.id == first
        quote = str(app.screen.query_one("#annotate-quote").render()).strip("“” \n")
        assert quote and quote[:40] in view.article.text  # a paragraph of the article shown
        await pilot.press(*"typed early", "ctrl+s")
        await settle(pilot)
        [note] = app.session.annotations.for_article(view.article).placed
        assert note.annotation.note == "typed early"


async def test_keys_typed_right_after_enter_act_on_the_article_it_opens(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        # Down to the second article and into it, then select and annotate, in one burst:
        # the article is still being read when V and a arrive.
        await pilot.press("j", "j", "enter", "V", "a")
        assert await wait_until(pilot, lambda: isinstance(app.screen, AnnotateScreen))
        assert main.sources.highlighted_id == OTHER_ID
        assert main.article.id == OTHER_ID


async def test_search_then_down_typed_at_launch_reach_the_hits(make_app, library):
    Session(library).update_index()  # the hits are there as soon as asked for
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        # In one burst, before the widgets shown after the first frame (the hits) exist.
        burst(app, "/nato")
        at_once(app, "down")
        assert await wait_until(pilot, lambda: main._showing_hits and main.hits.row_count > 0)
        assert app.focused is main.hits
        assert main.search_input.value == "nato"


async def test_search_then_down_typed_at_launch_with_no_query_stay_in_the_library(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        at_once(app, "slash", "down")
        await settle(pilot)
        assert app.is_running and app.screen is main
        assert app.focused is main.sources and not main._showing_hits
