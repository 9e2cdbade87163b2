"""A query typed while the library is being indexed: the hits so far, said to be so,
and the search run again when the index is done."""

from __future__ import annotations

import threading

from reader.search import LibraryIndex
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import settle, wait_until
from tests.tui.test_index_trouble import _hit_ids, _meanwhile, _search_message


async def on_second_hit(pilot, *then: str) -> str:
    """Search "nato" (two hits) and move to the second, then press `then`; its id."""
    await settle(pilot)
    await pilot.press("slash", *"nato")
    assert await wait_until(pilot, lambda: len(_hit_ids(pilot.app)) == 2)
    await pilot.press("down", "j", *then)
    await settle(pilot)
    return _hit_ids(pilot.app)[1]


async def test_a_query_typed_during_the_first_indexing_is_run_again_when_it_is_done(
    make_app, library, monkeypatch
):
    gate = threading.Event()  # holds the first indexing, to type while it runs
    update = LibraryIndex.update

    def held(self, progress=None, **kwargs):
        progress(0, 2)  # the indexing has begun
        gate.wait(10)
        return update(self, progress=progress, **kwargs)

    monkeypatch.setattr(LibraryIndex, "update", held)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"nato")
        assert await _meanwhile(pilot, lambda: "indexing" in _search_message(app).lower())
        gate.set()
        assert await wait_until(pilot, lambda: set(_hit_ids(app)) == {AFP_ID, OTHER_ID})
        assert await wait_until(pilot, lambda: _search_message(app) == "")
        await settle(pilot)


async def test_hits_run_again_after_an_update_keep_the_cursor_on_the_same_article(
    make_app, library
):
    from reader.tui.article.view import ArticleView
    from reader.tui.widgets.hit_list import HitList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        second = await on_second_hit(pilot)  # shown in the article pane
        hits, view = app.screen.query_one(HitList), app.screen.query_one(ArticleView)
        assert hits.highlighted_id == second and view.article.id == second
        (library / "AFP" / "late.txt").write_text("NATO late news\n\nA third telling.\n")
        app.screen.reload()  # an update finds the new file
        assert await wait_until(pilot, lambda: len(_hit_ids(app)) == 3)
        await settle(pilot)
        assert hits.highlighted_id == second  # not sent back to the first hit
        assert view.article.id == second


async def test_the_article_being_read_stays_when_a_rerun_of_its_search_no_longer_finds_it(
    make_app, library
):
    from reader.tui.article.view import ArticleView

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        second = await on_second_hit(pilot, "enter")  # reading it
        view = app.screen.query_one(ArticleView)
        first = _hit_ids(app)[0]
        assert view.article.id == second and app.focused is view
        (library / second).write_text("Changed\n\nNothing about the alliance any more.\n")
        app.screen.reload()  # the update runs the search again: one hit, the other one
        assert await wait_until(pilot, lambda: _hit_ids(app) == [first])
        await settle(pilot)
        assert view.article.id == second  # still reading it, now as it reads on disk
        assert app.focused is view


async def test_hits_of_an_older_run_of_the_same_search_are_not_shown(make_app):
    """A search run again as the index grew: what the older run completes late (with
    fewer hits) is dropped, not shown over the newer hits (it would draw rows past the
    end of its list)."""
    from reader.search.query import parse_query
    from reader.search.results import SearchResult
    from reader.tui.library_worker import HitsFound
    from reader.tui.widgets.hit_list import HitList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nato")
        assert await wait_until(pilot, lambda: len(_hit_ids(app)) == 2)
        hits = app.screen.query_one(HitList)
        older = app.screen.library.search_run - 1
        stale = SearchResult(hits.hits[:1], 1, "", parse_query("nato"))
        app.screen.post_message(HitsFound("nato", stale, completed=True, run=older))
        await settle(pilot)
        assert len(_hit_ids(app)) == 2 and hits.row_count == 2
        assert app.is_running
