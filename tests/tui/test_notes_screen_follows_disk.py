"""The Notes screen, open, follows the notes folder as other programs change it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from textual.widgets import Input, Label

from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from reader.tui.article.view import ArticleView
from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID, OTHER_ID
from tests.test_hostile import screen_text
from tests.tui.conftest import press_in_turn, settle, typed, wait_until
from tests.tui.test_notes_screen import quotes, with_notes


def elsewhere() -> Annotations:
    """The notes as another program (a second reader, `reader annotate`) changes them."""
    return Annotations(NotesStore(Path(os.environ["READER_NOTES_DIR"])))


def problems_line(screen: NotesScreen) -> str:
    label = screen.query_one("#notes-problems", Label)
    return str(label.render()) if label.display else ""


async def test_a_note_added_by_another_program_appears_on_the_open_notes_screen(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        await pilot.press("s")  # sorted by article
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"place")
        await press_in_turn(pilot, "enter")  # filtered, back in the table
        assert quotes(screen) == ["Palm Beach", "Kyiv"]
        await pilot.press("j")
        assert screen.current.quote == "Kyiv"

        afp = app.session.article(AFP_ID)
        at = afp.text.index("Budapest")
        elsewhere().add(afp, at, at + 8, note="where they meet", tags=["place"])

        assert await wait_until(pilot, lambda: len(screen.records) == 4)
        assert app.screen is screen
        assert screen.sort == "article"
        assert screen.query_one("#notes-filter", Input).value == "place"
        assert quotes(screen) == ["Palm Beach", "Kyiv", "Budapest"]
        assert screen.current.quote == "Kyiv"  # the cursor stays on its note


async def test_the_tag_picked_stays_picked_when_the_notes_change_on_disk(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        tags = screen.query_one("#tag-facets")
        tags.focus()
        tags.highlighted = 2  # #people
        await pilot.press("enter")
        assert quotes(screen) == ["Farah Dakhlallah"]

        other = app.session.article(OTHER_ID)
        at = other.text.index("Palm Beach")
        elsewhere().add(other, at, at + 10, note="the resort", tags=["people"])

        assert await wait_until(pilot, lambda: len(screen.records) == 4)
        assert sorted(quotes(screen)) == ["Farah Dakhlallah", "Palm Beach"]
        assert str(tags.get_option_at_index(tags.highlighted).prompt) == "#people (2)"
        assert app.focused is tags


async def test_a_note_deleted_by_another_program_leaves_the_cursor_near_where_it_was(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        await pilot.press("j")
        assert screen.current.quote == "Kyiv"  # between the two others
        elsewhere().delete(AFP_ID, screen.current.annotation.id)

        assert await wait_until(pilot, lambda: len(screen.records) == 2)
        assert quotes(screen) == ["Farah Dakhlallah", "Palm Beach"]
        assert screen.current.quote == "Palm Beach"  # the row that took its place


async def test_a_notes_file_broken_on_disk_is_named_and_the_other_notes_stay(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await with_notes(pilot)
        assert problems_line(screen) == ""
        path = NotesStore(Path(os.environ["READER_NOTES_DIR"])).path_for(OTHER_ID)
        path.write_text("article: [unclosed\n")

        assert await wait_until(pilot, lambda: problems_line(screen) != "")
        assert problems_line(screen).startswith("⚠ Not shown, fix first:")
        # One line on the screen, cut with an ellipsis when longer than the window.
        [shown] = [line for line in screen_text(app) if "Not shown" in line]
        assert shown.rstrip().endswith("…") or "not valid YAML" in shown
        assert app.screen.query_one("#notes-problems").size.height == 1
        assert sorted(quotes(screen)) == ["Kyiv", "Palm Beach"]
        assert app.screen is screen and app.is_running


async def test_notes_changed_on_disk_under_the_notes_screen_show_on_the_article_after_it(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        view = app.query_one(ArticleView)
        afp = app.session.article(AFP_ID)
        at = afp.text.index("Budapest")
        elsewhere().add(afp, at, at + 8, note="where they meet")
        assert await wait_until(pilot, lambda: len(screen.records) == 4)
        await press_in_turn(pilot, "q")
        await settle(pilot)
        assert view.article.id == AFP_ID
        assert sorted(p.annotation.quote for p in view.annotations) == [
            "Budapest",
            "Kyiv",
            "Palm Beach",
        ]


async def test_a_burst_of_changes_in_the_notes_folder_reads_the_notes_once(make_app, library):
    from reader.infra.watching import Changes
    from reader.ingest.formats import load_article
    from reader.tui.library_worker import FilesChanged

    afp = load_article(library / AFP_ID, library)
    at = afp.text.index("Palm Beach")
    elsewhere().add(afp, at, at + 10, note="before the app started")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        await press_in_turn(pilot, "A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotesScreen) and len(screen.records) == 1
        loads = []
        screen.load = lambda: loads.append(1)  # type: ignore[method-assign]
        for _ in range(20):  # a `git checkout` writing one notes file after another
            main.post_message(FilesChanged(Changes(library=False, notes=True)))
        assert await wait_until(pilot, lambda: loads)
        await settle(pilot)
        assert loads == [1]


async def test_notes_changing_as_the_notes_screen_opens_are_listed_without_an_error(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        afp = app.session.article(AFP_ID)
        at = afp.text.index("Palm Beach")
        elsewhere().add(afp, at, at + 10, note="written as A is pressed")
        screen = NotesScreen(app.session, lambda record, reattach: None)
        app.push_screen(screen)
        screen.load()  # the change seen before the screen is laid out
        assert await wait_until(pilot, lambda: len(screen.shown) == 1)
        assert app.screen is screen and app.is_running


async def test_the_broken_notes_file_is_named_with_its_line_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await with_notes(pilot)
        path = NotesStore(Path(os.environ["READER_NOTES_DIR"])).path_for(OTHER_ID)
        path.write_text("article: [unclosed\n")
        assert await wait_until(pilot, lambda: problems_line(screen) != "")
        [shown] = [line for line in screen_text(app) if "Not shown" in line]
        assert re.search(re.escape(path.name) + r":\d+: ", shown), shown
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        [shown] = [line for line in screen_text(app) if "Not shown" in line]
        assert re.search(re.escape(path.name[-10:]) + r":\d+", shown), shown


async def test_the_open_notes_screen_shows_a_note_orphaned_by_a_change_in_the_library(
    make_app, library
):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await with_notes(pilot)
        assert {r.status for r in screen.records} == {"exact"}
        path = library / AFP_ID  # its text edited: the passage of a note is gone
        path.write_text(path.read_text().replace("Palm Beach", "the resort"))
        assert await wait_until(
            pilot, lambda: [r.quote for r in screen.records if r.status == "orphaned"] != []
        )
        assert [r.quote for r in screen.records if r.status == "orphaned"] == ["Palm Beach"]
        (library / OTHER_ID).unlink()  # its article gone: its note is orphaned
        assert await wait_until(
            pilot,
            lambda: (
                "Farah Dakhlallah" in [r.quote for r in screen.records if r.status == "orphaned"]
            ),
        )
        assert app.screen is screen


async def test_a_note_id_in_two_long_named_notes_files_is_one_line_fitted_to_the_screen(
    make_app, library
):
    long_a = "Harbor Wire/" + "a-very-long-headline-about-the-summit-" * 3 + "first.txt"
    long_b = "Harbor Wire/" + "a-very-long-headline-about-the-summit-" * 3 + "second.txt"
    for name in (long_a, long_b):
        (library / name).parent.mkdir(exist_ok=True)
        (library / name).write_text("The summit opened in Palm Beach on Monday.\n")
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await with_notes(pilot)
        first = app.session.article(long_a)
        at = first.text.index("Palm Beach")
        placed = app.session.annotations.add(first, at, at + 10, note="copied by hand")
        store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
        copy = store.load(long_a)
        second = app.session.article(long_b)
        store.save(type(copy)(type(copy.article)(long_b, second.path), copy.annotations))
        assert await wait_until(pilot, lambda: problems_line(screen) != "")
        line = problems_line(screen)
        assert line.startswith("⚠ Fix first: …")
        assert line.endswith(f" hold note id {placed.id}; give the copy a new id")
        assert screen.query_one("#notes-problems").size.height == 1
        # Both files named by the ends of their names, within the 80 columns of the screen.
        [shown] = [row for row in screen_text(app) if "Fix first" in row]
        assert "summit-first.txt.yaml, …" in shown and "summit-second.txt.yaml h" in shown
