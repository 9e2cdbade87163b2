"""Notes and Compare read on a terminal of 8 or 16 colours (TERM=xterm), in a dark and a
light theme."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style

from reader.session import Session
from reader.tui.article.colors import compare_styles, highlight_style
from reader.tui.screens.compare import CompareScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle
from tests.tui.theme_contrast import cells, luminance

# The colours an xterm shows for the 16 ANSI colours (its defaults).
XTERM = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]  # fmt: skip
QUOTES = {
    "yellow": "Mark Rutte",
    "green": "Donald Trump",
    "blue": "Florida",
    "pink": "Palm Beach",
    "purple": "Farah Dakhlallah",
    "orange": "spokeswoman",
}


def on_xterm(color: Color) -> Color:
    """`color` as an xterm in 16 colours shows it."""
    number = color.downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return Color.parse(XTERM[number])


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_notes_read_in_their_own_colours_on_a_terminal_of_few_colours(
    make_app, library, monkeypatch, theme
):
    session = Session(library)
    session.update_index()
    article = session.article(AFP_ID)
    for color, quote in QUOTES.items():
        at = article.text.index(quote)
        session.annotations.add(article, at, at + len(quote), color=color)
    session.index.close()
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app(theme=theme)
    assert app.console.color_system == "standard"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        strips = app.screen._compositor.render_strips()
        page = on_xterm(app.screen.styles.background.rich_color)
        backgrounds = set()
        for color, quote in QUOTES.items():
            shown = cells(strips, quote.split()[0])
            assert shown, f"{quote} is not on screen"
            for _, style in shown:
                text, ground = on_xterm(style.color), on_xterm(style.bgcolor)
                lighter, darker = sorted((luminance(text), luminance(ground)), reverse=True)
                assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (color, style)
                assert ground != page, f"a {color} note does not show on the page"
                backgrounds.add((color, ground.triplet))
        # Each colour a colour of its own.
        assert len({ground for _, ground in backgrounds}) == len(QUOTES)


def readable_on_xterm(style) -> bool:
    text, ground = on_xterm(style.color), on_xterm(style.bgcolor)
    lighter, darker = sorted((luminance(text), luminance(ground)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05) >= 4.5


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_compare_tells_shared_passages_from_one_sides_own_on_a_terminal_of_few_colours(
    make_app, monkeypatch, theme
):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app(theme=theme)
    assert app.console.color_system == "standard"
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        left = screen.left
        shared, own = screen.comparison.pairs[0].a, screen.comparison.only_a[0]
        strips = [left.render_line(row) for row in range(left.size.height)]
        page = on_xterm(left.rich_style.bgcolor)

        def grounds(span) -> set:
            """The backdrops under the passage's first line, as an xterm shows them."""
            shown = set()
            for strip in strips:
                if "▌" in strip.text:
                    continue  # the reading cursor's row, in a band of its own
                for segment in strip:
                    at = (segment.style.meta or {}).get("offset")
                    if segment.text.strip() and at is not None:
                        line = left._layout.line(at[1])
                        if line.is_text and span.start <= line.start < span.end:
                            assert readable_on_xterm(segment.style), segment
                            shown.add(on_xterm(segment.style.bgcolor).triplet)
            return shown

        both, only = grounds(shared), grounds(own)
        assert both and only, "both kinds of passage are on screen"
        assert page.triplet not in both | only, "a passage does not show on the page"
        assert not both & only, f"shared {both} and one side's own {only} look the same"
        # The legend shows each on the colour that marks it.
        quotes = screen.query_one("#compare-quotes")
        legend = quotes.render().at(quotes.content_size.width).split("\n")[0]  # (made to fit)
        tints = {
            legend.plain[s.start : s.end].strip(): Style.parse(str(s.style)) for s in legend.spans
        }
        told_by_both = next(style for words, style in tints.items() if "told by both" in words)
        only_in = next(style for words, style in tints.items() if "only in" in words)
        assert on_xterm(told_by_both.bgcolor).triplet in both
        assert on_xterm(only_in.bgcolor).triplet in only


@pytest.mark.parametrize("dark", [True, False])
def test_no_note_colour_is_a_compare_tint_on_a_terminal_of_few_colours(dark):
    tints = {on_xterm(s.bgcolor) for s in compare_styles(dark, "standard")}
    notes = {on_xterm(highlight_style(color, dark, "standard").bgcolor) for color in QUOTES}
    assert len(tints) == 2 and not tints & notes
