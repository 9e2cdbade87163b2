"""Related coverage and the compare view, driven by keys."""

from __future__ import annotations

import re

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style

from reader.tui.article.colors import COMPARE_OWN, COMPARE_SHARED, note_colors
from reader.tui.article.view import ArticleView
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.long_article import long_article_text
from tests.tui.conftest import press_in_turn, settle, wait_until


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
        await press_in_turn(pilot, "R")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)
        assert [r.id for r in app.screen.related] == [OTHER_ID]
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == OTHER_ID


async def test_compare_view_aligns_shared_facts_and_scrolls_together(make_app):
    app = make_app()
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
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
        await press_in_turn(pilot, "G")
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
        await press_in_turn(pilot, "c")
        await settle(pilot)
        screen = app.screen
        screen.right.focus()
        await press_in_turn(pilot, "V", "H")
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
        await press_in_turn(pilot, "o")
        await settle(pilot)
        panel = str(app.screen.query_one("#compare-quotes").render())
        assert f"of the left article's {len(comparison.b.text):,} characters" in panel


def _backgrounds(strips, word: str, system) -> set:
    """The backgrounds of `word` on the left side of the screen."""
    return {
        segment.style.bgcolor.downgrade(system).get_truecolor()  # the colour shown
        for strip in strips
        for segment in strip.crop(0, strip.cell_length // 2)
        if word in segment.text and segment.style and segment.style.bgcolor
    }


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_green_note_shows_on_a_passage_both_sources_tell(make_app, library, theme):
    from reader.session import Session

    session = Session(library)
    session.update_index()
    afp = session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    session.annotations.add(afp, at, at + len("Palm Beach"), color="green")
    session.index.close()
    app = make_app(theme=theme)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        strips = app.screen._compositor.render_strips()
        for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
            note = _backgrounds(strips, "Palm Beach", system)
            passage = _backgrounds(strips, "Dakhlallah", system)
            assert note and passage and not note & passage, (system, note, passage)


@pytest.mark.parametrize("dark", [True, False])
def test_no_note_colour_is_a_compare_tint(dark):
    tints = {"both": COMPARE_SHARED[dark], "only one side": COMPARE_OWN[dark]}
    for name, note in note_colors(dark).items():
        for meaning, tint in tints.items():
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                shown = [Color.parse(c).downgrade(system).get_truecolor() for c in (note, tint)]
                assert shown[0] != shown[1], f"a {name} note on '{meaning}' in {system.name}"


async def test_compare_header_says_which_tint_means_what(make_app):
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        quotes = app.screen.query_one("#compare-quotes")
        panel = quotes.render().at(quotes.content_size.width)  # (made to fit)
        first = panel.split("\n")[0]
        dark = app.current_theme.dark
        tinted = {
            first.plain[span.start : span.end]: Style.parse(str(span.style)).bgcolor
            for span in first.spans
        }
        legend = {text: bg.get_truecolor() for text, bg in tinted.items() if bg}
        shared = Color.parse(COMPARE_SHARED[dark]).get_truecolor()
        own = Color.parse(COMPARE_OWN[dark]).get_truecolor()
        assert any("told by both" in t and bg == shared for t, bg in legend.items())
        assert any("only in AFP" in t and bg == own for t, bg in legend.items())
        assert any("only in Unattributed" in t for t in legend)


async def test_escape_from_compare_opened_from_related_goes_back_to_related(make_app):
    from reader.tui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "R")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)  # the screen under it
        await press_in_turn(pilot, "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_q_in_compare_opened_from_related_goes_back_to_the_library(make_app):
    from reader.tui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "R")
        await settle(pilot)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await press_in_turn(pilot, "q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        assert app.is_running


async def test_two_articles_of_one_source_are_told_apart_by_their_titles(make_app, library):
    (library / OTHER_ID).rename(library / "AFP" / "nato-chief-meets-trump.txt")
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one(SourceList).focus()
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        c = app.screen.comparison
        assert c.a.source == c.b.source == "AFP"
        legend = str(app.screen.query_one("#compare-quotes").render()).split("\n")[0]
        left, right = (part.split(" only in ")[1].strip() for part in legend.split(" · ")[1:])
        assert left != right, legend
        assert c.a.title.startswith(left.rstrip("…")) and c.b.title.startswith(right.rstrip("…"))


def test_sides_of_one_source_and_one_title_are_left_and_right():
    from dataclasses import replace

    from reader.related.compare import Comparison
    from reader.session import Session
    from tests.conftest import BUNDLED

    session = Session(BUNDLED)
    session.update_index()
    a, b = session.article(AFP_ID), session.article(OTHER_ID)
    session.index.close()
    assert Comparison(a, b, [], [], [], []).side_names() == (a.source, b.source)
    same = replace(b, source=a.source, title=a.title)
    assert Comparison(a, same, [], [], [], []).side_names() == ("left", "right")
    long_titles = Comparison(a, replace(b, source=a.source), [], [], [], []).side_names(12)
    assert all(len(name) <= 12 for name in long_titles) and long_titles[0] != long_titles[1]


async def test_j_k_g_and_G_move_in_the_related_list_and_c_compares_the_one_picked(
    make_app, library
):
    (library / "Wire").mkdir()
    (library / "Wire" / "nato-copy.txt").write_text((library / OTHER_ID).read_text())
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(SourceList).focus()
        await press_in_turn(pilot, "enter", "R")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        listed = [r.id for r in app.screen.related]
        assert len(listed) == 2, listed
        picks = app.screen.query_one("#related-list")
        await press_in_turn(pilot, "j")
        assert picks.highlighted == 1
        await press_in_turn(pilot, "k")
        assert picks.highlighted == 0
        await press_in_turn(pilot, "G")
        assert picks.highlighted == 1
        await press_in_turn(pilot, "g", "G", "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        assert app.screen.comparison.b.id == listed[1]


async def test_the_also_told_by_line_goes_once_the_other_telling_is_removed(make_app, library):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == AFP_ID
        assert any("Also told by 1 other source" in line for line in view.plain_lines()[:5])
        (library / OTHER_ID).unlink()
        sources = app.screen.query_one(SourceList)
        assert await wait_until(pilot, lambda: OTHER_ID not in sources.story_sources)
        await settle(pilot)
        assert not any("Also told by" in line for line in view.plain_lines()[:5])


async def test_copies_of_one_source_and_one_title_are_told_apart_by_their_file_names(
    make_app, library
):
    copy = "AFP/nato-copy.txt"
    (library / copy).write_text((library / AFP_ID).read_text())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(SourceList).focus()
        await press_in_turn(pilot, "enter", "R")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        picks = app.screen.query_one("#related-list")
        prompts = {
            picks.get_option_at_index(i).id: str(picks.get_option_at_index(i).prompt)
            for i in range(picks.option_count)
        }
        opened = app.main.article.id
        other_copy = copy if opened == AFP_ID else AFP_ID
        assert other_copy.split("/")[1] in prompts[other_copy], prompts
        assert "nato-chief-meets-trump" not in prompts[OTHER_ID]  # its title tells it apart
        picks.highlighted = list(prompts).index(other_copy)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        headers = [str(w.render()) for w in app.screen.query(".compare-title")]
        assert headers[0] != headers[1], headers
        assert opened.split("/")[1] in headers[0] and other_copy.split("/")[1] in headers[1]


async def test_the_compare_key_bar_shows_sync_and_swap_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        bar = app.screen._compositor.render_strips()[-1].text
        assert "s Sync" in bar and "o Swap" in bar and "esc Back" in bar, bar


def _quotations_shown_or_counted(screen) -> int:
    """How many quotations are on screen, once each of the others is seen counted."""
    quotes = screen.comparison.quotes
    assert len(quotes) == 5
    rows = [strip.text for strip in screen._compositor.render_strips()]
    legend = next(n for n, row in enumerate(rows) if "told by both" in row)
    panel = rows[legend + 1 : -1]  # down to the key bar
    shown = sum(row.lstrip().startswith("“") for row in panel)
    more = re.search(r"(\d+) (more )?quotations?\b", "\n".join(panel))
    # Every quotation is either on screen, whole on its row, or counted.
    assert shown + (int(more.group(1)) if more else 0) == len(quotes), panel
    assert all(row.rstrip().endswith(("— AFP", "Unattributed")) for row in panel if "“" in row)
    return shown


@pytest.mark.parametrize(("size", "then"), [((80, 24), (80, 20)), ((80, 20), (80, 24))])
async def test_quotations_that_do_not_fit_a_small_window_are_counted(make_app, size, then):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        _quotations_shown_or_counted(app.screen)
        await pilot.resize_terminal(*then)
        await settle(pilot)
        _quotations_shown_or_counted(app.screen)


@pytest.mark.parametrize("size", [(80, 23), (60, 22), (60, 18), (40, 22), (40, 20)])
async def test_a_short_window_shows_the_quotations_that_fit_and_counts_the_rest(make_app, size):
    """Also where the legend wraps onto a second row: it does not take the quotations' room."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        assert _quotations_shown_or_counted(app.screen) >= 1


async def test_swapping_the_sides_swaps_who_carries_each_quotation(make_app, library):
    from tests.related.conftest import HARBOR_ID, STORIES

    (library / HARBOR_ID).parent.mkdir()
    (library / HARBOR_ID).write_text((STORIES / HARBOR_ID).read_text())
    app = make_app(library)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        main.open_article(AFP_ID)
        await settle(pilot)
        main.compare_with(HARBOR_ID)
        assert await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        await settle(pilot)
        panel = str(app.screen.query_one("#compare-quotes").render())
        assert "— AFP & Harbor Wire" in panel, panel
        await press_in_turn(pilot, "o")
        await settle(pilot)
        panel = str(app.screen.query_one("#compare-quotes").render())
        assert app.screen.comparison.a.id == HARBOR_ID
        assert "— Harbor Wire & AFP" in panel, panel
        assert "— AFP & Harbor Wire" not in panel


async def test_the_related_dialog_left_open_drops_an_article_removed_meanwhile(make_app, library):
    copy = "Wire/nato-copy.txt"
    (library / "Wire").mkdir()
    (library / copy).write_text((library / OTHER_ID).read_text())
    app = make_app(library)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        app.screen.open_article(AFP_ID)
        await settle(pilot)
        await press_in_turn(pilot, "R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RelatedScreen)
        picks = dialog.query_one("#related-list")
        listed = [picks.get_option_at_index(i).id for i in range(picks.option_count)]
        assert sorted(listed) == sorted([OTHER_ID, copy])
        kept = next(i for i in listed if i != copy)

        (library / copy).unlink()
        assert await wait_until(pilot, lambda: picks.option_count == 1, timeout=15)
        assert app.screen is dialog
        assert picks.get_option_at_index(0).id == kept and picks.highlighted == 0

        (library / OTHER_ID).unlink()  # no other telling left: the dialog says so and goes
        assert await wait_until(pilot, lambda: app.screen is app.main, timeout=15)
        messages = [str(n.message) for n in app._notifications]
        assert "No other source tells this story now." in messages
