"""Esc and a key typed in one burst arrive as Alt+key (a terminal sends Alt+key as Esc then
the key): where the app has no use for that Alt+key, it is Esc, then the key, in turn."""

from __future__ import annotations

from textual._xterm_parser import XTermParser
from textual.widgets import TextArea

from reader.tui.escape_keys import keep_escapes
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.notes import NotesScreen
from tests.tui.conftest import at_once, settle


def keys_read(data: str) -> list[str]:
    """The keys the terminal's reader makes of `data`, typed in one burst."""
    keep_escapes()
    parser = XTermParser()
    return [event.key for event in [*parser.feed(data), *parser.feed("")]]


def test_the_terminal_s_escape_before_a_key_it_cannot_mark_with_alt_is_kept():
    assert keys_read("A\x1b\r") == ["A", "escape", "enter"]
    assert keys_read("\x1b/") == ["escape", "slash"]
    assert keys_read("\x1bj") == ["alt+j"]  # the app decides what that is


def test_an_escape_followed_by_more_keys_and_another_escape_in_one_burst_is_kept():
    # Each Esc is read with the key after it, not held until the next Esc turns it into "^".
    burst = "j\rG\x1bj\rG\x1bj\rG\x1b"
    assert keys_read(burst) == [
        *["j", "enter", "G", "alt+j"],
        *["enter", "G", "alt+j"],
        *["enter", "G", "escape"],
    ]
    assert keys_read("\x1b/j\x1b/") == ["escape", "slash", "j", "escape", "slash"]
    assert keys_read("\x1b" + "j" * 40) == ["alt+j"] + ["j"] * 39


def test_the_terminal_s_own_sequences_are_still_read_whole():
    assert keys_read("\x1b[A\x1bOP\x1b[1;5C") == ["up", "f1", "ctrl+right"]


async def test_alt_enter_on_the_notes_screen_goes_back_then_opens_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("alt+enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.view.article is not None


async def where_keys_leave(app, *keys: str) -> tuple[str, str | None, str]:
    """The screen, the article open and the focused widget after `keys` in one burst."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        at_once(app, *keys)
        await settle(pilot)
        article = app.main.view.article
        return type(app.screen).__name__, article and article.id, type(app.focused).__name__


async def test_a_burst_with_alt_keys_acts_as_esc_then_each_key_in_the_order_typed(make_app):
    typed = await where_keys_leave(make_app(), "A", "escape", "j", "enter", "slash")
    read = await where_keys_leave(make_app(), "A", "alt+j", "enter", "alt+slash")
    assert read == typed
    assert typed[0] == "MainScreen" and typed[2] == "SearchInput"


async def test_in_the_note_dialog_alt_key_is_left_to_the_note(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("enter", "V", "a"):
            await pilot.press(key)
            await settle(pilot, rounds=1)
        assert isinstance(app.screen, AnnotateScreen) and isinstance(app.focused, TextArea)
        at_once(app, "alt+j")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen) and isinstance(app.focused, TextArea)


def small_library(root):
    """A folder of short articles, one source, in the order of their names."""
    root.mkdir()
    for number in range(1, 9):
        (root / f"a{number}.txt").write_text(f"Article {number}\n\nThe body of article {number}.\n")
    return root


async def after_keys(app, keys: list[str], *, burst: bool) -> tuple:
    """Where `keys` leave the reader, typed in one burst or one at a time."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        if burst:
            at_once(app, *keys)
        else:
            for key in keys:
                at_once(app, key)
                await settle(pilot)
        await settle(pilot)
        main = app.main
        article = main.view.article
        return (
            article and article.id,
            main.sources.highlighted_id,
            sorted(main.sources.read_ids),
            type(app.focused).__name__,
        )


async def test_articles_opened_and_left_in_one_burst_act_as_typed_one_at_a_time(make_app, tmp_path):
    # The terminal reads `j Enter G Esc j j` in one burst as these (see keys_read).
    keys = ["j", "enter", "G", "alt+j", "j"]
    root = small_library(tmp_path / "small")
    one_at_a_time = await after_keys(make_app(root), keys, burst=False)
    assert one_at_a_time == ("a3.txt", "a3.txt", ["a1.txt"], "SourceList")
    assert await after_keys(make_app(root), keys, burst=True) == one_at_a_time


async def test_esc_then_a_key_textual_reads_as_another_is_esc_then_that_key(make_app):
    # Textual reads Esc f (Alt+f, a Mac's Option+Right) as ctrl+right, Esc Tab as
    # shift+tab: out of a text field they are Esc, then the key typed.
    keep_escapes()
    parser = XTermParser()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        for event in [*parser.feed("\x1bf"), *parser.feed("")]:
            app.post_message(event)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main.find_bar.is_open


async def test_in_a_text_field_esc_f_keeps_textual_s_reading(make_app):
    keep_escapes()
    parser = XTermParser()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"one two", "home")
        await settle(pilot)
        field = app.focused
        for event in [*parser.feed("\x1bf"), *parser.feed("")]:
            app.post_message(event)
        await settle(pilot)
        assert app.focused is field and field.cursor_position == len("one ")  # a word on


def typed_in_a_burst(app, data: str) -> None:
    """Post the keys the terminal's reader makes of `data`, as they arrive in one burst."""
    keep_escapes()
    parser = XTermParser()
    for event in [*parser.feed(data), *parser.feed("")]:
        app.post_message(event)


async def test_in_the_search_bar_esc_then_a_digit_leaves_the_field_and_types_nothing(make_app):
    # Textual reads Esc 1 as a Mac's Option+1, "¡": typed fast, it is Esc, then 1.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"quick")
        await settle(pilot)
        field = app.focused
        typed_in_a_burst(app, "\x1b1")
        await settle(pilot)
        assert field.value == "quick"
        assert app.focused is not field


async def test_in_the_notes_filter_esc_then_a_digit_leaves_the_field_and_types_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        await pilot.press("slash", *"zz")
        await settle(pilot)
        field = app.screen.query_one("#notes-filter")
        assert app.focused is field
        typed_in_a_burst(app, "\x1b3")
        await settle(pilot)
        assert field.value == "zz"
        assert app.focused is not field


async def test_in_a_text_field_esc_backspace_still_deletes_a_word(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"one two")
        await settle(pilot)
        field = app.focused
        typed_in_a_burst(app, "\x1b\x7f")
        await settle(pilot)
        assert app.focused is field and field.value == "one "
