"""The mouse in the lists: a click picks, a double-click opens (the library, Related); a
click on a source header's arrow folds or unfolds it, as in a file tree."""

from __future__ import annotations

from reader.tui.article.view import ArticleView
from reader.tui.screens.related import RelatedScreen
from reader.tui.widgets.pick_list import PickList
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import press_in_turn, settle


async def test_a_double_click_on_a_related_article_opens_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == AFP_ID
        await press_in_turn(pilot, "R")
        await settle(pilot)
        # A click picks it (c would compare it), as a click in the library does.
        await pilot.click(PickList, offset=(6, 0))
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        assert app.screen.query_one(PickList).highlighted == 0
        await pilot.double_click(PickList, offset=(6, 1))
        await settle(pilot)
        assert not isinstance(app.screen, RelatedScreen)
        assert app.screen.query_one(ArticleView).article.id == OTHER_ID


def folded(sources: SourceList) -> set[str]:
    return set(sources._collapsed)


async def test_a_click_on_a_source_headers_arrow_folds_and_unfolds_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        rows = sources.row_count
        await pilot.click(SourceList, offset=(0, 0))  # the ▾ of the first source, AFP
        await settle(pilot)
        assert folded(sources) == {"AFP"} and sources.row_count == rows - 1
        assert sources.render_row(0, 0, 40, False).plain.startswith("▸ AFP")
        await pilot.click(SourceList, offset=(0, 0))
        await settle(pilot)
        assert folded(sources) == set() and sources.row_count == rows
        # A double-click on the arrow folds it once, not twice.
        await pilot.double_click(SourceList, offset=(0, 0))
        await settle(pilot)
        assert folded(sources) == {"AFP"}


async def test_a_click_on_a_source_headers_name_picks_it_and_a_double_click_folds_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await pilot.click(SourceList, offset=(4, 0))
        await settle(pilot)
        assert folded(sources) == set() and sources.cursor == 0
        await pilot.double_click(SourceList, offset=(4, 0))
        await settle(pilot)
        assert folded(sources) == {"AFP"}
