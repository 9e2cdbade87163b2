"""Selecting the article's text with the mouse: a drag selects the characters drawn under
it (an emoji sequence is the two cells it is drawn in), stays on the row it is on past the
pane's edge, and a click on the key bar does what its key does to a selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Tooltip
from textual.widgets._footer import FooterKey

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.article.view import ArticleView
from reader.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import press_in_turn, settle, wait_until

FAMILY = "👨‍👩‍👧‍👦"
MIXED = (
    "Mixed line test\n\n"
    "Alpha\tbeta\tgamma delta words here to start the line.\n\n"
    "日本語のテキストです。東京で会議が開かれた。 then English words after CJK.\n\n"
    f"Family {FAMILY} emoji and flags 🇯🇵🇫🇷 then plain words to end.\n\n"
    "Combining Z\u0353\u0354\u0351\u0352algo and café and naïve words are here.\n\n"
    "The last paragraph is plain English with nothing odd in it at all, just words.\n"
)
ARTICLE_ID = "Mixed/mixed.txt"


@pytest.fixture
def mixed_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    (root / "Mixed" / "mixed.txt").write_text(MIXED)
    return root


def screen_rows(app: ReaderApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def cell_of(app: ReaderApp, needle: str) -> tuple[int, int]:
    """The screen cell where `needle` is drawn (its first character's)."""
    for y, row in enumerate(screen_rows(app)):
        x = row.find(needle)
        if x >= 0:
            return cell_len(row[:x]), y
    raise AssertionError(f"{needle!r} is not on the screen")


async def drag(pilot, start: tuple[int, int], end: tuple[int, int]) -> None:
    await pilot.mouse_down(offset=start)
    await pilot.hover(offset=end)
    await pilot.mouse_up(offset=end)
    await settle(pilot)


def selected(view: ArticleView) -> str | None:
    span = view.selected_span()
    return None if span is None or view.article is None else view.article.text[span[0] : span[1]]


async def open_mixed(pilot) -> ArticleView:
    app = pilot.app
    await settle(pilot)
    app.main.open_article(ARTICLE_ID)
    await settle(pilot)
    view = app.screen.query_one(ArticleView)
    view.focus()
    await settle(pilot)
    return view


async def test_a_drag_after_a_zwj_sequence_selects_the_words_drawn_under_it(mixed_library):
    app = ReaderApp(mixed_library, config=Config(), config_problems=[])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_mixed(pilot)
        x, y = cell_of(app, "emoji and")
        await drag(pilot, (x, y), (x + len("emoji and") - 1, y))
        assert selected(view) == "emoji and"
        assert app.screen.get_selected_text() == "emoji and"
        # From the word before the family over it: the family whole, as it is drawn.
        x, y = cell_of(app, "Family")
        end = cell_of(app, "emoji")
        await drag(pilot, (x, y), (end[0] + 4, y))
        assert selected(view) == f"Family {FAMILY} emoji"
        # Starting on the family's second cell takes the whole of it, and no more.
        fx = cell_of(app, FAMILY)[0]
        await drag(pilot, (fx + 1, y), (fx + 1 + len(" emoji"), y))
        assert selected(view) == f"{FAMILY} emoji"


async def test_a_drag_past_the_left_edge_selects_to_the_start_of_that_row(mixed_library):
    app = ReaderApp(mixed_library, config=Config(), config_problems=[])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_mixed(pilot)
        x, y = cell_of(app, "Combining")
        assert x > 10  # the source list is to the left of the article
        await drag(pilot, (x + 3, y), (5, y))
        assert selected(view) == "Comb"
        assert app.screen.get_selected_text() == "Comb"
        # And from the article's own margin, as before.
        await drag(pilot, (x - 1, y), (x + 3, y))
        assert selected(view) == "Comb"


async def test_a_drag_onto_the_scrollbar_selects_to_the_end_of_that_row(tmp_path):
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(60))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_mixed(pilot)
        assert view.show_vertical_scrollbar
        x, y = cell_of(app, "plain words to end.")
        scrollbar = view.region.right - 1
        assert view.scrollable_content_region.right <= scrollbar
        await drag(pilot, (x, y), (scrollbar, y))
        assert selected(view) == "plain words to end."


def key_on_bar(app: ReaderApp, description: str) -> FooterKey:
    for key in app.screen.query(FooterKey):
        if key.description == description and key.display:
            return key
    raise AssertionError(f"no {description!r} on the key bar")


