"""The command palette lists each command once."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from reader.tui.commands import ENTRY_MARGINS
from tests.tui.conftest import Notified, open_first, palette_search, press_in_turn, settle


async def palette_commands(pilot, query: str) -> list[str]:
    """The first line of each command the palette shows for `query`."""
    await palette_search(pilot, query)
    results = pilot.app.screen.query_one(CommandList)
    names = [
        str(results.get_option_at_index(i).prompt).splitlines()[0].strip()
        for i in range(results.option_count)
    ]
    await press_in_turn(pilot, "escape")
    return names


async def test_palette_lists_no_command_twice(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await palette_commands(pilot, "")
        assert len(shown) == len(set(shown)), shown
        # The same action under two names is a command twice too.
        assert len(await palette_commands(pilot, "theme")) == 1
        keys = [name for name in await palette_commands(pilot, "keys") if "key" in name.lower()]
        assert len(keys) == 1, keys


async def test_the_palette_over_the_notes_screen_offers_no_library_command_to_act_unseen(
    make_app,
):
    """The library's commands (open an article, go to a source, toggle boilerplate...) act
    on the library screen: over the Notes screen they would act out of sight."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert type(app.screen).__name__ == "NotesScreen"
        shown = await palette_commands(pilot, "toggle boilerplate")
        assert not [name for name in shown if "boilerplate" in name.lower()]
        shown = await palette_commands(pilot, "go to source")
        assert not [name for name in shown if "source" in name.lower()]
        await press_in_turn(pilot, "escape")  # back on the library, they are offered
        await settle(pilot)
        assert await palette_commands(pilot, "toggle boilerplate") == ["Toggle boilerplate"]


async def test_rebuild_the_index_reads_again_a_file_skipped_before(make_app, monkeypatch):
    from reader.errors import ArticleError
    from reader.ingest import formats
    from reader.tui.widgets.source_list import SourceList

    real, calls = formats.load_article, []

    def load(path, root):  # the first file fails once, as a parser's bug would
        calls.append(path)
        if len(calls) == 1:
            raise ArticleError(path, "no readable text")
        return real(path, root)

    monkeypatch.setattr(formats, "load_article", load)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.article_count == 1
        await palette_search(pilot, "Rebuild the index")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert sources.article_count == 2


@pytest.mark.parametrize("key", ["A", "D", "c", "R"])
async def test_the_palette_off_the_library_offers_help_the_theme_and_the_way_back(make_app, key):
    """The Notes screen, the Review and Compare: ctrl+p works anywhere, with the commands
    that make sense there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, key)
        await settle(pilot)
        assert app.screen is not app.main
        shown = await palette_commands(pilot, "")
        for name in ("Help: keys", "Change theme", "Back to the library"):
            assert name in shown, shown
        await palette_search(pilot, "Back to the library")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.screen is app.main and app.is_running


async def test_the_palette_on_the_notes_screen_exports_the_notes_shown(make_app):
    from reader.tui.screens.export import ExportScreen
    from tests.tui.test_notes_screen import with_notes

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)  # (with none, the palette's export says so and opens nothing)
        assert "Export the notes shown" in await palette_commands(pilot, "export")
        await palette_search(pilot, "Export the notes shown")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)


async def test_toggle_boilerplate_with_no_article_open_says_to_open_one(make_app, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    notified = Notified()
    app = make_app(empty)
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        assert app.main.article is None
        await palette_search(pilot, "Toggle boilerplate")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert "Open an article first." in notified.messages()


async def test_the_palette_offers_the_apps_commands_and_no_widget_jargon(make_app):
    """Textual's Maximize (and Minimize) mean nothing to a reader, and ctrl+b already
    gives the article the whole width: the palette keeps keys help, the theme, quit and
    the screenshot, on every screen."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for keys in ([], ["enter"], ["escape", "A"], ["escape", "D"]):
            if keys == ["enter"]:
                await open_first(pilot)  # the article has the focus
            else:
                await press_in_turn(pilot, *keys)
            await settle(pilot)
            shown = await palette_commands(pilot, "")
            assert not {"Maximize", "Minimize"} & set(shown), (keys, shown)
            assert {"Help: keys", "Change theme", "Quit", "Screenshot"} <= set(shown), shown


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_an_article_in_a_long_named_source_keeps_its_file_name_in_the_palette(
    make_app, tmp_path, size
):
    """The line under an article's entry wrapped, and the file name was cut off."""
    from tests.test_hostile import screen_text

    long = "Long" + "X" * 146
    (tmp_path / long).mkdir()
    (tmp_path / long / "fm4.md").write_text("# Tidal almanac of the shore\n\nThe tides.\n")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await palette_search(pilot, "tidal almanac")
        lines = screen_text(app)
        [at] = [y for y, line in enumerate(lines) if "Open: Tidal almanac" in line]
        under = lines[at + 1].strip()
        assert under.startswith("LongXXX") and under.endswith("XXX/fm4.md"), lines[at : at + 3]
        assert " · " in under and "…" in under, under
        assert "fm4.md" not in lines[at + 2], lines[at : at + 3]  # on one line


