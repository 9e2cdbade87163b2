"""The app with an index it cannot write, or one removed while it runs."""

from __future__ import annotations

import asyncio
import threading

from reader.search import LibraryIndex, sync
from reader.search import schema as index_schema
from reader.tui import library_worker
from reader.tui.article.view import ArticleView
from reader.tui.library_worker import LibraryWorker
from reader.tui.widgets.hit_list import HitList
from tests.conftest import AFP_ID, OTHER_ID
from tests.search.test_index_trouble import make_index_read_only
from tests.tui.conftest import press_in_turn, settle, typed, wait_until


async def _meanwhile(pilot, condition, timeout: float = 10.0) -> bool:
    """Whether condition() comes to hold while a worker is held (so without settling)."""
    for _ in range(int(timeout / 0.05)):
        await pilot.pause()
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


def _status(app) -> str:
    return str(app.screen.query_one("#status-progress").render())


def _search_message(app) -> str:
    return str(app.screen.query_one("#search-message").render())


def _hit_ids(app) -> list[str]:
    hits = app.screen.query_one(HitList)
    return [hit.id for hit in hits.hits] if hits.display else []


async def test_a_read_only_index_is_searched_and_the_status_line_says_so(
    make_app, library, monkeypatch
):
    with LibraryIndex(library) as index:
        index.update(workers=1)
    (library / "AFP" / "late.txt").write_text("NATO late news\n\nWritten after the index.\n")
    make_index_read_only(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _status(app) == "Index read-only: searching it as it is, without updating"
        assert not app._notifications  # a state, not an error: no toast
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"nato")
        assert await wait_until(pilot, lambda: len(_hit_ids(app)) == 2)
        assert set(_hit_ids(app)) == {AFP_ID, OTHER_ID}
        assert _search_message(app) == ""


async def test_an_index_removed_while_the_app_runs_is_rebuilt_and_search_says_so(
    make_app, library, monkeypatch
):
    app = make_app()
    gate = threading.Event()  # holds the rebuild, to see what the app says meanwhile
    update = LibraryIndex.update

    def held(self, *args, **kwargs):
        if not self.path.exists():
            gate.wait(10)
        return update(self, *args, **kwargs)

    monkeypatch.setattr(LibraryIndex, "update", held)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path = app.session.index.path
        index_schema.remove_db(path)  # `rm -r ~/.cache/reader` while the app runs
        await pilot.press("slash", *"nato")
        assert await _meanwhile(pilot, lambda: _search_message(app) == "Rebuilding the index…")
        assert "no such table" not in _status(app)
        gate.set()
        assert await wait_until(pilot, lambda: set(_hit_ids(app)) == {AFP_ID, OTHER_ID})
        assert await wait_until(pilot, lambda: _search_message(app) == "")
        assert path.exists()
        await press_in_turn(pilot, "down", "j", "enter")  # opening an article reads the new index
        await settle(pilot)
        assert app.screen.query_one(ArticleView).plain_lines()
        assert app.is_running


async def test_opening_an_article_after_the_index_was_removed_rebuilds_it(make_app, library):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path = app.session.index.path
        index_schema.remove_db(path)
        await pilot.press("j", "j")  # previews the next article, from the index
        assert await wait_until(pilot, lambda: path.exists() and app.session.index.count() == 2)
        view = app.screen.query_one(ArticleView)
        # The preview comes from the rebuilt index once it is there, however loaded the machine.
        title = "NATO Chief Meets Trump"
        assert await wait_until(
            pilot, lambda: view.plain_lines()[:1] != [] and view.plain_lines()[0].startswith(title)
        ), view.plain_lines()[:3]
        assert app.is_running


async def test_a_source_header_highlighted_as_the_index_is_rebuilt_stays_highlighted(
    make_app, library
):
    """The index found gone and rebuilt (by the file watch catching up, on a loaded
    machine) between two `j`s: the second goes from the header to its article, shown."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index_schema.remove_db(app.session.index.path)
        await press_in_turn(pilot, "j")  # the "Unattributed" header
        app.screen.load_library()  # as the watch does when it finds the index gone
        await settle(pilot)
        assert app.session.index.count() == 2
        await press_in_turn(pilot, "j")
        await settle(pilot)
        assert app.screen.sources.highlighted_id == OTHER_ID
        view = app.screen.query_one(ArticleView)
        assert view.plain_lines()[0].startswith("NATO Chief Meets Trump"), view.plain_lines()[:3]


async def test_an_article_moved_to_while_the_index_is_built_anew_is_shown_once_it_is(
    make_app, library, monkeypatch
):
    removed, holding, gate = threading.Event(), threading.Event(), threading.Event()
    catch_up, update = LibraryWorker._catch_up, sync.update

    def late(self, changed):  # the watches set once the index is gone (a loaded machine)
        removed.wait(10)
        return catch_up(self, changed)

    def held(*args, **kwargs):
        if removed.is_set() and not gate.is_set():  # the new, empty index, being filled
            holding.set()
            gate.wait(10)
        return update(*args, **kwargs)

    monkeypatch.setattr(LibraryWorker, "_catch_up", late)
    monkeypatch.setattr(sync, "update", held)
    monkeypatch.setattr(library_worker, "ROWS_EVERY", 60.0)  # no rows shown while held
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index_schema.remove_db(app.session.index.path)
        removed.set()  # the app finds its index gone, and builds it anew
        assert await _meanwhile(pilot, holding.is_set)
        await pilot.press("j")  # the next source's header
        await _meanwhile(pilot, lambda: False, timeout=0.5)
        await pilot.press("j")  # the next article: read while the index is still empty
        await _meanwhile(pilot, lambda: False, timeout=1.0)
        gate.set()
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert app.screen.sources.highlighted_id == OTHER_ID
        assert view.plain_lines()[:1] != [], view.empty_message
        assert view.plain_lines()[0].startswith("NATO Chief Meets Trump")
        assert app.is_running


async def test_the_notes_screen_and_compare_after_the_index_was_removed_rebuild_it(
    make_app, library
):
    from reader.ingest.formats import load_article
    from reader.notes.anchoring import make_target
    from reader.notes.schema import Annotation, ArticleRef
    from reader.notes.store import NotesStore
    from reader.session import Session

    article = load_article(library / AFP_ID, library)
    start = article.text.index("Farah Dakhlallah")
    target = make_target(article.text, start, start + len("Farah Dakhlallah"))
    NotesStore(Session(library).notes_dir).add(
        ArticleRef.from_article(article), Annotation.new(target, "the spokeswoman")
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = app.session.index
        await press_in_turn(pilot, "enter")  # the article open, told by another source too
        await settle(pilot)
        index_schema.remove_db(index.path)
        await press_in_turn(pilot, "c")  # compare: reads the other article from the index
        assert await wait_until(pilot, lambda: index.path.exists() and index.count() == 2)
        index_schema.remove_db(index.path)
        await press_in_turn(pilot, "escape", "A")  # the Notes screen reads the articles too
        assert await wait_until(pilot, lambda: index.path.exists() and index.count() == 2)
        assert app.is_running