@pytest.mark.parametrize(
    ("description", "key"), [("Word", "w"), ("Sentence", ")"), ("Paragraph", "}")]
)
async def test_a_click_on_a_motion_key_extends_the_selection(mixed_library, description, key):
    app = ReaderApp(mixed_library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_mixed(pilot)
        await pilot.click(offset=cell_of(app, "Alpha"))
        await press_in_turn(pilot, "v")
        await settle(pilot)
        before = view.selected_span()
        assert before is not None
        await pilot.click(key_on_bar(app, description))
        await settle(pilot)
        clicked = view.selected_span()
        assert view.selecting and app.focused is view
        # The click did what the key does from the same selection.
        await press_in_turn(pilot, "escape")
        await pilot.click(offset=cell_of(app, "Alpha"))
        await press_in_turn(pilot, "v", key)
        await settle(pilot)
        assert clicked == view.selected_span() != before


async def test_a_click_on_select_starts_a_selection(mixed_library):
    app = ReaderApp(mixed_library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_mixed(pilot)
        await pilot.click(offset=cell_of(app, "Alpha"))
        await settle(pilot)
        await pilot.click(key_on_bar(app, "Select"))
        await settle(pilot)
        assert view.selecting and selected(view) == "A"
        assert app.focused is view


async def test_a_drag_up_past_the_article_selects_to_its_top_row_and_scrolls_it(tmp_path):
    """Textual selects to the article's very first line, far off screen; as an editor does,
    the selection goes to the top row shown, and the article scrolls up while held there."""
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(200))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_mixed(pilot)
        view.scroll_to(y=200, animate=False)
        await settle(pilot)
        x, y = cell_of(app, "Filler paragraph number 1")
        top = view.scrollable_content_region.y
        assert y > top + 5
        await pilot.mouse_down(offset=(x + 7, y))
        await pilot.hover(offset=(x + 3, top - 1))  # into the search bar, above the article
        shown_from = view.top_offset
        span = view.selected_span()
        assert span is not None
        assert shown_from - 80 <= span[0] <= shown_from + 80, (span, shown_from)
        # Held there, the article scrolls up and the selection with it.
        scrolled_from = view.scroll_y
        assert await wait_until(pilot, lambda: view.scroll_y < scrolled_from - 2)
        await pilot.mouse_up(offset=(x + 3, top - 1))
        span = view.selected_span()
        assert span is not None and span[0] < shown_from - 80
        assert abs(span[0] - view.top_offset) <= 80, (span, view.top_offset)
        # Let go, it stops.
        await settle(pilot)
        stopped_at = view.scroll_y
        await pilot.pause(0.3)
        assert view.scroll_y == stopped_at
        assert selected(view).endswith("Filler p")  # to the cell the drag began on


async def test_a_drag_down_past_the_article_selects_to_its_last_row_and_scrolls_it(tmp_path):
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(200))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_mixed(pilot)
        view.scroll_to(y=40, animate=False)
        await settle(pilot)
        x, y = cell_of(app, "Filler paragraph number")
        below = view.scrollable_content_region.bottom
        await pilot.mouse_down(offset=(x, y))
        await pilot.hover(offset=(x + 3, below))  # onto the status line, under the article
        span = view.selected_span()
        assert span is not None and span[1] < len(view.article.text) // 2, span
        scrolled_from = view.scroll_y
        assert await wait_until(pilot, lambda: view.scroll_y > scrolled_from + 2)
        await pilot.mouse_up(offset=(x + 3, below))
        await settle(pilot)
        last = view._layout.offset_at(
            round(view.scroll_y) + view.scrollable_content_region.height - 1, 0
        )
        span = view.selected_span()
        assert span is not None and abs(span[1] - last) <= 80, (span, last)


