"""Notes read on a terminal of 8 or 16 colours (TERM=xterm), in a dark and a light theme."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem

from reader.session import Session
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
