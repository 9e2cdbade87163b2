"""The library list while the index is built anew: the library the reader had stays, and
so does the article chosen, until the new index is complete."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import pytest

from reader.search import LibraryIndex, sync
from reader.search import schema as index_schema
from reader.session import Session
from reader.tui import library_worker
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID
from tests.tui.conftest import settle
from tests.tui.test_index_trouble import _meanwhile, _status

CHOSEN = "Zeta/story-12.txt"  # read last by a build (the newest file)
ARTICLES = 2 + 24  # the bundled two, and those made below


@pytest.fixture
def big_library(library):
    """The bundled library and 24 articles more, in two folders; CHOSEN the newest file."""
    for n in range(12):
        for folder in ("Alpha", "Zeta"):
            path = library / folder / f"story-{n + 1}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"{folder} story {n + 1}\n\nThe text of {folder} story {n + 1}.\n")
    later = time.time() + 1000
    os.utime(library / CHOSEN, (later, later))
    return library


class HeldBuild:
    """An index build held once it has written its first chunk of articles (once
    `armed`): `holding` says it waits, `gate` lets it go on."""

    def __init__(self, monkeypatch) -> None:
        self.armed, self.holding, self.gate = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        self._written = 0
        write = sync.write

        def held(conn, results, root):
            if self.armed.is_set() and not self.gate.is_set():
                self._written += 1
                if self._written > 1:
                    self.holding.set()
                    self.gate.wait(10)
            return write(conn, results, root)

        monkeypatch.setattr(sync, "write", held)


def _ids(app) -> set[str]:
    sources = app.screen.query_one(SourceList)
    return {row[0] for row in sources._listing.rows}


def _highlighted(app) -> str | None:
    return app.screen.query_one(SourceList).highlighted_id


async def _choose(pilot, article_id: str) -> None:
    app = pilot.app
    app.screen.query_one(SourceList).highlight_article(article_id)
    await settle(pilot)
    assert _highlighted(app) == article_id


async def test_the_list_stays_whole_while_an_index_removed_is_built_anew(
    make_app, big_library, monkeypatch
):
    build = HeldBuild(monkeypatch)
    monkeypatch.setattr(library_worker, "ROWS_EVERY", 0.0)  # rows from the index at each chunk
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(_ids(app)) == ARTICLES
        await _choose(pilot, CHOSEN)
        build.armed.set()
        index_schema.remove_db(app.session.index.path)  # `rm` of the index while the app runs
        app.screen.reload()  # the palette's "Update the index"
        assert await _meanwhile(pilot, build.holding.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)  # rows it would show, shown
        assert len(_ids(app)) == ARTICLES
        assert _highlighted(app) == CHOSEN
        assert _status(app).startswith("Rebuilding")
        build.gate.set()
        await settle(pilot)
        assert len(_ids(app)) == ARTICLES
        assert _highlighted(app) == CHOSEN
        assert app.session.index.count() == ARTICLES


async def test_a_second_load_during_a_rebuild_keeps_the_article_chosen(
    make_app, big_library, monkeypatch
):
    from reader.infra.watching import Changes
    from reader.tui.library_worker import FilesChanged

    build = HeldBuild(monkeypatch)
    second = threading.Event()  # the second load has listed, and waits to update
    update_index = Session.update_index

    def counted(self, *args, **kwargs):
        if build.holding.is_set():
            second.set()
        return update_index(self, *args, **kwargs)

    monkeypatch.setattr(Session, "update_index", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _choose(pilot, CHOSEN)
        build.armed.set()
        index_schema.remove_db(app.session.index.path)
        app.screen.reload()
        assert await _meanwhile(pilot, build.holding.is_set)
        # The watcher sees files change meanwhile: the library is loaded again.
        app.screen.post_message(FilesChanged(Changes(library=True, notes=False)))
        assert await _meanwhile(pilot, second.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)
        assert _highlighted(app) == CHOSEN
        build.gate.set()
        await settle(pilot)
        assert _highlighted(app) == CHOSEN
        assert len(_ids(app)) == ARTICLES
        assert app.session.index.count() == ARTICLES


async def test_an_index_of_an_older_schema_shows_the_files_until_rebuilt(
    make_app, big_library, monkeypatch
):
    with LibraryIndex(big_library) as index:
        index.update(workers=1)
        path = index.path
    with sqlite3.connect(path) as conn:  # as a version of reader before this one left it
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    build = HeldBuild(monkeypatch)
    build.armed.set()
    monkeypatch.setattr(library_worker, "ROWS_EVERY", 0.0)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await _meanwhile(pilot, build.holding.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)
        assert len(_ids(app)) == ARTICLES  # every file, named by the scan
        assert _status(app).startswith("Rebuilding")
        app.screen.query_one(SourceList).highlight_article(CHOSEN)  # (the build still held)
        assert await _meanwhile(pilot, lambda: _highlighted(app) == CHOSEN)
        build.gate.set()
        await settle(pilot)
        assert _highlighted(app) == CHOSEN
        rows = dict((row[0], row[1]) for row in app.screen.query_one(SourceList)._listing.rows)
        assert rows[AFP_ID] == "NATO chief discusses 'global security' with Trump"  # its own title
        assert len(rows) == ARTICLES
