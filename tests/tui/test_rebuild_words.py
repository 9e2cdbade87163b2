"""While the index is rebuilt the app says so, in the article pane and on the status line,
from start to end, and says it was rebuilt once it is; whether it is built anew at
start-up or read again from the palette."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from reader.search import sync
from reader.search.schema import SCHEMA_VERSION
from reader.session import Session
from reader.tui.article.view import ArticleView
from tests.test_hostile import screen_text
from tests.tui.conftest import settle
from tests.tui.test_index_trouble import _meanwhile, _status


class HeldUpdate:
    """Index updates held, once `armed`, after they have said how far they are (what
    `gate` lets go on)."""

    def __init__(self, monkeypatch, *, armed: bool) -> None:
        self.armed, self.holding, self.gate = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        if armed:
            self.armed.set()
        update = sync.update

        def held(*args, **kwargs):
            if self.armed.is_set() and not self.gate.is_set():
                progress = args[2] if len(args) > 2 else kwargs.get("progress")
                if progress is not None:
                    progress(0, 2)
                self.holding.set()
                self.gate.wait(10)
            return update(*args, **kwargs)

        monkeypatch.setattr(sync, "update", held)


@pytest.fixture
def outdated_index(library):
    """The library's index, of a schema before this one: built anew at start-up."""
    session = Session(library)
    session.update_index()
    path = session.index.path
    session.index.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),)
        )
    conn.close()
    return library


async def test_at_start_up_a_rebuild_is_said_in_the_article_pane_and_when_done(
    make_app, outdated_index, monkeypatch
):
    build = HeldUpdate(monkeypatch, armed=True)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await _meanwhile(pilot, build.holding.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)  # the article asked for meanwhile
        assert _status(app).startswith("Rebuilding")
        shown = "\n".join(screen_text(app))
        assert "Rebuilding the index…" in shown and "Loading the library" not in shown, shown
        build.gate.set()
        await settle(pilot)
        assert _status(app) == "Index rebuilt: 2 articles"
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.plain_lines()


async def test_the_palettes_rebuild_says_rebuilding_until_done_then_rebuilt(make_app, monkeypatch):
    build = HeldUpdate(monkeypatch, armed=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        build.armed.set()
        app.screen.rebuild()  # the palette's "Rebuild the index"
        assert await _meanwhile(pilot, build.holding.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)  # how far it is, shown
        assert _status(app).startswith("Rebuilding the index"), _status(app)
        build.gate.set()
        await settle(pilot)
        assert _status(app) == "Index rebuilt: 2 articles"
