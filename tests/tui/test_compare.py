"""Related coverage and the compare view, driven by keys."""

from __future__ import annotations

from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.long_article import long_article_text
from tests.tui.conftest import settle, wait_until


async def test_the_two_seeds_are_marked_as_one_story(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.story_sources == {AFP_ID: 2, OTHER_ID: 2}
        lines = app.screen.query_one(ArticleView).plain_lines()
        assert any("Also told by 1 other source" in line for line in lines[:5])


async def test_related_list_opens_the_other_telling(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)
        assert [r.id for r in app.screen.related] == [OTHER_ID]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == OTHER_ID


async def test_compare_view_aligns_shared_facts_and_scrolls_together(make_app):
    app = make_app()
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        pairs = screen.comparison.pairs
        shared = " ".join(p.a.text + " " + p.b.text for p in pairs)
        for fact in ("Rutte", "Trump", "Palm Beach", "Dakhlallah"):
            assert fact in shared
        # Both sides show the comparison colours.
        assert screen.left.backdrop and screen.right.backdrop
        # Scrolling the left side brings the right to the partner passage.
        screen.left.focus()
        await pilot.press("G")
        await settle(pilot)
        assert screen.left.scroll_y > 0
        expected = screen.aligned_offset(screen.left.top_offset, from_a=True)
        assert expected and expected > 0
        right = screen.right
        assert right.top_offset == expected or right.scroll_y == right.max_scroll_y > 0
        quotes = str(screen.query_one("#compare-quotes").render())
        assert "told by both" in quotes


async def test_annotating_on_the_right_side_of_a_comparison(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        screen.right.focus()
        await pilot.press("V", "H")
        await settle(pilot)
        notes = app.session.annotations.for_article(screen.right.article).placed
        assert len(notes) == 1
        assert [p.id for p in screen.right.annotations] == [notes[0].id]
        assert screen.right.backdrop  # the comparison colours stay under the note


async def test_comparing_with_a_multi_megabyte_article_says_how_much_was_compared(
    make_app, library
):
    (library / "Archive").mkdir()
    (library / "Archive" / "long-read.txt").write_text(long_article_text(), encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        main.open_article(AFP_ID)
        await settle(pilot)
        main.compare_with("Archive/long-read.txt")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        comparison = screen.comparison
        assert any("Palm Beach" in p.a.text and "Palm Beach" in p.b.text for p in comparison.pairs)
        panel = str(screen.query_one("#compare-quotes").render())
        assert "Too long to compare whole: compared the first " in panel
        assert f"of the right article's {len(comparison.b.text):,} characters" in panel
        # The long side is shown as far as it was compared.
        shown = screen.right.article
        assert shown.id == comparison.b.id and shown.sha256 == comparison.b.sha256
        assert comparison.b.text.startswith(shown.text)
        assert len(shown.text) == comparison.compared("b") < len(comparison.b.text)
        # Swapping the sides keeps the note, for the other side.
        await pilot.press("o")
        await settle(pilot)
        panel = str(app.screen.query_one("#compare-quotes").render())
        assert f"of the left article's {len(comparison.b.text):,} characters" in panel


async def test_escape_from_compare_opened_from_related_goes_back_to_related(make_app):
    from reader.tui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "R")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        await pilot.press("c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)  # the screen under it
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_q_in_compare_opened_from_related_goes_back_to_the_library(make_app):
    from reader.tui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "R")
        await settle(pilot)
        await pilot.press("c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        assert app.is_running
