"""The library and the notes changing under the running app."""

from __future__ import annotations

import threading

import pytest

from reader.tui.article.view import ArticleView
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID
from tests.tui.conftest import Notified, press_in_turn, settle, typed, wait_until


async def test_files_added_edited_and_removed_are_picked_up(make_app, library):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await typed(pilot, *"jjjjjjjjjjjj")
        view = app.screen.query_one(ArticleView)
        sources = app.screen.query_one(SourceList)
        top, cursor = view.top_offset, view.cursor
        assert cursor > 0

        (library / "AFP" / "new.txt").write_text(
            "A story added while reading\n\nIt has a body sentence.\n"
        )
        assert await wait_until(pilot, lambda: sources.article_count == 3)

        # The open article is edited above the reading position: the same text stays on top.
        path = library / AFP_ID
        path.write_text(
            path.read_text().replace("READ MORE", "READ MORE\nOne more unrelated headline here")
        )
        assert await wait_until(pilot, lambda: "One more unrelated" in view.article.text)
        assert view.article.id == AFP_ID
        assert view.top_offset == top
        assert view.cursor == cursor

        (library / "AFP" / "new.txt").unlink()
        assert await wait_until(pilot, lambda: sources.article_count == 2)


async def test_notes_edited_on_disk_show_up(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        article = view.article
        # Another program (a second reader, git pull) adds a note.
        from reader.notes.placement import Annotations
        from reader.notes.store import NotesStore

        other = Annotations(NotesStore(app.session.notes_dir))
        at = article.text.index("Palm Beach")
        other.add(article, at, at + 10, note="from elsewhere")
        assert await wait_until(pilot, lambda: len(view.annotations) == 1)
        assert app.screen.query_one(SourceList).note_counts.get(AFP_ID) == 1


@pytest.fixture
def watching_held(monkeypatch):
    """The file watcher held back until the test lets it set its watches: a change made
    meanwhile falls after start-up read the files and before the watches could see it."""
    from reader.infra import watching

    release = threading.Event()
    watch = watching.watch

    def held(*args, **kwargs):
        release.wait(10)
        watch(*args, **kwargs)

    monkeypatch.setattr(watching, "watch", held)
    return release


async def test_a_note_written_before_the_watches_are_set_shows_up(make_app, watching_held):
    from reader.notes.placement import Annotations
    from reader.notes.store import NotesStore

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        assert len(view.annotations) == 0
        article = view.article
        at = article.text.index("Palm Beach")
        Annotations(NotesStore(app.session.notes_dir)).add(article, at, at + 10, note="early")
        watching_held.set()
        assert await wait_until(pilot, lambda: len(view.annotations) == 1)
        assert app.screen.query_one(SourceList).note_counts.get(AFP_ID) == 1


async def test_an_article_added_before_the_watches_are_set_is_listed(
    make_app, library, watching_held
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.article_count == 2
        (library / "AFP" / "early.txt").write_text("Added early\n\nIt has a body sentence.\n")
        watching_held.set()
        assert await wait_until(pilot, lambda: sources.article_count == 3)


async def test_a_library_big_enough_for_worker_processes_is_indexed_in_the_app(make_app, tmp_path):
    root = tmp_path / "big"
    (root / "Wire").mkdir(parents=True)
    count = 60  # above the number of files for which indexing starts worker processes
    for i in range(count):
        (root / "Wire" / f"story-{i:02}.txt").write_text(
            f"Story number {i} about the harbour\n\nThe harbour reopened on day {i}.\n"
        )
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        sources = app.screen.query_one(SourceList)
        assert await wait_until(pilot, lambda: sources.article_count == count, timeout=60)
        assert await wait_until(pilot, lambda: "Indexed: 60 new" in status_text(app), timeout=30)
        assert app.is_running


def status_text(app) -> str:
    return str(app.screen.query_one("#status-progress").render())


async def test_notes_follow_an_article_renamed_while_the_app_runs(make_app, library):
    from reader.notes.placement import Annotations
    from reader.notes.store import NotesStore

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        at = article.text.index("Palm Beach")
        Annotations(NotesStore(app.session.notes_dir)).add(article, at, at + 10)
        sources = app.screen.query_one(SourceList)
        # Seen by the watcher, then counted: slower than the default wait on a loaded machine.
        assert await wait_until(pilot, lambda: sources.note_counts.get(AFP_ID) == 1, timeout=15)

        (library / AFP_ID).rename(library / "AFP" / "renamed.txt")
        assert await wait_until(
            pilot, lambda: sources.note_counts.get("AFP/renamed.txt") == 1, timeout=15
        )
        assert AFP_ID not in sources.note_counts
        messages = [n.message for n in app._notifications]
        assert f"Notes followed {AFP_ID} → AFP/renamed.txt" in messages


async def test_notes_whose_file_cannot_be_read_follow_their_renamed_article_once_mended(
    make_app, library
):
    from reader.notes.placement import Annotations
    from reader.notes.store import NotesStore

    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        at = article.text.index("Palm Beach")
        store = NotesStore(app.session.notes_dir)
        Annotations(store).add(article, at, at + 10)
        sources = app.screen.query_one(SourceList)
        assert await wait_until(pilot, lambda: sources.note_counts.get(AFP_ID) == 1, timeout=15)
        path = store.path_for(AFP_ID)
        mended = path.read_bytes()
        path.write_bytes(mended + b"<<<<<<< HEAD\n")  # a merge conflict left in it

        (library / AFP_ID).rename(library / "AFP" / "renamed.txt")
        said = f"Notes of {AFP_ID} could not follow it to AFP/renamed.txt because its notes file"
        assert await wait_until(
            pilot, lambda: any(m.startswith(said) for m in notified.messages()), timeout=15
        )
        assert path.read_bytes() == mended + b"<<<<<<< HEAD\n"

        path.write_bytes(mended)  # the conflict resolved, the library unchanged
        assert await wait_until(
            pilot, lambda: sources.note_counts.get("AFP/renamed.txt") == 1, timeout=15
        )
        assert f"Notes followed {AFP_ID} → AFP/renamed.txt" in notified.messages()
        assert [m for m in notified.messages() if m.startswith(said)] == [
            next(m for m in notified.messages() if m.startswith(said))
        ]


async def test_the_open_article_renamed_while_read_stays_open_where_it_was_and_read(
    make_app, library
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await typed(pilot, *"jjjjjjjjjjjj")
        view = app.screen.query_one(ArticleView)
        sources = app.screen.query_one(SourceList)
        assert view.article.id == AFP_ID
        top, cursor = view.top_offset, view.cursor
        assert cursor > 0

        (library / AFP_ID).rename(library / "AFP" / "renamed.txt")
        assert await wait_until(pilot, lambda: "AFP/renamed.txt" in sources.read_ids, timeout=15)
        assert await wait_until(pilot, lambda: view.article is not None, timeout=5)
        assert view.article.id == "AFP/renamed.txt"
        assert (view.top_offset, view.cursor) == (top, cursor)
        assert sources.highlighted_id == "AFP/renamed.txt"
        assert app.focused is view  # reading goes on: j moves down in the renamed article
        await press_in_turn(pilot, "j")
        await settle(pilot)
        assert view.cursor > cursor


async def test_undo_brings_a_deleted_note_back_after_its_article_was_renamed(make_app, library):
    from reader.notes.store import NotesStore

    app = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        article = app.session.article(AFP_ID)
        for quote in ("Palm Beach", "Kyiv"):
            at = article.text.index(quote)
            app.session.annotations.add(article, at, at + len(quote), note=quote)
        await press_in_turn(pilot, "A")  # the Notes screen
        await settle(pilot)
        await press_in_turn(pilot, "d")
        await settle(pilot)
        store = NotesStore(app.session.notes_dir)
        assert len(store.load(AFP_ID).live) == 1

        (library / AFP_ID).rename(library / "AFP" / "renamed.txt")
        assert await wait_until(
            pilot, lambda: store.path_for("AFP/renamed.txt").exists(), timeout=15
        )
        await press_in_turn(pilot, "u")
        assert await wait_until(pilot, lambda: len(store.load("AFP/renamed.txt").live) == 2)
        messages = [n.message for n in app._notifications]
        assert not [m for m in messages if "Could not undo" in m], messages
        assert not store.path_for(AFP_ID).exists()


async def test_the_gone_message_stays_when_another_file_changes(make_app, library):
    """The open article is removed: the pane says so, and a later, unrelated change to the
    library does not open another article in its place (the reader did not move)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await press_in_turn(pilot, "j", "enter")
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        gone = view.article.id
        (library / gone).unlink()
        assert await wait_until(pilot, lambda: view.article is None)
        (library / "AFP" / "unrelated.txt").write_text("Unrelated\n\nA body sentence here.\n")
        assert await wait_until(pilot, lambda: sources.article_count == 2)
        await settle(pilot)
        await pilot.pause(0.5)
        assert view.article is None
        assert "no longer in the library" in view.empty_message


@pytest.mark.parametrize("esc", [False, True])
async def test_the_gone_article_is_shown_again_once_its_file_is_back(make_app, library, esc):
    """The open article's file is removed, then put back a while later: the pane shows
    it again (from the article, or from the list after Esc), not that it is gone."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await press_in_turn(pilot, "j", "enter")
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        gone = view.article.id
        text = (library / gone).read_bytes()
        count = sources.article_count
        (library / gone).unlink()
        assert await wait_until(pilot, lambda: view.article is None)
        assert await wait_until(pilot, lambda: sources.article_count == count - 1)
        await settle(pilot)
        if esc:
            await press_in_turn(pilot, "escape")
            await settle(pilot)
        focused = app.focused
        (library / gone).write_bytes(text)
        assert await wait_until(pilot, lambda: sources.article_count == count)
        assert await wait_until(pilot, lambda: view.article is not None)
        assert view.article.id == gone
        assert app.focused is focused


@pytest.mark.parametrize("key", ["f", "R", "c", "ctrl+f", "v", "b"])
async def test_keys_that_need_the_article_say_why_once_it_is_gone(make_app, library, key):
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "j", "enter")
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        (library / view.article.id).unlink()
        assert await wait_until(pilot, lambda: view.article is None)
        await settle(pilot)
        if key in "vb":  # the article pane's own keys, once it has the focus again
            await press_in_turn(pilot, "tab")
            assert app.focused is view
        before = len(notified)
        await press_in_turn(pilot, key)
        await settle(pilot)
        said = notified.messages()[before:]
        assert len(said) == 1 and "no longer in the library" in said[0], (key, said)
        assert app.screen is app.main and app.is_running


async def test_esc_goes_back_to_the_hits_once_the_article_opened_from_them_is_gone(
    make_app, library
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"Kyiv")
        await press_in_turn(pilot, "enter", "enter")
        view = main.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None and app.focused is view)
        (library / view.article.id).unlink()
        assert await wait_until(pilot, lambda: view.article is None and not main.hits.row_count)
        await settle(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.focused is main.hits
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.focused is main.sources and not main._showing_hits


async def test_watching_resumes_once_a_deleted_library_folder_is_back(make_app, library):
    """The library folder is deleted while the app runs, then put back: the status says
    the library is not found meanwhile, and new files show once it is back."""
    import shutil

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.article_count == 2
        kept = library.parent / "kept"
        shutil.copytree(library, kept)
        shutil.rmtree(library)
        assert await wait_until(pilot, lambda: "library not found" in status_text(app))
        shutil.copytree(kept, library)
        (library / "AFP" / "fresh.txt").write_text("A fresh story\n\nIt has a body sentence.\n")
        assert await wait_until(pilot, lambda: sources.article_count == 3, timeout=20)
        assert "library not found" not in status_text(app)
