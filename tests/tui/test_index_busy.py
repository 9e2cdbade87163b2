"""The app starting while another process writes the index (`reader index` of a big
library): the index is searched as it is, the status line says so, and the update is
tried again later rather than failing."""

from __future__ import annotations

import sqlite3

from reader.search import LibraryIndex
from reader.tui import library_worker
from reader.tui.screens import main as main_screen
from reader.tui.widgets.hit_list import HitList
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import press_in_turn, typed, wait_until

WAITS = 60.0  # seconds: far above what any of it needs


def _status(app) -> str:
    return str(app.screen.query_one("#status-progress").render())


def _hit_ids(app) -> set[str]:
    hits = app.screen.query_one(HitList)
    return {hit.id for hit in hits.hits} if hits.display else set()


async def test_an_index_another_process_writes_is_searched_then_updated_later(
    make_app, library, monkeypatch
):
    with LibraryIndex(library) as index:
        index.update(workers=1)
        path = index.path
    (library / "AFP" / "late.txt").write_text("NATO late news\n\nWritten after the index.\n")
    monkeypatch.setattr(main_screen, "BUSY_RETRY", 0.5, raising=False)
    monkeypatch.setattr(library_worker, "BUSY_WAIT", 1.0)  # not SQLite's 10 s
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process updating the index
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            assert await wait_until(pilot, lambda: "busy" in _status(app), WAITS), _status(app)
            assert not any(n.severity == "error" for n in app._notifications)
            await press_in_turn(pilot, "slash")
            await typed(pilot, *"nato")
            assert await wait_until(pilot, lambda: _hit_ids(app) == {AFP_ID, OTHER_ID}, WAITS)
            writer.execute("ROLLBACK")  # the other process is done
            assert await wait_until(pilot, lambda: len(_hit_ids(app)) == 3, WAITS)
            assert "AFP/late.txt" in _hit_ids(app)
            assert "busy" not in _status(app)
    finally:
        writer.close()