async def test_a_drag_held_over_the_key_bar_scrolls_the_article_with_no_tooltip(tmp_path):
    """The key bar, the last row, is below the article as the status line is: held there,
    the article scrolls and the selection follows; no key's tooltip covers the article."""
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(200))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(80, 24), tooltips=True) as pilot:
        view = await open_mixed(pilot)
        view.scroll_to(y=40, animate=False)
        await settle(pilot)
        x = view.scrollable_content_region.x + 5
        await pilot.mouse_down(offset=(x, 10))
        await pilot.hover(offset=(x, 20))
        bar_row = app.size.height - 1
        assert isinstance(app.screen.get_widget_at(x, bar_row)[0].parent, KeyBar)
        await pilot.hover(offset=(x, bar_row))
        tooltip = app.screen.get_child_by_type(Tooltip)
        # Held there past the time a key's tooltip takes to show, it goes on scrolling.
        await pilot.pause(app.TOOLTIP_DELAY + 0.3)
        assert not tooltip.display
        scrolled_from = view.scroll_y
        assert await wait_until(pilot, lambda: view.scroll_y > scrolled_from + 2, timeout=3)
        await pilot.mouse_up(offset=(x, bar_row))
        await settle(pilot)
        last = view._layout.offset_at(
            round(view.scroll_y) + view.scrollable_content_region.height - 1, 0
        )
        span = view.selected_span()
        assert span is not None and abs(span[1] - last) <= 80, (span, last)
        await pilot.pause(app.TOOLTIP_DELAY + 0.3)
        assert not tooltip.display


async def test_no_tooltip_after_a_drag_over_the_key_bar_however_late_its_release_is_handled(
    tmp_path, monkeypatch
):
    """A busy app may handle the release after a key's tooltip timer has fired (seen in
    CI): the key the pointer came to rest on while the button was held shows no tooltip."""
    from textual import events
    from textual.screen import Screen

    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(200))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    app = ReaderApp(root, config=Config(), config_problems=[])
    post = Screen.post_message

    def late_release(screen, message):
        if isinstance(message, events.TextSelected):  # told long after the release
            screen.set_timer(app.TOOLTIP_DELAY + 0.3, lambda: post(screen, message))
            return True
        return post(screen, message)

    async with app.run_test(size=(80, 24), tooltips=True) as pilot:
        view = await open_mixed(pilot)
        x = view.scrollable_content_region.x + 5
        bar_row = app.size.height - 1
        monkeypatch.setattr(Screen, "post_message", late_release)
        await pilot.mouse_down(offset=(x, 10))
        await pilot.hover(offset=(x, 20))
        await pilot.hover(offset=(x, bar_row))
        await pilot.mouse_up(offset=(x, bar_row))
        tooltip = app.screen.get_child_by_type(Tooltip)
        await pilot.pause(2 * app.TOOLTIP_DELAY + 0.6)
        assert not tooltip.display
        await pilot.hover(offset=(x + 1, bar_row))  # moved again, the button up: shown
        assert await wait_until(pilot, lambda: tooltip.display, timeout=3)


async def _scrolling_down_past_the_article(pilot, view: ArticleView) -> tuple[int, int]:
    """A drag held under the article, the article scrolling; where the pointer is."""
    view.scroll_to(y=40, animate=False)
    await settle(pilot)
    x, y = cell_of(pilot.app, "Filler paragraph number")
    below = (x + 3, view.scrollable_content_region.bottom)
    await pilot.mouse_down(offset=(x, y))
    await pilot.hover(offset=below)
    scrolled_from = view.scroll_y
    assert await wait_until(pilot, lambda: view.scroll_y > scrolled_from + 2)
    return below


async def _stays_still(pilot, view: ArticleView) -> bool:
    await settle(pilot)
    stopped_at = view.scroll_y
    await pilot.pause(0.3)
    return view.scroll_y == stopped_at


def _long_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "Mixed").mkdir(parents=True)
    filler = "".join(f"Filler paragraph number {n} of the long article.\n\n" for n in range(200))
    (root / "Mixed" / "mixed.txt").write_text(MIXED + filler)
    return root


async def test_a_dialog_opened_during_a_drag_past_the_article_stops_its_scrolling(tmp_path):
    """The release then goes to the dialog, never to the article's screen: the article
    does not scroll on behind the dialog."""
    from reader.tui.screens.discard import DiscardScreen

    app = ReaderApp(_long_library(tmp_path), config=Config(), config_problems=[])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_mixed(pilot)
        below = await _scrolling_down_past_the_article(pilot, view)
        app.push_screen(DiscardScreen())
        await pilot.mouse_up(offset=below)
        assert await _stays_still(pilot, view)
        app.pop_screen()
        assert await _stays_still(pilot, view)


async def test_a_drag_past_the_article_whose_release_is_lost_stops_scrolling(tmp_path):
    """The window left for another mid-drag, the terminal never tells of the release: the
    article does not scroll on by itself."""
    from textual import events

    app = ReaderApp(_long_library(tmp_path), config=Config(), config_problems=[])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_mixed(pilot)
        await _scrolling_down_past_the_article(pilot, view)
        app.post_message(events.AppBlur())
        assert await _stays_still(pilot, view)