@pytest.mark.parametrize(("size", "then"), [((160, 50), (80, 24)), ((80, 24), (160, 50))])
async def test_the_palette_is_fitted_again_when_the_window_is_resized(
    make_app, tmp_path, size, then
):
    """Its entries were made for the width it opened at: cut, or wrapped, after a resize."""
    from tests.test_hostile import screen_text

    long = "Long" + "X" * 146
    (tmp_path / long).mkdir()
    (tmp_path / long / "fm4.md").write_text("# Tidal almanac of the shore\n\nThe tides.\n")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await palette_search(pilot, "tidal almanac")
        await pilot.resize_terminal(*then)
        await settle(pilot)
        lines = screen_text(app)
        [at] = [y for y, line in enumerate(lines) if "Open: Tidal almanac" in line]
        under = lines[at + 1].strip()
        assert under.startswith("LongXXX") and under.endswith("XXX/fm4.md"), lines[at : at + 3]
        assert "fm4.md" not in lines[at + 2], lines[at : at + 3]  # on one line
        # As wide as the window lets it be: the longer the window, the more of the name.
        assert len(under) > then[0] - 3 * ENTRY_MARGINS, under


async def test_a_resize_keeps_the_palette_entry_the_cursor_is_on(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "e")
        await press_in_turn(pilot, "down", "down")
        await settle(pilot)
        entries = app.screen.query_one(CommandList)
        on = entries.get_option_at_index(entries.highlighted).hit.text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        entries = app.screen.query_one(CommandList)
        assert entries.highlighted is not None
        assert entries.get_option_at_index(entries.highlighted).hit.text == on


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("export", "Export notes…"),
        ("compare", "Compare with another telling"),
        ("related", "Related articles"),
        ("annotate", "Annotate the selection"),
        ("highlight", "Highlight the selection"),
        ("fetch", "Add from URL"),  # by a word of its help line
        ("download page", "Add from URL"),
        ("side by side", "Compare with another telling"),
    ],
)
async def test_the_palette_finds_the_librarys_tasks_by_name_and_by_the_words_for_them(
    make_app, typed, command
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert command in await palette_commands(pilot, typed)


async def test_the_palettes_annotate_opens_the_note_dialog_on_the_selection(make_app):
    from reader.tui.screens.annotate import AnnotateScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        await press_in_turn(pilot, "v", "w", "w")
        await settle(pilot)
        await palette_search(pilot, "Annotate the selection")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
        assert len(view.annotations) == 1


async def test_the_palettes_export_on_the_library_opens_the_export_of_every_note(make_app):
    from reader.tui.screens.export import ExportScreen
    from tests.tui.test_notes_screen import with_notes

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await with_notes(pilot)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        assert app.screen is app.main
        await palette_search(pilot, "Export notes")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen) and len(app.screen.records) == 3


async def test_the_palettes_compare_and_related_act_as_their_keys(make_app):
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.related import RelatedScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        await palette_search(pilot, "Related articles")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        await palette_search(pilot, "Compare with another telling")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)


async def test_every_command_given_other_words_is_one_the_library_offers(make_app):
    from reader.tui.commands import ALSO_CALLED

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        offered = await palette_commands(pilot, "")
        assert set(ALSO_CALLED) <= set(offered), set(ALSO_CALLED) - set(offered)
