"""The app opens again on the article read last, at the same place, with the list on it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.paths import data_dir
from reader.session import Session
from reader.tui.article.view import ArticleView
from reader.tui.library_worker import ArticleLoaded
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle, typed, wait_until

THIRD = "Daily/day3.txt"


def write_daily(library: Path, count: int = 7) -> None:
    """A source of `count` articles, each long enough to scroll (listed by title)."""
    folder = library / "Daily"
    folder.mkdir()
    for n in range(1, count + 1):
        paragraphs = "\n\n".join(
            f"Day {n}, paragraph {p}: the weather held and the river rose a little."
            for p in range(60)
        )
        (folder / f"day{n}.txt").write_text(f"Day {n} in the valley\n\n{paragraphs}\n")


def left_at(library: Path, article_id: str = THIRD, above: int = 5) -> int:
    """The state as an app left it on `article_id`, its cursor on its 30th paragraph with
    `above` lines above it (indexed, as that app did): the cursor's offset."""
    from reader.session import Session
    from reader.state import LastOpen

    session = Session(library)
    session.update_index()
    offset = session.article(article_id).text.index("paragraph 30")
    session.state.save_position(article_id, offset)
    session.state.save_last_open(LastOpen(article_id, above))
    session.index.close()
    session.state.close()
    return offset


def loaded_ids(messages: list) -> list[str | None]:
    return [m.article.id if m.article else None for m in messages if isinstance(m, ArticleLoaded)]


async def read_third_and_quit(app) -> dict:
    """Open the 3rd article of Daily from the list, read down into it, quit: where it was."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # AFP's article, the Daily header, then Daily's articles: the third is 4 rows down.
        await press_in_turn(pilot, "j", "j", "j", "j", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == THIRD and app.focused is view
        await typed(pilot, *["j"] * 40)
        await press_in_turn(pilot, "k", "k", "k", "k", "k")
        await pilot.pause()
        row = view.cursor_row
        place = {
            "cursor": view.cursor,
            "top": round(view.scroll_y),
            "top_offset": view.top_offset,
            "above": row - round(view.scroll_y),
        }
        assert place["top"] > 0 and 0 < place["above"] < view.size.height - 1
        await press_in_turn(pilot, "ctrl+q")
    return place


async def test_the_app_opens_again_on_the_article_read_last_at_the_same_place(
    make_app, library, monkeypatch
):
    write_daily(library)
    place = await read_third_and_quit(make_app())
    drawn = []  # (the article, the top line) of every drawing of the article pane
    render_lines = ArticleView.render_lines

    def spy(view, crop):
        drawn.append((view.article.id if view.article else None, round(view.scroll_y)))
        return render_lines(view, crop)

    monkeypatch.setattr(ArticleView, "render_lines", spy)
    again = make_app()
    seen: list = []
    async with again.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == THIRD
        assert again.screen.query_one(SourceList).highlighted_id == THIRD
        assert view.cursor == place["cursor"]
        # The same screen: the cursor's line and the lines above it.
        assert round(view.scroll_y) == place["top"]
        assert view.top_offset == place["top_offset"]
        # Neither the first article nor the top of this one was shown on the way.
        assert set(loaded_ids(seen)) == {THIRD}
        assert {top for article, top in drawn if article is not None} == {place["top"]}
        await press_in_turn(pilot, "enter")  # into the article: the cursor where it was
        await pilot.pause()
        assert again.focused is view and view.cursor == place["cursor"]
        assert view.cursor_row - round(view.scroll_y) == place["above"]


async def test_the_article_read_last_opens_again_in_a_shorter_terminal_with_its_cursor_on_screen(
    make_app, library
):
    write_daily(library)
    offset = left_at(library, above=25)  # more lines than this terminal has
    again = make_app()
    async with again.run_test(size=(100, 12)) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == THIRD and view.cursor == offset
        top = round(view.scroll_y)
        assert top <= view.cursor_row < top + view.scrollable_content_region.height


async def test_the_app_opens_again_on_an_article_read_past_the_first_page_of_the_list(
    make_app, library, monkeypatch
):
    from reader import session

    write_daily(library)
    offset = left_at(library)
    monkeypatch.setattr(session, "FIRST_PAGE", 1)  # the article is not on the first page
    again = make_app()
    seen: list = []
    async with again.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == THIRD and view.cursor == offset
        assert again.screen.query_one(SourceList).highlighted_id == THIRD
        assert set(loaded_ids(seen)) == {THIRD}


async def test_an_article_deleted_while_the_app_was_closed_opens_the_first_one_quietly(
    make_app, library
):
    write_daily(library)
    left_at(library)
    (library / THIRD).unlink()
    again = make_app()
    async with again.run_test(size=(100, 30), notifications=True) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == AFP_ID
        assert again.screen.query_one(SourceList).highlighted_id == AFP_ID
        assert list(again._notifications) == []


async def test_a_search_open_at_quit_is_not_restored_but_its_article_is(make_app, library):
    write_daily(library)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"Day 5 in the valley")
        await settle(pilot)
        await press_in_turn(pilot, "down", "enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == "Daily/day5.txt"
        await press_in_turn(pilot, "ctrl+q")
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == "Daily/day5.txt"
        assert again.screen.search_input.value == ""
        assert again.screen.query_one(SourceList).highlighted_id == "Daily/day5.txt"
        assert again.screen.query_one(SourceList).display


def _set_last(library: Path, article: object, above: object = 3) -> None:
    """Write the last article's row of the state file by hand, as anything could."""
    db = sqlite3.connect(data_dir() / "state.sqlite")
    with db:
        db.execute(
            "UPDATE last_open SET article = ?, above = ? WHERE library = ?",
            (article, above, str(library)),
        )
    db.close()


