"""Config in the running app: remapped keys, a broken file, the theme that persists."""

import re

from reader.config import Config, load_config
from reader.paths import config_file
from reader.tui.app import ReaderApp
from reader.tui.widgets.search_bar import SearchInput
from tests.tui.conftest import settle


async def test_keymap_remaps_a_binding_by_id(library):
    app = ReaderApp(library, config=Config(keymap={"main.search": "ctrl+k"}), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert not isinstance(app.focused, SearchInput)
        await pilot.press("ctrl+k")
        assert isinstance(app.focused, SearchInput)


async def test_broken_config_shows_one_line_and_runs_on_defaults(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: nord\ntext_width: [oops\n")
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(re.search(r"config.yaml line \d+: .*using defaults", m) for m in messages)
        assert app.theme == "textual-dark"
        assert app.screen.query_one("ArticleView").article is not None


async def test_chosen_theme_persists(library):
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert load_config()[0].theme == "textual-light"
    again = ReaderApp(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"


async def test_palette_opens_an_article_by_title(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"meets trump")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        assert view.article.id == "Unattributed/nato-chief-meets-trump.txt"
        assert app.focused is view


async def test_palette_jumps_to_a_source_and_toggles_boilerplate(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"go to source: unattr")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        sources = app.screen.query_one("SourceList")
        assert sources.highlighted_id == "Unattributed/nato-chief-meets-trump.txt"
        await pilot.press("ctrl+p", *"toggle boilerplate")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("ArticleView").show_boilerplate


async def test_palette_rebuilds_the_index(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (library / "AFP" / "new.txt").write_text(
            "A brand new story\n\nIt has a body sentence of its own.\n"
        )
        await pilot.press("ctrl+p", *"rebuild the index")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("SourceList").article_count == 3
