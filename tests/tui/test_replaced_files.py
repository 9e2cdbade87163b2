"""Files changed while the app was closed with their size and time kept, or only their
change time (a chmod): what the app shows after its start-up update."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.formats import load_article
from reader.notes.anchoring import make_target
from reader.notes.schema import Annotation, ArticleRef
from reader.notes.store import NotesStore
from reader.session import Session
from reader.state import LastOpen
from reader.tui.article.view import ArticleView
from reader.tui.library_worker import ArticleLoaded
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, replaced_keeping_times
from tests.tui.conftest import settle, wait_until


def status_text(app) -> str:
    return str(app.screen.query_one("#status-progress").render())


def indexed(library: Path) -> Session:
    session = Session(library)
    session.update_index()
    return session


def doc_of(session: Session, article_id: str) -> int:
    sql = "SELECT doc FROM articles WHERE id = ?"
    return session.index.read(lambda conn: conn.execute(sql, (article_id,)).fetchone()[0])


async def test_an_article_replaced_with_the_same_size_and_time_shows_its_new_text(
    make_app, library
):
    session = indexed(library)
    session.index.close()
    session.state.close()
    path = library / AFP_ID
    replaced_keeping_times(path, "'global security'", "'global finances'")  # its title
    replaced_keeping_times(path, "Palm Beach", "Palm Grove")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        sources = app.screen.query_one(SourceList)

        def titles() -> list[str]:
            return [row[1] for row in sources._listing.rows]

        assert await wait_until(pilot, lambda: "Index" in status_text(app), timeout=15)
        await settle(pilot)
        assert "NATO chief discusses 'global finances' with Trump" in titles()
        assert not any("global security" in title for title in titles())
        assert view.article is not None and view.article.id == AFP_ID
        assert "Palm Grove" in view.article.text and "Palm Beach" not in view.article.text


async def test_an_article_whose_mode_changed_keeps_its_place_and_notes_and_is_not_changed(
    make_app, library
):
    """A chmod changes a file's change time, not its text: the article's row, its
    reading place and its notes are kept, and the status line does not call it changed."""
    session = indexed(library)
    article = session.article(AFP_ID)
    start = article.text.index("Farah Dakhlallah")
    target = make_target(article.text, start, start + len("Farah Dakhlallah"))
    NotesStore(session.notes_dir).add(
        ArticleRef.from_article(load_article(library / AFP_ID, library)),
        Annotation.new(target, "the spokeswoman"),
    )
    place = article.text.index("In his first term")
    session.state.save_position(AFP_ID, place)
    session.state.save_last_open(LastOpen(AFP_ID, 3))
    doc = doc_of(session, AFP_ID)
    session.index.close()
    session.state.close()
    (library / AFP_ID).chmod(0o600)
    app = make_app()
    seen: list = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: "Index" in status_text(app), timeout=15)
        await settle(pilot)
        assert status_text(app).startswith("Index up to date")
        assert view.article is not None and view.article.id == AFP_ID
        assert view.cursor == place
        assert [a.annotation.note for a in view.annotations] == ["the spokeswoman"]
        # Not read again as changed once the update is done (a message bubbles up: it
        # is seen once by each widget it reaches).
        messages = list({id(m): m for m in seen}.values())
        # Read once, to open it where the reader was: not again once the update saw the
        # change time move (the first read may come after the update on a busy machine).
        loads = [m for m in messages if isinstance(m, ArticleLoaded)]
        assert len(loads) == 1, loads
        assert doc_of(app.session, AFP_ID) == doc


async def test_the_article_reopened_at_start_is_read_once_however_slow_the_read(
    make_app, library, monkeypatch
):
    """The list's row for the article read last is highlighted as the app starts; on a
    busy machine its preview came before the reopening's read had ended and read the
    article again (shown twice, the second time at its saved place)."""
    import time

    session = indexed(library)
    session.state.save_last_open(LastOpen(AFP_ID, 3))
    session.index.close()
    session.state.close()
    slow = Session.article

    def slow_article(self, article_id):
        time.sleep(0.5)  # (in the worker's thread: a busy machine)
        return slow(self, article_id)

    monkeypatch.setattr(Session, "article", slow_article)
    app = make_app()
    seen: list = []
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None, timeout=15)
        await pilot.pause(1.5)
        loads = {id(m): m for m in seen if isinstance(m, ArticleLoaded)}
        assert len(loads) == 1, list(loads.values())
        assert view.article is not None and view.article.id == AFP_ID