async def test_hostile_last_articles_in_the_state_open_the_first_article_and_nothing_outside(
    make_app, library, tmp_path
):
    write_daily(library)
    left_at(library)
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\n\nNot part of the library.\n")
    # (Each odd value is in tests/test_reading_state.py; these would open a file if used.)
    hostile = [str(secret), "../secret.txt"]
    for value in hostile:
        _set_last(library, value, "lots")
        again = make_app()
        async with again.run_test(size=(100, 30), notifications=True) as pilot:
            shown = again.screen.query_one(ArticleView)
            assert await wait_until(pilot, lambda v=shown: v.article is not None), value
            await settle(pilot)
            assert shown.article.id == AFP_ID, value
            assert list(again._notifications) == [], value


def insert_above(library: Path, article_id: str, paragraphs: int) -> None:
    """The article edited while closed: paragraphs added under its title."""
    path = library / article_id
    title, rest = path.read_text().split("\n\n", 1)
    added = "\n\n".join(
        f"A note added later, number {n}, to push the text down." for n in range(paragraphs)
    )
    path.write_text(f"{title}\n\n{added}\n\n{rest}")


async def test_an_article_edited_above_the_place_read_opens_again_at_the_same_passage(
    make_app, library
):
    write_daily(library)
    place = await read_third_and_quit(make_app())
    session = Session(library)
    session.update_index()
    passage = session.article(THIRD).text[place["cursor"] :][:60]
    session.index.close()
    insert_above(library, THIRD, 12)
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == THIRD and "A note added later" in view.article.text
        assert view.cursor > place["cursor"]
        assert view.article.text[view.cursor :].startswith(passage)
        # Coming back to it from another article: the same passage again.
        again.screen.query_one(SourceList).focus()
        await press_in_turn(pilot, "k")
        await settle(pilot)
        assert view.article.id != THIRD
        await press_in_turn(pilot, "j")
        await settle(pilot)
        assert view.article.id == THIRD
        assert view.article.text[view.cursor :].startswith(passage)


async def test_a_passage_no_longer_in_the_article_opens_it_at_the_same_offset(make_app, library):
    write_daily(library)
    place = await read_third_and_quit(make_app())
    path = library / THIRD
    path.write_text(path.read_text().replace("paragraph", "part"))  # the passage is gone
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        view = again.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == THIRD and "paragraph" not in view.article.text
        assert abs(view.cursor - place["cursor"]) <= 10  # (the cursor's own rounding)


async def test_a_place_still_being_written_as_the_app_quits_is_kept(make_app, library, monkeypatch):
    """Positions are written in the background: quitting at once waits for them."""
    import threading

    from reader.state import ReadingState

    write_daily(library)
    disk = threading.Event()  # a slow disk: no position lands before someone waits for it
    write, flush = ReadingState._write_position, ReadingState.flush

    def slow_write(state, *args):
        disk.wait(timeout=30)
        write(state, *args)

    def waiting_flush(state):
        disk.set()
        flush(state)

    monkeypatch.setattr(ReadingState, "_write_position", slow_write)
    monkeypatch.setattr(ReadingState, "flush", waiting_flush)
    place = await read_third_and_quit(make_app())
    assert disk.is_set()
    assert ReadingState(library).position(THIRD) == place["cursor"]
