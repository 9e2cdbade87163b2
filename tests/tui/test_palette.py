"""The command palette lists each command once."""

from __future__ import annotations

from textual.command import CommandList

from tests.tui.conftest import palette_search, press_in_turn, settle


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
