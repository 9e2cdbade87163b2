"""The app on a terminal asked for no colour (NO_COLOR) or without colours (TERM=dumb):
every screen draws, notes included."""

from __future__ import annotations

import pytest

from reader.session import Session
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.review import ReviewScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle, wait_until


def note_an_article(library) -> None:
    session = Session(library)
    session.update_index()
    article = session.article(AFP_ID)
    for quote, color in (("Mark Rutte", "yellow"), ("Palm Beach", "blue")):
        at = article.text.index(quote)
        session.annotations.add(article, at, at + len(quote), note="a note", color=color)
    session.index.close()


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize(
    ("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")], ids=["NO_COLOR", "TERM=dumb"]
)
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_screen_draws_without_colours(
    make_app, library, monkeypatch, name, value, theme
):
    note_an_article(library)
    monkeypatch.setenv(name, value)
    app = make_app(theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")  # the article, its notes on it
        await settle(pilot)
        assert "Mark Rutte" in screen_text(app)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen) and "Palm Beach" in screen_text(app)
        await press_in_turn(pilot, "escape")
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert await wait_until(
            pilot, lambda: any(q in screen_text(app) for q in ("Mark Rutte", "Palm Beach"))
        )
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and "Quit" in screen_text(app)
        await pilot.press("question_mark", "escape", "escape")
        await settle(pilot)
        await press_in_turn(pilot, "R")  # Related
        await settle(pilot)
        assert "NATO" in screen_text(app)
