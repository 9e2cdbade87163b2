"""Articles leaving the library, while the app runs or while it is closed: the totals,
the article reopened at start-up, the open article, and the Related dialog follow."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.session import Session
from reader.tui.article.view import ArticleView
from reader.tui.widgets.source_list import SourceList
from tests.tui.conftest import Notified, open_first, press_in_turn, settle, typed, wait_until

A, C = "Wire/a.txt", "Wire/c.txt"
BINARY = bytes(range(32)) * 64  # control bytes: a file no longer text


@pytest.fixture
def two(tmp_path) -> Path:
    """A library of two articles, a and c, listed in that order."""
    root = tmp_path / "two"
    (root / "Wire").mkdir(parents=True)
    (root / A).write_text("Alpha story\n\nThe alpha body sentence is here.\n")
    (root / C).write_text("Gamma story\n\nThe gamma body sentence is here.\n")
    return root


def totals(app) -> str:
    return str(app.screen.query_one("#status-totals").render())


def progress(app) -> str:
    return str(app.screen.query_one("#status-progress").render())


def indexed_with(root: Path, read: tuple[str, ...] = (), last: str | None = None) -> None:
    """The state an earlier app left: the library indexed, `read` marked read, `last`
    the article shown when it was left."""
    from reader.state import LastOpen

    session = Session(root)
    session.update_index()
    for article_id in read:
        session.state.mark_read(article_id)
    if last is not None:
        session.state.save_last_open(LastOpen(last, 0))
    session.index.close()
    session.state.close()


# ----- the unread count ----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["removed", "binary"])
async def test_a_read_article_leaving_while_the_app_runs_is_no_longer_counted(make_app, two, how):
    app = make_app(two)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await press_in_turn(pilot, "enter", "escape")  # a is read
        assert await wait_until(pilot, lambda: totals(app).startswith("2 articles · 1 unread"))
        if how == "removed":
            (two / A).unlink()
        else:
            (two / A).write_bytes(BINARY)
        assert await wait_until(pilot, lambda: sources.article_count == 1, timeout=15)
        assert await wait_until(pilot, lambda: totals(app).startswith("1 article · 1 unread"))


@pytest.mark.parametrize("how", ["removed", "binary"])
async def test_a_read_article_gone_while_the_app_was_closed_is_not_counted(make_app, two, how):
    indexed_with(two, read=(A,))
    if how == "removed":
        (two / A).unlink()
    else:
        (two / A).write_bytes(BINARY)
    app = make_app(two)
    async with app.run_test(size=(120, 30)) as pilot:
        sources = app.screen.query_one(SourceList)
        assert await wait_until(pilot, lambda: sources.article_count == 1, timeout=15)
        await settle(pilot)
        assert totals(app).startswith("1 article · 1 unread")


# ----- the article read last, gone at start-up ---------------------------------------------

GONE_LAST = "The article read last is no longer in the library"


@pytest.mark.parametrize("how", ["removed", "binary", "binary, indexed since"])
async def test_the_article_read_last_gone_since_opens_the_first_and_the_status_says_so(
    make_app, two, how
):
    indexed_with(two, last=C)
    if how == "removed":
        (two / C).unlink()
    else:
        (two / C).write_bytes(BINARY)
    if how.endswith("indexed since"):  # (`reader index` ran meanwhile)
        indexed_with(two)
    app = make_app(two)
    async with app.run_test(size=(140, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        sources = app.screen.query_one(SourceList)
        assert await wait_until(pilot, lambda: sources.article_count == 1, timeout=15)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == A
        assert sources.highlighted_id == A
        assert progress(app).startswith(GONE_LAST), progress(app)
        # Said once: the next change in the library says only what it did.
        (two / "Wire" / "d.txt").write_text("Delta story\n\nThe delta body sentence is here.\n")
        assert await wait_until(pilot, lambda: sources.article_count == 2, timeout=15)
        await settle(pilot)
        assert progress(app).startswith("Index"), progress(app)  # what the update did
        assert view.article.id == A


# ----- the open article leaving, text selected or a note being written ---------------------


def notes_files(app) -> list[Path]:
    return sorted(app.session.notes_dir.rglob("*.yaml"))


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("removed", "This article is no longer in the library."),
        ("binary", "This article can no longer be read: binary file, not text."),
    ],
)
async def test_the_open_article_leaving_under_a_selection_is_shown_gone_and_takes_no_note(
    make_app, two, how, said
):
    notified = Notified()
    app = make_app(two)
    async with app.run_test(size=(140, 30), message_hook=notified) as pilot:
        view = await open_first(pilot)
        sources = app.screen.query_one(SourceList)
        await press_in_turn(pilot, "V")  # a paragraph selected
        assert view.text_selection is not None or view.selecting
        if how == "removed":
            (two / A).unlink()
        else:
            (two / A).write_bytes(BINARY)
        assert await wait_until(pilot, lambda: sources.article_count == 1, timeout=15)
        assert await wait_until(pilot, lambda: view.article is None)
        assert view.empty_message == said
        assert view.text_selection is None and not view.selecting
        before = len(notified)
        await press_in_turn(pilot, "a")
        await settle(pilot)
        assert app.screen is app.main  # no note dialog: there is no text to annotate
        assert len(notified.messages()[before:]) == 1
        assert notes_files(app) == []


@pytest.mark.parametrize("how", ["removed", "binary"])
async def test_a_note_being_written_as_its_article_leaves_keeps_its_text_and_is_saved(
    make_app, two, how
):
    from reader.tui.screens.annotate import AnnotateScreen

    app = make_app(two)
    async with app.run_test(size=(140, 30)) as pilot:
        await open_first(pilot)
        sources = app.main.query_one(SourceList)
        await press_in_turn(pilot, "V", "a")
        await typed(pilot, *"kept words")
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        if how == "removed":
            (two / A).unlink()
        else:
            (two / A).write_bytes(BINARY)
        assert await wait_until(pilot, lambda: sources.article_count == 1, timeout=15)
        await settle(pilot)
        assert app.screen is dialog
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is app.main
        [saved] = notes_files(app)
        assert "kept words" in saved.read_text()
