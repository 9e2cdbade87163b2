"""A damaged reading state file is told in one line, set aside, and the app goes on."""

from __future__ import annotations

import pytest

from reader.paths import data_dir
from reader.tui.article.view import ArticleView
from tests.read_only_state import make_read_only, restore
from tests.tui.conftest import Notified, open_first, press_in_turn, settle, wait_until


def garbage(path) -> None:
    path.write_bytes(b"\x00\xffnot a database" * 3000)


def truncated(path) -> None:
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE reading (library TEXT, article TEXT, position INT, read_at REAL)")
        db.executemany(
            "INSERT INTO reading VALUES ('x', ?, 0, 1.0)",
            [(f"a{n:05d}" * 10,) for n in range(3000)],
        )
    db.close()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


@pytest.mark.parametrize("damage", [garbage, truncated])
async def test_a_damaged_reading_state_is_told_once_and_reading_goes_on(make_app, damage):
    data_dir().mkdir(parents=True, exist_ok=True)
    damage(data_dir() / "state.sqlite")
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=notified) as pilot:
        view = await open_first(pilot)
        assert isinstance(view, ArticleView) and view.article is not None
        await press_in_turn(pilot, "j", "j")
        await settle(pilot)
        told = [m for m in notified.messages() if "reading state" in m.lower()]
        assert len(told) == 1 and "\n" not in told[0], notified.messages()
        assert "set aside as" in told[0] and str(data_dir() / "state.damaged") in told[0]
        await press_in_turn(pilot, "ctrl+q")
    assert (data_dir() / "state.damaged").exists()


@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
async def test_a_read_only_reading_state_is_told_once_and_reading_goes_on(
    make_app, library, monkeypatch, folder
):
    from reader.state import ReadingState

    db = data_dir() / "state.sqlite"
    db.parent.mkdir(parents=True, exist_ok=True)
    there = ReadingState(library, db)  # a state file there
    there.save_position("elsewhere.txt", 1)
    there.close()
    make_read_only(db, monkeypatch, folder=folder)
    notified = Notified()
    app = make_app()
    try:
        async with app.run_test(size=(100, 30), message_hook=notified) as pilot:
            view = await open_first(pilot)  # marked read
            assert view.article is not None
            await press_in_turn(pilot, "j", "j", "j")
            await wait_until(pilot, lambda: view.article.id in app.screen.sources.read_ids)
            await press_in_turn(pilot, "tab", "j", "enter")  # another article
            await settle(pilot)
            await press_in_turn(pilot, "ctrl+q")  # the reading place saved as it is left
        told = [m for m in notified.messages() if "reading state" in m.lower()]
        assert len(told) == 1 and "cannot be written" in told[0], notified.messages()
        assert app.return_code in (0, None)
    finally:
        restore(db, folder=folder)
